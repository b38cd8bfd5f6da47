#pragma once
// The corpus directory (--corpus DIR) that makes a campaign resumable:
//   DIR/<hash>.input    an input that made the BMC do something not seen before (a new
//                       response signature, reply.hpp), in the reproducer format; later
//                       inputs start from these and stack more mutations
//   DIR/signatures.txt  every behaviour seen so far, one per line
//   DIR/progress.txt    "seed=S next=N": where a campaign with seed S stopped; run again
//                       with the same seed and corpus, it carries on at input N
// Without a directory the corpus lives in memory for one campaign.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include <tl/expected.hpp>

#include "fuzz/network/input.hpp"
#include "fuzz/network/input_record.hpp"

namespace ipmict::netfuzz {

class Corpus {
 public:
  Corpus() = default;
  // Creates DIR if needed and loads what is there. Errors name the file and line.
  static tl::expected<Corpus, std::string> open(const std::filesystem::path& dir);

  const std::vector<Input>& inputs() const { return inputs_; }
  std::size_t signatures() const { return signatures_.size(); }

  // True when the signature is new (and then recorded).
  bool add_signature(const std::string& signature);
  // Keeps the input (and writes DIR/<hash>.input, with the new behaviours as comments).
  // Error: one line naming the file.
  tl::expected<void, std::string> add_input(const InputRecord& record, const std::vector<std::string>& new_signatures = {});

  std::optional<std::uint64_t> resume_point(std::uint64_t seed) const;
  tl::expected<void, std::string> save_progress(std::uint64_t seed, std::uint64_t next_index);

  const std::optional<std::filesystem::path>& dir() const { return dir_; }

 private:
  std::optional<std::filesystem::path> dir_;
  std::vector<Input> inputs_;
  std::unordered_set<std::string> input_texts_;
  std::unordered_set<std::string> signatures_;
  std::map<std::uint64_t, std::uint64_t> progress_;
};

}  // namespace ipmict::netfuzz
