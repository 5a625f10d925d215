// The "format" checks of gojsonschema, which accepts a string when the Go function it names
// accepts it: time.Parse layouts for dates and times, net.ParseIP, url.Parse, net/mail's
// ParseAddress and a few regular expressions. Unknown formats and non-string values pass.
#include <map>
#include <memory>

#include "runtime/builtins/aws_sign_url.h"
#include "runtime/builtins/json_schema.h"
#include "runtime/builtins/net_address.h"
#include "runtime/builtins/time_layout.h"

namespace regoc::json_schema {
namespace {

bool parses_as_time(std::string_view text, std::initializer_list<std::string_view> layouts) {
  for (std::string_view layout : layouts) {
    __int128 unix_nanoseconds = 0;
    std::string error;
    if (parse_time(layout, text, &unix_nanoseconds, &error)) return true;
  }
  return false;
}

const RE2& compiled(std::string_view pattern) {
  // Each caller passes one literal pattern, so the regex is built once per call site.
  thread_local std::map<std::string_view, std::unique_ptr<RE2>> cache;
  auto& slot = cache[pattern];
  if (!slot) slot = std::make_unique<RE2>(pattern);
  return *slot;
}

// Searches `text` for `pattern`; the patterns here are anchored with ^ and $.
bool matches_regex(std::string_view text, std::string_view pattern) {
  return RE2::PartialMatch(text, compiled(pattern));
}

// --- e-mail addresses, after Go's net/mail address parser ------------------------------------

// A cursor over an address, with the token rules of RFC 5322 as net/mail applies them.
class AddressParser {
 public:
  explicit AddressParser(std::string_view text) : text_(text) {}

  // mail.ParseAddress: one mailbox, "local@domain" or "Display Name <local@domain>".
  bool parse_single_address() {
    skip_space();
    if (empty()) return false;
    size_t start = position_;
    if (consume_addr_spec()) {
      skip_space();
      if (!empty() && peek() == '(' && !consume_comment()) return false;
      return finish();
    }
    position_ = start;
    if (peek() != '<' && !consume_phrase()) return false;
    skip_space();
    if (!consume('<') || !consume_addr_spec() || !consume('>')) return false;
    return finish();
  }

 private:
  std::string_view text_;
  size_t position_ = 0;

  bool empty() const { return position_ >= text_.size(); }
  char peek() const { return text_[position_]; }
  bool consume(char c) {
    if (empty() || peek() != c) return false;
    ++position_;
    return true;
  }
  void skip_space() {
    while (!empty() && (peek() == ' ' || peek() == '\t')) ++position_;
  }

  // Go's isAtext: printable ASCII except the specials, and any non-ASCII byte.
  static bool is_atext(char c, bool dot) {
    if (c == '.') return dot;
    if (std::string_view("()<>[]:;@\\,\"").find(c) != std::string_view::npos) return false;
    auto byte = static_cast<unsigned char>(c);
    return (byte >= '!' && byte <= '~') || byte >= 0x80;
  }

  // An atom; with `strict_dots` it may not start or end with a dot or hold "..".
  bool consume_atom(bool dot, bool strict_dots) {
    size_t start = position_;
    while (!empty() && is_atext(peek(), dot)) ++position_;
    std::string_view atom = text_.substr(start, position_ - start);
    if (atom.empty()) return false;
    if (strict_dots && (atom.front() == '.' || atom.back() == '.' ||
                        atom.find("..") != std::string_view::npos)) {
      return false;
    }
    return true;
  }

  bool consume_quoted_string() {
    if (!consume('"')) return false;
    bool any = false;
    while (!empty()) {
      char c = peek();
      ++position_;
      if (c == '"') return any;
      if (c == '\\') {
        if (empty()) return false;
        ++position_;
      } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
        return false;
      }
      any = true;
    }
    return false;
  }

  bool consume_domain_literal() {
    if (!consume('[')) return false;
    while (!empty() && peek() != ']') {
      char c = peek();
      if (c == '[' || c == '\\' || static_cast<unsigned char>(c) < 0x21) return false;
      ++position_;
    }
    return consume(']');
  }

  bool consume_addr_spec() {
    skip_space();
    if (empty()) return false;
    bool local = peek() == '"' ? consume_quoted_string() : consume_atom(true, true);
    if (!local || !consume('@')) return false;
    skip_space();
    if (empty()) return false;
    return peek() == '[' ? consume_domain_literal() : consume_atom(true, true);
  }

  bool consume_comment() {
    int depth = 0;
    while (!empty()) {
      char c = peek();
      ++position_;
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0) return true;
      if (c == '\\') ++position_;
    }
    return false;
  }

  // A display name: words that are atoms (dots allowed) or quoted strings.
  bool consume_phrase() {
    bool any = false;
    while (true) {
      skip_space();
      if (empty()) break;
      bool word = peek() == '"' ? consume_quoted_string() : consume_atom(true, false);
      if (!word) break;
      any = true;
    }
    return any;
  }

  // After the address only spaces and comments may follow.
  bool finish() {
    while (true) {
      skip_space();
      if (empty()) return true;
      if (peek() != '(' || !consume_comment()) return false;
    }
  }
};

// NOTE: net/mail also decodes RFC 2047 encoded words and reads address groups
// ("team: a@b, c@d;"); this parser treats both as ordinary text and may differ there.
bool is_email(std::string_view text) { return AddressParser(text).parse_single_address(); }

bool is_uri(std::string_view text, bool require_scheme) {
  ParsedUrl url;
  std::string error;
  if (!parse_go_url(text, &url, &error)) return false;
  if (require_scheme && url.scheme.empty()) return false;
  return text.find('\\') == std::string_view::npos;
}

bool is_uri_template(std::string_view text) {
  ParsedUrl url;
  std::string error;
  if (!parse_go_url(text, &url, &error) || text.find('\\') != std::string_view::npos) {
    return false;
  }
  return matches_regex(url.path, "^([^{]*({[^}]*})?)*$");
}

bool is_hostname(std::string_view text) {
  return text.size() < 256 &&
         matches_regex(text,
                    "^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])"
                    "(\\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9]))*$");
}

bool is_regex(std::string_view text) {
  if (text.empty()) return true;
  RE2::Options options;
  options.set_log_errors(false);
  return RE2(text, options).ok();
}

}  // namespace

bool matches_format(std::string_view format, const Value& value) {
  if (!value.is_string()) return true;
  std::string_view text = value.as_string();
  if (format == "date") return parses_as_time(text, {"2006-01-02"});
  if (format == "time") return parses_as_time(text, {"15:04:05Z07:00", "15:04:05"});
  if (format == "date-time") {
    return parses_as_time(text, {"15:04:05", "15:04:05Z07:00", "2006-01-02",
                                 "2006-01-02T15:04:05Z07:00",
                                 "2006-01-02T15:04:05.999999999Z07:00"});
  }
  if (format == "hostname") return is_hostname(text);
  if (format == "email" || format == "idn-email") return is_email(text);
  if (format == "ipv4") {
    return parse_ip(text).has_value() && text.find('.') != std::string_view::npos;
  }
  if (format == "ipv6") {
    return parse_ip(text).has_value() && text.find(':') != std::string_view::npos;
  }
  if (format == "uri" || format == "iri") return is_uri(text, true);
  if (format == "uri-reference" || format == "iri-reference") return is_uri(text, false);
  if (format == "uri-template") return is_uri_template(text);
  if (format == "uuid") {
    return matches_regex(text,
                      "^(?i)[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$");
  }
  if (format == "regex") return is_regex(text);
  if (format == "json-pointer") return matches_regex(text, "^(?:/(?:[^~/]|~0|~1)*)*$");
  if (format == "relative-json-pointer") {
    return matches_regex(text, "^(?:0|[1-9][0-9]*)(?:#|(?:/(?:[^~/]|~0|~1)*)*)$");
  }
  return true;
}

}  // namespace regoc::json_schema
