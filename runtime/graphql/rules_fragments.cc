// Validation rules on fragments: FragmentsOnCompositeTypes, KnownFragmentNames,
// NoFragmentCycles, NoUnusedFragments, PossibleFragmentSpreads and UniqueFragmentNames.
#include <map>
#include <memory>
#include <set>

#include "runtime/graphql/rules.h"

namespace regoc::graphql {
namespace {

// The fragment spreads in a selection set, including those nested in fields and inline
// fragments but not inside the spread fragments. The order is gqlparser's: a stack of
// selection sets, so nested sets are visited after the spreads of the enclosing set.
std::vector<Selection*> fragment_spreads(const SelectionSet& selections) {
  std::vector<Selection*> spreads;
  std::vector<const SelectionSet*> pending = {&selections};
  while (!pending.empty()) {
    const SelectionSet* set = pending.back();
    pending.pop_back();
    for (const auto& selection : *set) {
      if (selection->kind == Selection::Kind::FragmentSpread) {
        spreads.push_back(selection.get());
      } else {
        pending.push_back(&selection->selection_set);
      }
    }
  }
  return spreads;
}

// State of NoFragmentCycles across the fragments of one document.
struct CycleSearch {
  std::set<std::string> visited;
  std::vector<Selection*> path;
  std::map<std::string, size_t> path_index;

  void search(Walker& walker, const FragmentDefinition& fragment, const AddError& add_error) {
    if (!visited.insert(fragment.name).second) return;
    std::vector<Selection*> spreads = fragment_spreads(fragment.selection_set);
    if (spreads.empty()) return;
    path_index[fragment.name] = path.size();
    for (Selection* spread : spreads) {
      auto cycle = path_index.find(spread->name);
      path.push_back(spread);
      if (cycle == path_index.end()) {
        if (Ptr<FragmentDefinition> next = walker.document.fragment(spread->name)) {
          search(walker, *next, add_error);
        }
      } else {
        std::string via;
        for (size_t i = cycle->second; i + 1 < path.size(); ++i) {
          via += (via.empty() ? " via " : ", ") + ("\"" + path[i]->name + "\"");
        }
        add_error(spread->position,
                  "Cannot spread fragment \"" + spread->name + "\" within itself" + via + ".");
      }
      path.pop_back();
    }
    path_index.erase(fragment.name);
  }
};

// Whether a fragment on `type_name` can apply where `parent` is expected.
bool can_spread(const Schema& schema, const Ptr<Definition>& parent,
                const std::string& type_name) {
  if (!parent) return true;
  std::vector<Ptr<Definition>> parents;
  if (parent->kind == kObject) {
    parents = {parent};
  } else if (parent->is_abstract()) {
    parents = schema.possible(*parent);
  } else {
    return true;
  }
  Ptr<Definition> type = schema.type(type_name);
  if (!type || !type->is_composite()) return true;
  for (const auto& possible : schema.possible(*type)) {
    for (const auto& candidate : parents) {
      if (possible && candidate && possible->name == candidate->name) return true;
    }
  }
  return false;
}

}  // namespace

void add_fragments_on_composite_types(Events& events, const AddError& add_error) {
  events.inline_fragment.push_back([add_error](Walker& walker, Selection& fragment) {
    Ptr<Definition> type = walker.schema.type(fragment.type_condition);
    if (!type || type->is_composite()) return;
    add_error(fragment.position, "Fragment cannot condition on non composite type \"" +
                                     fragment.type_condition + "\".");
  });
  events.fragment.push_back([add_error](Walker&, FragmentDefinition& fragment) {
    if (!fragment.definition || fragment.type_condition.empty() ||
        fragment.definition->is_composite()) {
      return;
    }
    add_error(fragment.position, "Fragment \"" + fragment.name +
                                     "\" cannot condition on non composite type \"" +
                                     fragment.type_condition + "\".");
  });
}

void add_known_fragment_names(Events& events, const AddError& add_error) {
  events.fragment_spread.push_back([add_error](Walker&, Selection& spread) {
    if (!spread.fragment) add_error(spread.position, "Unknown fragment \"" + spread.name + "\".");
  });
}

void add_no_fragment_cycles(Events& events, const AddError& add_error) {
  auto search = std::make_shared<CycleSearch>();
  events.fragment.push_back([add_error, search](Walker& walker, FragmentDefinition& fragment) {
    search->search(walker, fragment, add_error);
  });
}

void add_no_unused_fragments(Events& events, const AddError& add_error) {
  // Spreads seen before the first fragment definition is walked come from operations.
  struct State {
    bool in_fragment_definition = false;
    std::set<std::string> used;
  };
  auto state = std::make_shared<State>();
  events.fragment_spread.push_back([state](Walker&, Selection& spread) {
    if (!state->in_fragment_definition) state->used.insert(spread.name);
  });
  events.fragment.push_back([add_error, state](Walker&, FragmentDefinition& fragment) {
    state->in_fragment_definition = true;
    if (!state->used.count(fragment.name)) {
      add_error(fragment.position, "Fragment \"" + fragment.name + "\" is never used.");
    }
  });
}

void add_possible_fragment_spreads(Events& events, const AddError& add_error) {
  events.inline_fragment.push_back([add_error](Walker& walker, Selection& fragment) {
    if (can_spread(walker.schema, fragment.object_definition, fragment.type_condition)) return;
    add_error(fragment.position, "Fragment cannot be spread here as objects of type \"" +
                                     fragment.object_definition->name +
                                     "\" can never be of type \"" + fragment.type_condition +
                                     "\".");
  });
  events.fragment_spread.push_back([add_error](Walker& walker, Selection& spread) {
    if (!spread.fragment) return;
    const std::string& type_condition = spread.fragment->type_condition;
    if (can_spread(walker.schema, spread.object_definition, type_condition)) return;
    add_error(spread.position, "Fragment \"" + spread.name +
                                   "\" cannot be spread here as objects of type \"" +
                                   spread.object_definition->name +
                                   "\" can never be of type \"" + type_condition + "\".");
  });
}

void add_unique_fragment_names(Events& events, const AddError& add_error) {
  auto seen = std::make_shared<std::set<std::string>>();
  events.fragment.push_back([add_error, seen](Walker&, FragmentDefinition& fragment) {
    if (!seen->insert(fragment.name).second) {
      add_error(fragment.position,
                "There can be only one fragment named \"" + fragment.name + "\".");
    }
  });
}

}  // namespace regoc::graphql
