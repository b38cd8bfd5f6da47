// The HTML certification report (see html.hpp): the page head, the run, the targets'
// identities, the summaries, M/O coverage, the command matrix and the security findings.
// The case list and its transcripts are in html_cases.cpp.
//
// Every string from the model goes through html::text (escaping); the page's only script
// is reports/assets/report.js, allowed by hash in its Content-Security-Policy, and the
// policy's default-src 'none' keeps the page from loading anything.
#include "reports/html.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "reports/html_assets.hpp"
#include "reports/html_parts.hpp"

namespace ipmict::reports {
namespace html {

std::string_view outcome_class(Outcome o) {
  switch (o) {
    case Outcome::pass: return "o-pass";
    case Outcome::pass_with_quirk: return "o-quirk";
    case Outcome::warn: return "o-warn";
    case Outcome::unsupported: return "o-unsupported";
    case Outcome::skip: return "o-skip";
    case Outcome::fail: return "o-fail";
    case Outcome::error: return "o-error";
  }
  return "o-error";
}

void badge(std::string& out, Outcome o) {
  out += "<span class=\"badge ";
  out += outcome_class(o);
  out += "\">";
  out += to_string(o);
  out += "</span>";
}

int badness(Outcome o) {
  switch (o) {
    case Outcome::skip: return 0;
    case Outcome::pass: return 1;
    case Outcome::unsupported: return 2;
    case Outcome::pass_with_quirk: return 3;
    case Outcome::warn: return 4;
    case Outcome::fail: return 5;
    case Outcome::error: return 6;
  }
  return 6;
}

const CaseResult& CaseRow::any() const {
  for (const CaseResult* c : per_target) {
    if (c != nullptr) return *c;
  }
  // case_rows never makes a row without a result.
  static const CaseResult kNone;
  return kNone;
}

std::vector<CaseRow> case_rows(const RunResults& results) {
  std::vector<CaseRow> rows;
  // (id, occurrence on its target) -> row, so a duplicate ID gets its own row.
  std::map<std::pair<std::string_view, std::size_t>, std::size_t> index;
  const std::size_t n = results.targets.size();
  for (std::size_t t = 0; t < n; ++t) {
    std::unordered_map<std::string_view, std::size_t> seen;
    for (const CaseResult& c : results.targets[t].cases) {
      const std::size_t occurrence = seen[c.id]++;
      auto [it, inserted] = index.try_emplace({std::string_view(c.id), occurrence}, rows.size());
      if (inserted) {
        rows.push_back(CaseRow{c.id, std::vector<const CaseResult*>(n, nullptr)});
      }
      rows[it->second].per_target[t] = &c;
    }
  }
  return rows;
}

std::string case_anchor(std::size_t row) { return fmt::format("c{}", row); }

}  // namespace html

namespace {

using html::text;

// IPMI 2.0 Table 5-1. (protocol/wire has the same table; reports/ depends on protocol/core
// only, and a report must name a netFn the catalog may not know.)
std::string netfn_label(std::optional<std::uint8_t> netfn) {
  if (!netfn) return "no netFn (session and transport cases)";
  const std::uint8_t f = static_cast<std::uint8_t>(*netfn & 0xFEu);
  std::string_view name = "reserved";
  switch (f) {
    case 0x00: name = "Chassis"; break;
    case 0x02: name = "Bridge"; break;
    case 0x04: name = "Sensor/Event"; break;
    case 0x06: name = "App"; break;
    case 0x08: name = "Firmware"; break;
    case 0x0A: name = "Storage"; break;
    case 0x0C: name = "Transport"; break;
    case 0x2C: name = "Group Extension"; break;
    case 0x2E: name = "OEM/Group"; break;
    default:
      if (f >= 0x30 && f <= 0x3E) name = "Controller-specific OEM/Group";
      break;
  }
  return fmt::format("{} ({:02X}h)", name, f);
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string s;
  for (const auto& i : items) {
    if (!s.empty()) s += sep;
    s += i;
  }
  return s;
}

void head(std::string& out, const RunResults& r) {
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // Nothing may load: no fetch, image, font, frame or form target. Inline style is allowed
  // (bar widths); the one script is allowed by its hash only.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src '";
  out += html_assets::kJsCspHash;
  out += "'; base-uri 'none'; form-action 'none'\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"";
  text(out, r.run.tool + " " + r.run.version);
  out += "\">\n<title>";
  std::string names;
  for (const auto& t : r.targets) names += (names.empty() ? "" : ", ") + t.name;
  text(out, "IPMI conformance report: " + (names.empty() ? std::string("no target") : names));
  out += "</title>\n<style>";
  out += html_assets::kCss;
  out += "</style>\n</head>\n";
}

void dl_item(std::string& out, std::string_view term, std::string_view value) {
  if (value.empty()) return;
  out += "<dt>";
  text(out, term);
  out += "</dt><dd>";
  text(out, value);
  out += "</dd>";
}

std::string counts_words(const OutcomeCounts& c) {
  std::string s;
  for (Outcome o : kAllOutcomes) {
    if (c[o] != 0) s += fmt::format("{}{} {}", s.empty() ? "" : ", ", c[o], to_string(o));
  }
  return s.empty() ? std::string("no cases") : s;
}

void run_header(std::string& out, const RunResults& r) {
  const auto total = r.counts();
  out += "<header class=\"run\">\n<h1>IPMI conformance report</h1>\n";
  if (r.complete) {
    out += "<p class=\"banner complete\" id=\"run-state\"><strong>Complete run.</strong> ";
  } else {
    out += "<p class=\"banner incomplete\" id=\"run-state\"><strong>INCOMPLETE run.</strong> The run did not finish "
           "(it was cut short, or is still running): these results cover only the cases that ran. ";
  }
  text(out, fmt::format("{} case results over {} target(s): {}.", total.total(), r.targets.size(), counts_words(total)));
  const int rc = r.exit_code();
  out += fmt::format(" Exit code {}{}.</p>\n", rc,
                     rc == 0 ? " (no FAIL, no ERROR)" : rc == 1 ? " (the BMC broke a rule)" : " (the run itself failed)");
  out += "<dl class=\"runinfo\">";
  dl_item(out, "Tool", r.run.tool + " " + r.run.version);
  dl_item(out, "Case library", r.run.cases_dir);
  dl_item(out, "Case library revision", r.run.case_library_revision);
  dl_item(out, "Started", r.run.started_at);
  dl_item(out, "Finished", r.run.finished_at.empty() ? std::string("(not finished)") : r.run.finished_at);
  dl_item(out, "Command line", r.run.command_line);
  dl_item(out, "Profile", r.run.profile);
  dl_item(out, "Case filters", join(r.run.case_globs, " "));
  dl_item(out, "Tags", join(r.run.tags, " "));
  dl_item(out, "NetFn filter", r.run.netfn_filter);
  dl_item(out, "Cmd filter", r.run.cmd_filter);
  dl_item(out, "Shard", r.run.shard);
  dl_item(out, "Selection", fmt::format("{} of {} cases in the library, per target", r.run.cases_selected, r.run.cases_in_library));
  std::string mode = r.run.strict ? "strict (WARN counts as FAIL)" : "WARN does not fail the run";
  if (r.run.allow_destructive) mode += "; destructive cases allowed";
  if (r.run.timeout_ms != 0) mode += fmt::format("; {} ms per case", r.run.timeout_ms);
  dl_item(out, "Mode", mode);
  dl_item(out, "Capture", r.run.pcap);
  out += "</dl>\n</header>\n";
}

void nav(std::string& out) {
  out += "<nav class=\"toc\"><a href=\"#targets\">Targets</a> <a href=\"#summary\">Summary</a> "
         "<a href=\"#profiles\">By profile</a> <a href=\"#netfns\">By netFn</a> <a href=\"#coverage\">M/O coverage</a> "
         "<a href=\"#matrix\">Command matrix</a> <a href=\"#findings\">Security findings</a> <a href=\"#cases\">Cases</a></nav>\n";
}

// A table row of identity facts, one cell per target; left out when no target has one.
template <typename F>
void identity_row(std::string& out, const RunResults& r, std::string_view label, F value, bool warn = false) {
  std::vector<std::string> cells;
  bool any = false;
  for (const auto& t : r.targets) {
    cells.push_back(value(t));
    any = any || !cells.back().empty();
  }
  if (!any) return;
  out += "<tr><th scope=\"row\">";
  text(out, label);
  out += "</th>";
  for (std::size_t i = 0; i < cells.size(); ++i) {
    out += fmt::format("<td class=\"t{}\" data-t=\"{}\">", warn && !cells[i].empty() ? " err" : "", i);
    text(out, cells[i].empty() ? std::string("—") : cells[i]);
    out += "</td>";
  }
  out += "</tr>\n";
}

std::string yes_no(std::optional<bool> b) { return b ? (*b ? "yes" : "no") : "unknown"; }

void targets_section(std::string& out, const RunResults& r) {
  out += "<section id=\"targets\"><h2>Targets</h2>\n";
  if (r.targets.empty()) {
    out += "<p>No target in these results.</p></section>\n";
    return;
  }
  out += "<div class=\"scroll\"><table class=\"ident\"><thead><tr><th></th>";
  for (std::size_t i = 0; i < r.targets.size(); ++i) {
    out += fmt::format("<th scope=\"col\" class=\"t\" data-t=\"{}\">", i);
    text(out, r.targets[i].name);
    out += "</th>";
  }
  out += "</tr></thead><tbody>\n";
  using T = TargetResults;
  identity_row(out, r, "Connection", [](const T& t) { return t.description; });
  identity_row(out, r, "Target profile", [](const T& t) { return t.target_profile; });
  identity_row(out, r, "Declared quirks", [](const T& t) { return join(t.quirks, ", "); });
  identity_row(out, r, "Manufacturer", [](const T& t) {
    const auto& id = t.identity;
    if (!id.manufacturer_id) return id.manufacturer_name;
    std::string name = id.manufacturer_name.empty() ? std::string("unknown enterprise") : id.manufacturer_name;
    return fmt::format("{} (IANA enterprise {}, {:06X}h)", name, *id.manufacturer_id, *id.manufacturer_id);
  });
  identity_row(out, r, "Product ID", [](const T& t) {
    return t.identity.product_id ? fmt::format("{:04X}h", *t.identity.product_id) : std::string();
  });
  identity_row(out, r, "Device ID", [](const T& t) {
    const auto& id = t.identity;
    if (!id.device_id) return std::string();
    std::string s = fmt::format("{:02X}h", *id.device_id);
    if (id.device_revision) s += fmt::format(", revision {}", *id.device_revision);
    return s;
  });
  identity_row(out, r, "Firmware", [](const T& t) { return t.identity.firmware; });
  identity_row(out, r, "IPMI version", [](const T& t) { return t.identity.ipmi_version; });
  identity_row(out, r, "GUID", [](const T& t) { return t.identity.guid; });
  identity_row(out, r, "IPMI 1.5 / 2.0 on LAN", [](const T& t) {
    if (!t.capabilities.ipmi15 && !t.capabilities.ipmi20) return std::string();
    return "1.5: " + yes_no(t.capabilities.ipmi15) + ", 2.0: " + yes_no(t.capabilities.ipmi20);
  });
  identity_row(out, r, "Cipher suites offered", [](const T& t) {
    std::string s;
    for (auto cs : t.capabilities.cipher_suites) s += fmt::format("{}{}", s.empty() ? "" : ", ", cs);
    return s;
  });
  identity_row(out, r, "Auth types (IPMI 1.5)", [](const T& t) { return join(t.capabilities.auth_types, ", "); });
  identity_row(out, r, "LAN channel", [](const T& t) {
    return t.capabilities.lan_channel ? fmt::format("{}", *t.capabilities.lan_channel) : std::string();
  });
  identity_row(out, r, "Probe notes", [](const T& t) { return join(t.capabilities.notes, "; "); });
  identity_row(out, r, "Cases run", [](const T& t) {
    return fmt::format("{} in {:.1f} s", t.cases.size(), t.duration_ms / 1000.0);
  });
  identity_row(out, r, "Target error", [](const T& t) { return t.error; }, true);
  out += "</tbody></table></div></section>\n";
}

void outcome_heads(std::string& out) {
  for (Outcome o : kAllOutcomes) {
    out += fmt::format("<th scope=\"col\" class=\"n {}\">{}</th>", html::outcome_class(o), to_string(o));
  }
  out += "<th scope=\"col\" class=\"n\">total</th>";
}

void count_cells(std::string& out, const OutcomeCounts& c) {
  for (Outcome o : kAllOutcomes) {
    if (c[o] != 0) {
      out += fmt::format("<td class=\"n {}\">{}</td>", html::outcome_class(o), c[o]);
    } else {
      out += "<td class=\"n zero\">0</td>";
    }
  }
  out += fmt::format("<td class=\"n total\">{}</td>", c.total());
}

// A stacked bar of the counts (widths are the only inline style in the page).
void count_bar(std::string& out, const OutcomeCounts& c) {
  out += "<div class=\"bar\">";
  const double total = static_cast<double>(c.total());
  if (total > 0) {
    for (Outcome o : kAllOutcomes) {
      if (c[o] == 0) continue;
      out += fmt::format("<span class=\"{}\" style=\"width:{:.3f}%\" title=\"{} {}\"></span>", html::outcome_class(o),
                         100.0 * static_cast<double>(c[o]) / total, c[o], to_string(o));
    }
  }
  out += "</div>";
}

void summary_section(std::string& out, const RunResults& r) {
  out += "<section id=\"summary\"><h2>Summary</h2>\n<div class=\"scroll\"><table class=\"counts\"><thead><tr><th scope=\"col\">Target</th>";
  outcome_heads(out);
  out += "<th scope=\"col\" class=\"barcol\"></th></tr></thead><tbody>\n";
  for (std::size_t i = 0; i < r.targets.size(); ++i) {
    const auto c = r.targets[i].counts();
    out += fmt::format("<tr class=\"t\" data-t=\"{}\"><th scope=\"row\">", i);
    text(out, r.targets[i].name);
    out += "</th>";
    count_cells(out, c);
    out += "<td class=\"barcol\">";
    count_bar(out, c);
    out += "</td></tr>\n";
  }
  if (r.targets.size() > 1) {
    out += "<tr class=\"all\"><th scope=\"row\">all targets</th>";
    count_cells(out, r.counts());
    out += "<td class=\"barcol\">";
    count_bar(out, r.counts());
    out += "</td></tr>\n";
  }
  out += "</tbody></table></div></section>\n";
}

// Counts per outcome of the cases grouped by a key, one row per group and target.
template <typename Key>
void grouped_counts(std::string& out, const RunResults& r, const std::string& group_title,
                    const std::map<Key, std::vector<OutcomeCounts>>& groups, const std::map<Key, std::string>& labels) {
  const bool several = r.targets.size() > 1;
  out += "<div class=\"scroll\"><table class=\"counts\"><thead><tr><th scope=\"col\">";
  text(out, group_title);
  out += "</th>";
  if (several) out += "<th scope=\"col\">Target</th>";
  outcome_heads(out);
  out += "</tr></thead><tbody>\n";
  for (const auto& [key, per_target] : groups) {
    for (std::size_t i = 0; i < per_target.size(); ++i) {
      // Not class "t": hiding a target's row would hide the group's rowspan header with it.
      out += fmt::format("<tr class=\"g{}\" data-t=\"{}\">", i == 0 ? " first" : "", i);
      if (i == 0) {
        out += fmt::format("<th scope=\"rowgroup\" rowspan=\"{}\">", per_target.size());
        text(out, labels.at(key));
        out += "</th>";
      }
      if (several) {
        out += "<td class=\"tname\">";
        text(out, r.targets[i].name);
        out += "</td>";
      }
      count_cells(out, per_target[i]);
      out += "</tr>\n";
    }
  }
  out += "</tbody></table></div>";
}

void profile_section(std::string& out, const RunResults& r) {
  std::map<std::string, std::vector<OutcomeCounts>> groups;
  std::map<std::string, std::string> labels;
  const std::size_t n = r.targets.size();
  for (std::size_t t = 0; t < n; ++t) {
    for (const auto& c : r.targets[t].cases) {
      static const std::vector<std::string> kNone{""};
      for (const auto& p : c.profiles.empty() ? kNone : c.profiles) {
        auto& g = groups[p];
        if (g.empty()) g.resize(n);
        g[t].add(c.outcome);
        labels[p] = p.empty() ? std::string("(in no profile)") : p;
      }
    }
  }
  out += "<section id=\"profiles\"><h2>By profile</h2>\n<p class=\"note\">A case counts once in every profile that selects it.</p>\n";
  if (groups.empty()) {
    out += "<p>No case.</p>";
  } else {
    grouped_counts(out, r, "Profile", groups, labels);
  }
  out += "</section>\n";
}

void netfn_section(std::string& out, const RunResults& r) {
  // Cases without a netFn sort last (0x100).
  std::map<unsigned, std::vector<OutcomeCounts>> groups;
  std::map<unsigned, std::string> labels;
  const std::size_t n = r.targets.size();
  for (std::size_t t = 0; t < n; ++t) {
    for (const auto& c : r.targets[t].cases) {
      const unsigned key = c.netfn ? (*c.netfn & 0xFEu) : 0x100u;
      auto& g = groups[key];
      if (g.empty()) g.resize(n);
      g[t].add(c.outcome);
      if (!labels.count(key)) labels[key] = netfn_label(c.netfn);
    }
  }
  out += "<section id=\"netfns\"><h2>By netFn</h2>\n";
  if (groups.empty()) {
    out += "<p>No case.</p>";
  } else {
    grouped_counts(out, r, "NetFn", groups, labels);
  }
  out += "</section>\n";
}

// A command the cases are about: by netFn/cmd when known, then by catalog ID.
struct CommandKey {
  unsigned netfn = 0x100;  // 0x100: unknown (sorts last)
  unsigned cmd = 0x100;
  std::string command;
  bool operator<(const CommandKey& o) const { return std::tie(netfn, cmd, command) < std::tie(o.netfn, o.cmd, o.command); }
};

std::optional<CommandKey> command_key(const CaseResult& c) {
  if (!c.netfn && c.command.empty()) return std::nullopt;
  CommandKey k;
  if (c.netfn) k.netfn = *c.netfn & 0xFEu;
  if (c.cmd) k.cmd = *c.cmd;
  k.command = c.command;
  return k;
}

struct CommandStats {
  std::optional<bool> mandatory;
  std::vector<OutcomeCounts> per_target;
};

std::map<CommandKey, CommandStats> command_stats(const RunResults& r) {
  std::map<CommandKey, CommandStats> stats;
  const std::size_t n = r.targets.size();
  for (std::size_t t = 0; t < n; ++t) {
    for (const auto& c : r.targets[t].cases) {
      auto key = command_key(c);
      if (!key) continue;
      auto& s = stats[*key];
      if (s.per_target.empty()) s.per_target.resize(n);
      if (!s.mandatory) s.mandatory = c.mandatory;
      s.per_target[t].add(c.outcome);
    }
  }
  return stats;
}

std::string command_label(const CommandKey& k) {
  std::string s;
  if (k.netfn <= 0xFF) s += fmt::format("{:02X}h ", k.netfn);
  if (k.cmd <= 0xFF) s += fmt::format("{:02X}h ", k.cmd);
  s += k.command.empty() ? std::string("(unnamed)") : k.command;
  return s;
}

// M/O coverage. Per target and per M/O class, a command is:
//   tested     when one of its cases reached a verdict on the BMC (PASS, PASS-WITH-QUIRK,
//              WARN, FAIL or UNSUPPORTED; SKIP and ERROR say nothing about the BMC);
//   passed     when tested and none of its cases was FAIL, WARN, ERROR or UNSUPPORTED;
//   failed     when one of its cases was FAIL.
void coverage_section(std::string& out, const RunResults& r, const std::map<CommandKey, CommandStats>& stats) {
  out += "<section id=\"coverage\"><h2>Mandatory and optional commands</h2>\n"
         "<p class=\"note\">Per command of the cases, as the spec marks it (M/O). <em>Tested</em>: a case reached a verdict on "
         "the BMC (not SKIP or ERROR). <em>Passed</em>: tested, and no case FAIL, WARN, ERROR or UNSUPPORTED. "
         "<em>Failed</em>: a case FAIL.</p>\n";
  if (stats.empty()) {
    out += "<p>No case names a command.</p></section>\n";
    return;
  }
  const bool several = r.targets.size() > 1;
  out += "<div class=\"scroll\"><table class=\"counts coverage\"><thead><tr><th scope=\"col\">Commands</th>";
  if (several) out += "<th scope=\"col\">Target</th>";
  out += "<th scope=\"col\" class=\"n\">count</th><th scope=\"col\" class=\"n\">tested</th><th scope=\"col\" class=\"n\">passed</th>"
         "<th scope=\"col\" class=\"n\">failed</th><th scope=\"col\" class=\"n\">unsupported</th><th scope=\"col\" class=\"n\">not tested</th>"
         "<th scope=\"col\">Mandatory commands not passed</th></tr></thead><tbody>\n";
  struct Tally {
    std::size_t count = 0, tested = 0, passed = 0, failed = 0, unsupported = 0;
    std::vector<std::string> not_passed;
  };
  const std::array<std::pair<std::optional<bool>, std::string_view>, 3> classes{
      {{true, "Mandatory (M)"}, {false, "Optional (O)"}, {std::nullopt, "M/O unknown"}}};
  for (const auto& [cls, label] : classes) {
    std::vector<Tally> tallies(r.targets.size());
    bool any = false;
    for (const auto& [key, s] : stats) {
      if (s.mandatory != cls) continue;
      any = true;
      for (std::size_t t = 0; t < s.per_target.size(); ++t) {
        const auto& c = s.per_target[t];
        if (c.total() == 0) continue;  // this target did not run a case of it
        auto& y = tallies[t];
        ++y.count;
        const bool tested = c[Outcome::pass] + c[Outcome::pass_with_quirk] + c[Outcome::warn] + c[Outcome::fail] + c[Outcome::unsupported] > 0;
        const bool passed = tested && c[Outcome::fail] + c[Outcome::warn] + c[Outcome::error] + c[Outcome::unsupported] == 0;
        y.tested += tested ? 1u : 0u;
        y.passed += passed ? 1u : 0u;
        y.failed += c[Outcome::fail] > 0 ? 1u : 0u;
        y.unsupported += c[Outcome::unsupported] > 0 ? 1u : 0u;
        if (!passed) y.not_passed.push_back(command_label(key));
      }
    }
    if (!any) continue;
    for (std::size_t t = 0; t < tallies.size(); ++t) {
      const auto& y = tallies[t];
      out += fmt::format("<tr class=\"g{}\" data-t=\"{}\">", t == 0 ? " first" : "", t);
      if (t == 0) out += fmt::format("<th scope=\"rowgroup\" rowspan=\"{}\">{}</th>", tallies.size(), label);
      if (several) {
        out += "<td class=\"tname\">";
        text(out, r.targets[t].name);
        out += "</td>";
      }
      const auto pct = [&](std::size_t k) { return y.count == 0 ? std::string() : fmt::format(" <small>({}%)</small>", k * 100 / y.count); };
      out += fmt::format("<td class=\"n\">{}</td><td class=\"n\">{}{}</td><td class=\"n{}\">{}{}</td><td class=\"n{}\">{}</td>"
                         "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"cmdlist\">",
                         y.count, y.tested, pct(y.tested), y.count != 0 && y.passed == y.count ? " o-pass" : "", y.passed, pct(y.passed),
                         y.failed != 0 ? " o-fail" : " zero", y.failed, y.unsupported, y.count - y.tested);
      if (cls == std::optional<bool>(true)) {
        if (y.not_passed.empty()) {
          out += y.count == 0 ? "" : "all passed";
        } else {
          text(out, join(y.not_passed, ", "));
        }
      }
      out += "</td></tr>\n";
    }
  }
  out += "</tbody></table></div></section>\n";
}

// Rows: the commands by netFn and cmd; columns: the targets; a cell: the worst outcome of
// that command's cases on that target, with the counts.
void matrix_section(std::string& out, const RunResults& r, const std::map<CommandKey, CommandStats>& stats) {
  out += "<section id=\"matrix\"><h2>Command matrix</h2>\n<p class=\"note\">Each cell: the worst outcome of the command's cases "
         "on that target (ERROR, FAIL, WARN, PASS-WITH-QUIRK, UNSUPPORTED, PASS, then SKIP), with the counts.</p>\n";
  if (stats.empty()) {
    out += "<p>No case names a command.</p></section>\n";
    return;
  }
  out += "<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th scope=\"col\">NetFn</th><th scope=\"col\">Cmd</th>"
         "<th scope=\"col\">Command</th><th scope=\"col\">M/O</th>";
  for (std::size_t i = 0; i < r.targets.size(); ++i) {
    out += fmt::format("<th scope=\"col\" class=\"t\" data-t=\"{}\">", i);
    text(out, r.targets[i].name);
    out += "</th>";
  }
  out += "</tr></thead><tbody>\n";
  for (const auto& [key, s] : stats) {
    out += "<tr>";
    out += key.netfn <= 0xFF ? fmt::format("<td class=\"hex\">{:02X}h</td>", key.netfn) : std::string("<td>—</td>");
    out += key.cmd <= 0xFF ? fmt::format("<td class=\"hex\">{:02X}h</td>", key.cmd) : std::string("<td>—</td>");
    out += "<td class=\"cmdname\">";
    text(out, key.command.empty() ? std::string("(unnamed)") : key.command);
    out += fmt::format("</td><td>{}</td>", s.mandatory ? (*s.mandatory ? "M" : "O") : "?");
    for (std::size_t t = 0; t < s.per_target.size(); ++t) {
      const auto& c = s.per_target[t];
      if (c.total() == 0) {
        out += fmt::format("<td class=\"cell none t\" data-t=\"{}\">—</td>", t);
        continue;
      }
      Outcome worst = Outcome::skip;
      for (Outcome o : kAllOutcomes) {
        if (c[o] != 0 && html::badness(o) >= html::badness(worst)) worst = o;
      }
      std::string detail;
      for (Outcome o : kAllOutcomes) {
        if (c[o] != 0) detail += fmt::format("{}{} {}", detail.empty() ? "" : " · ", c[o], to_string(o));
      }
      out += fmt::format("<td class=\"cell {} t\" data-t=\"{}\" title=\"{}\"><b>{}</b> <small>{}</small></td>", html::outcome_class(worst), t,
                         detail, to_string(worst), detail);
    }
    out += "</tr>\n";
  }
  out += "</tbody></table></div></section>\n";
}

int severity_rank(std::string_view s) {
  static constexpr std::array<std::string_view, 5> kOrder{"critical", "high", "medium", "low", "info"};
  for (std::size_t i = 0; i < kOrder.size(); ++i) {
    if (kOrder[i] == s) return static_cast<int>(i);
  }
  return static_cast<int>(kOrder.size());
}

void findings_section(std::string& out, const RunResults& r, const std::vector<html::CaseRow>& rows) {
  struct Item {
    std::size_t row;
    std::size_t target;
    const CaseResult* c;
  };
  std::vector<Item> items;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t t = 0; t < rows[i].per_target.size(); ++t) {
      const CaseResult* c = rows[i].per_target[t];
      if (c != nullptr && c->finding) items.push_back({i, t, c});
    }
  }
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return severity_rank(a.c->finding->severity) < severity_rank(b.c->finding->severity);
  });
  out += "<section id=\"findings\"><h2>Security findings</h2>\n";
  if (items.empty()) {
    out += "<p class=\"none\">No security finding.</p></section>\n";
    return;
  }
  out += "<div class=\"scroll\"><table class=\"findings\"><thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Finding</th>"
         "<th scope=\"col\">Target</th><th scope=\"col\">Case</th></tr></thead><tbody>\n";
  for (const auto& it : items) {
    const Finding& f = *it.c->finding;
    const int rank = severity_rank(f.severity);
    out += fmt::format("<tr class=\"finding t\" data-t=\"{}\"><td><span class=\"sev sev-{}\">", it.target, rank);
    text(out, f.severity);
    out += "</span></td><td><strong class=\"ftitle\">";
    text(out, f.title);
    out += "</strong>";
    if (!f.remedy.empty()) {
      out += "<div class=\"remedy\"><span class=\"lbl\">Remedy:</span> ";
      text(out, f.remedy);
      out += "</div>";
    }
    if (!f.references.empty()) {
      out += "<div class=\"refs\"><span class=\"lbl\">References:</span> ";
      text(out, join(f.references, ", "));
      out += "</div>";
    }
    out += "</td><td>";
    text(out, r.targets[it.target].name);
    out += fmt::format("</td><td><a class=\"caselink\" href=\"#{}\">", html::case_anchor(it.row));
    text(out, it.c->id);
    out += "</a> ";
    html::badge(out, it.c->outcome);
    out += "</td></tr>\n";
  }
  out += "</tbody></table></div></section>\n";
}

}  // namespace

std::string render_html(const RunResults& results) {
  std::string out;
  std::size_t cases = 0;
  for (const auto& t : results.targets) cases += t.cases.size();
  out.reserve(16384 + cases * 3072);
  const auto rows = html::case_rows(results);
  const auto stats = command_stats(results);
  head(out, results);
  out += fmt::format("<body data-targets=\"{}\">\n", results.targets.size());
  run_header(out, results);
  nav(out);
  out += "<main>\n";
  targets_section(out, results);
  summary_section(out, results);
  profile_section(out, results);
  netfn_section(out, results);
  coverage_section(out, results, stats);
  matrix_section(out, results, stats);
  findings_section(out, results, rows);
  html::render_cases(out, results, rows);
  out += "</main>\n<footer>";
  text(out, "Generated by " + results.run.tool + " " + results.run.version + " from the results model (" + results.schema + ").");
  out += "</footer>\n<script>";
  out += html_assets::kJs;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace ipmict::reports
