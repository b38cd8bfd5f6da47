// summary.txt (see the header).
#include "reports/summary.hpp"

#include <fmt/format.h>

namespace ipmict::reports {

std::string format_summary(const RunResults& r) {
  std::string out;
  const auto total = r.counts();
  auto counts_line = [](const OutcomeCounts& c) {
    std::string s;
    for (Outcome o : kAllOutcomes) {
      if (c[o] != 0) s += fmt::format("{}{} {}", s.empty() ? "" : ", ", c[o], to_string(o));
    }
    return s.empty() ? std::string("no cases") : s;
  };
  out += fmt::format("ipmict run {}: {} case results over {} target(s): {}\n", r.complete ? "complete" : "INCOMPLETE",
                     total.total(), r.targets.size(), counts_line(total));
  for (const auto& t : r.targets) {
    out += fmt::format("\ntarget {}", t.name);
    if (!t.description.empty()) out += " (" + t.description + ")";
    out += "\n";
    const auto& id = t.identity;
    if (id.device_id) {
      out += fmt::format("  device ID {:02X}h, firmware {}, IPMI {}, manufacturer {}, product {:04X}h\n", *id.device_id, id.firmware,
                         id.ipmi_version, id.manufacturer_id.value_or(0), id.product_id.value_or(0));
    }
    if (!t.error.empty()) out += "  ERROR: " + t.error + "\n";
    out += "  " + counts_line(t.counts()) + "\n";
    for (const auto& c : t.cases) {
      if (c.outcome == Outcome::pass && !c.finding) continue;
      out += fmt::format("  {} {}", to_string(c.outcome), c.id);
      if (!c.reason.empty()) out += ": " + c.reason;
      out += "\n";
      if (c.finding) {
        // A security check that fired (docs/security.md): severity, title, the fix; the
        // evidence is the reason above and the case's transcript in results.json.
        out += fmt::format("    finding [{}] {}\n      fix: {}\n", c.finding->severity, c.finding->title, c.finding->remedy);
        if (!c.finding->references.empty()) {
          std::string refs;
          for (const auto& ref : c.finding->references) refs += (refs.empty() ? "" : ", ") + ref;
          out += "      references: " + refs + "\n";
        }
        for (const auto& n : c.notes) {
          if (n.rfind("advisory: ", 0) == 0) out += "      " + n + "\n";
        }
      }
      if (c.outcome != Outcome::fail && c.outcome != Outcome::warn) continue;
      // The failing step's decoded exchange (DESIGN.md §7: expected vs seen, decoded).
      for (auto it = c.steps.rbegin(); it != c.steps.rend(); ++it) {
        if (it->ok || !it->exchange || it->phase != StepRecord::Phase::step) continue;  // not a teardown's
        const auto& e = *it->exchange;
        auto indent = [](const std::string& text) {
          std::string s;
          std::size_t start = 0;
          while (start < text.size()) {
            auto end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            s += "      " + text.substr(start, end - start) + "\n";
            start = end + 1;
          }
          return s;
        };
        if (e.redacted) {
          out += "      request: (redacted: it carries a secret)\n";
        } else {
          out += indent(e.request_text);
        }
        out += e.answered ? indent(e.response_text) : "      no answer: " + e.error + "\n";
        break;
      }
    }
  }
  out += fmt::format("\nexit code {}\n", r.exit_code());
  return out;
}

}  // namespace ipmict::reports
