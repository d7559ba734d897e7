#include "render/theme.h"

#include <regex>
#include <set>

#include "base/fs.h"
#include "base/text.h"

namespace minhbach {

namespace fs = std::filesystem;
using kainjow::mustache::data;

// kainjow's set() and push_back() take their value by const reference and
// copy it, so building a tree with them copies every subtree once per level
// above it (most of this function's cost, and 13% of a build). Children are
// moved into place instead: objects through operator[] (a mutable slot),
// lists by appending a cheap placeholder and moving into it -- the list is
// ours and not const, only kainjow's accessor is.
data ToMustache(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: return data(false);
    case Value::Type::kBool: return data(v.as_bool());
    case Value::Type::kNumber: return data(FormatJsonNumber(v.as_number()));
    case Value::Type::kString: return data(v.as_string());
    case Value::Type::kArray: {
      data list = data::type::list;
      for (const auto& item : v.as_array()) {
        list.push_back(data(false));
        const_cast<data&>(list.list_value().back()) = ToMustache(item);
      }
      return list;
    }
    case Value::Type::kObject: {
      data obj = data::type::object;
      for (const auto& [k, val] : v.as_object()) obj[k] = ToMustache(val);
      return obj;
    }
  }
  return data(false);
}

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
    theme.layouts_.emplace(name, std::move(c));
  }
  return theme;
}

Result<std::string> Theme::RenderData(const std::string& layout, const kainjow::mustache::data& d) {
  auto it = layouts_.find(layout);
  if (it == layouts_.end()) {
    return Status::Error("unknown template '" + layout + "': expected layouts/" + layout + ".mustache in the theme");
  }
  // Appended to one string: kainjow's own render(d) goes through an
  // ostringstream, a copy more per page.
  std::string out;
  out.reserve(16 << 10);
  it->second.tmpl.render(d, [&out](const std::string& piece) { out += piece; });
  if (!it->second.tmpl.is_valid()) {
    return Status::At(it->second.file, 0, "template error: " + it->second.tmpl.error_message());
  }
  return out;
}

Result<std::string> Theme::RenderLayout(const std::string& layout, const Value& value) {
  return RenderData(layout, ToMustache(value));
}

Result<std::string> Theme::RenderPage(const std::string& layout, const Value& value) {
  // Convert once; the body is added to the same data for the base layout.
  kainjow::mustache::data d = ToMustache(value);
  auto body = RenderData(layout, d);
  if (!body.ok()) return body.status();
  d.set("content", std::move(body.value()));
  return RenderData("base", d);
}

}  // namespace minhbach
