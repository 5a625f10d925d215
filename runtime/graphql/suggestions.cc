// Suggestions for validation messages. External interface: the functions of suggestions.h.
#include "runtime/graphql/suggestions.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace regoc::graphql {
namespace {

// Levenshtein distance over bytes; a change of case only counts as one edit.
size_t lexical_distance(std::string a, std::string b) {
  if (a == b) return 0;
  auto lower = [](std::string& text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  lower(a);
  lower(b);
  if (a == b) return 1;
  std::vector<size_t> previous(b.size() + 1);
  std::vector<size_t> current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace

std::vector<std::string> suggestion_list(const std::string& input,
                                         const std::vector<std::string>& options) {
  size_t threshold = std::max<size_t>(input.size() * 4 / 10 + 1, 1);
  std::vector<std::pair<size_t, std::string>> scored;
  for (const std::string& option : options) {
    size_t distance = lexical_distance(input, option);
    if (distance <= threshold) scored.emplace_back(distance, option);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> result;
  for (auto& [distance, option] : scored) result.push_back(std::move(option));
  return result;
}

std::string or_list(std::vector<std::string> items) {
  if (items.size() > 5) items.resize(5);
  if (items.size() == 2) return items[0] + " or " + items[1];
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i == items.size() - 1 ? ", or " : ", ";
    out += items[i];
  }
  return out;
}

std::string quoted_or_list(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const std::string& item : items) quoted.push_back("\"" + item + "\"");
  return or_list(std::move(quoted));
}

std::string suggest_quoted(const std::string& prefix, const std::string& input,
                           const std::vector<std::string>& options) {
  std::vector<std::string> suggested = suggestion_list(input, options);
  if (suggested.empty()) return "";
  return " " + prefix + " " + quoted_or_list(suggested) + "?";
}

std::string suggest_unquoted(const std::string& prefix, const std::string& input,
                             const std::vector<std::string>& options) {
  std::vector<std::string> suggested = suggestion_list(input, options);
  if (suggested.empty()) return "";
  return " " + prefix + " " + or_list(suggested) + "?";
}

}  // namespace regoc::graphql
