// The planner's internal state, shared by its source files: planner.cc (rule tree and rule
// functions), plan_body.cc (expressions, unification, `with`) and plan_term.cc (terms, refs,
// calls and comprehensions).
//
// Planning is continuation-passing: planning an expression emits its statements into the
// current block and then calls a continuation that plans the rest of the body at the point
// where the expression's bindings hold, often inside a Scan body. Each continuation is called
// exactly once (the planner's code calls each one on a single path), so every piece of Rego
// is emitted once.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/annotations.h"
#include "compiler/compiler.h"
#include "compiler/constant_value.h"
#include "compiler/ir.h"
#include "compiler/planner.h"

namespace regoc::planning {

// A node of the tree of rule paths under `data`.
struct RuleNode {
  std::vector<std::string> path;  // path under data
  std::map<std::string, std::unique_ptr<RuleNode>> children;
  std::vector<const ast::Rule*> rules;  // rules whose head ref ends at this node
  bool has_rules_below = false;         // this node or a descendant has rules
};

enum class RuleKind { Complete, Function, MultiValue, Object };

// A `with` replacement in force while planning a body and the rules it calls.
struct Mock {
  bool is_data = false;
  std::vector<std::string> path;  // is_data: the replaced path under data
  std::string function;           // otherwise: the replaced function or builtin
  std::string replacement_name;   // the replacing function or builtin, if any
  std::optional<Value> constant;  // or the replacing constant value
  int value_slot = -1;            // or the index of the replacing value in the mock values
};
using Mocks = std::vector<Mock>;

class Planner {
 public:
  Planner(ir::Program* program, const PlanOptions& options)
      : program_(program), options_(options) {}
  Errors plan(const CompiledProgram& compiled);

 private:
  using Cont = std::function<void()>;
  using ValueCont = std::function<void(ir::Operand)>;
  using ValuesCont = std::function<void(const std::vector<ir::Operand>&)>;

  // State of the function being planned.
  struct Frame {
    ir::Function* function = nullptr;
    ir::Block* block = nullptr;
    int depth = 0;  // number of blocks entered below the function body
    // Body literals that need no plan: the Switch statements around them made the same
    // comparison (see plan_index.cc).
    const std::vector<const ast::Expr*>* established = nullptr;
    std::unordered_map<std::string, ir::LocalIndex> vars;
    ir::LocalIndex input = ir::kInputLocal;
    ir::LocalIndex data = ir::kDataLocal;
    ir::LocalIndex mock_values = ir::kMockValuesLocal;
    Mocks mocks;
    // The rule (or else alternative) being planned; null in the query. rego.metadata.* calls
    // plan as the constant annotations of this rule.
    const ast::Rule* rule = nullptr;
    // The maximum number of locals that a definition planned so far needed. The definitions of
    // a rule run one after another, so each one reuses the locals of the one before.
    ir::LocalIndex locals_peak = 0;
  };

  // planner.cc: rule tree, functions, constants.
  void build_rule_tree(const std::vector<ast::Module>& modules);
  RuleNode* find_node(const std::vector<std::string>& path) const;
  static std::vector<std::string> node_path_of(const ast::Rule& rule, size_t* rest_start);
  RuleKind rule_kind(const RuleNode& node) const;
  uint32_t function_for(RuleNode* node, Mocks mocks);  // by value: callers pass frame_.mocks
  uint32_t extent_function_for(RuleNode* node, Mocks mocks);
  void plan_rule_node(RuleNode* node, uint32_t index);
  void plan_rule_chain(const ast::Rule& rule, RuleKind kind, ir::LocalIndex result,
                       size_t rest_start);
  void plan_rule_result(const ast::Rule& rule, const ast::Rule& chain_head, RuleKind kind,
                        ir::LocalIndex result, size_t rest_start);
  void plan_default(const ast::Rule& rule, ir::LocalIndex result);
  void plan_extent(RuleNode* node, uint32_t index);
  void plan_query(const CompiledProgram& compiled);
  uint32_t builtin_index(const std::string& name);
  ir::Operand constant(Value value);
  static std::string mocks_key(const Mocks& mocks);

  // plan_index.cc: rule indexing.
  struct IndexEntry {
    ast::TermPtr ref;        // a ref into the input with constant parts
    Value constant;          // the value the definition's body compares it with
    const ast::Expr* expr;   // the comparison
  };
  struct IndexedRule {
    const ast::Rule* rule;
    std::map<std::string, IndexEntry> tests;  // by the ref's text
    // Comparisons that the enclosing Switch statements have already made.
    std::vector<const ast::Expr*> established;
  };
  std::map<std::string, IndexEntry> index_tests(const ast::Rule& rule) const;
  // Plans the definitions of one rule (none with an else chain tests anything), grouped by
  // Switch statements on the refs that most of them test. The parts of each definition's head
  // ref from `rest_start` on are keys inside the result (kind Object).
  void plan_definitions(std::vector<IndexedRule> rules, RuleKind kind, ir::LocalIndex result,
                        size_t rest_start);
  // Adds the rules below `node` that build documents (no functions, no defaults) and are not
  // replaced by `with`.
  void add_rules_below(const RuleNode& node, std::vector<IndexedRule>* definitions) const;

  // Emission helpers.
  ir::LocalIndex new_local();
  ir::Stmt& emit(ir::Op op);
  void emit_undefined();  // Break{0}
  // Emits a statement with one nested block, plans `inner` inside it and restores the frame's
  // block, depth and variable scope afterwards.
  ir::Stmt& emit_nested(ir::Op op, const Cont& inner);
  void emit_block(const Cont& inner);  // a Block statement with one block
  // Emits MarkCovered for a location in a module when coverage is requested.
  void emit_coverage_mark(const Location& location);

  // plan_body.cc: bodies and expressions.
  void plan_body(const ast::Body& body, size_t index, const Cont& cont);
  void plan_expr(const ast::Expr& expr, const Cont& cont);
  // Plans a query's term expression and stores its value in `capture`.
  void plan_expr_captured(const ast::Expr& expr, ir::LocalIndex capture, bool filter_false,
                          const Cont& cont);
  // Plans the expression's `with` modifiers from `index` on, then the expression itself.
  // `capture`, when set, receives the value of a term expression; false values then pass
  // unless `filter_false`.
  struct Capture {
    ir::LocalIndex local;
    bool filter_false;
  };
  void plan_with_from(const ast::Expr& expr, size_t index, const std::optional<Capture>& capture,
                      const Cont& cont);
  void plan_expr_core(const ast::Expr& expr, const std::optional<Capture>& capture,
                      const Cont& cont);
  void plan_every(const ast::Expr& expr, const Cont& cont);
  void plan_bind_key_value(const ast::Expr& expr, ir::LocalIndex key, ir::LocalIndex value,
                           const Cont& cont);
  void plan_unify(const ast::TermPtr& left, const ast::TermPtr& right, const Cont& cont);
  bool plan_unify_objects(const ast::Term& left, const ast::Term& right, const Cont& cont);
  void plan_unify_value(const ast::TermPtr& pattern, ir::Operand value, const Cont& cont);
  bool is_pattern(const ast::Term& term) const;  // array/object with unbound vars, or a var

  // plan_term.cc: terms.
  void plan_value(const ast::TermPtr& term, const ValueCont& cont);
  void plan_values(const std::vector<ast::TermPtr>& terms, const ValuesCont& cont);
  void plan_values_from(const std::vector<ast::TermPtr>& terms, size_t index,
                        std::vector<ir::Operand>& done, const ValuesCont& cont);
  void plan_ref(const ast::Term& ref, const ValueCont& cont);
  void plan_data_ref(const ast::Term& ref, const ValueCont& cont);
  uint32_t node_value_function(RuleNode* node);
  void plan_dynamic_child(const ast::Term& ref, RuleNode* node, size_t index,
                          const ValueCont& cont);
  // `base_document`: the value is (part of) the base document, whose object keys are strings,
  // so a number part also matches the key of its decimal text.
  void plan_ref_parts(const ast::Term& ref, size_t index, ir::Operand value,
                      const ValueCont& cont, bool base_document = false);
  void plan_call(const ast::Term& call, const ValueCont& cont);
  void plan_call_to(const std::string& name, const ast::Term& call,
                    const std::vector<ir::Operand>& args, const ValueCont& cont);
  void plan_comprehension(const ast::Term& term, const ValueCont& cont);
  void plan_collection(const ast::Term& term, const ValueCont& cont);
  bool is_bound(const std::string& var) const;
  bool has_unbound_vars(const ast::Term& term) const;
  bool is_data_mocked(const std::vector<std::string>& path) const;
  // The implicit arguments of every call: input, data and the mock values.
  std::vector<ir::Operand> implicit_args() const;
  // The function node that a name such as "data.pkg.f" names, or nullptr.
  RuleNode* function_node(const std::string& name) const;
  // Resolves the replacement of a `with` on a function; plans it when it is a value.
  void plan_function_mock(const ast::With& with, std::string function, const Cont& inner);
  void fail(const Location& location, std::string message);

  ir::Program* program_;
  PlanOptions options_;
  std::deque<ir::Function> functions_;  // stable addresses while planning
  std::unique_ptr<RuleNode> root_ = std::make_unique<RuleNode>();
  // Functions planned so far, by node and mocks key.
  using FunctionIndex = std::map<std::pair<RuleNode*, std::string>, uint32_t>;
  uint32_t planned_function(FunctionIndex& index_of, RuleNode* node, Mocks mocks,
                            void (Planner::*plan)(RuleNode*, uint32_t));

  AnnotationSet annotations_;
  FunctionIndex function_index_;
  FunctionIndex extent_index_;
  std::map<std::string, uint32_t> builtin_index_;
  std::map<Value, uint32_t> constant_index_;
  Frame frame_;
  Errors errors_;
};

}  // namespace regoc::planning
