// drop_single_use_memos (see plan_memo.h). Rego rules cannot be recursive, so the call graph is
// acyclic and "runs at most once" can be decided caller first, with a cache per function.
#include "compiler/plan_memo.h"

#include <optional>
#include <vector>

namespace regoc {
namespace {

constexpr int kQuery = -1;

struct CallSite {
  int caller;  // index into program.functions, or kQuery
  bool in_loop;
};

void collect_sites(const ir::Block& block, int caller, bool in_loop,
                   std::vector<std::vector<CallSite>>& sites) {
  for (const ir::Stmt& stmt : block.stmts) {
    if (stmt.op == ir::Op::CallFunction && stmt.index < sites.size()) {
      sites[stmt.index].push_back({caller, in_loop});
    }
    for (const auto& child : stmt.blocks) {
      collect_sites(*child, caller, in_loop || stmt.op == ir::Op::Scan, sites);
    }
  }
}

class OnceAnalysis {
 public:
  explicit OnceAnalysis(const ir::Program& program)
      : program_(program), sites_(program.functions.size()), once_(program.functions.size()) {
    collect_sites(program.query.body, kQuery, false, sites_);
    for (size_t i = 0; i < program.functions.size(); ++i) {
      collect_sites(program.functions[i].body, static_cast<int>(i), false, sites_);
    }
  }

  // Whether the function runs at most once per query without its own memo slot.
  bool once_without_memo(size_t function) const {
    const auto& sites = sites_[function];
    return sites.size() == 1 && !sites[0].in_loop && runs_once(sites[0].caller);
  }

 private:
  // Whether `function` runs at most once per query (per memo key, for a memoized one).
  bool runs_once(int function) const {
    if (function == kQuery) return true;
    std::optional<bool>& cached = once_[function];
    if (!cached) {
      cached = program_.functions[function].memo_slot >= 0 || once_without_memo(function);
    }
    return *cached;
  }

  const ir::Program& program_;
  std::vector<std::vector<CallSite>> sites_;
  mutable std::vector<std::optional<bool>> once_;
};

}  // namespace

void drop_single_use_memos(ir::Program& program) {
  OnceAnalysis analysis(program);
  std::vector<bool> drop(program.functions.size(), false);
  for (size_t i = 0; i < program.functions.size(); ++i) {
    drop[i] = program.functions[i].memo_slot >= 0 && analysis.once_without_memo(i);
  }
  uint32_t slots = 0;
  for (size_t i = 0; i < program.functions.size(); ++i) {
    ir::Function& function = program.functions[i];
    if (function.memo_slot < 0) continue;
    function.memo_slot = drop[i] ? -1 : static_cast<int>(slots++);
  }
  program.memo_slots = slots;
}

}  // namespace regoc
