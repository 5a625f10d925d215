// Child processes for conformance cases (see conformance/isolate.h).
//
// The parent forks one child per case, at most `jobs` at a time, and reads each child's
// outcome from a pipe: one status byte ('P', 'F' or 'S') followed by the detail text. A child
// that dies from a signal, including SIGALRM when its time runs out, counts as failed.
#include "conformance/isolate.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>

namespace regoc::conformance {

namespace {

struct Child {
  pid_t pid = -1;
  int fd = -1;       // read end of the pipe from the child
  size_t index = 0;  // position of the case in the input
  std::string output;
};

char status_byte(CaseStatus status) {
  switch (status) {
    case CaseStatus::Passed: return 'P';
    case CaseStatus::Skipped: return 'S';
    case CaseStatus::Failed: return 'F';
  }
  return 'F';
}

void write_all(int fd, const std::string& text) {
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    written += static_cast<size_t>(n);
  }
}

// Runs one case in the child and sends the outcome; never returns.
[[noreturn]] void child_main(const ConformanceCase& test, int fd, int timeout_seconds,
                             ExecutorKind executor) {
  if (timeout_seconds > 0) alarm(static_cast<unsigned>(timeout_seconds));
  const CaseOutcome outcome = run_case(test, executor);
  write_all(fd, std::string(1, status_byte(outcome.status)) + outcome.detail);
  close(fd);
  _exit(0);  // skip the parent's atexit handlers and stdio buffers
}

bool start_child(const std::vector<ConformanceCase>& cases, size_t index,
                 const IsolationOptions& options, Child* out) {
  int fds[2];
  if (pipe(fds) != 0) return false;
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return false;
  }
  if (pid == 0) {
    close(fds[0]);
    child_main(cases[index], fds[1], options.timeout_seconds, options.executor);
  }
  close(fds[1]);
  *out = {pid, fds[0], index, ""};
  return true;
}

CaseOutcome finish_child(const Child& child, int timeout_seconds) {
  int wait_status = 0;
  while (waitpid(child.pid, &wait_status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(wait_status)) {
    const int signal_number = WTERMSIG(wait_status);
    if (signal_number == SIGALRM) {
      return {CaseStatus::Failed, "timed out after " + std::to_string(timeout_seconds) + " s"};
    }
    return {CaseStatus::Failed, "crashed with signal " + std::to_string(signal_number) + " (" +
                                    strsignal(signal_number) + ")"};
  }
  if (child.output.empty()) {
    return {CaseStatus::Failed, "the case process exited with status " +
                                    std::to_string(WEXITSTATUS(wait_status)) +
                                    " without reporting an outcome"};
  }
  const char status = child.output[0];
  const CaseStatus parsed = status == 'P'   ? CaseStatus::Passed
                            : status == 'S' ? CaseStatus::Skipped
                                            : CaseStatus::Failed;
  return {parsed, child.output.substr(1)};
}

// Reads what is available from each readable child; finishes the children that are done.
void drain(std::vector<Child>* running, std::vector<CaseOutcome>* outcomes,
           int timeout_seconds) {
  std::vector<pollfd> polls;
  for (const Child& child : *running) polls.push_back({child.fd, POLLIN, 0});
  if (poll(polls.data(), polls.size(), -1) < 0) return;  // EINTR: the caller polls again

  std::vector<Child> still_running;
  for (size_t i = 0; i < running->size(); ++i) {
    Child& child = (*running)[i];
    bool done = false;
    if (polls[i].revents != 0) {
      char buffer[4096];
      const ssize_t n = read(child.fd, buffer, sizeof buffer);
      if (n > 0) child.output.append(buffer, static_cast<size_t>(n));
      done = n == 0 || (n < 0 && errno != EINTR);
    }
    if (!done) {
      still_running.push_back(std::move(child));
      continue;
    }
    close(child.fd);
    (*outcomes)[child.index] = finish_child(child, timeout_seconds);
  }
  *running = std::move(still_running);
}

}  // namespace

std::vector<CaseOutcome> run_cases(const std::vector<ConformanceCase>& cases,
                                   const IsolationOptions& options) {
  std::vector<CaseOutcome> outcomes(cases.size());
  if (options.in_process) {
    for (size_t i = 0; i < cases.size(); ++i) outcomes[i] = run_case(cases[i], options.executor);
    return outcomes;
  }

  std::cout << std::flush;  // a child must not inherit unwritten output
  std::vector<Child> running;
  size_t next = 0;
  while (next < cases.size() || !running.empty()) {
    while (running.size() < std::max(options.jobs, 1u) && next < cases.size()) {
      Child child;
      if (start_child(cases, next, options, &child)) {
        running.push_back(std::move(child));
      } else {
        outcomes[next] = {CaseStatus::Failed,
                          std::string("could not start a process: ") + strerror(errno)};
      }
      ++next;
    }
    if (!running.empty()) drain(&running, &outcomes, options.timeout_seconds);
  }
  return outcomes;
}

}  // namespace regoc::conformance
