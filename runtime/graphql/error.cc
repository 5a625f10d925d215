// Text of GraphQL errors in gqlparser's form. External interface: GraphqlError::text and
// errors_text.
#include "runtime/graphql/error.h"

namespace regoc::graphql {

std::string GraphqlError::text() const {
  std::string out = "input";
  if (position.known()) {
    out += ":" + std::to_string(position.line) + ":" + std::to_string(position.column);
  }
  return out + ": " + message;
}

std::string errors_text(const std::vector<GraphqlError>& errors) {
  std::string out;
  for (const GraphqlError& error : errors) out += error.text() + "\n";
  return out;
}

}  // namespace regoc::graphql
