#include "fuzz/network/shrinker.hpp"

#include <algorithm>

namespace ipmict::netfuzz {
namespace {

using Clock = std::chrono::steady_clock;

// A candidate list of inputs, each with the record of how it ran in the campaign (for its
// datagrams), or none once it has been turned into a raw input.
struct Item {
  Input input;
  const InputRecord* record = nullptr;
};

class Search {
 public:
  Search(const ReproduceFn& fn, const ShrinkOptions& options)
      : fn_(fn), options_(options), deadline_(Clock::now() + options.time_budget) {}

  bool budget_left() const { return error_.empty() && attempts_ < options_.max_attempts && Clock::now() < deadline_; }
  unsigned attempts() const { return attempts_; }
  const std::string& error() const { return error_; }

  bool reproduces(const std::vector<Item>& items) {
    if (!budget_left() || items.empty()) return false;
    std::vector<Input> inputs;
    for (const Item& i : items) inputs.push_back(i.input);
    ++attempts_;
    auto r = fn_(inputs);
    if (!r) {
      error_ = r.error();
      return false;
    }
    return *r;
  }

 private:
  const ReproduceFn& fn_;
  ShrinkOptions options_;
  Clock::time_point deadline_;
  unsigned attempts_ = 0;
  std::string error_;
};

// Zeller and Hildebrandt's ddmin: the list split in n chunks; a chunk, or the rest without
// it, that still reproduces replaces the list; otherwise n doubles.
std::vector<Item> ddmin(std::vector<Item> items, Search& search) {
  std::size_t n = 2;
  while (items.size() >= 2 && search.budget_left()) {
    const std::size_t chunk = (items.size() + n - 1) / n;
    bool reduced = false;
    for (std::size_t start = 0; start < items.size() && !reduced; start += chunk) {
      const auto b = items.begin() + static_cast<std::ptrdiff_t>(start);
      const auto e = items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), start + chunk));
      std::vector<Item> part(b, e);
      if (search.reproduces(part)) {
        items = std::move(part);
        n = 2;
        reduced = true;
        break;
      }
      if (n == 2) continue;  // with two chunks the complement is the other chunk
      std::vector<Item> rest(items.begin(), b);
      rest.insert(rest.end(), e, items.end());
      if (search.reproduces(rest)) {
        items = std::move(rest);
        n = std::max<std::size_t>(n - 1, 2);
        reduced = true;
      }
    }
    if (!reduced) {
      if (n >= items.size()) break;
      n = std::min(items.size(), n * 2);
    }
  }
  return items;
}

Input raw_of(const std::vector<Bytes>& datagrams) {
  Input raw;
  raw.flow = FlowKind::raw;
  raw.datagrams = datagrams;
  return raw;
}

}  // namespace

ShrinkResult shrink(const std::vector<InputRecord>& window, const ReproduceFn& reproduce, const ShrinkOptions& options) {
  ShrinkResult result;
  for (const InputRecord& r : window) result.inputs.push_back(r.input);
  Search search(reproduce, options);
  std::vector<Item> items;
  for (const InputRecord& r : window) items.push_back(Item{r.input, &r});

  // 1. The newest inputs alone, then the whole window and ddmin.
  std::vector<Item> current;
  const std::size_t singles = std::min(options.recent, items.size());
  for (std::size_t k = 0; k < singles && current.empty(); ++k) {
    const Item& one = items[items.size() - 1 - k];
    if (search.reproduces({one})) current = {one};
  }
  if (current.empty()) {
    if (!search.reproduces(items)) {
      result.attempts = search.attempts();
      result.note = !search.error().empty() ? "not shrunk: " + search.error()
                    : search.budget_left() ? "did not reproduce on a fresh target: the bug may need more history than the "
                                             "last inputs, or be timing-dependent; the reproducer holds the last inputs"
                                           : "not shrunk: the shrinking budget ran out";
      return result;
    }
    current = ddmin(items, search);
  }

  // 2. Inputs replaced by their datagrams, sent raw.
  for (std::size_t i = 0; i < current.size(); ++i) {
    const InputRecord* rec = current[i].record;
    if (current[i].input.flow == FlowKind::raw || rec == nullptr) continue;
    std::vector<Bytes> all;
    for (const Packet& p : rec->packets) {
      if (p.outbound) all.push_back(p.bytes);
    }
    const std::vector<Bytes>* const candidates[] = {&rec->mutated_datagrams, &all};
    for (const std::vector<Bytes>* datagrams : candidates) {
      if (datagrams->empty() || (datagrams == &all && all == rec->mutated_datagrams)) continue;
      std::vector<Item> candidate = current;
      candidate[i] = Item{raw_of(*datagrams), nullptr};
      if (search.reproduces(candidate)) {
        current = std::move(candidate);
        break;
      }
    }
  }

  // 3. Mutations, and a raw input's datagrams, dropped one at a time (newest first).
  for (std::size_t i = 0; i < current.size(); ++i) {
    for (std::size_t j = current[i].input.mutations.size(); j-- > 0;) {
      std::vector<Item> candidate = current;
      auto& muts = candidate[i].input.mutations;
      muts.erase(muts.begin() + static_cast<std::ptrdiff_t>(j));
      if (search.reproduces(candidate)) current = std::move(candidate);
    }
    if (current[i].input.flow != FlowKind::raw) continue;
    for (std::size_t j = current[i].input.datagrams.size(); j-- > 0 && current[i].input.datagrams.size() > 1;) {
      std::vector<Item> candidate = current;
      auto& d = candidate[i].input.datagrams;
      d.erase(d.begin() + static_cast<std::ptrdiff_t>(j));
      if (search.reproduces(candidate)) current = std::move(candidate);
    }
  }

  result.inputs.clear();
  for (const Item& it : current) result.inputs.push_back(it.input);
  result.reproduced = true;
  result.attempts = search.attempts();
  result.note = "shrunk from " + std::to_string(window.size()) + " inputs to " + std::to_string(current.size()) + " in " +
                std::to_string(search.attempts()) + " attempts" +
                (search.error().empty() ? "" : " (stopped: " + search.error() + ")");
  return result;
}

}  // namespace ipmict::netfuzz
