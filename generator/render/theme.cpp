#include "render/theme.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <regex>
#include <string_view>
#include <vector>

#include "base/fs.h"
#include "base/text.h"

namespace minhbach {

namespace fs = std::filesystem;
using kainjow::mustache::data;

// A map from pointers to pointers for one render: open addressing in a
// table that is kept from render to render and emptied in O(1) (a slot
// belongs to the current render when it carries its generation). A page
// converts about two hundred values; std::unordered_map allocated a node
// for each and freed them all after every page.
template <typename K, typename V>
class Theme::PointerMap {
 public:
  // The value slot of `key` (V(), a null pointer, when new), to be set by
  // the caller.
  V* Insert(K key) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    Slot& s = slots_[Probe(key)];
    if (s.gen != gen_) {
      s = Slot{key, V(), gen_};
      ++size_;
    }
    return &s.value;
  }
  V Find(K key) const {
    if (slots_.empty()) return V();
    const Slot& s = slots_[Probe(key)];
    return s.gen == gen_ ? s.value : V();
  }
  void Clear() {
    size_ = 0;
    if (++gen_ == 0) {  // after 2^32 renders: make every slot stale again
      for (Slot& s : slots_) s.gen = 0;
      gen_ = 1;
    }
  }

 private:
  struct Slot {
    K key;
    V value;
    std::uint32_t gen;
  };
  // The slot holding `key`, or the free one where it would go.
  std::size_t Probe(K key) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t at = (reinterpret_cast<std::uintptr_t>(key) >> 4) * 0x9E3779B97F4A7C15ull >> 20 & mask;
    while (slots_[at].gen == gen_ && slots_[at].key != key) at = (at + 1) & mask;
    return at;
  }
  void Grow() {
    std::vector<Slot> old(std::max<std::size_t>(256, slots_.size() * 2), Slot{K(), V(), 0});
    old.swap(slots_);
    const std::uint32_t live = gen_;
    gen_ = 1;
    size_ = 0;
    for (const Slot& s : old) {
      if (s.gen == live) *Insert(s.key) = s.value;
    }
  }
  std::vector<Slot> slots_;
  std::uint32_t gen_ = 1;
  std::size_t size_ = 0;
};

// What renders convert, kept by each worker's Theme from page to page: the
// kainjow values (a string keeps its buffer for the next page's string at
// the same place in the order of lookups, which pages of one layout share)
// and the maps. One for a layout, one for the base layout, so that each
// sees the same order page after page.
struct Theme::Scratch {
  std::deque<data> made;
  std::size_t used = 0;
  PointerMap<const Value*, const data*> converted;
  PointerMap<const data*, const Value*> stands_for;
};

Theme::ScratchHolder::ScratchHolder() = default;
Theme::ScratchHolder::~ScratchHolder() = default;
Theme::ScratchHolder::ScratchHolder(const ScratchHolder&) {}
Theme::ScratchHolder& Theme::ScratchHolder::operator=(const ScratchHolder&) { return *this; }
Theme::Scratch* Theme::ScratchHolder::get() {
  if (!scratch) scratch = std::make_unique<Scratch>();
  return scratch.get();
}

// Templates read the page's Value tree where it is, through a kainjow
// context, instead of a kainjow copy of the whole tree: converting every page
// tree up front (and destroying the copy) was a fifth of a full build's
// instructions, while a template reads only some of a page's fields. What a
// template looks up is converted when it is looked up, once per render:
// strings, booleans and numbers (as JSON numbers) become kainjow values; an
// object becomes a kainjow `true` that stands for it (pushing it when a
// section opens makes its Value the innermost frame); an array becomes a
// kainjow list of such stand-ins. null, false, "" and [] make a section not
// render.
class Theme::ValueContext final : public kainjow::mustache::basic_context<std::string> {
 public:
  // `overlay`, when given, is looked up before the root object (the base
  // layout's `content`). What the render converts lives in `scratch` until
  // the next render that uses it.
  ValueContext(const Value* root, const data* overlay, Scratch* scratch) : s_(*scratch) {
    s_.used = 0;
    s_.converted.Clear();
    s_.stands_for.Clear();
    frames_.push_back({root, nullptr});
    if (overlay) frames_.push_back({nullptr, overlay});
  }

  void push(const data* d) override { frames_.push_back({s_.stands_for.Find(d), d}); }
  void pop() override { frames_.pop_back(); }

  // "x" or "x.y": the innermost frame where the whole path resolves.
  const data* get(const std::string& name) const override {
    if (name.size() == 1 && name[0] == '.') {
      const Frame& top = frames_.back();
      return top.kd ? top.kd : Convert(top.value);
    }
    for (auto f = frames_.rbegin(); f != frames_.rend(); ++f) {
      // An object's frame is looked up in its Value, others in kainjow's data.
      const Value* v = f->value;
      const data* d = v ? nullptr : f->kd;
      for (std::size_t at = 0; (v || d) && at <= name.size();) {
        std::size_t dot = name.find('.', at);
        if (dot == std::string::npos) dot = name.size();
        const std::string_view part(name.data() + at, dot - at);
        if (v) {
          v = v->Get(part);
        } else {
          d = d->get(std::string(part));
        }
        at = dot + 1;
      }
      if (v) return Convert(v);
      if (d) return d;
    }
    return nullptr;
  }
  // Partials are inlined when the theme loads.
  const data* get_partial(const std::string&) const override { return nullptr; }

 private:
  struct Frame {
    const Value* value;  // an object's frame: looked up in the Value
    const data* kd;      // otherwise: a kainjow value (a scalar section, the overlay)
  };

  // The kainjow value for `v`, made on first use; its address is stable
  // for the whole render (kainjow keeps pointers to it).
  const data* Convert(const Value* v) const {
    const data** slot = s_.converted.Insert(v);
    if (*slot == nullptr) {
      if (s_.used == s_.made.size()) s_.made.emplace_back(false);
      data* d = &s_.made[s_.used++];
      Fill(d, *v);
      *slot = d;
    }
    return *slot;
  }
  // Makes *d the kainjow value of `v`, reusing what *d holds where the type
  // matches, and records the stand-ins it makes.
  void Fill(data* d, const Value& v) const {
    switch (v.type()) {
      case Value::Type::kNull: SetBool(d, false); return;
      case Value::Type::kBool: SetBool(d, v.as_bool()); return;
      case Value::Type::kNumber: SetString(d, FormatJsonNumber(v.as_number())); return;
      // Empty text does not open a section: "{{#note}}Ghi chú: {{note}}{{/note}}"
      // (kainjow would open it for "").
      case Value::Type::kString:
        if (v.as_string().empty()) {
          SetBool(d, false);
        } else {
          SetString(d, v.as_string());
        }
        return;
      // A stand-in only needs to open a section once (pushing it pushes
      // its Value); `true` does that without the empty map an object
      // would allocate, and prints nothing as {{.}}, as an object does.
      case Value::Type::kObject:
        SetBool(d, true);
        *s_.stands_for.Insert(d) = &v;
        return;
      case Value::Type::kArray: {
        if (!d->is_list()) *d = data(data::type::list);
        // The list is ours; only kainjow's accessor is const. Its items
        // are filled in place (growing it moves them; none is recorded
        // until it has its place).
        auto& list = const_cast<kainjow::mustache::basic_list<std::string>&>(d->list_value());
        const Value::Array& items = v.as_array();
        if (list.size() > items.size()) list.erase(list.begin() + static_cast<std::ptrdiff_t>(items.size()), list.end());
        while (list.size() < items.size()) list.push_back(data(false));
        for (std::size_t i = 0; i < items.size(); ++i) Fill(&list[i], items[i]);
        return;
      }
    }
  }
  static void SetBool(data* d, bool b) {
    if (b ? !d->is_true() : !d->is_false()) *d = data(b);
  }
  static void SetString(data* d, const std::string& s) {
    if (d->is_string()) {
      const_cast<std::string&>(d->string_value()).assign(s);
    } else {
      *d = data(s);
    }
  }

  Scratch& s_;
  std::vector<Frame> frames_;
};

namespace {

int LineAt(const std::string& text, std::size_t offset) {
  int line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') ++line;
  }
  return line;
}

// kainjow errors end in "at <byte offset>"; turn that into a line.
Status MustacheError(const std::string& file, const std::string& text, const std::string& message) {
  static const std::regex kAt(" at ([0-9]+)$");
  std::smatch m;
  int line = 0;
  if (std::regex_search(message, m, kAt)) line = LineAt(text, std::stoul(m[1]));
  return Status::At(file, line, "template syntax error: " + message +
                                    " (every {{#section}} needs its {{/section}}, every {{ needs }})");
}

Status CheckUnescaped(const std::string& file, const std::string& text) {
  static const std::regex kRaw(R"(\{\{\{\s*([^}\s]+)\s*\}\}\}|\{\{&\s*([^}\s]+)\s*\}\})");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kRaw); it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
    if (name == "content" || EndsWith(name, "_html")) continue;
    return Status::At(file, LineAt(text, static_cast<std::size_t>(it->position())),
                      "{{{" + name + "}}} would print '" + name +
                          "' without escaping; only fields named content or ending in _html hold "
                          "trusted markup: write {{" + name + "}}");
  }
  return Status::Ok();
}

struct Source {
  std::string file;
  std::string text;
};

void ReadDir(const fs::path& dir, const fs::path& shown_root, std::map<std::string, Source>* into) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
    (*into)[entry.path().stem().string()] =
        Source{(shown_root / entry.path().filename()).string(), std::string()};
  }
}

// Replaces {{> name}} by the partial's text, recursively (depth-limited so a
// partial that includes itself is an error, not a hang).
Result<std::string> InlinePartials(const std::string& file, const std::string& text,
                                   const std::map<std::string, Source>& partials, int depth) {
  static const std::regex kPartial(R"(\{\{>\s*([A-Za-z0-9_\-]+)\s*\}\})");
  if (depth > 8) return Status::At(file, 0, "partials nest more than 8 deep (does a partial include itself?)");
  std::string out;
  std::size_t last = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kPartial); it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[1].str();
    auto p = partials.find(name);
    if (p == partials.end()) {
      return Status::At(file, LineAt(text, static_cast<std::size_t>(it->position())),
                        "unknown partial '" + name + "': expected partials/" + name + ".mustache in the theme");
    }
    out.append(text, last, static_cast<std::size_t>(it->position()) - last);
    auto inner = InlinePartials(p->second.file, p->second.text, partials, depth + 1);
    if (!inner.ok()) return inner.status();
    out += inner.value();
    last = static_cast<std::size_t>(it->position() + it->length());
  }
  out.append(text, last, std::string::npos);
  return out;
}

}  // namespace

// Cuts base's text at its only {{{content}}} (or {{&content}}) into two
// templates that render, one after the other, exactly what base renders
// with `content` in between: the tag sits alone on its line, no section
// spans it (each part must parse on its own), and the delimiters are the
// default ones. Otherwise returns nothing and base renders whole.
std::vector<Theme::Compiled> Theme::SplitAtContent(const std::string& file, const std::string& text) {
  static const std::regex kContent(R"(\{\{\{\s*content\s*\}\}\}|\{\{&\s*content\s*\}\})");
  std::vector<Compiled> parts;
  if (text.find("{{=") != std::string::npos) return parts;
  auto first = std::sregex_iterator(text.begin(), text.end(), kContent);
  if (first == std::sregex_iterator() || std::next(first) != std::sregex_iterator()) return parts;
  const std::size_t at = static_cast<std::size_t>(first->position());
  const std::size_t end = at + static_cast<std::size_t>(first->length());
  // Alone on its line, so that kainjow's rule for lines holding only
  // section tags and blanks cannot apply to the line the content is on.
  if ((at > 0 && text[at - 1] != '\n') || end >= text.size() || text[end] != '\n') return parts;
  for (const std::string& piece : {text.substr(0, at), text.substr(end)}) {
    Compiled c{file, kainjow::mustache::mustache(piece)};
    if (!c.tmpl.is_valid()) return {};
    c.tmpl.set_custom_escape([](const std::string& s) { return HtmlEscape(s); });
    parts.push_back(std::move(c));
  }
  return parts;
}

Result<Theme> Theme::Load(const fs::path& site_root, const std::string& theme_name) {
  Theme theme;
  fs::path theme_dir = site_root / "themes" / theme_name;
  if (!fs::is_directory(theme_dir / "layouts")) {
    return Status::At("site.yaml", 0, "theme '" + theme_name + "': expected templates in themes/" + theme_name +
                                          "/layouts/");
  }
  theme.assets_dir_ = theme_dir / "assets";

  std::map<std::string, Source> layouts, partials;
  fs::path shown_theme = fs::path("themes") / theme_name;
  ReadDir(theme_dir / "layouts", shown_theme / "layouts", &layouts);
  ReadDir(theme_dir / "partials", shown_theme / "partials", &partials);
  ReadDir(site_root / "layouts", "layouts", &layouts);    // site overrides
  ReadDir(site_root / "partials", "partials", &partials);
  for (auto* group : {&layouts, &partials}) {
    for (auto& [name, src] : *group) {
      auto text = ReadTextFile(site_root / src.file);
      if (!text.ok()) return text.status();
      src.text = std::move(text.value());
      // Validate each file on its own so errors point into that file.
      kainjow::mustache::mustache alone(src.text);
      if (!alone.is_valid()) return MustacheError(src.file, src.text, alone.error_message());
      MB_RETURN_IF_ERROR(CheckUnescaped(src.file, src.text));
    }
  }
  if (!layouts.count("base")) {
    return Status::At((shown_theme / "layouts").string(), 0, "missing base.mustache: every page is wrapped in it");
  }
  for (const auto& [name, src] : layouts) {
    auto full = InlinePartials(src.file, src.text, partials, 0);
    if (!full.ok()) return full.status();
    Compiled c{src.file, kainjow::mustache::mustache(full.value())};
    if (!c.tmpl.is_valid()) return MustacheError(src.file, full.value(), c.tmpl.error_message());
    c.tmpl.set_custom_escape([](const std::string& s) { return HtmlEscape(s); });
    if (name == "base") theme.base_parts_ = SplitAtContent(c.file, full.value());
    theme.layouts_.emplace(name, std::move(c));
  }
  return theme;
}

Status Theme::AppendRender(Compiled* c, ValueContext* ctx, std::string* out) {
  // Appended to one string (kainjow's render to a string goes through an
  // ostringstream, a copy more per page).
  struct Sink {
    std::string* out;
    Sink& operator<<(const std::string& piece) {
      out->append(piece);
      return *this;
    }
  };
  Sink sink{out};
  c->tmpl.render(*ctx, sink);
  if (!c->tmpl.is_valid()) return Status::At(c->file, 0, "template error: " + c->tmpl.error_message());
  return Status::Ok();
}

Result<std::string> Theme::RenderWith(const std::string& layout, ValueContext* ctx) {
  auto it = layouts_.find(layout);
  if (it == layouts_.end()) {
    return Status::Error("unknown template '" + layout + "': expected layouts/" + layout + ".mustache in the theme");
  }
  std::string out;
  out.reserve(16 << 10);
  MB_RETURN_IF_ERROR(AppendRender(&it->second, ctx, &out));
  return out;
}

Result<std::string> Theme::RenderLayout(const std::string& layout, const Value& value) {
  ValueContext ctx(&value, nullptr, body_scratch_.get());
  return RenderWith(layout, &ctx);
}

Result<std::string> Theme::RenderPage(const std::string& layout, const Value& value) {
  ValueContext body_ctx(&value, nullptr, body_scratch_.get());
  auto body = RenderWith(layout, &body_ctx);
  if (!body.ok()) return body.status();
  if (base_parts_.size() == 2) {
    // The same ValueContext serves both parts: what the head converted, the
    // tail finds converted.
    ValueContext base_ctx(&value, nullptr, base_scratch_.get());
    std::string out;
    out.reserve(body.value().size() + (4 << 10));
    MB_RETURN_IF_ERROR(AppendRender(&base_parts_[0], &base_ctx, &out));
    out += body.value();
    MB_RETURN_IF_ERROR(AppendRender(&base_parts_[1], &base_ctx, &out));
    return out;
  }
  // The base layout sees the same data, with `content` = the body.
  kainjow::mustache::data overlay(kainjow::mustache::data::type::object);
  overlay["content"] = kainjow::mustache::data(std::move(body.value()));
  ValueContext base_ctx(&value, &overlay, base_scratch_.get());
  return RenderWith("base", &base_ctx);
}

}  // namespace minhbach
