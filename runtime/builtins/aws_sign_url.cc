// Go's url.Parse: scheme, authority, path and query, percent-escapes and the errors that
// url.Parse reports.
#include "runtime/builtins/aws_sign_url.h"

#include <algorithm>

#include "runtime/builtins/term_text.h"

namespace regoc {
namespace {

// The contexts of Go's shouldEscape that parsing needs.
enum class EscapeMode { Path, Host, UserPassword, Fragment };

bool is_alphanumeric(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// Go's shouldEscape: true when `c` must be percent-encoded in the given part of a URL.
bool should_escape(char c, EscapeMode mode) {
  if (is_alphanumeric(c)) return false;
  if (mode == EscapeMode::Host && std::string_view("!$&'()*+,;=:[]<>\"").find(c) !=
                                      std::string_view::npos) {
    return false;
  }
  switch (c) {
    case '-': case '_': case '.': case '~':
      return false;
    case '$': case '&': case '+': case ',': case '/': case ':': case ';': case '=': case '?':
    case '@':
      switch (mode) {
        case EscapeMode::UserPassword: return c == '@' || c == '/' || c == '?' || c == ':';
        case EscapeMode::Path: return c == '?';
        case EscapeMode::Fragment: return false;
        case EscapeMode::Host: return true;
      }
      return true;
    default:
      break;
  }
  if (mode == EscapeMode::Fragment) {
    return std::string_view("!()*").find(c) == std::string_view::npos;
  }
  return true;
}

// Go's unescape: decodes %XX escapes; reports Go's EscapeError or InvalidHostError.
bool unescape(std::string_view text, EscapeMode mode, std::string* out, std::string* error) {
  out->clear();
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size() || !is_hex_digit(text[i + 1]) || !is_hex_digit(text[i + 2])) {
        *error = "invalid URL escape " + go_quoted(text.substr(i, 3));
        return false;
      }
      if (mode == EscapeMode::Host && hex_value(text[i + 1]) < 8 && text.substr(i, 3) != "%25") {
        *error = "invalid URL escape " + go_quoted(text.substr(i, 3));
        return false;
      }
      out->push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 3;
      continue;
    }
    if (mode == EscapeMode::Host && static_cast<unsigned char>(c) < 0x80 &&
        should_escape(c, mode)) {
      *error = "invalid character " + go_quoted(text.substr(i, 1)) + " in host name";
      return false;
    }
    out->push_back(c);
    ++i;
  }
  return true;
}

// Go's escape for a path: every byte that should_escape marks becomes %XX (upper case).
std::string escape_path(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    if (should_escape(c, EscapeMode::Path)) {
      auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    } else {
      out += c;
    }
  }
  return out;
}

// Go's validEncoded for a path: true when `text` needs no re-escaping.
bool valid_encoded_path(std::string_view text) {
  for (char c : text) {
    if (std::string_view("!$&'()*+,;=:@[]%").find(c) != std::string_view::npos) continue;
    if (should_escape(c, EscapeMode::Path)) return false;
  }
  return true;
}

bool valid_optional_port(std::string_view port) {
  if (port.empty()) return true;
  if (port[0] != ':') return false;
  return std::all_of(port.begin() + 1, port.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool valid_userinfo(std::string_view userinfo) {
  return std::all_of(userinfo.begin(), userinfo.end(), [](char c) {
    return is_alphanumeric(c) ||
           std::string_view("-._:~!$&'()*+,;=%@").find(c) != std::string_view::npos;
  });
}

// Go's getScheme: the scheme before the first ':', or none when a character that no scheme
// contains comes first.
bool split_scheme(std::string_view text, std::string* scheme, std::string_view* rest,
                  std::string* error) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
    if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
      if (i == 0) break;
      continue;
    }
    if (c == ':') {
      if (i == 0) {
        *error = "missing protocol scheme";
        return false;
      }
      scheme->assign(text.substr(0, i));
      *rest = text.substr(i + 1);
      return true;
    }
    break;
  }
  scheme->clear();
  *rest = text;
  return true;
}

// Go's parseHost: checks the port and the characters, then unescapes.
bool parse_host(std::string_view host, std::string* out, std::string* error) {
  if (host.starts_with("[")) {
    size_t close = host.rfind(']');
    if (close == std::string_view::npos) {
      *error = "missing ']' in host";
      return false;
    }
    std::string_view port = host.substr(close + 1);
    if (!valid_optional_port(port)) {
      *error = "invalid port " + go_quoted(port) + " after host";
      return false;
    }
  } else if (size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    std::string_view port = host.substr(colon);
    if (!valid_optional_port(port)) {
      *error = "invalid port " + go_quoted(port) + " after host";
      return false;
    }
  }
  // NOTE: Go unescapes an IPv6 zone ("%25eth0") with looser rules than the rest of the host;
  // here the whole host follows the host rules, which reject some zones that Go accepts.
  return unescape(host, EscapeMode::Host, out, error);
}

bool parse_authority(std::string_view authority, std::string* host, std::string* error) {
  size_t at = authority.rfind('@');
  std::string_view host_text = at == std::string_view::npos ? authority
                                                            : authority.substr(at + 1);
  if (!parse_host(host_text, host, error)) return false;
  if (at == std::string_view::npos) return true;

  std::string_view userinfo = authority.substr(0, at);
  if (!valid_userinfo(userinfo)) {
    *error = "net/url: invalid userinfo";
    return false;
  }
  std::string decoded;
  return unescape(userinfo, EscapeMode::UserPassword, &decoded, error);
}

// Go's parse(rawURL, viaRequest=false) without the fragment.
bool parse_without_fragment(std::string_view text, ParsedUrl* url, std::string* error) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      *error = "net/url: invalid control character in URL";
      return false;
    }
  }
  if (text == "*") {
    url->path = "*";
    url->escaped_path = "*";
    return true;
  }

  std::string& scheme = url->scheme;
  std::string_view rest;
  if (!split_scheme(text, &scheme, &rest, error)) return false;
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  if (rest.ends_with("?") && std::count(rest.begin(), rest.end(), '?') == 1) {
    rest.remove_suffix(1);
  } else if (size_t question = rest.find('?'); question != std::string_view::npos) {
    url->raw_query.assign(rest.substr(question + 1));
    rest = rest.substr(0, question);
  }

  if (!rest.starts_with("/")) {
    // A rootless path after a scheme is opaque: no host and an empty path.
    if (!scheme.empty()) return true;
    std::string_view segment = rest.substr(0, rest.find('/'));
    if (segment.find(':') != std::string_view::npos) {
      *error = "first path segment in URL cannot contain colon";
      return false;
    }
  }
  if ((!scheme.empty() || !rest.starts_with("///")) && rest.starts_with("//")) {
    std::string_view authority = rest.substr(2);
    size_t slash = authority.find('/');
    rest = slash == std::string_view::npos ? std::string_view() : authority.substr(slash);
    authority = authority.substr(0, slash);
    if (!parse_authority(authority, &url->host, error)) return false;
  }

  if (!unescape(rest, EscapeMode::Path, &url->path, error)) return false;
  url->escaped_path = valid_encoded_path(rest) ? std::string(rest) : escape_path(url->path);
  if (rest != escape_path(url->path)) url->raw_path.assign(rest);
  return true;
}

}  // namespace

bool parse_go_url(std::string_view text, ParsedUrl* url, std::string* error) {
  *url = ParsedUrl();
  size_t hash = text.find('#');
  std::string_view without_fragment = text.substr(0, hash);
  std::string detail;
  if (!parse_without_fragment(without_fragment, url, &detail)) {
    *error = "parse " + go_quoted(without_fragment) + ": " + detail;
    return false;
  }
  if (hash == std::string_view::npos) return true;

  if (!unescape(text.substr(hash + 1), EscapeMode::Fragment, &url->fragment, &detail)) {
    *error = "parse " + go_quoted(text) + ": " + detail;
    return false;
  }
  return true;
}

}  // namespace regoc
