// Go's strconv.Quote, which gqlparser uses in its messages: a double-quoted string with Go
// escapes for quotes, backslashes, control characters and invalid UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace regoc::graphql {

/// Quotes `text` as Go's strconv.Quote does.
std::string go_quote(std::string_view text);

}  // namespace regoc::graphql
