#include "fuzz/network/corpus.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "fuzz/network/reproducer.hpp"

namespace ipmict::netfuzz {
namespace {

// FNV-1a 64: a stable file name for an input's text.
std::string hash_name(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : text) {
    h ^= static_cast<std::uint8_t>(c);
    h *= 0x100000001b3ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, h);
  return buf;
}

std::string identity(const Input& input) {
  std::string text = format_input(input);
  for (const Bytes& d : input.datagrams) text += "|" + to_hex(view(d), '\0');
  return text;
}

}  // namespace

tl::expected<Corpus, std::string> Corpus::open(const std::filesystem::path& dir) {
  Corpus c;
  c.dir_ = dir;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return tl::unexpected("--corpus " + dir.string() + ": cannot create: " + ec.message());
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".input") files.push_back(entry.path());
  }
  if (ec) return tl::unexpected("--corpus " + dir.string() + ": cannot list: " + ec.message());
  std::sort(files.begin(), files.end());  // the same order on every resume: determinism
  for (const auto& f : files) {
    auto inputs = read_reproducer(f);
    if (!inputs) return tl::unexpected("corpus: " + inputs.error());
    for (Input& in : *inputs) {
      if (c.input_texts_.insert(identity(in)).second) c.inputs_.push_back(std::move(in));
    }
  }
  if (std::ifstream sig(dir / "signatures.txt"); sig) {
    std::string line;
    while (std::getline(sig, line)) {
      if (!line.empty()) c.signatures_.insert(line);
    }
  }
  if (std::ifstream prog(dir / "progress.txt"); prog) {
    std::string line;
    std::size_t n = 0;
    while (std::getline(prog, line)) {
      ++n;
      std::uint64_t seed = 0, next = 0;
      if (std::sscanf(line.c_str(), "seed=%" SCNu64 " next=%" SCNu64, &seed, &next) != 2) {
        return tl::unexpected((dir / "progress.txt").string() + ":" + std::to_string(n) + ": expected 'seed=N next=N'");
      }
      c.progress_[seed] = next;
    }
  }
  return c;
}

bool Corpus::add_signature(const std::string& signature) {
  if (!signatures_.insert(signature).second) return false;
  if (dir_) {
    std::ofstream out(*dir_ / "signatures.txt", std::ios::app);
    out << signature << '\n';
  }
  return true;
}

tl::expected<void, std::string> Corpus::add_input(const InputRecord& record, const std::vector<std::string>& new_signatures) {
  const std::string id = identity(record.input);
  if (!input_texts_.insert(id).second) return {};
  inputs_.push_back(record.input);
  if (!dir_) return {};
  const auto path = *dir_ / (hash_name(id) + ".input");
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  std::vector<std::string> comments{"corpus input " + std::to_string(record.index) + ": new behaviour"};
  for (const std::string& sig : new_signatures) comments.push_back("  " + sig);
  out << format_reproducer(std::span<const InputRecord>(&record, 1), comments);
  if (!out) return tl::unexpected(path.string() + ": write error");
  return {};
}

std::optional<std::uint64_t> Corpus::resume_point(std::uint64_t seed) const {
  const auto it = progress_.find(seed);
  if (it == progress_.end()) return std::nullopt;
  return it->second;
}

tl::expected<void, std::string> Corpus::save_progress(std::uint64_t seed, std::uint64_t next_index) {
  progress_[seed] = next_index;
  if (!dir_) return {};
  const auto path = *dir_ / "progress.txt";
  const auto tmp = *dir_ / "progress.txt.tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    for (const auto& [s, n] : progress_) out << "seed=" << s << " next=" << n << '\n';
    if (!out) return tl::unexpected(tmp.string() + ": write error");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);  // atomic: an interrupted save never loses the old progress
  if (ec) return tl::unexpected(path.string() + ": " + ec.message());
  return {};
}

}  // namespace ipmict::netfuzz
