// The destination of the rows of a query plan (layout in ir::Program): every row, or only the
// first column of the first row, for a caller that needs one value. The second form is what
// PreparedQuery::decide uses; it costs no allocation.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/value.h"

namespace regoc {

class ResultRows {
 public:
  // Collects every row into *all.
  explicit ResultRows(std::vector<std::vector<Value>>* all) : all_(all) {}
  // Keeps the first column of the first row in *first; the other rows are dropped.
  explicit ResultRows(Value* first) : first_(first) {}

  void add(std::vector<Value> row) {
    if (all_) {
      all_->push_back(std::move(row));
    } else if (!first_->is_defined() && !row.empty()) {
      *first_ = std::move(row.front());
    }
  }
  // The same, from pointers to the row's values (the JIT's locals and constants).
  void add(const Value* const* values, uint32_t count) {
    if (all_) {
      std::vector<Value> row;
      row.reserve(count);
      for (uint32_t i = 0; i < count; ++i) row.push_back(*values[i]);
      all_->push_back(std::move(row));
    } else if (!first_->is_defined() && count > 0) {
      *first_ = *values[0];
    }
  }
  // Drops what was added: an error that ends evaluation leaves no results.
  void clear() {
    if (all_) {
      all_->clear();
    } else {
      *first_ = Value();
    }
  }

 private:
  std::vector<std::vector<Value>>* all_ = nullptr;
  Value* first_ = nullptr;
};

}  // namespace regoc
