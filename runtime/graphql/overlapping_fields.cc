// The OverlappingFieldsCanBeMerged rule: fields with the same response name in a selection
// set must be the same field with the same arguments, and must return types that can be
// merged. The comparisons follow gqlparser's port of graphql-js: fields "within" one set,
// then "between" the set and each spread fragment, and between pairs of fragments.
//
// gqlparser compares arguments pairwise across the two lists, so two fields with the same
// two or more arguments count as "differing"; regoc keeps that behaviour.
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "runtime/graphql/rules.h"

namespace regoc::graphql {
namespace {

// Fields by response name, in order of first appearance.
struct FieldMap {
  std::vector<std::string> order;
  std::map<std::string, std::vector<Selection*>> fields;

  bool operator==(const FieldMap& other) const { return fields == other.fields; }
};

struct Conflict {
  std::string response_name;
  std::string message;
  std::vector<Conflict> sub_conflicts;
  Position position;

  std::string reason() const {
    if (sub_conflicts.empty()) return message;
    std::string out;
    for (size_t i = 0; i < sub_conflicts.size(); ++i) {
      if (i > 0) out += " and ";
      out += "subfields \"" + sub_conflicts[i].response_name + "\" conflict because " +
             sub_conflicts[i].reason();
    }
    return out;
  }
};

// Collects the fields of a selection set (through inline fragments) and its spreads.
void collect(const SelectionSet& selections, FieldMap* fields, std::vector<Selection*>* spreads) {
  for (const auto& selection : selections) {
    if (selection->kind == Selection::Kind::Field) {
      const std::string& name = selection->alias.empty() ? selection->name : selection->alias;
      if (!fields->fields.count(name)) fields->order.push_back(name);
      fields->fields[name].push_back(selection.get());
    } else if (selection->kind == Selection::Kind::InlineFragment) {
      collect(selection->selection_set, fields, spreads);
    } else {
      spreads->push_back(selection.get());
    }
  }
}

bool same_arguments(const std::vector<Ptr<Argument>>& a, const std::vector<Ptr<Argument>>& b) {
  if (a.size() != b.size()) return false;
  for (const auto& first : a) {
    for (const auto& second : b) {
      if (first->name != second->name) return false;
      if (first->value->kind != second->value->kind || first->value->raw != second->value->raw) {
        return false;
      }
    }
  }
  return true;
}

bool types_conflict(const Schema& schema, const TypeRef& a, const TypeRef& b) {
  if (a.element) return b.element ? types_conflict(schema, *a.element, *b.element) : true;
  if (b.element) return true;
  if (a.non_null != b.non_null) return true;
  Ptr<Definition> first = schema.type(a.named_type);
  Ptr<Definition> second = schema.type(b.named_type);
  if (first && second && first->is_leaf() && second->is_leaf()) return first->name != second->name;
  return false;
}

class Checker {
 public:
  /// Finds the conflicts within one selection set.
  std::vector<Conflict> within(const Schema& schema, const SelectionSet& selections);

 private:
  void between_fields_and_fragment(std::vector<Conflict>* conflicts, bool exclusive,
                                   const FieldMap& fields, Selection* spread);
  void between_fragments(std::vector<Conflict>* conflicts, bool exclusive, Selection* a,
                         Selection* b);
  void between(std::vector<Conflict>* conflicts, bool exclusive, const FieldMap& a,
               const FieldMap& b);
  std::vector<Conflict> between_sub_selections(bool exclusive, const SelectionSet& a,
                                               const SelectionSet& b);
  std::optional<Conflict> find_conflict(bool parents_exclusive, Selection* a, Selection* b);

  const Schema* schema_ = nullptr;
  // Fragment pairs already compared, with whether they were compared as exclusive.
  std::map<std::string, std::map<std::string, bool>> compared_pairs_;
  std::set<std::string> compared_fragments_;
};

std::vector<Conflict> Checker::within(const Schema& schema, const SelectionSet& selections) {
  schema_ = &schema;
  std::vector<Conflict> conflicts;
  if (selections.empty()) return conflicts;
  FieldMap fields;
  std::vector<Selection*> spreads;
  collect(selections, &fields, &spreads);

  for (const std::string& name : fields.order) {
    const auto& list = fields.fields[name];
    for (size_t i = 0; i < list.size(); ++i) {
      for (size_t j = i + 1; j < list.size(); ++j) {
        if (auto conflict = find_conflict(false, list[i], list[j])) {
          conflicts.push_back(std::move(*conflict));
        }
      }
    }
  }
  compared_fragments_.clear();
  for (size_t i = 0; i < spreads.size(); ++i) {
    between_fields_and_fragment(&conflicts, false, fields, spreads[i]);
    for (size_t j = i + 1; j < spreads.size(); ++j) {
      between_fragments(&conflicts, false, spreads[i], spreads[j]);
    }
  }
  return conflicts;
}

void Checker::between_fields_and_fragment(std::vector<Conflict>* conflicts, bool exclusive,
                                          const FieldMap& fields, Selection* spread) {
  if (!compared_fragments_.insert(spread->name).second) return;
  if (!spread->fragment) return;
  FieldMap fragment_fields;
  std::vector<Selection*> nested;
  collect(spread->fragment->selection_set, &fragment_fields, &nested);
  if (fields == fragment_fields) return;  // a fragment is not compared with itself

  between(conflicts, exclusive, fields, fragment_fields);
  for (Selection* inner : nested) {
    if (inner->name == spread->name) continue;
    between_fields_and_fragment(conflicts, exclusive, fields, inner);
  }
}

void Checker::between_fragments(std::vector<Conflict>* conflicts, bool exclusive, Selection* a,
                                Selection* b) {
  if (a->name == b->name) return;
  auto known = compared_pairs_[a->name].find(b->name);
  // A pair compared as non-exclusive also covers the exclusive comparison.
  if (known != compared_pairs_[a->name].end() && (exclusive || !known->second)) return;
  compared_pairs_[a->name][b->name] = exclusive;
  compared_pairs_[b->name][a->name] = exclusive;
  if (!a->fragment || !b->fragment) return;

  FieldMap fields_a;
  FieldMap fields_b;
  std::vector<Selection*> spreads_a;
  std::vector<Selection*> spreads_b;
  collect(a->fragment->selection_set, &fields_a, &spreads_a);
  collect(b->fragment->selection_set, &fields_b, &spreads_b);
  between(conflicts, exclusive, fields_a, fields_b);
  for (Selection* spread : spreads_b) between_fragments(conflicts, exclusive, a, spread);
  for (Selection* spread : spreads_a) between_fragments(conflicts, exclusive, spread, b);
}

void Checker::between(std::vector<Conflict>* conflicts, bool exclusive, const FieldMap& a,
                      const FieldMap& b) {
  for (const std::string& name : a.order) {
    auto other = b.fields.find(name);
    if (other == b.fields.end()) continue;
    for (Selection* first : a.fields.at(name)) {
      for (Selection* second : other->second) {
        if (auto conflict = find_conflict(exclusive, first, second)) {
          conflicts->push_back(std::move(*conflict));
        }
      }
    }
  }
}

std::vector<Conflict> Checker::between_sub_selections(bool exclusive, const SelectionSet& a,
                                                      const SelectionSet& b) {
  std::vector<Conflict> conflicts;
  FieldMap fields_a;
  FieldMap fields_b;
  std::vector<Selection*> spreads_a;
  std::vector<Selection*> spreads_b;
  collect(a, &fields_a, &spreads_a);
  collect(b, &fields_b, &spreads_b);
  between(&conflicts, exclusive, fields_a, fields_b);
  for (Selection* spread : spreads_b) {
    compared_fragments_.clear();
    between_fields_and_fragment(&conflicts, exclusive, fields_a, spread);
  }
  for (Selection* spread : spreads_a) {
    compared_fragments_.clear();
    between_fields_and_fragment(&conflicts, exclusive, fields_b, spread);
  }
  for (Selection* spread_a : spreads_a) {
    for (Selection* spread_b : spreads_b) {
      between_fragments(&conflicts, exclusive, spread_a, spread_b);
    }
  }
  return conflicts;
}

std::optional<Conflict> Checker::find_conflict(bool parents_exclusive, Selection* a,
                                               Selection* b) {
  if (!a->field_definition || !a->object_definition || !b->field_definition ||
      !b->object_definition) {
    return std::nullopt;
  }
  // Fields on two different object types can never both apply.
  bool exclusive = parents_exclusive ||
                   (a->object_definition->name != b->object_definition->name &&
                    a->object_definition->kind == kObject && b->object_definition->kind == kObject);
  Conflict conflict;
  conflict.response_name = a->alias.empty() ? a->name : a->alias;
  conflict.position = b->position;
  if (!exclusive) {
    if (a->name != b->name) {
      conflict.message = a->name + " and " + b->name + " are different fields";
      return conflict;
    }
    if (!same_arguments(a->arguments, b->arguments)) {
      conflict.message = "they have differing arguments";
      return conflict;
    }
  }
  const TypeRef& type_a = *a->field_definition->type;
  const TypeRef& type_b = *b->field_definition->type;
  if (types_conflict(*schema_, type_a, type_b)) {
    conflict.message = "they return conflicting types " + type_a.to_string() + " and " +
                       type_b.to_string();
    return conflict;
  }
  conflict.sub_conflicts = between_sub_selections(exclusive, a->selection_set, b->selection_set);
  if (conflict.sub_conflicts.empty()) return std::nullopt;
  return conflict;
}

void report(const std::vector<Conflict>& conflicts, const AddError& add_error) {
  for (const Conflict& conflict : conflicts) {
    add_error(conflict.position, "Fields \"" + conflict.response_name + "\" conflict because " +
                                     conflict.reason() +
                                     ". Use different aliases on the fields to fetch both if "
                                     "this was intentional.");
  }
}

}  // namespace

void add_overlapping_fields_can_be_merged(Events& events, const AddError& add_error) {
  // One checker for the whole walk, so fragment pairs are compared once, as in gqlparser.
  auto checker = std::make_shared<Checker>();
  events.operation.push_back([add_error, checker](Walker& walker, OperationDefinition& node) {
    report(checker->within(walker.schema, node.selection_set), add_error);
  });
  events.field.push_back([add_error, checker](Walker& walker, Selection& field) {
    // Fields of fragments are checked through the operations that spread them.
    if (walker.current_operation == nullptr) return;
    report(checker->within(walker.schema, field.selection_set), add_error);
  });
  events.inline_fragment.push_back([add_error, checker](Walker& walker, Selection& fragment) {
    report(checker->within(walker.schema, fragment.selection_set), add_error);
  });
  events.fragment.push_back([add_error, checker](Walker& walker, FragmentDefinition& fragment) {
    report(checker->within(walker.schema, fragment.selection_set), add_error);
  });
}

}  // namespace regoc::graphql
