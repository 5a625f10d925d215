// The engine: parse, compile, plan and evaluate (see api/engine.h).
#include "api/engine.h"

#include <chrono>

#include "compiler/compiler.h"
#include "compiler/parser.h"
#include "compiler/planner.h"
#include "runtime/executor.h"
#include "runtime/jit_loader.h"

namespace regoc {

struct PreparedQueryImpl {
  ir::Program program;
  std::unique_ptr<Executor> executor;
  Value data;
  std::vector<std::string> expression_texts;
  std::vector<Location> expression_locations;
};

Errors Engine::add_module(std::string file_name, std::string text) {
  ast::Module module;
  Errors errors = parse_module(file_name, text, &module);
  if (errors.empty()) sources_.push_back({std::move(file_name), std::move(text)});
  return errors;
}

void Engine::set_data(Value data) { data_ = std::move(data); }

Errors Engine::prepare(const std::string& query, PreparedQuery* out,
                       ExecutorKind executor) const {
  std::vector<ast::Module> modules;
  for (const auto& source : sources_) {
    ast::Module module;
    Errors errors = parse_module(source.file_name, source.text, &module);
    if (!errors.empty()) return errors;
    modules.push_back(std::move(module));
  }
  ast::Body body;
  Errors errors = parse_query(query, &body);
  if (!errors.empty()) return errors;

  CompiledProgram compiled;
  errors = compile_program(std::move(modules), std::move(body), CompileOptions(), &compiled);
  if (!errors.empty()) return errors;

  auto impl = std::make_shared<PreparedQueryImpl>();
  errors = plan_program(compiled, &impl->program);
  if (!errors.empty()) return errors;
  if (executor == ExecutorKind::Jit) {
    std::string error;
    impl->executor = make_jit_executor(impl->program, &error);
    if (!impl->executor) return {Error{codes::kInternal, "JIT: " + error, Location()}};
  } else {
    impl->executor = make_interpreter_executor(impl->program);
  }
  impl->data = data_;
  for (const auto& expr : compiled.query) {
    impl->expression_texts.push_back(expr->text);
    impl->expression_locations.push_back(expr->location);
  }
  out->impl = std::move(impl);
  return {};
}

EvalOutcome PreparedQuery::eval(const Value& input, const EvalOptions& options) const {
  BuiltinContext context;
  context.now_ns = options.now_ns;
  if (context.now_ns == 0) {
    context.now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  }
  context.print = options.print;

  EvalOutcome outcome;
  std::vector<std::vector<Value>> rows;
  Error error;
  if (!impl->executor->run(input, impl->data, context, options.strict_builtin_errors, &rows,
                           &error)) {
    outcome.errors.push_back(std::move(error));
    return outcome;
  }
  const ir::Program& program = impl->program;
  for (auto& row : rows) {
    QueryResult result;
    for (uint32_t i = 0; i < program.expressions; ++i) {
      result.expressions.push_back(
          {row[i], impl->expression_texts[i], impl->expression_locations[i]});
    }
    for (size_t i = 0; i < program.bindings.size(); ++i) {
      const Value& value = row[program.expressions + i];
      if (value.is_defined()) result.bindings.emplace_back(program.bindings[i], value);
    }
    outcome.results.push_back(std::move(result));
  }
  return outcome;
}

std::string PreparedQuery::dump_ir() const { return ir::to_string(impl->program); }

}  // namespace regoc
