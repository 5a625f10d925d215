// Base64, hex and PEM codecs for the crypto, x509 and JWT builtins, following Go's
// encoding/base64, encoding/hex and encoding/pem. External interface: crypto_encoding.h.
#include "runtime/builtins/crypto_encoding.h"

#include <cstdint>

namespace regoc {
namespace {

constexpr std::string_view kStdAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrlAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

bool is_line_break(char c) { return c == '\n' || c == '\r'; }

}  // namespace

// Each quantum of four symbols yields up to three bytes; '=' may end the input only after two
// or three symbols of the last quantum.
bool base64_padded_decode(std::string_view text, std::string_view alphabet, std::string* out,
                   std::string* error) {
  auto fail = [error](size_t offset) {
    *error = "illegal base64 data at input byte " + std::to_string(offset);
    return false;
  };
  size_t si = 0;
  while (si < text.size()) {
    uint32_t group = 0;
    int count = 0;
    bool padded = false;
    while (count < 4) {
      if (si == text.size()) {
        if (count == 0) return true;
        return fail(si - static_cast<size_t>(count));
      }
      char c = text[si++];
      size_t symbol = alphabet.find(c);
      if (symbol != std::string_view::npos) {
        group = (group << 6) | static_cast<uint32_t>(symbol);
        ++count;
        continue;
      }
      if (is_line_break(c)) continue;
      if (c != '=' || count < 2) return fail(si - 1);
      if (count == 2) {
        while (si < text.size() && is_line_break(text[si])) ++si;
        if (si == text.size()) return fail(text.size());
        if (text[si] != '=') return fail(si - 1);
        ++si;
      }
      while (si < text.size() && is_line_break(text[si])) ++si;
      if (si < text.size()) return fail(si);
      padded = true;
      break;
    }
    group <<= 6 * (4 - count);
    for (int byte = 0; byte < count - 1; ++byte) {
      out->push_back(static_cast<char>((group >> (16 - 8 * byte)) & 0xFF));
    }
    if (padded) return true;
  }
  return true;
}

namespace {

std::string encode(std::string_view data, std::string_view alphabet, bool pad) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    uint32_t group = (static_cast<uint8_t>(data[i]) << 16) |
                     (static_cast<uint8_t>(data[i + 1]) << 8) | static_cast<uint8_t>(data[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += alphabet[(group >> shift) & 0x3F];
  }
  size_t rest = data.size() - i;
  if (rest == 0) return out;
  uint32_t group = static_cast<uint8_t>(data[i]) << 16;
  if (rest == 2) group |= static_cast<uint8_t>(data[i + 1]) << 8;
  out += alphabet[(group >> 18) & 0x3F];
  out += alphabet[(group >> 12) & 0x3F];
  if (rest == 2) out += alphabet[(group >> 6) & 0x3F];
  if (pad) out.append(rest == 1 ? "==" : "=");
  return out;
}

// Splits off the first line as Go's encoding/pem getLine does: the line loses trailing
// spaces, tabs and CRs, and *rest starts after the LF.
std::string_view get_line(std::string_view data, std::string_view* rest) {
  size_t newline = data.find('\n');
  std::string_view line = data;
  *rest = {};
  if (newline != std::string_view::npos) {
    line = data.substr(0, newline);
    *rest = data.substr(newline + 1);
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  return line;
}

// Parses one block whose "-----BEGIN " prefix has been consumed. Returns nullopt when the
// block is malformed; `*cursor` then points where the search for the next block resumes.
std::optional<PemBlock> parse_block(std::string_view* cursor, std::string_view* rest) {
  constexpr std::string_view kEndOfLine = "-----";
  constexpr std::string_view kEnd = "\n-----END ";
  std::string_view body;
  std::string_view type_line = get_line(*cursor, &body);
  *cursor = body;
  if (!type_line.ends_with(kEndOfLine)) return std::nullopt;
  type_line.remove_suffix(kEndOfLine.size());

  bool has_headers = false;
  while (true) {
    if (body.empty()) return std::nullopt;
    std::string_view next;
    std::string_view line = get_line(body, &next);
    if (line.find(':') == std::string_view::npos) break;
    has_headers = true;
    body = next;
  }

  size_t end_index = 0;
  size_t trailer_index = kEnd.size() - 1;
  if (has_headers || !body.starts_with(kEnd.substr(1))) {
    end_index = body.find(kEnd);
    if (end_index == std::string_view::npos) return std::nullopt;
    trailer_index = end_index + kEnd.size();
  }
  std::string_view trailer = body.substr(trailer_index);
  size_t trailer_size = type_line.size() + kEndOfLine.size();
  if (trailer.size() < trailer_size) return std::nullopt;
  std::string_view after_trailer = trailer.substr(trailer_size);
  trailer = trailer.substr(0, trailer_size);
  if (!trailer.starts_with(type_line) || !trailer.ends_with(kEndOfLine)) return std::nullopt;
  std::string_view ignored;
  if (!get_line(after_trailer, &ignored).empty()) return std::nullopt;

  std::string encoded;
  for (char c : body.substr(0, end_index)) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') encoded += c;
  }
  PemBlock block;
  block.type = std::string(type_line);
  std::string error;
  if (!base64_padded_decode(encoded, kStdAlphabet, &block.bytes, &error)) return std::nullopt;
  get_line(body.substr(end_index + kEnd.size() - 1), rest);
  return block;
}

}  // namespace

bool base64_std_decode(std::string_view text, std::string* out, std::string* error) {
  return base64_padded_decode(text, kStdAlphabet, out, error);
}

bool base64url_decode(std::string_view text, std::string* out, std::string* error) {
  std::string padded(text);
  if (!padded.ends_with("=")) {
    switch (padded.size() % 4) {
      case 2: padded += "=="; break;
      case 3: padded += "="; break;
      case 1: *error = "illegal base64url string: " + padded; return false;
      default: break;
    }
  }
  return base64_padded_decode(padded, kUrlAlphabet, out, error);
}

std::string base64_std_encode(std::string_view data) { return encode(data, kStdAlphabet, true); }

std::string base64url_raw_encode(std::string_view data) {
  return encode(data, kUrlAlphabet, false);
}

std::string hex_encode(std::string_view data) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(data.size() * 2);
  for (char c : data) {
    out += kDigits[static_cast<uint8_t>(c) >> 4];
    out += kDigits[static_cast<uint8_t>(c) & 0xF];
  }
  return out;
}

std::optional<PemBlock> pem_decode(std::string_view data, std::string_view* rest) {
  constexpr std::string_view kBegin = "\n-----BEGIN ";
  std::string_view cursor = data;
  while (true) {
    if (cursor.starts_with(kBegin.substr(1))) {
      cursor.remove_prefix(kBegin.size() - 1);
    } else {
      size_t found = cursor.find(kBegin);
      if (found == std::string_view::npos) {
        *rest = data;
        return std::nullopt;
      }
      cursor.remove_prefix(found + kBegin.size());
    }
    std::optional<PemBlock> block = parse_block(&cursor, rest);
    if (block) return block;
  }
}

}  // namespace regoc
