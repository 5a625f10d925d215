// A small HTTP/1.1 server on 127.0.0.1 for the http.send tests. It listens on a free port,
// serves one request per connection on a background thread and responds by path:
//   /json            200, application/json {"a": 1}
//   /echo            200, JSON of the request: method, path, headers (lower-case), body
//   /status/<code>   that status code, plain text
//   /slow            200 after 1 s
//   /redirect        302 to /json
//   /yaml            200, application/yaml "a: 1"
//   /count           200, the number of requests served so far, as plain text
//   /cookies         200 with two Set-Cookie headers
//   /cached          200 with Cache-Control: max-age=60 and a Date header, body = count
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <ctime>
#include <string>
#include <thread>

namespace regoc::testing_support {

class HttpTestServer {
 public:
  HttpTestServer() {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    listen(listener_, 16);
    socklen_t length = sizeof address;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }

  ~HttpTestServer() {
    stopping_ = true;
    shutdown(listener_, SHUT_RDWR);
    close(listener_);
    thread_.join();
  }

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int requests() const { return requests_; }

 private:
  void serve() {
    while (!stopping_) {
      int connection = accept(listener_, nullptr, nullptr);
      if (connection < 0) return;
      handle(connection);
      close(connection);
    }
  }

  static std::string read_request(int connection) {
    std::string data;
    char buffer[4096];
    size_t header_end = std::string::npos;
    size_t body_length = 0;
    while (true) {
      ssize_t n = recv(connection, buffer, sizeof buffer, 0);
      if (n <= 0) return data;
      data.append(buffer, n);
      if (header_end == std::string::npos) {
        header_end = data.find("\r\n\r\n");
        if (header_end == std::string::npos) continue;
        std::string lower = data.substr(0, header_end);
        for (char& c : lower) c = std::tolower(static_cast<unsigned char>(c));
        size_t at = lower.find("content-length:");
        if (at != std::string::npos) body_length = std::stoul(lower.substr(at + 15));
      }
      if (data.size() >= header_end + 4 + body_length) return data;
    }
  }

  static std::string json_string(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"";
  }

  static std::string http_date() {
    char text[64];
    std::time_t now = std::time(nullptr);
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", std::gmtime(&now));
    return text;
  }

  // The JSON of a request: {"method": ..., "path": ..., "headers": {...}, "body": ...}.
  static std::string echo(const std::string& request) {
    size_t line_end = request.find("\r\n");
    std::string line = request.substr(0, line_end);
    size_t first = line.find(' ');
    size_t second = line.find(' ', first + 1);
    size_t header_end = request.find("\r\n\r\n");
    std::string headers = "{";
    size_t at = line_end + 2;
    while (at < header_end) {
      size_t end = request.find("\r\n", at);
      std::string header = request.substr(at, end - at);
      size_t colon = header.find(':');
      std::string name = header.substr(0, colon);
      for (char& c : name) c = std::tolower(static_cast<unsigned char>(c));
      std::string value = header.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      headers += (headers.size() > 1 ? "," : "") + json_string(name) + ":" + json_string(value);
      at = end + 2;
    }
    return "{\"method\":" + json_string(line.substr(0, first)) +
           ",\"path\":" + json_string(line.substr(first + 1, second - first - 1)) +
           ",\"headers\":" + headers + "}" +
           ",\"body\":" + json_string(request.substr(header_end + 4)) + "}";
  }

  void handle(int connection) {
    std::string request = read_request(connection);
    int count = ++requests_;
    size_t first = request.find(' ');
    std::string path = request.substr(first + 1, request.find(' ', first + 1) - first - 1);
    std::string status = "200 OK";
    std::string headers;
    std::string body;
    if (path == "/json") {
      headers = "Content-Type: application/json\r\n";
      body = "{\"a\": 1}";
    } else if (path == "/echo") {
      headers = "Content-Type: application/json; charset=utf-8\r\n";
      body = echo(request);
    } else if (path.rfind("/status/", 0) == 0) {
      status = path.substr(8) + " Custom Reason";
      body = "status";
    } else if (path == "/slow") {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      body = "slow";
    } else if (path == "/redirect") {
      status = "302 Found";
      headers = "Location: /json\r\n";
    } else if (path == "/yaml") {
      headers = "Content-Type: application/yaml\r\n";
      body = "a: 1\n";
    } else if (path == "/count") {
      body = std::to_string(count);
    } else if (path == "/cookies") {
      headers = "Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n";
    } else if (path == "/cached") {
      headers = "Cache-Control: max-age=60\r\nDate: " + http_date() + "\r\n";
      body = std::to_string(count);
    } else {
      status = "404 Not Found";
    }
    std::string response = "HTTP/1.1 " + status + "\r\n" + headers +
                           "Content-Length: " + std::to_string(body.size()) +
                           "\r\nConnection: close\r\n\r\n" + body;
    send(connection, response.data(), response.size(), MSG_NOSIGNAL);
  }

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

}  // namespace regoc::testing_support
