#include "harness/secret_source.hpp"

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace ipmict {
namespace {

void drop_one_newline(std::string& s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
  if (!s.empty() && s.back() == '\r') s.pop_back();
}

bool all_hex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

tl::expected<std::string, std::string> prompt_tty(std::string_view what) {
  FILE* tty = std::fopen("/dev/tty", "r+");
  if (tty == nullptr) return tl::unexpected(std::string("cannot prompt for the ") + std::string(what) + ": no terminal (use an environment variable or a file)");
  const int fd = fileno(tty);
  termios old{};
  const bool have_termios = tcgetattr(fd, &old) == 0;
  if (have_termios) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  std::fprintf(tty, "%.*s: ", static_cast<int>(what.size()), what.data());
  std::fflush(tty);
  std::string line;
  for (int c = std::fgetc(tty); c != EOF && c != '\n' && line.size() < 256; c = std::fgetc(tty)) line.push_back(static_cast<char>(c));
  if (have_termios) tcsetattr(fd, TCSAFLUSH, &old);
  std::fputc('\n', tty);
  std::fclose(tty);
  return line;
}

}  // namespace

tl::expected<Bytes, std::string> read_secret(const SecretSource& source, std::string_view what,
                                             SecretEncoding encoding, std::size_t max_bytes) {
  const std::string name(what);
  std::string text;
  if (source.env) {
    const char* v = std::getenv(source.env->c_str());
    if (v == nullptr) return tl::unexpected(name + ": environment variable " + *source.env + " is not set");
    text = v;
  } else if (source.file) {
    std::ifstream in(*source.file, std::ios::binary);
    if (!in) return tl::unexpected(name + ": cannot read file " + *source.file);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (text.size() > 4096) return tl::unexpected(name + ": file " + *source.file + " is too large for a secret");
    drop_one_newline(text);
  } else if (source.prompt) {
    auto line = prompt_tty(what);
    if (!line) return tl::unexpected(line.error());
    text = std::move(*line);
  } else {
    return tl::unexpected(name + ": no source given");
  }

  Bytes out;
  std::string_view body = text;
  const bool prefixed = body.size() >= 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X');
  if (encoding == SecretEncoding::hex_or_text && (prefixed || (body.size() == 40 && all_hex(body)))) {
    if (prefixed) body.remove_prefix(2);
    auto bytes = parse_hex(body);
    if (!bytes) return tl::unexpected(name + ": not valid hex");
    out = std::move(*bytes);
  } else {
    out.assign(text.begin(), text.end());
  }
  std::fill(text.begin(), text.end(), '\0');
  if (out.size() > max_bytes) {
    return tl::unexpected(name + ": " + std::to_string(out.size()) + " bytes, longer than the " + std::to_string(max_bytes) + " IPMI allows");
  }
  return out;
}

}  // namespace ipmict
