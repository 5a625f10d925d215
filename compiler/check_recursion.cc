// Recursion check: a rule (or function, or else branch) may not depend on itself directly or
// through other rules (rego_recursion_error "rule data.x.p is recursive: data.x.p -> data.x.q
// -> data.x.p"). A rule depends on every rule that a `data` ref in it may reach: a ref part
// that is not a constant may stand for any key. External interface: check_recursion.
//
// The dependency graph is built through a tree of rule paths, so a ref costs the rules it
// reaches rather than a scan of every rule. Only rules inside a strongly connected component
// with a cycle are searched for their cycle, so a program without recursion is checked in time
// linear in the size of its graph. Both searches keep explicit stacks instead of recursing, so
// long dependency chains cannot exhaust the thread's stack.
#include <algorithm>
#include <map>
#include <memory>

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

// A node of the tree of rule paths below `data`: the graph nodes of the rules whose ground
// prefix ends here.
struct PathNode {
  std::map<std::string, std::unique_ptr<PathNode>> children;
  std::vector<size_t> rules;
};

struct Node {
  Rule* rule = nullptr;
  std::string name;  // the rule's full ref as OPA prints it
  std::vector<size_t> edges;
};

class Graph {
 public:
  Graph(PassContext& context, const RuleTable& rules) {
    for (const auto& [path, entries] : rules.paths()) {
      // The ground prefix starts with `data`, which the tree's root stands for.
      std::vector<std::string> keys = split_path(path);
      PathNode* tree_node = &root_;
      for (size_t i = 1; i < keys.size(); ++i) {
        auto& child = tree_node->children[keys[i]];
        if (!child) child = std::make_unique<PathNode>();
        tree_node = child.get();
      }
      for (const RuleEntry& entry : entries) {
        for (Rule* r = entry.rule; r != nullptr; r = r->else_rule.get()) {
          tree_node->rules.push_back(nodes_.size());
          nodes_.push_back(Node{r, ref_text(*entry.rule->head.ref, context), {}});
          owners_.push_back(entry.rule);
        }
      }
    }
    seen_by_.assign(nodes_.size(), kNone);
    for (size_t i = 0; i < nodes_.size(); ++i) add_edges(i);
  }

  size_t size() const { return nodes_.size(); }
  const Node& node(size_t i) const { return nodes_[i]; }

  // The strongly connected component of each node (Tarjan's algorithm), and whether the
  // component contains a cycle: more than one node, or a node with an edge to itself.
  void find_components(std::vector<size_t>* component, std::vector<bool>* cyclic) const;

  // The path of nodes from `start` back to `start` that a depth-first search following edges
  // in order finds first, visiting only nodes of `start`'s component (no path back leaves it).
  std::vector<size_t> cycle(size_t start, const std::vector<size_t>& component) const;

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  // Adds to *out the rules at `tree_node` and below when the ref's path ends here, and follows
  // the rest of the path otherwise. A rule's path reaches a ref when the two agree on every
  // part that both have.
  void collect(const PathNode& tree_node, const std::vector<PathPart>& path, size_t depth,
               std::vector<size_t>* out) const {
    out->insert(out->end(), tree_node.rules.begin(), tree_node.rules.end());
    if (depth == path.size()) {
      for (const auto& [key, child] : tree_node.children) collect(*child, path, depth, out);
      return;
    }
    if (path[depth].dynamic) {
      for (const auto& [key, child] : tree_node.children) collect(*child, path, depth + 1, out);
      return;
    }
    auto it = tree_node.children.find(path[depth].key);
    if (it != tree_node.children.end()) collect(*it->second, path, depth + 1, out);
  }

  void add_edge(size_t from, const Term& ref) {
    if (ref.items.empty() || !is_var_named(*ref.items[0], "data")) return;
    std::vector<size_t> targets;
    collect(root_, data_path(ref), 0, &targets);
    // In node order, as a scan of every node would add them.
    std::sort(targets.begin(), targets.end());
    std::vector<size_t>& edges = nodes_[from].edges;
    for (size_t to : targets) {
      if (seen_by_[to] == from) continue;
      seen_by_[to] = from;
      edges.push_back(to);
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

  PathNode root_;
  std::vector<Node> nodes_;
  std::vector<Rule*> owners_;
  // seen_by_[to] == from when the edge from -> to exists; edges are added one node at a time.
  std::vector<size_t> seen_by_;
};

void Graph::find_components(std::vector<size_t>* component, std::vector<bool>* cyclic) const {
  const size_t n = nodes_.size();
  std::vector<size_t> index(n, kNone), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<size_t> stack;
  // Each frame is a node and the position of its next edge to follow.
  std::vector<std::pair<size_t, size_t>> frames;
  size_t next_index = 0;
  component->assign(n, kNone);
  cyclic->clear();

  for (size_t root = 0; root < n; ++root) {
    if (index[root] != kNone) continue;
    frames.push_back({root, 0});
    index[root] = low[root] = next_index++;
    stack.push_back(root);
    on_stack[root] = true;
    while (!frames.empty()) {
      auto& [v, edge] = frames.back();
      if (edge < nodes_[v].edges.size()) {
        size_t w = nodes_[v].edges[edge++];
        if (index[w] == kNone) {
          index[w] = low[w] = next_index++;
          stack.push_back(w);
          on_stack[w] = true;
          frames.push_back({w, 0});
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      size_t done = v;
      frames.pop_back();
      if (!frames.empty()) low[frames.back().first] = std::min(low[frames.back().first], low[done]);
      if (low[done] != index[done]) continue;
      // `done` is the root of a component: pop its members.
      size_t id = cyclic->size();
      size_t members = 0;
      size_t w = kNone;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack[w] = false;
        (*component)[w] = id;
        ++members;
      } while (w != done);
      const auto& edges = nodes_[done].edges;
      bool self_loop = std::find(edges.begin(), edges.end(), done) != edges.end();
      cyclic->push_back(members > 1 || self_loop);
    }
  }
}

std::vector<size_t> Graph::cycle(size_t start, const std::vector<size_t>& component) const {
  const size_t id = component[start];
  std::vector<bool> visited(nodes_.size(), false);
  std::vector<size_t> path = {start};
  std::vector<size_t> next_edge = {0};  // per entry of `path`
  while (!path.empty()) {
    size_t from = path.back();
    const auto& edges = nodes_[from].edges;
    size_t& edge = next_edge.back();
    if (edge == edges.size()) {
      path.pop_back();
      next_edge.pop_back();
      continue;
    }
    size_t next = edges[edge++];
    if (next == start) {
      path.push_back(next);
      return path;
    }
    if (visited[next] || component[next] != id) continue;
    visited[next] = true;
    path.push_back(next);
    next_edge.push_back(0);
  }
  return {};
}

}  // namespace

void check_recursion(PassContext& context, const RuleTable& rules) {
  Graph graph(context, rules);
  std::vector<size_t> component;
  std::vector<bool> cyclic;
  graph.find_components(&component, &cyclic);
  for (size_t i = 0; i < graph.size(); ++i) {
    if (!cyclic[component[i]]) continue;
    std::vector<size_t> cycle = graph.cycle(i, component);
    if (cycle.empty()) continue;
    std::string chain;
    for (size_t node : cycle) chain += (chain.empty() ? "" : " -> ") + graph.node(node).name;
    context.error(codes::kRecursion, graph.node(i).rule->location,
                  "rule " + graph.node(i).name + " is recursive: " + chain);
  }
}

}  // namespace regoc::passes
