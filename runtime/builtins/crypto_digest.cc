// Digest builtins: crypto.md5, crypto.sha1, crypto.sha256, crypto.hmac.md5, crypto.hmac.sha1,
// crypto.hmac.sha256, crypto.hmac.sha512 and crypto.hmac.equal. Digests and MACs are returned
// as lowercase hexadecimal, as OPA returns them. External interface:
// register_crypto_builtins.
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "runtime/builtins/crypto_encoding.h"
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

std::string digest_hex(const EVP_MD* md, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, md, nullptr);
  return hex_encode(std::string_view(reinterpret_cast<char*>(digest), size));
}

BuiltinStatus digest_builtin(BuiltinContext& context, std::string_view name, const EVP_MD* md,
                             std::span<const Value> args, Value& result) {
  if (!args[0].is_string()) return context.type_error(name, 1, "string", args[0]);
  result = Value::string(digest_hex(md, args[0].as_string()));
  return BuiltinStatus::Ok;
}

// Operand 1 is the message and operand 2 the key, as in OPA.
BuiltinStatus hmac_builtin(BuiltinContext& context, std::string_view name, const EVP_MD* md,
                           std::span<const Value> args, Value& result) {
  if (!args[0].is_string()) return context.type_error(name, 1, "string", args[0]);
  if (!args[1].is_string()) return context.type_error(name, 2, "string", args[1]);
  std::string_view message = args[0].as_string();
  std::string_view key = args[1].as_string();
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &size);
  result = Value::string(hex_encode(std::string_view(reinterpret_cast<char*>(mac), size)));
  return BuiltinStatus::Ok;
}

BuiltinStatus md5(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return digest_builtin(context, "crypto.md5", EVP_md5(), args, result);
}

BuiltinStatus sha1(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return digest_builtin(context, "crypto.sha1", EVP_sha1(), args, result);
}

BuiltinStatus sha256(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return digest_builtin(context, "crypto.sha256", EVP_sha256(), args, result);
}

BuiltinStatus hmac_md5(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return hmac_builtin(context, "crypto.hmac.md5", EVP_md5(), args, result);
}

BuiltinStatus hmac_sha1(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return hmac_builtin(context, "crypto.hmac.sha1", EVP_sha1(), args, result);
}

BuiltinStatus hmac_sha256(BuiltinContext& context, std::span<const Value> args,
                          Value& result) {
  return hmac_builtin(context, "crypto.hmac.sha256", EVP_sha256(), args, result);
}

BuiltinStatus hmac_sha512(BuiltinContext& context, std::span<const Value> args,
                          Value& result) {
  return hmac_builtin(context, "crypto.hmac.sha512", EVP_sha512(), args, result);
}

// Compares in time that depends only on the lengths, like Go's hmac.Equal.
BuiltinStatus hmac_equal(BuiltinContext& context, std::span<const Value> args, Value& result) {
  constexpr std::string_view kName = "crypto.hmac.equal";
  if (!args[0].is_string()) return context.type_error(kName, 1, "string", args[0]);
  if (!args[1].is_string()) return context.type_error(kName, 2, "string", args[1]);
  std::string_view a = args[0].as_string();
  std::string_view b = args[1].as_string();
  result = Value::boolean(a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_crypto_builtins(Registry& registry) {
  registry.add("crypto.md5", md5);
  registry.add("crypto.sha1", sha1);
  registry.add("crypto.sha256", sha256);
  registry.add("crypto.hmac.md5", hmac_md5);
  registry.add("crypto.hmac.sha1", hmac_sha1);
  registry.add("crypto.hmac.sha256", hmac_sha256);
  registry.add("crypto.hmac.sha512", hmac_sha512);
  registry.add("crypto.hmac.equal", hmac_equal);
}

}  // namespace regoc
