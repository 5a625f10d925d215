// The standard text/template functions on GoValues, with the error messages of Go's funcs.go.
#include "runtime/builtins/render_template_funcs.h"

#include <cstdio>
#include <map>

#include "runtime/builtins/utf8.h"

namespace regoc::go_template {
namespace {

using Kind = GoValue::Kind;

// The kinds that Go's comparison functions distinguish; Invalid covers everything else.
enum class BasicKind { Invalid, Bool, Int, Float, String };

BasicKind basic_kind(const GoValue& value) {
  switch (value.kind) {
    case Kind::Bool: return BasicKind::Bool;
    case Kind::Int: return BasicKind::Int;
    case Kind::Float: return BasicKind::Float;
    case Kind::String: case Kind::Number: return BasicKind::String;
    default: return BasicKind::Invalid;
  }
}

// The three-way comparison of two values of the same basic kind.
int compare_basic(const GoValue& a, const GoValue& b, BasicKind kind) {
  switch (kind) {
    case BasicKind::Bool: return a.boolean == b.boolean ? 0 : (a.boolean ? 1 : -1);
    case BasicKind::Int: return a.integer == b.integer ? 0 : (a.integer < b.integer ? -1 : 1);
    case BasicKind::Float: return a.real == b.real ? 0 : (a.real < b.real ? -1 : 1);
    case BasicKind::String: return a.text == b.text ? 0 : (a.text < b.text ? -1 : 1);
    case BasicKind::Invalid: break;
  }
  return 0;
}

bool equal(const std::vector<GoValue>& args, bool* out, std::string* error) {
  if (args.size() < 2) {
    *error = "missing argument for comparison";
    return false;
  }
  GoValue first = args[0].unboxed();
  BasicKind first_kind = basic_kind(first);
  for (size_t i = 1; i < args.size(); ++i) {
    GoValue other = args[i].unboxed();
    BasicKind other_kind = basic_kind(other);
    bool same = false;
    if (first_kind != other_kind) {
      if (first.is_valid() && other.is_valid()) {
        *error = "incompatible types for comparison";
        return false;
      }
    } else if (first_kind != BasicKind::Invalid) {
      same = compare_basic(first, other, first_kind) == 0;
    } else if (!first.is_valid() || !other.is_valid()) {
      same = !first.is_valid() && !other.is_valid();
    } else {
      *error = "non-comparable type " + sprint({other}) + ": " + other.type_name();
      return false;
    }
    if (same) {
      *out = true;
      return true;
    }
  }
  *out = false;
  return true;
}

bool less(const GoValue& left, const GoValue& right, bool* out, std::string* error) {
  GoValue a = left.unboxed();
  GoValue b = right.unboxed();
  BasicKind kind = basic_kind(a);
  if (kind == BasicKind::Invalid || basic_kind(b) == BasicKind::Invalid) {
    *error = "invalid type for comparison";
    return false;
  }
  if (kind != basic_kind(b)) {
    *error = "incompatible types for comparison";
    return false;
  }
  if (kind == BasicKind::Bool) {
    *error = "invalid type for comparison";
    return false;
  }
  *out = compare_basic(a, b, kind) < 0;
  return true;
}

bool compare(std::string_view name, const std::vector<GoValue>& args, bool* out,
             std::string* error) {
  if (name == "eq") return equal(args, out, error);
  if (name == "ne") {
    if (!equal(args, out, error)) return false;
    *out = !*out;
    return true;
  }
  bool is_less = false;
  if (!less(args[0], args[1], &is_less, error)) return false;
  if (name == "lt") {
    *out = is_less;
    return true;
  }
  if (name == "ge") {
    *out = !is_less;
    return true;
  }
  bool is_equal = is_less;
  if (!is_less && !equal(args, &is_equal, error)) return false;
  *out = name == "le" ? is_equal : !is_equal;
  return true;
}

bool length(const GoValue& value, GoValue* result, std::string* error) {
  if (value.kind == Kind::Nil) {
    *error = "len of nil pointer";
    return false;
  }
  switch (value.kind) {
    case Kind::String: case Kind::Number:
      *result = GoValue::of_int(static_cast<int64_t>(value.text.size()));
      return true;
    case Kind::Slice:
      *result = GoValue::of_int(static_cast<int64_t>(value.items->size()));
      return true;
    case Kind::Map:
      *result = GoValue::of_int(static_cast<int64_t>(value.entries->size()));
      return true;
    default:
      *error = "len of type " + value.unboxed().type_name();
      return false;
  }
}

// Go's indexArg: an integer index into a sequence of `size` elements (size itself allowed).
bool index_argument(const GoValue& index, size_t size, int64_t* out, std::string* error) {
  if (index.kind == Kind::Missing) {
    *error = "cannot index slice/array with nil";
    return false;
  }
  if (index.kind != Kind::Int || index.boxed) {
    *error = "cannot index slice/array with type " + index.type_name();
    return false;
  }
  if (index.integer < 0 || static_cast<uint64_t>(index.integer) > size) {
    *error = "index out of range: " + std::to_string(index.integer);
    return false;
  }
  *out = index.integer;
  return true;
}

size_t sequence_size(const GoValue& value) {
  return value.kind == Kind::Slice ? value.items->size() : value.text.size();
}

bool index_item(std::vector<GoValue> args, GoValue* result, std::string* error) {
  GoValue item = args[0].unboxed();
  if (!item.is_valid()) {
    *error = "index of untyped nil";
    return false;
  }
  for (size_t i = 1; i < args.size(); ++i) {
    GoValue index = args[i].unboxed();
    if (item.kind == Kind::Nil) {
      *error = "index of nil pointer";
      return false;
    }
    if (item.kind == Kind::Slice || item.kind == Kind::String || item.kind == Kind::Number) {
      int64_t position = 0;
      if (!index_argument(index, sequence_size(item), &position, error)) return false;
      if (static_cast<size_t>(position) == sequence_size(item)) {
        *error = "index out of range: " + std::to_string(position);
        return false;
      }
      if (item.kind == Kind::Slice) {
        item = (*item.items)[static_cast<size_t>(position)];
      } else {
        // A string's element is a byte (uint8).
        auto byte = static_cast<unsigned char>(item.text[static_cast<size_t>(position)]);
        item = GoValue::of_int(byte);
      }
      continue;
    }
    if (item.kind == Kind::Map) {
      if (!index.is_valid()) {
        *error = "value is nil; should be of type string";
        return false;
      }
      if (index.kind != Kind::String) {
        *error = "value has type " + index.type_name() + "; should be string";
        return false;
      }
      auto found = item.entries->find(index.text);
      item = found != item.entries->end() ? found->second : GoValue::nil();
      item.boxed = true;
      continue;
    }
    *error = "can't index item of type " + item.unboxed().type_name();
    return false;
  }
  *result = item;
  return true;
}

bool slice_item(const std::vector<GoValue>& args, GoValue* result, std::string* error) {
  GoValue item = args[0].unboxed();
  if (!item.is_valid()) {
    *error = "slice of untyped nil";
    return false;
  }
  size_t count = args.size() - 1;
  if (count > 3) {
    *error = "too many slice indexes: " + std::to_string(count);
    return false;
  }
  bool is_text = item.kind == Kind::String || item.kind == Kind::Number;
  if (!is_text && item.kind != Kind::Slice) {
    *error = "can't slice item of type " + item.type_name();
    return false;
  }
  if (is_text && count == 3) {
    *error = "cannot 3-index slice a string";
    return false;
  }
  size_t size = sequence_size(item);
  int64_t bounds[3] = {0, static_cast<int64_t>(size), static_cast<int64_t>(size)};
  for (size_t i = 0; i < count; ++i) {
    if (!index_argument(args[i + 1], size, &bounds[i], error)) return false;
  }
  for (size_t i = 0; i + 1 < std::max<size_t>(count, 2); ++i) {
    if (bounds[i] > bounds[i + 1]) {
      *error = "invalid slice index: " + std::to_string(bounds[i]) + " > " +
               std::to_string(bounds[i + 1]);
      return false;
    }
  }
  auto begin = static_cast<size_t>(bounds[0]);
  auto end = static_cast<size_t>(bounds[1]);
  if (is_text) {
    GoValue out = item;
    out.text = item.text.substr(begin, end - begin);
    *result = out;
  } else {
    *result = GoValue::of_slice(std::vector<GoValue>(item.items->begin() + begin,
                                                     item.items->begin() + end));
  }
  return true;
}

// The text that html, js and urlquery escape: a lone string as is, else fmt.Sprint of the
// arguments with nil printed as "<no value>".
std::string escaper_argument(const std::vector<GoValue>& args) {
  if (args.size() == 1 && args[0].kind == Kind::String) return args[0].text;
  std::vector<GoValue> printable;
  for (const GoValue& arg : args) {
    bool missing = arg.kind == Kind::Missing || arg.kind == Kind::Nil;
    printable.push_back(missing ? GoValue::of_string("<no value>") : arg);
  }
  return sprint(printable);
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\0': out += "\xEF\xBF\xBD"; break;
      case '"': out += "&#34;"; break;
      case '\'': out += "&#39;"; break;
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string js_escape(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  size_t position = 0;
  while (position < text.size()) {
    auto byte = static_cast<unsigned char>(text[position]);
    if (byte >= 0x80) {
      size_t start = position;
      char32_t code_point = decode_code_point(text, &position);
      if (is_graphic_code_point(code_point)) {
        out.append(text.substr(start, position - start));
      } else {
        char buffer[16];
        std::snprintf(buffer, sizeof(buffer), "\\u%04X", static_cast<unsigned>(code_point));
        out += buffer;
      }
      continue;
    }
    ++position;
    switch (byte) {
      case '\\': out += "\\\\"; break;
      case '\'': out += "\\'"; break;
      case '"': out += "\\\""; break;
      case '<': out += "\\u003C"; break;
      case '>': out += "\\u003E"; break;
      case '&': out += "\\u0026"; break;
      case '=': out += "\\u003D"; break;
      default:
        if (byte < ' ') {
          out += "\\u00";
          out += kHex[byte >> 4];
          out += kHex[byte & 15];
        } else {
          out += static_cast<char>(byte);
        }
    }
  }
  return out;
}

// url.QueryEscape: unreserved characters stay, a space becomes '+', the rest %XX.
std::string query_escape(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

}  // namespace

bool truth(const GoValue& value) { return is_true(value.unboxed()); }

const FunctionSignature* find_function(std::string_view name) {
  using P = ParameterType;
  static const std::map<std::string_view, FunctionSignature> kFunctions = {
      {"and", {{P::Value}, P::Value}},      {"or", {{P::Value}, P::Value}},
      {"not", {{P::Value}, std::nullopt}},  {"len", {{P::Value}, std::nullopt}},
      {"index", {{P::Value}, P::Value}},    {"slice", {{P::Value}, P::Value}},
      {"call", {{P::Value}, P::Value}},     {"print", {{}, P::Any}},
      {"printf", {{P::String}, P::Any}},    {"println", {{}, P::Any}},
      {"html", {{}, P::Any}},               {"js", {{}, P::Any}},
      {"urlquery", {{}, P::Any}},           {"eq", {{P::Value}, P::Value}},
      {"ne", {{P::Value, P::Value}, std::nullopt}}, {"lt", {{P::Value, P::Value}, std::nullopt}},
      {"le", {{P::Value, P::Value}, std::nullopt}}, {"gt", {{P::Value, P::Value}, std::nullopt}},
      {"ge", {{P::Value, P::Value}, std::nullopt}},
  };
  auto found = kFunctions.find(name);
  return found == kFunctions.end() ? nullptr : &found->second;
}

bool is_standard_function(std::string_view name) { return find_function(name) != nullptr; }

bool call_function(std::string_view name, const std::vector<GoValue>& args, GoValue* result,
                   std::string* error) {
  if (name == "eq" || name == "ne" || name == "lt" || name == "le" || name == "gt" ||
      name == "ge") {
    bool out = false;
    if (!compare(name, args, &out, error)) return false;
    *result = GoValue::of_bool(out);
    return true;
  }
  if (name == "not") {
    *result = GoValue::of_bool(!truth(args[0]));
    return true;
  }
  if (name == "len") return length(args[0], result, error);
  if (name == "index") return index_item(args, result, error);
  if (name == "slice") return slice_item(args, result, error);
  if (name == "print") {
    *result = GoValue::of_string(sprint(args));
  } else if (name == "println") {
    *result = GoValue::of_string(sprintln(args));
  } else if (name == "printf") {
    std::vector<GoValue> rest(args.begin() + 1, args.end());
    *result = GoValue::of_string(sprintf(args[0].text, rest));
  } else if (name == "html") {
    *result = GoValue::of_string(html_escape(escaper_argument(args)));
  } else if (name == "js") {
    *result = GoValue::of_string(js_escape(escaper_argument(args)));
  } else if (name == "urlquery") {
    *result = GoValue::of_string(query_escape(escaper_argument(args)));
  } else {
    *error = "function " + std::string(name) + " is not callable here";
    return false;
  }
  return true;
}

}  // namespace regoc::go_template
