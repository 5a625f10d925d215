// Recursion check: a rule (or function, or else branch) may not depend on itself directly or
// through other rules (rego_recursion_error "rule data.x.p is recursive: data.x.p -> data.x.q
// -> data.x.p"). A rule depends on every rule that a `data` ref in it may reach: a ref part
// that is not a constant may stand for any key. External interface: check_recursion.
#include <algorithm>

#include "compiler/passes.h"

namespace regoc::passes {
namespace {

using ast::Rule;
using ast::Term;
using ast::TermKind;
using ast::TermPtr;

// One part of a ref's path below `data`: a constant key, or any key (`dynamic`).
struct PathPart {
  bool dynamic = false;
  std::string key;
};

std::vector<PathPart> data_path(const Term& ref) {
  std::vector<PathPart> path;
  for (size_t i = 1; i < ref.items.size(); ++i) {
    const Term& part = *ref.items[i];
    if (part.kind == TermKind::String) {
      path.push_back(PathPart{false, part.text});
    } else if (is_scalar(part)) {
      path.push_back(PathPart{false, "\x01" + ast::to_string(part)});  // matches no rule key
    } else {
      path.push_back(PathPart{true, {}});
    }
  }
  return path;
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string::npos ? dot : dot - start));
    if (dot == std::string::npos) return parts;
    start = dot + 1;
  }
}

struct Node {
  Rule* rule = nullptr;
  std::string name;  // the rule's full ref as OPA prints it
  std::vector<size_t> edges;
};

class Graph {
 public:
  Graph(PassContext& context, const RuleTable& rules) {
    for (const auto& [path, entries] : rules.paths()) {
      for (const RuleEntry& entry : entries) {
        for (Rule* r = entry.rule; r != nullptr; r = r->else_rule.get()) {
          nodes_.push_back(Node{r, ref_text(*entry.rule->head.ref, context), {}});
          paths_.push_back(split_path(path));
          owners_.push_back(entry.rule);
        }
      }
    }
    for (size_t i = 0; i < nodes_.size(); ++i) add_edges(i);
  }

  size_t size() const { return nodes_.size(); }
  const Node& node(size_t i) const { return nodes_[i]; }

  // A path of nodes from `start` back to `start`; empty when there is none.
  std::vector<size_t> cycle(size_t start) const {
    std::vector<size_t> path = {start};
    std::vector<bool> visited(nodes_.size(), false);
    if (search(start, start, visited, path)) return path;
    return {};
  }

 private:
  bool search(size_t from, size_t target, std::vector<bool>& visited,
              std::vector<size_t>& path) const {
    for (size_t next : nodes_[from].edges) {
      if (next == target) {
        path.push_back(next);
        return true;
      }
      if (visited[next]) continue;
      visited[next] = true;
      path.push_back(next);
      if (search(next, target, visited, path)) return true;
      path.pop_back();
    }
    return false;
  }

  // True when the ref may reach the rules whose ground prefix is `rule` (split at dots).
  static bool reaches(const std::vector<PathPart>& ref, const std::vector<std::string>& rule) {
    size_t common = std::min(ref.size(), rule.size() - 1);
    for (size_t i = 0; i < common; ++i) {
      if (!ref[i].dynamic && ref[i].key != rule[i + 1]) return false;
    }
    return true;
  }

  void add_edge(size_t from, const Term& ref) {
    if (ref.items.empty() || !is_var_named(*ref.items[0], "data")) return;
    std::vector<PathPart> path = data_path(ref);
    for (size_t to = 0; to < nodes_.size(); ++to) {
      if (!reaches(path, paths_[to])) continue;
      std::vector<size_t>& edges = nodes_[from].edges;
      if (std::find(edges.begin(), edges.end(), to) == edges.end()) edges.push_back(to);
    }
  }

  void add_edges(size_t i) {
    Rule& branch = *nodes_[i].rule;
    Rule& owner = *owners_[i];
    auto visit = [&](const TermPtr& root) {
      walk_terms(root, [&](TermPtr& term) {
        if (term->kind == TermKind::Ref) add_edge(i, *term);
        return true;
      });
    };
    if (&branch == &owner) {
      for (size_t k = 1; k < owner.head.ref->items.size(); ++k) visit(owner.head.ref->items[k]);
    }
    for (const TermPtr& arg : owner.head.args) visit(arg);
    for (const TermPtr& term : {branch.head.key, branch.head.value}) {
      if (term) visit(term);
    }
    walk_bodies(branch.body, [&](ast::Body& body) {
      for (ast::ExprPtr& expr : body) walk_expr_terms(*expr, visit);
    });
  }

  std::vector<Node> nodes_;
  std::vector<std::vector<std::string>> paths_;
  std::vector<Rule*> owners_;
};

}  // namespace

void check_recursion(PassContext& context, const RuleTable& rules) {
  Graph graph(context, rules);
  for (size_t i = 0; i < graph.size(); ++i) {
    std::vector<size_t> cycle = graph.cycle(i);
    if (cycle.empty()) continue;
    std::string chain;
    for (size_t node : cycle) chain += (chain.empty() ? "" : " -> ") + graph.node(node).name;
    context.error(codes::kRecursion, graph.node(i).rule->location,
                  "rule " + graph.node(i).name + " is recursive: " + chain);
  }
}

}  // namespace regoc::passes
