// The text/template lexer: a state machine over the input in the shape of Go's lex.go, so that
// positions, line numbers and error messages match.
#include "runtime/builtins/render_template_lex.h"

#include <cstdio>

#include "runtime/builtins/term_text.h"
#include "runtime/builtins/utf8.h"

namespace regoc::go_template {
namespace {

constexpr std::string_view kLeftDelim = "{{";
constexpr std::string_view kRightDelim = "}}";
constexpr std::string_view kLeftComment = "/*";
constexpr std::string_view kRightComment = "*/";
constexpr size_t kTrimMarkerLength = 2;  // "- " after "{{" or " -" before "}}"
constexpr char32_t kEof = 0xFFFFFFFF;

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Go's isAlphaNumeric: '_', letters and digits; other scripts' letters count too.
bool is_alphanumeric(char32_t c) {
  if (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
    return true;
  }
  // NOTE: Go uses unicode.IsLetter and unicode.IsDigit; every graphic non-ASCII code point
  // is accepted here, which also admits non-ASCII symbols in names.
  return c >= 0x80 && c != kEof && is_graphic_code_point(c);
}

bool has_left_trim_marker(std::string_view text) {
  return text.size() >= 2 && text[0] == '-' && is_space(static_cast<unsigned char>(text[1]));
}

bool has_right_trim_marker(std::string_view text) {
  return text.size() >= 2 && is_space(static_cast<unsigned char>(text[0])) && text[1] == '-';
}

size_t right_trim_length(std::string_view text) {
  size_t end = text.size();
  while (end > 0 && is_space(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.size() - end;
}

size_t left_trim_length(std::string_view text) {
  size_t start = 0;
  while (start < text.size() && is_space(static_cast<unsigned char>(text[start]))) ++start;
  return start;
}

// Go's %#U: "U+0023 '#'".
std::string describe_code_point(char32_t c) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "U+%04X", static_cast<unsigned>(c));
  std::string out = buffer;
  if (is_graphic_code_point(c) || c == ' ') {
    out += " '";
    append_utf8(&out, c);
    out += "'";
  }
  return out;
}

class Lexer {
 public:
  explicit Lexer(std::string_view input) : input_(input) {}

  std::vector<Item> run() {
    State state = State::Text;
    while (state != State::Done) state = step(state);
    return std::move(items_);
  }

 private:
  enum class State { Text, LeftDelim, Comment, RightDelim, InsideAction, Done };

  std::string_view input_;
  size_t start_ = 0;
  size_t position_ = 0;
  int line_ = 1;
  int start_line_ = 1;
  size_t last_width_ = 0;
  int paren_depth_ = 0;
  std::vector<Item> items_;

  char32_t next() {
    if (position_ >= input_.size()) {
      last_width_ = 0;
      return kEof;
    }
    size_t before = position_;
    char32_t c = decode_code_point(input_, &position_);
    last_width_ = position_ - before;
    if (c == '\n') ++line_;
    return c;
  }
  void backup() {
    position_ -= last_width_;
    if (last_width_ == 1 && input_[position_] == '\n') --line_;
  }
  char32_t peek() {
    char32_t c = next();
    backup();
    return c;
  }
  bool accept(std::string_view valid) {
    char32_t c = next();
    if (c != kEof && c < 0x80 && valid.find(static_cast<char>(c)) != std::string_view::npos) {
      return true;
    }
    backup();
    return false;
  }
  void accept_run(std::string_view valid) {
    while (accept(valid)) {
    }
  }
  void count_lines(std::string_view text) {
    for (char c : text) line_ += c == '\n' ? 1 : 0;
  }
  Item this_item(ItemType type) {
    Item item{type, start_, std::string(input_.substr(start_, position_ - start_)), start_line_};
    start_ = position_;
    start_line_ = line_;
    return item;
  }
  void emit(ItemType type) { items_.push_back(this_item(type)); }
  void ignore() {
    count_lines(input_.substr(start_, position_ - start_));
    start_ = position_;
    start_line_ = line_;
  }
  State fail(std::string message) {
    items_.push_back({ItemType::Error, start_, std::move(message), start_line_});
    return State::Done;
  }

  // True at "}}"; *trim reports a " -" trim marker before it.
  bool at_right_delim(bool* trim) {
    std::string_view rest = input_.substr(position_);
    *trim = has_right_trim_marker(rest) && rest.substr(kTrimMarkerLength).starts_with(kRightDelim);
    return *trim || rest.starts_with(kRightDelim);
  }

  bool at_terminator() {
    char32_t c = peek();
    if (is_space(c)) return true;
    switch (c) {
      case kEof: case '.': case ',': case '|': case ':': case ')': case '(':
        return true;
      default:
        return input_.substr(position_).starts_with(kRightDelim);
    }
  }

  State step(State state) {
    switch (state) {
      case State::Text: return lex_text();
      case State::LeftDelim: return lex_left_delim();
      case State::Comment: return lex_comment();
      case State::RightDelim: return lex_right_delim();
      case State::InsideAction: return lex_inside_action();
      case State::Done: break;
    }
    return State::Done;
  }

  State lex_text() {
    size_t found = input_.find(kLeftDelim, position_);
    if (found == std::string_view::npos) {
      position_ = input_.size();
      if (position_ > start_) {
        count_lines(input_.substr(start_, position_ - start_));
        emit(ItemType::Text);
      }
      emit(ItemType::Eof);
      return State::Done;
    }
    if (found > position_) {
      position_ = found;
      size_t trim = 0;
      if (has_left_trim_marker(input_.substr(position_ + kLeftDelim.size()))) {
        trim = right_trim_length(input_.substr(start_, position_ - start_));
      }
      position_ -= trim;
      count_lines(input_.substr(start_, position_ - start_));
      Item text = this_item(ItemType::Text);
      position_ += trim;
      ignore();
      if (!text.value.empty()) items_.push_back(std::move(text));
    }
    return State::LeftDelim;
  }

  State lex_left_delim() {
    position_ += kLeftDelim.size();
    bool trim = has_left_trim_marker(input_.substr(position_));
    size_t after_marker = trim ? kTrimMarkerLength : 0;
    if (input_.substr(position_ + after_marker).starts_with(kLeftComment)) {
      position_ += after_marker;
      ignore();
      return State::Comment;
    }
    Item delim = this_item(ItemType::LeftDelim);
    position_ += after_marker;
    ignore();
    paren_depth_ = 0;
    items_.push_back(std::move(delim));
    return State::InsideAction;
  }

  State lex_comment() {
    position_ += kLeftComment.size();
    size_t end = input_.find(kRightComment, position_);
    if (end == std::string_view::npos) return fail("unclosed comment");
    position_ = end + kRightComment.size();
    bool trim = false;
    if (!at_right_delim(&trim)) return fail("comment ends before closing delimiter");
    if (trim) position_ += kTrimMarkerLength;
    position_ += kRightDelim.size();
    if (trim) position_ += left_trim_length(input_.substr(position_));
    ignore();
    return State::Text;
  }

  State lex_right_delim() {
    bool trim = false;
    at_right_delim(&trim);
    if (trim) {
      position_ += kTrimMarkerLength;
      ignore();
    }
    position_ += kRightDelim.size();
    Item delim = this_item(ItemType::RightDelim);
    if (trim) {
      position_ += left_trim_length(input_.substr(position_));
      ignore();
    }
    items_.push_back(std::move(delim));
    return State::Text;
  }

  State lex_inside_action() {
    bool trim = false;
    if (at_right_delim(&trim)) {
      if (paren_depth_ == 0) return State::RightDelim;
      return fail("unclosed left paren");
    }
    char32_t c = next();
    if (c == kEof) return fail("unclosed action");
    if (is_space(c)) {
      backup();
      return lex_space();
    }
    switch (c) {
      case '=': emit(ItemType::Assign); return State::InsideAction;
      case ':':
        if (next() != '=') return fail("expected :=");
        emit(ItemType::Declare);
        return State::InsideAction;
      case '|': emit(ItemType::Pipe); return State::InsideAction;
      case '"': return lex_quote();
      case '`': return lex_raw_quote();
      case '$': return lex_field_or_variable(ItemType::Variable);
      case '\'': return lex_char();
      case '(':
        emit(ItemType::LeftParen);
        ++paren_depth_;
        return State::InsideAction;
      case ')':
        --paren_depth_;
        if (paren_depth_ < 0) return fail("unexpected right paren");
        emit(ItemType::RightParen);
        return State::InsideAction;
      default: break;
    }
    if (c == '.') {
      // ".field", unless a digit follows and it starts a number.
      if (position_ < input_.size() && (input_[position_] < '0' || input_[position_] > '9')) {
        return lex_field_or_variable(ItemType::Field);
      }
    }
    if (c == '.' || c == '+' || c == '-' || (c >= '0' && c <= '9')) {
      backup();
      return lex_number();
    }
    if (is_alphanumeric(c)) {
      backup();
      return lex_identifier();
    }
    if (c < 0x80 && c >= 0x20 && c != 0x7f) {
      emit(ItemType::Char);
      return State::InsideAction;
    }
    return fail("unrecognized character in action: " + describe_code_point(c));
  }

  State lex_space() {
    int spaces = 0;
    while (is_space(peek())) {
      next();
      ++spaces;
    }
    // A space followed by "-}}" belongs to the trim marker.
    std::string_view from_last = input_.substr(position_ - 1);
    if (has_right_trim_marker(from_last) &&
        from_last.substr(kTrimMarkerLength).starts_with(kRightDelim)) {
      backup();
      if (spaces == 1) return State::InsideAction;
    }
    emit(ItemType::Space);
    return State::InsideAction;
  }

  State lex_identifier() {
    while (is_alphanumeric(peek())) next();
    std::string_view word = input_.substr(start_, position_ - start_);
    if (!at_terminator()) return fail("bad character " + describe_code_point(peek()));
    static const std::pair<std::string_view, ItemType> kKeywords[] = {
        {"block", ItemType::Block},       {"break", ItemType::Break},
        {"continue", ItemType::Continue}, {"define", ItemType::Define},
        {"else", ItemType::Else},         {"end", ItemType::End},
        {"if", ItemType::If},             {"range", ItemType::Range},
        {"nil", ItemType::Nil},           {"template", ItemType::Template},
        {"with", ItemType::With}};
    for (const auto& [name, type] : kKeywords) {
      if (word == name) {
        emit(type);
        return State::InsideAction;
      }
    }
    emit(word == "true" || word == "false" ? ItemType::Bool : ItemType::Identifier);
    return State::InsideAction;
  }

  State lex_field_or_variable(ItemType type) {
    if (at_terminator()) {
      emit(type == ItemType::Variable ? ItemType::Variable : ItemType::Dot);
      return State::InsideAction;
    }
    while (is_alphanumeric(peek())) next();
    if (!at_terminator()) return fail("bad character " + describe_code_point(peek()));
    emit(type);
    return State::InsideAction;
  }

  State lex_char() {
    while (true) {
      char32_t c = next();
      if (c == '\\') {
        c = next();
        if (c != kEof && c != '\n') continue;
      }
      if (c == kEof || c == '\n') return fail("unterminated character constant");
      if (c == '\'') break;
    }
    emit(ItemType::CharConstant);
    return State::InsideAction;
  }

  State lex_quote() {
    while (true) {
      char32_t c = next();
      if (c == '\\') {
        c = next();
        if (c != kEof && c != '\n') continue;
      }
      if (c == kEof || c == '\n') return fail("unterminated quoted string");
      if (c == '"') break;
    }
    emit(ItemType::String);
    return State::InsideAction;
  }

  State lex_raw_quote() {
    while (true) {
      char32_t c = next();
      if (c == kEof) return fail("unterminated raw quoted string");
      if (c == '`') break;
    }
    emit(ItemType::RawString);
    return State::InsideAction;
  }

  bool scan_number() {
    accept("+-");
    std::string_view digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) {
        digits = "0123456789abcdefABCDEF_";
      } else if (accept("oO")) {
        digits = "01234567_";
      } else if (accept("bB")) {
        digits = "01_";
      }
    }
    accept_run(digits);
    if (accept(".")) accept_run(digits);
    if (digits.size() == 11 && accept("eE")) {
      accept("+-");
      accept_run("0123456789_");
    }
    if (digits.size() == 23 && accept("pP")) {
      accept("+-");
      accept_run("0123456789_");
    }
    accept("i");
    if (is_alphanumeric(peek())) {
      next();
      return false;
    }
    return true;
  }

  State lex_number() {
    if (!scan_number()) {
      return fail("bad number syntax: " +
                  go_quoted(input_.substr(start_, position_ - start_)));
    }
    char32_t sign = peek();
    if (sign == '+' || sign == '-') {
      // Go lexes complex constants such as 1+2i here.
      if (!scan_number() || input_[position_ - 1] != 'i') {
        return fail("bad number syntax: " +
                    go_quoted(input_.substr(start_, position_ - start_)));
      }
    }
    emit(ItemType::Number);
    return State::InsideAction;
  }
};

}  // namespace

std::string Item::to_string() const {
  if (type == ItemType::Eof) return "EOF";
  if (type == ItemType::Error) return value;
  if (type > ItemType::Keyword) return "<" + value + ">";
  if (value.size() > 10) {
    // Go's %.10q: the first ten characters, quoted.
    std::string head;
    size_t position = 0;
    for (int i = 0; i < 10 && position < value.size(); ++i) {
      append_utf8(&head, decode_code_point(value, &position));
    }
    return go_quoted(head) + "...";
  }
  return go_quoted(value);
}

std::vector<Item> lex_template(std::string_view input) { return Lexer(input).run(); }

}  // namespace regoc::go_template
