// JSON references for the JSON Schema compiler: "$id" and "$ref" values resolved against
// their base URI as gojsonreference does (RFC 3986 resolution, an empty fragment dropped), and
// JSON pointers (RFC 6901) into a document with gojsonpointer's error messages.
#include "runtime/builtins/json_schema_reference.h"

#include "runtime/builtins/aws_sign_url.h"

namespace regoc::json_schema {
namespace {

// A URI split into its RFC 3986 components.
struct UriParts {
  std::string scheme;
  bool has_authority = false;
  std::string authority;
  std::string path;
  bool has_query = false;
  std::string query;
  std::string fragment;
};

UriParts split_uri(std::string_view text) {
  UriParts parts;
  size_t hash = text.find('#');
  if (hash != std::string_view::npos) {
    parts.fragment.assign(text.substr(hash + 1));
    text = text.substr(0, hash);
  }
  size_t question = text.find('?');
  if (question != std::string_view::npos) {
    parts.has_query = true;
    parts.query.assign(text.substr(question + 1));
    text = text.substr(0, question);
  }
  size_t colon = text.find(':');
  size_t slash = text.find('/');
  if (colon != std::string_view::npos && colon > 0 && (slash == std::string_view::npos ||
                                                       colon < slash)) {
    parts.scheme.assign(text.substr(0, colon));
    text = text.substr(colon + 1);
  }
  if (text.starts_with("//")) {
    parts.has_authority = true;
    text = text.substr(2);
    size_t end = text.find('/');
    parts.authority.assign(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end);
  }
  parts.path.assign(text);
  return parts;
}

// RFC 3986 section 5.2.4.
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> output;
  bool absolute = path.starts_with("/");
  size_t start = absolute ? 1 : 0;
  bool trailing_slash = false;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    std::string_view segment =
        path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    trailing_slash = segment == "." || segment == "..";
    if (segment == "..") {
      if (!output.empty()) output.pop_back();
    } else if (segment != ".") {
      output.push_back(segment);
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  std::string out = absolute ? "/" : "";
  for (size_t i = 0; i < output.size(); ++i) {
    if (i > 0) out += '/';
    out += output[i];
  }
  if (trailing_slash && !out.ends_with("/")) out += '/';
  return out;
}

int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes; parse_reference has rejected malformed ones already.
std::string percent_decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int high = hex_digit_value(text[i + 1]);
      int low = hex_digit_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string join_uri(const UriParts& parts) {
  std::string out;
  if (!parts.scheme.empty()) out += parts.scheme + ":";
  if (parts.has_authority) out += "//" + parts.authority;
  out += parts.path;
  if (parts.has_query) out += "?" + parts.query;
  // Go's url.String drops an empty fragment, so "x#" reads back as "x".
  if (!parts.fragment.empty()) out += "#" + parts.fragment;
  return out;
}

}  // namespace

bool parse_reference(std::string_view text, std::string* normalized, std::string* error) {
  ParsedUrl url;
  if (!parse_go_url(text, &url, error)) return false;
  UriParts parts = split_uri(text);
  if (!parts.fragment.empty() && parts.fragment[0] != '/') {
    *error = "JSON pointer must be empty or start with a \"/\"";
    return false;
  }
  for (char& c : parts.scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  *normalized = join_uri(parts);
  return true;
}

std::string resolve_reference(std::string_view base, std::string_view reference) {
  UriParts parent = split_uri(base);
  UriParts child = split_uri(reference);
  UriParts out;
  if (!child.scheme.empty()) {
    out = child;
    out.path = remove_dot_segments(child.path);
  } else {
    out.scheme = parent.scheme;
    if (child.has_authority) {
      out.has_authority = true;
      out.authority = child.authority;
      out.path = remove_dot_segments(child.path);
      out.has_query = child.has_query;
      out.query = child.query;
    } else {
      out.has_authority = parent.has_authority;
      out.authority = parent.authority;
      if (child.path.empty()) {
        out.path = parent.path;
        out.has_query = child.has_query || parent.has_query;
        out.query = child.has_query ? child.query : parent.query;
      } else {
        if (child.path.starts_with("/")) {
          out.path = remove_dot_segments(child.path);
        } else if (parent.has_authority && parent.path.empty()) {
          out.path = remove_dot_segments("/" + child.path);
        } else {
          size_t last = parent.path.rfind('/');
          std::string merged = last == std::string::npos ? ""
                                                         : parent.path.substr(0, last + 1);
          out.path = remove_dot_segments(merged + child.path);
        }
        out.has_query = child.has_query;
        out.query = child.query;
      }
    }
  }
  out.fragment = child.fragment;
  return join_uri(out);
}

std::string without_fragment(std::string_view reference) {
  return std::string(reference.substr(0, reference.find('#')));
}

std::string fragment_of(std::string_view reference) {
  size_t hash = reference.find('#');
  return hash == std::string_view::npos ? "" : std::string(reference.substr(hash + 1));
}

bool is_canonical(std::string_view reference) {
  UriParts parts = split_uri(reference);
  if (parts.scheme == "file") return parts.path.starts_with("/");
  return !parts.scheme.empty() && parts.has_authority && !parts.authority.empty();
}

bool resolve_pointer(const Value& document, std::string_view pointer, Value* out,
                     std::string* error) {
  // The fragment of a URL is percent-decoded before it is read as a pointer.
  std::string text = percent_decode(pointer);
  Value node = document;
  if (text.empty()) {
    *out = node;
    return true;
  }
  size_t start = 1;
  while (true) {
    size_t end = text.find('/', start);
    std::string token = text.substr(start, end == std::string::npos ? std::string::npos
                                                                     : end - start);
    std::string decoded_token;
    for (size_t i = 0; i < token.size(); ++i) {
      if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
        decoded_token += token[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        decoded_token += token[i];
      }
    }
    if (node.is_object()) {
      const Value* child = node.find(decoded_token);
      if (child == nullptr) {
        *error = "Object has no key '" + decoded_token + "'";
        return false;
      }
      node = *child;
    } else if (node.is_array()) {
      char* parse_end = nullptr;
      long long index = std::strtoll(token.c_str(), &parse_end, 10);
      if (token.empty() || *parse_end != '\0') {
        *error = "Invalid array index '" + token + "'";
        return false;
      }
      auto size = static_cast<long long>(node.array_items().size());
      if (index < 0 || index >= size) {
        *error = "Out of bound array[0," + std::to_string(size) + "] index '" +
                 std::to_string(index) + "'";
        return false;
      }
      node = node.array_items()[static_cast<size_t>(index)];
    } else {
      *error = "Invalid token reference '" + decoded_token + "'";
      return false;
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  *out = node;
  return true;
}

}  // namespace regoc::json_schema
