// The engine: parse, compile, plan and evaluate (see api/engine.h).
#include "api/engine.h"

#include <chrono>
#include <unordered_set>

#include "compiler/compiler.h"
#include "compiler/parser.h"
#include "compiler/planner.h"
#include "runtime/executor.h"
#include "runtime/interp/interpreter.h"
#include "runtime/jit_loader.h"
#include "runtime/json_simd.h"

namespace regoc {

struct PreparedQueryImpl {
  ir::Program program;
  std::unique_ptr<Executor> executor;
  ExecutorKind executor_kind = ExecutorKind::Interpreter;
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

std::optional<ExecutorKind> parse_executor_kind(std::string_view name) {
  if (name == "interp") return ExecutorKind::Interpreter;
  if (name == "jit") return ExecutorKind::Jit;
  return std::nullopt;
}

std::string_view executor_kind_name(ExecutorKind kind) {
  return kind == ExecutorKind::Jit ? "jit" : "interp";
}

void Engine::set_data(Value data) { data_ = std::move(data); }

Errors Engine::set_data_json(std::string_view data_json) {
  Value data;
  std::string message;
  if (!parse_json_simd(data_json, &data, &message)) {
    return {Error{kInvalidJsonCode, "data: " + message, Location()}};
  }
  if (!data.is_object()) {
    return {Error{kInvalidJsonCode,
                  "data must be a JSON object, not " + std::string(kind_name(data.kind())),
                  Location()}};
  }
  data_ = std::move(data);
  return {};
}

namespace {
ast::ExprPtr document_query(const std::vector<std::string>& path);
Errors plan_prepared(const CompiledProgram& compiled, const PrepareOptions& options,
                     const Value& data, PreparedQuery* out);
}  // namespace

Errors Engine::prepare(const std::string& query, PreparedQuery* out,
                       ExecutorKind executor) const {
  PrepareOptions options;
  options.executor = executor;
  return prepare(query, out, options);
}

Errors Engine::prepare(const std::string& query, PreparedQuery* out,
                       const PrepareOptions& options) const {
  std::vector<ast::Module> modules;
  Errors errors = parse_modules(&modules);
  if (!errors.empty()) return errors;
  ast::Body body;
  errors = parse_query(query, &body);
  if (!errors.empty()) return errors;

  CompiledProgram compiled;
  CompileOptions compile_options;
  if (options.check_data_conflicts) compile_options.base_data = &data_;
  errors = compile_program(std::move(modules), std::move(body), compile_options, &compiled);
  if (!errors.empty()) return errors;
  return plan_prepared(compiled, options, data_, out);
}

Errors Engine::prepare_documents(std::span<const std::vector<std::string>> paths,
                                 std::vector<PreparedQuery>* out,
                                 std::vector<Errors>* query_errors,
                                 const PrepareOptions& options) const {
  std::vector<ast::Module> modules;
  Errors errors = parse_modules(&modules);
  if (!errors.empty()) return errors;
  CompiledProgram compiled;
  CompileOptions compile_options;
  if (options.check_data_conflicts) compile_options.base_data = &data_;
  errors = compile_program(std::move(modules), ast::Body(), compile_options, &compiled);
  if (!errors.empty()) return errors;

  out->assign(paths.size(), PreparedQuery());
  query_errors->assign(paths.size(), Errors());
  for (size_t i = 0; i < paths.size(); ++i) {
    // A ground ref into data is already in the compiler's kernel form, so the modules,
    // compiled once, serve every query.
    compiled.query = {document_query(paths[i])};
    (*query_errors)[i] = plan_prepared(compiled, options, data_, &(*out)[i]);
  }
  return {};
}

namespace {

// The query `data.<path>` as the compiler would leave it.
ast::ExprPtr document_query(const std::vector<std::string>& path) {
  auto location = Location{nullptr, 1, 1};
  std::vector<ast::TermPtr> items = {ast::make_var("data", location)};
  for (const std::string& key : path) items.push_back(ast::make_string(key, location));
  auto expr = std::make_shared<ast::Expr>();
  expr->kind = ast::ExprKind::Term;
  expr->location = location;
  expr->terms = {ast::make_ref(std::move(items), location)};
  expr->text = ast::to_string(*expr->terms[0]);
  return expr;
}

// Plans the compiled query and builds its executor.
Errors plan_prepared(const CompiledProgram& compiled, const PrepareOptions& options,
                     const Value& data, PreparedQuery* out) {
  const ExecutorKind executor = options.executor;
  auto impl = std::make_shared<PreparedQueryImpl>();
  PlanOptions plan_options;
  plan_options.coverage = options.coverage;
  Errors errors = plan_program(compiled, &impl->program, plan_options);
  if (!errors.empty()) return errors;
  if (executor == ExecutorKind::Jit) {
    std::string error;
    impl->executor = make_jit_executor(impl->program, &error);
    if (!impl->executor) return {Error{codes::kInternal, "JIT: " + error, Location()}};
  } else {
    impl->executor = make_interpreter_executor(impl->program);
  }
  impl->executor_kind = executor;
  impl->data = data;
  for (const auto& expr : compiled.query) {
    if (expr->text.empty()) continue;  // generated by the compiler, not reported
    impl->expression_texts.push_back(expr->text);
    impl->expression_locations.push_back(expr->location);
  }
  out->impl = std::move(impl);
  return {};
}

// Runs the plan on the interpreter, which alone records coverage and checks a deadline. Kept
// out of line: inlined, its locals would be set up on every decision.
[[gnu::noinline]] bool run_monitored(const PreparedQueryImpl& impl, const Value& input, BuiltinContext& context,
                   const EvalOptions& options, ResultRows& rows, Error* error) {
  Interpreter interpreter(impl.program, context, options.strict_builtin_errors);
  std::unordered_set<const ir::Stmt*> reached;
  if (options.coverage) interpreter.record_coverage(&reached);
  if (options.deadline) interpreter.set_deadline(*options.deadline);
  const bool ok = interpreter.run(input, impl.data, rows, error);
  if (options.coverage) {
    for (const ir::Stmt* mark : reached) {
      (*options.coverage)[mark->location.file_name()].insert(mark->location.row);
    }
  }
  return ok;
}

// Runs the prepared query and appends its result rows (layout in ir::Program).
bool run_rows(const PreparedQueryImpl& impl, const Value& input, const EvalOptions& options,
              ResultRows& rows, Error* error) {
  BuiltinContext context;
  context.now_ns = options.now_ns;
  if (options.print) context.print = &options.print;
  if (options.coverage || options.deadline) {
    return run_monitored(impl, input, context, options, rows, error);
  }
  return impl.executor->run(input, impl.data, context, options.strict_builtin_errors, rows,
                            error);
}

}  // namespace

Value PreparedQuery::decide(const Value& input, Error* error, const EvalOptions& options) const {
  Value value;
  ResultRows rows(&value);
  Error failure;
  if (!run_rows(*impl, input, options, rows, &failure)) {
    if (error) *error = std::move(failure);
    return Value();
  }
  if (impl->program.expressions == 0) return Value();
  return value;
}

EvalOutcome PreparedQuery::eval(const Value& input, const EvalOptions& options) const {
  EvalOutcome outcome;
  std::vector<std::vector<Value>> rows;
  ResultRows sink(&rows);
  Error error;
  // A strict builtin error comes with the results of the evaluation that went on past it,
  // as OPA returns both.
  if (!run_rows(*impl, input, options, sink, &error)) outcome.errors.push_back(std::move(error));
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

EvalOutcome PreparedQuery::eval_json(std::string_view input_json,
                                     const EvalOptions& options) const {
  Value input;
  std::string message;
  if (!parse_json_simd(input_json, &input, &message)) {
    EvalOutcome outcome;
    outcome.errors.push_back({kInvalidJsonCode, "input: " + message, Location()});
    return outcome;
  }
  return eval(input, options);
}

ExecutorKind PreparedQuery::executor() const { return impl->executor_kind; }

std::string PreparedQuery::dump_ir() const { return ir::to_string(impl->program); }

}  // namespace regoc
