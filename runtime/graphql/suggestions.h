// "Did you mean" suggestions of validation messages, as gqlparser (after graphql-js) makes
// them: options within an edit distance of 40% of the input, closest first.
#pragma once

#include <string>
#include <vector>

namespace regoc::graphql {

/// Returns the options close to `input`, sorted by edit distance (ties keep their order).
std::vector<std::string> suggestion_list(const std::string& input,
                                         const std::vector<std::string>& options);

/// Joins at most five items as "a, b, or c" ("a or b" for two).
std::string or_list(std::vector<std::string> items);

/// Like or_list, with each item in double quotes.
std::string quoted_or_list(const std::vector<std::string>& items);

/// Returns " <prefix> <quoted or list>?" for the suggestions among `options`, or "" when
/// there are none.
std::string suggest_quoted(const std::string& prefix, const std::string& input,
                           const std::vector<std::string>& options);

/// Like suggest_quoted, without quotes around the suggestions.
std::string suggest_unquoted(const std::string& prefix, const std::string& input,
                             const std::vector<std::string>& options);

}  // namespace regoc::graphql
