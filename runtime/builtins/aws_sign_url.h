// Go's url.Parse (Go 1.22 and later) for the builtins that read URLs as OPA does:
// providers.aws.sign_req signs the host, escaped path and query, json.match_schema's uri
// formats accept what url.Parse accepts, and uri.parse returns the components. External
// interface: parse_go_url.
#pragma once

#include <string>
#include <string_view>

namespace regoc {

/// The components of a URL as Go's url.URL holds them after url.Parse.
struct ParsedUrl {
  std::string scheme;        // URL.Scheme, lower-cased: "https"
  std::string host;          // URL.Host: "example.com" or "example.com:8080"
  std::string path;          // URL.Path, unescaped
  std::string escaped_path;  // URL.EscapedPath()
  std::string raw_query;     // URL.RawQuery, without the "?"
  std::string raw_path;      // URL.RawPath: the path as written, when its escaping is not
                             // the default one; empty otherwise
  std::string fragment;      // URL.Fragment, unescaped, without the "#"
};

/// Parses `text` as Go's url.Parse does. On failure returns false and sets *error to Go's
/// message, such as `parse "http://a/%zz": invalid URL escape "%zz"`.
bool parse_go_url(std::string_view text, ParsedUrl* url, std::string* error);

}  // namespace regoc
