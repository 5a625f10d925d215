// Builtins about the running engine: opa.runtime and trace(note).
//
// opa.runtime() returns the object set by set_opa_runtime_info, {} by default. For `regoc
// eval` it is what `opa eval` passes, with as version the OPA release whose behaviour regoc
// follows, so that policies which check the version see the features they expect, and an
// empty commit. trace(note) is true and records nothing because regoc has no tracer.
#include "runtime/builtins/opa_runtime.h"

#include <mutex>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

extern char** environ;

namespace regoc {
namespace {

constexpr const char* kCompatibleOpaVersion = "1.20.2";

Value environment() {
  std::vector<Value::Entry> entries;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text = *entry;
    size_t equals = text.find('=');
    // Go's os.Environ can list a name without `=`; OPA maps it to null.
    if (equals == std::string_view::npos) {
      entries.emplace_back(Value::string(text), Value::null());
    } else {
      entries.emplace_back(Value::string(text.substr(0, equals)),
                           Value::string(text.substr(equals + 1)));
    }
  }
  return Value::object(std::move(entries));
}

std::mutex runtime_info_mutex;

Value& runtime_info_value() {
  static Value info = Value::object();
  return info;
}

BuiltinStatus runtime_info(BuiltinContext&, std::span<const Value>, Value& result) {
  std::lock_guard<std::mutex> lock(runtime_info_mutex);
  result = runtime_info_value();
  return BuiltinStatus::Ok;
}

BuiltinStatus trace(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_string()) return context.type_error("trace", 1, "string", args[0]);
  result = Value::boolean(true);
  return BuiltinStatus::Ok;
}

}  // namespace

void set_opa_runtime_info(Value info) {
  std::lock_guard<std::mutex> lock(runtime_info_mutex);
  runtime_info_value() = std::move(info);
}

Value eval_runtime_info() {
  return Value::object({{Value::string("env"), environment()},
                        {Value::string("version"), Value::string(kCompatibleOpaVersion)},
                        {Value::string("commit"), Value::string("")},
                        {Value::string("authorization_enabled"), Value::boolean(false)},
                        {Value::string("skip_known_schema_check"), Value::boolean(false)}});
}

void register_opa_runtime_builtins(Registry& registry) {
  registry.add("opa.runtime", runtime_info);
  registry.add("trace", trace);
}

}  // namespace regoc
