// Byte encodings that the crypto, x509 and JWT builtins share, with the behaviour and error
// messages of Go's encoding/base64, encoding/hex and encoding/pem, which OPA uses.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace regoc {

/// Decodes padded base64 in `alphabet` (64 symbols) as Go's base64.Encoding.DecodeString
/// does: line breaks are skipped and nothing but line breaks may follow the padding. On failure
/// stores Go's message "illegal base64 data at input byte N".
bool base64_padded_decode(std::string_view text, std::string_view alphabet, std::string* out,
                          std::string* error);

/// Decodes padded standard base64 as Go's base64.StdEncoding.DecodeString does: CR and LF
/// are skipped. On failure returns false and stores Go's message ("illegal base64 data at
/// input byte 4") in *error.
bool base64_std_decode(std::string_view text, std::string* out, std::string* error);

/// Decodes base64url as OPA's base64url.decode does: padding is optional (RFC 7515
/// appendix C). Errors as base64_std_decode, or "illegal base64url string: <text>".
bool base64url_decode(std::string_view text, std::string* out, std::string* error);

/// Encodes with the standard alphabet and padding (Go's base64.StdEncoding).
std::string base64_std_encode(std::string_view data);

/// Encodes with the URL alphabet and no padding (Go's base64.RawURLEncoding).
std::string base64url_raw_encode(std::string_view data);

/// Encodes bytes as lowercase hexadecimal.
std::string hex_encode(std::string_view data);

/// One PEM block: its type ("CERTIFICATE") and decoded contents.
struct PemBlock {
  std::string type;
  std::string bytes;
};

/// Finds the next PEM block in `data` as Go's pem.Decode does: text before the block is
/// skipped and malformed blocks are passed over. Returns nullopt when no block is left.
/// Stores in *rest the text after the block (after its END line), or all of `data` when
/// no block is found.
std::optional<PemBlock> pem_decode(std::string_view data, std::string_view* rest);

/// True when `text` starts with "-----BEGIN", the test OPA applies to tell PEM from base64.
inline bool starts_with_pem(std::string_view text) { return text.starts_with("-----BEGIN"); }

}  // namespace regoc
