#include "plugins/sanitize.h"

#include <array>
#include <cstring>
#include <vector>

#include "base/text.h"

namespace minhbach {

namespace {

struct ElementSpec {
  std::string_view name;  // canonical spelling, written to the output
  bool svg;               // SVG elements may be written self-closed ("<rect/>")
};

constexpr std::array<ElementSpec, 29> kElements = {{
    {"svg", true},      {"g", true},         {"path", true},     {"line", true},    {"polyline", true},
    {"polygon", true},  {"rect", true},      {"circle", true},   {"text", true},    {"tspan", true},
    {"title", true},    {"desc", true},      {"table", false},   {"caption", false}, {"thead", false},
    {"tbody", false},   {"tr", false},       {"th", false},      {"td", false},     {"figure", false},
    {"figcaption", false}, {"p", false},     {"span", false},    {"strong", false}, {"em", false},
    {"ul", false},      {"li", false},       {"div", false},     {"tfoot", false},
}};

constexpr std::array<std::string_view, 37> kAttributes = {{
    "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "d", "points", "fill",
    "stroke", "stroke-width", "stroke-dasharray", "text-anchor", "font-size", "class", "role", "aria-label",
    "aria-labelledby", "id", "transform", "scope", "colspan", "rowspan", "xmlns", "focusable",
    "dominant-baseline", "font-weight", "opacity", "fill-opacity", "stroke-linecap", "aria-hidden",
}};

// Elements dropped together with everything inside them: their content is
// code, style or foreign markup rather than text.
constexpr std::array<std::string_view, 16> kDropWithContent = {{
    "script", "style", "foreignobject", "iframe", "object", "embed", "template", "noscript", "textarea",
    "xmp", "noembed", "noframes", "plaintext", "frameset", "applet", "select",
}};

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// Case-insensitive lookup of a name among `names` (at most 64): a chart
// has a few thousand tags and attributes, and comparing each with every
// allowed name was a fifth of sanitizing. Names are hashed in lower case
// into a table of twice as many slots; the slot holds the name's index.
class NameTable {
 public:
  template <std::size_t N>
  explicit NameTable(const std::array<std::string_view, N>& names) : names_(names.data()) {
    static_assert(N <= kSlots / 2, "the table would fill up");
    slots_.fill(-1);
    for (std::size_t k = 0; k < N; ++k) {
      std::size_t at = Hash(names[k]) % kSlots;
      while (slots_[at] >= 0) at = (at + 1) % kSlots;
      slots_[at] = static_cast<int>(k);
    }
  }
  // The index of `name` in the names, or -1.
  int Find(std::string_view name) const {
    for (std::size_t at = Hash(name) % kSlots; slots_[at] >= 0; at = (at + 1) % kSlots) {
      if (EqualsIgnoreCase(name, names_[slots_[at]])) return slots_[at];
    }
    return -1;
  }

 private:
  static constexpr std::size_t kSlots = 128;
  static std::size_t Hash(std::string_view s) {
    std::size_t h = s.size();
    // c | 0x20 lowers letters; other bytes only need to hash alike in
    // both spellings of a name, which they do.
    for (char c : s) h = h * 31 + (static_cast<unsigned char>(c) | 0x20u);
    return h;
  }
  const std::string_view* names_;
  std::array<int, kSlots> slots_;
};

template <std::size_t N>
std::array<std::string_view, N> ElementNames() {
  std::array<std::string_view, N> names;
  for (std::size_t k = 0; k < N; ++k) names[k] = kElements[k].name;
  return names;
}

const ElementSpec* FindElement(std::string_view name) {
  static const auto kNames = ElementNames<kElements.size()>();
  static const NameTable kTable(kNames);
  const int k = kTable.Find(name);
  return k < 0 ? nullptr : &kElements[static_cast<std::size_t>(k)];
}

const std::string_view* FindAttribute(std::string_view name) {
  static const NameTable kTable(kAttributes);
  const int k = kTable.Find(name);
  return k < 0 ? nullptr : &kAttributes[static_cast<std::size_t>(k)];
}

bool IsDropWithContent(std::string_view name) {
  static const NameTable kTable(kDropWithContent);
  return kTable.Find(name) >= 0;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsNameChar(char c) {
  return IsNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' || c == '.';
}

// Decodes the character references browsers would decode in text and
// attribute values (&amp; &lt; &#106; &#x6A; ...). Unknown named references
// stay as written (their "&" is escaped on output).
std::string DecodeEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out.push_back(s[i++]);
      continue;
    }
    std::size_t semi = s.find(';', i + 1);
    if (i + 1 < s.size() && s[i + 1] == '#') {
      // Numeric; the ';' is optional in HTML, so decode the digits either way.
      std::size_t j = i + 2;
      bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
      if (hex) ++j;
      std::size_t digits_start = j;
      unsigned long code = 0;
      while (j < s.size()) {
        char c = s[j];
        int d = -1;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
        if (d < 0) break;
        if (code < 0x110000) code = code * (hex ? 16 : 10) + static_cast<unsigned long>(d);
        ++j;
      }
      if (j == digits_start) {
        out.push_back(s[i++]);
        continue;
      }
      if (j < s.size() && s[j] == ';') ++j;
      if (code == 0 || code >= 0x110000 || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;
      AppendUtf8(&out, static_cast<char32_t>(code));
      i = j;
      continue;
    }
    if (semi != std::string_view::npos && semi - i <= 8) {
      std::string_view name = s.substr(i + 1, semi - i - 1);
      const char* rep = nullptr;
      if (name == "amp") rep = "&";
      else if (name == "lt") rep = "<";
      else if (name == "gt") rep = ">";
      else if (name == "quot") rep = "\"";
      else if (name == "apos") rep = "'";
      else if (name == "nbsp") rep = "\xC2\xA0";
      if (rep != nullptr) {
        out += rep;
        i = semi + 1;
        continue;
      }
    }
    out.push_back(s[i++]);
  }
  return out;
}

// True when a decoded attribute value could run code or load something: a
// script or data URL anywhere (after dropping blanks and control characters,
// which browsers ignore inside URL schemes), a CSS expression, or a url()
// that is not a reference to an element of the same document.
bool IsDangerousValue(std::string_view value) {
  // Every pattern below holds ':', '(' or '@'.
  if (value.find_first_of(":(@") == std::string_view::npos) return false;
  std::string folded;
  folded.reserve(value.size());
  for (char c : value) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) continue;
    folded.push_back(Lower(c));
  }
  for (const char* bad : {"javascript:", "vbscript:", "data:", "expression(", "@import", "behavior:"}) {
    if (folded.find(bad) != std::string::npos) return true;
  }
  for (std::size_t p = folded.find("url("); p != std::string::npos; p = folded.find("url(", p + 4)) {
    std::size_t q = p + 4;
    if (q < folded.size() && (folded[q] == '"' || folded[q] == '\'')) ++q;
    if (q >= folded.size() || folded[q] != '#') return true;
  }
  return false;
}

// What an attribute value holds, in one pass over it (most are numbers
// that need none of the work): an entity to decode, a byte of the
// patterns IsDangerousValue looks for, a byte to escape.
constexpr unsigned kEntity = 1, kSuspect = 2, kEscape = 4;
constexpr std::array<unsigned char, 256> kKinds = [] {
  std::array<unsigned char, 256> k{};
  k['&'] = kEntity | kEscape;
  k[':'] = k['('] = k['@'] = kSuspect;
  k['<'] = k['>'] = k['"'] = k['\''] = kEscape;
  return k;
}();
unsigned KindsIn(std::string_view value) {
  unsigned kinds = 0;
  for (char c : value) kinds |= kKinds[static_cast<unsigned char>(c)];
  return kinds;
}

struct Attribute {
  std::string_view name;
  std::string_view raw_value;
  bool has_value = false;
};

struct Tag {
  std::string_view name;
  std::vector<Attribute> attributes;
  bool closing = false;
  bool self_closing = false;
  std::size_t end = 0;  // offset just past '>'
};

// Parses the tag starting at in[pos] == '<'. False when it is not a complete
// tag (then the '<' is text).
bool ParseTag(std::string_view in, std::size_t pos, Tag* tag) {
  std::size_t i = pos + 1;
  if (i < in.size() && in[i] == '/') {
    tag->closing = true;
    ++i;
  }
  if (i >= in.size() || !IsNameStart(in[i])) return false;
  std::size_t name_start = i;
  while (i < in.size() && IsNameChar(in[i])) ++i;
  tag->name = in.substr(name_start, i - name_start);
  while (i < in.size()) {
    char c = in[i];
    if (c == '>') {
      tag->end = i + 1;
      return true;
    }
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    if (c == '/') {
      if (i + 1 < in.size() && in[i + 1] == '>') tag->self_closing = true;
      ++i;
      continue;
    }
    // An attribute name: anything up to blank, '/', '>' or '='.
    std::size_t a = i;
    while (i < in.size() && !IsSpace(in[i]) && in[i] != '/' && in[i] != '>' && in[i] != '=') ++i;
    if (i == a) ++i;  // a lone '=': skip it
    Attribute attr;
    attr.name = in.substr(a, i - a);
    std::size_t j = i;
    while (j < in.size() && IsSpace(in[j])) ++j;
    if (j < in.size() && in[j] == '=') {
      ++j;
      while (j < in.size() && IsSpace(in[j])) ++j;
      if (j >= in.size()) return false;
      attr.has_value = true;
      if (in[j] == '"' || in[j] == '\'') {
        std::size_t close = in.find(in[j], j + 1);
        if (close == std::string_view::npos) return false;
        attr.raw_value = in.substr(j + 1, close - j - 1);
        i = close + 1;
      } else {
        std::size_t v = j;
        while (j < in.size() && !IsSpace(in[j]) && in[j] != '>') ++j;
        attr.raw_value = in.substr(v, j - v);
        i = j;
      }
    }
    if (!tag->closing) tag->attributes.push_back(attr);
  }
  return false;
}

class Sanitizer {
 public:
  explicit Sanitizer(std::string_view in) : in_(in) { out_.reserve(in.size()); }

  std::string Run() {
    std::size_t i = 0;
    while (i < in_.size()) {
      if (in_[i] != '<') {
        std::size_t next = in_.find('<', i);
        if (next == std::string_view::npos) next = in_.size();
        if (skip_depth_ == 0) AppendText(in_.substr(i, next - i));
        i = next;
        continue;
      }
      i = Markup(i);
    }
    while (!open_.empty()) Close();
    return std::move(out_);
  }

 private:
  // Handles the markup at in_[i] == '<'; returns where to continue.
  std::size_t Markup(std::size_t i) {
    std::string_view rest = in_.substr(i);
    if (rest.substr(0, 4) == "<!--") {
      std::size_t end = in_.find("-->", i + 4);
      return end == std::string_view::npos ? in_.size() : end + 3;
    }
    if (rest.substr(0, 9) == "<![CDATA[") {
      std::size_t end = in_.find("]]>", i + 9);
      std::size_t stop = end == std::string_view::npos ? in_.size() : end;
      if (skip_depth_ == 0) AppendHtmlEscaped(&out_, in_.substr(i + 9, stop - i - 9));
      return end == std::string_view::npos ? in_.size() : end + 3;
    }
    if (rest.substr(0, 2) == "<!" || rest.substr(0, 2) == "<?") {
      std::size_t end = in_.find('>', i);
      return end == std::string_view::npos ? in_.size() : end + 1;
    }
    Tag& tag = tag_;
    tag.attributes.clear();
    tag.closing = tag.self_closing = false;
    if (!ParseTag(in_, i, &tag)) {
      if (skip_depth_ == 0) out_ += "&lt;";
      return i + 1;
    }
    if (skip_depth_ > 0) {
      if (EqualsIgnoreCase(tag.name, skip_name_.c_str())) {
        if (tag.closing) --skip_depth_;
        else if (!tag.self_closing) ++skip_depth_;
      }
      return tag.end;
    }
    if (IsDropWithContent(tag.name)) {
      if (!tag.closing && !tag.self_closing) {
        skip_name_ = std::string(tag.name);
        skip_depth_ = 1;
      }
      return tag.end;
    }
    const ElementSpec* spec = FindElement(tag.name);
    if (spec == nullptr) return tag.end;  // unknown element: drop the tag, keep its text
    if (tag.closing) {
      CloseUpTo(spec);
      return tag.end;
    }
    out_ += '<';
    out_ += spec->name;
    WriteAttributes(tag);
    if (tag.self_closing) {
      if (spec->svg) {
        out_ += "/>";
      } else {
        out_ += "></";
        out_ += spec->name;
        out_ += '>';
      }
    } else {
      out_ += '>';
      open_.push_back(spec);
    }
    return tag.end;
  }

  void AppendText(std::string_view raw) {
    if (raw.find('&') == std::string_view::npos) {
      AppendHtmlEscaped(&out_, raw);
    } else {
      AppendHtmlEscaped(&out_, DecodeEntities(raw));
    }
  }

  void WriteAttributes(const Tag& tag) {
    std::array<const std::string_view*, kAttributes.size()> written{};
    std::size_t count = 0;
    std::string decoded;
    for (const Attribute& a : tag.attributes) {
      const std::string_view* name = FindAttribute(a.name);
      if (name == nullptr) continue;
      bool seen = false;
      for (std::size_t k = 0; k < count; ++k) seen = seen || written[k] == name;
      if (seen) continue;  // the first of duplicates wins, as in browsers
      std::string_view value = a.raw_value;
      unsigned kinds = KindsIn(value);
      if (kinds & kEntity) {
        decoded = DecodeEntities(value);
        value = decoded;
        kinds = KindsIn(value);
      }
      if ((kinds & kSuspect) && IsDangerousValue(value)) continue;
      if (*name == "xmlns" && value != "http://www.w3.org/2000/svg") continue;
      written[count++] = name;
      out_ += ' ';
      out_ += *name;
      out_ += "=\"";
      if (kinds & kEscape) {
        AppendHtmlEscaped(&out_, value);
      } else {
        out_ += value;
      }
      out_ += '"';
    }
  }

  void CloseUpTo(const ElementSpec* spec) {
    bool open = false;
    for (const ElementSpec* e : open_) open = open || e == spec;
    if (!open) return;  // a stray closing tag
    while (!open_.empty()) {
      const ElementSpec* top = open_.back();
      Close();
      if (top == spec) break;
    }
  }

  void Close() {
    out_ += "</";
    out_ += open_.back()->name;
    out_ += '>';
    open_.pop_back();
  }

  std::string_view in_;
  std::string out_;
  Tag tag_;  // reused: its attribute vector keeps its capacity
  std::vector<const ElementSpec*> open_;
  std::string skip_name_;
  int skip_depth_ = 0;
};

}  // namespace

std::string SanitizeMarkup(std::string_view markup) { return Sanitizer(markup).Run(); }

}  // namespace minhbach
