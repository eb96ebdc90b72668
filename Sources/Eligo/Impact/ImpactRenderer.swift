/// What an impact report says before its list of changed records: both sides and the counts.
public struct ImpactSummary: Sendable {
    /// How the baseline was chosen: "rules/ as of 2016-11-30".
    public var baseline: String
    /// How the proposal was chosen: "rules/ as of 2016-12-01".
    public var proposal: String
    /// Parameters the proposal sets for this run (`--set`).
    public var overrides: [AppliedOverride]
    public var inputs: [String]
    public var recordsRead: Int
    public var tally: ImpactTally

    public init(baseline: String, proposal: String, overrides: [AppliedOverride], inputs: [String], recordsRead: Int, tally: ImpactTally) {
        self.baseline = baseline
        self.proposal = proposal
        self.overrides = overrides
        self.inputs = inputs
        self.recordsRead = recordsRead
        self.tally = tally
    }
}

/// Renders an impact run: `head` (both sides, the transition table and the per-rule deltas),
/// then one `change` per record whose decision changed, in input order, then `tail`. The
/// changes are made by screening's workers as records are decided; the caller puts the head
/// in front of them once every record is counted.
public enum ImpactRenderer {
    public static func head(_ s: ImpactSummary, _ format: ImpactFormat) -> String {
        switch format {
        case .text: return textHead(s)
        case .markdown: return markdownHead(s)
        case .html: return ImpactHTML.head(s)
        case .csv: return "id,name,source,decision_before,decision_after,rule,subject,outcome_before,outcome_after,message_before,message_after\n"
        case .json: return jsonHead(s)
        }
    }

    public static func tail(_ s: ImpactSummary, _ format: ImpactFormat) -> String {
        switch format {
        case .text, .csv: return ""
        case .markdown: return s.tally.changed == 0 ? "" : "\n"
        case .html: return ImpactHTML.tail
        case .json: return "]}\n"
        }
    }

    /// One changed record (for JSON: one line holding its object; the caller puts commas between).
    public static func change(_ c: RecordChange, _ format: ImpactFormat) -> String {
        switch format {
        case .text: return textChange(c)
        case .markdown: return markdownChange(c)
        case .html: return ImpactHTML.change(c)
        case .csv: return csvChange(c)
        case .json: return jsonChange(c)
        }
    }

    // MARK: - Words shared by the formats

    static func words(_ decision: String) -> String { decision.replacingAll("_", with: " ") }

    static func outcomeWord(_ o: Outcome?) -> String {
        guard let o else { return "not in these rules" }
        return o.rawValue.replacingAll("_", with: " ")
    }

    /// "3 of 26 records change decision; 2 more change on some criterion without changing decision."
    static func headline(_ s: ImpactSummary) -> String {
        let t = s.tally
        var out = "\(t.changed) of \(ValueFormatter.plural(t.records, "record")) \(t.changed == 1 ? "changes" : "change") decision"
        if t.rulesChangedOnly > 0 {
            out += "; \(t.rulesChangedOnly) more \(t.rulesChangedOnly == 1 ? "changes" : "change") on some criterion without changing decision"
        }
        return out + "."
    }

    static func transitionLabel(_ t: ImpactTally.Transition) -> String {
        t.before == t.after ? "\(words(t.before)) (unchanged)" : "\(words(t.before)) → \(words(t.after))"
    }

    static func sideLines(_ s: ImpactSummary) -> [(String, String)] {
        var lines = [
            ("Baseline", s.baseline + ruleSets(s.tally.baselineRuleSets)),
            ("Proposal", s.proposal + ruleSets(s.tally.proposalRuleSets))
        ]
        if !s.overrides.isEmpty {
            lines.append(("Set for this run", s.overrides.map({ $0.description }).joined(separator: "; ")))
        }
        return lines
    }

    private static func ruleSets(_ list: [String]) -> String {
        list.isEmpty
            ? ""
            : ": "
                + list.map { entry in
                    // "id version (sha256:…)" with the digest cut to its first 12 hex digits.
                    guard let open = entry.firstIndex(of: "(") else { return entry }
                    return entry[..<open] + "(" + entry[entry.index(after: open)...].prefix(19) + "…)"
                }.joined(separator: ", ")
    }

    // MARK: - Text

    private static func textHead(_ s: ImpactSummary) -> String {
        var out = "Impact of the proposed rules on \(ValueFormatter.plural(s.recordsRead, "record")) (\(s.inputs.joined(separator: ", ")))\n"
        for (label, text) in sideLines(s) { out += "\(label): \(text)\n" }
        out += "\n" + headline(s) + "\n\n"
        let rows = s.tally.sortedTransitions.map { (transitionLabel($0), String($0.count)) }
        out += table(["Decision", "Records"], rows.map { [$0.0, $0.1] }, rightAligned: [1])
        let deltas = s.tally.ruleDeltas
        if deltas.isEmpty {
            out += "\nNo criterion's outcome changes for any record.\n"
        } else {
            out +=
                "\n"
                + table(
                    ["Criterion", "Newly pass", "Newly fail", "Become unknown", "Stop applying"],
                    deltas.map {
                        [
                            "\($0.ruleID) \($0.title)", String($0.newlyPass), String($0.newlyFail),
                            String($0.becomeUnknown), String($0.stopApplying)
                        ]
                    },
                    rightAligned: [1, 2, 3, 4])
        }
        if s.tally.changed > 0 { out += "\nRecords whose decision changes\n" }
        return out
    }

    private static func textChange(_ c: RecordChange) -> String {
        let who = [c.id, c.name].compactMap { $0 }.joined(separator: " ")
        var out = "\n\(who.isEmpty ? "Record" : who)  \(c.source ?? "")\n"
        out += "  \(words(c.before.decision)) → \(words(c.after.decision))\n"
        out += "  before: \(sideText(c.before))\n  after:  \(sideText(c.after))\n"
        for r in c.rules {
            out += "  \(r.ruleID) \(r.title)\(r.subject.map { " — \($0)" } ?? ""): \(outcomeWord(r.before)) → \(outcomeWord(r.after))\n"
            if !r.beforeMessage.isEmpty { out += "      before: \(r.beforeMessage)\n" }
            if !r.afterMessage.isEmpty { out += "      after:  \(r.afterMessage)\n" }
        }
        return out
    }

    static func sideText(_ s: RecordChange.Side) -> String {
        var parts = [words(s.decision)]
        if let rs = s.ruleSet { parts.append("by \(rs)") }
        if let d = s.asOf { parts.append("as of \(d.longDescription)") }
        return parts.joined(separator: " ") + (s.reason.isEmpty ? "" : " (\(s.reason))")
    }

    /// A plain table with columns padded to their widest cell.
    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int>) -> String {
        var widths = header.map({ $0.count })
        for r in rows { for (i, cell) in r.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            var out = " "
            for (i, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                out += (i == 0 ? " " : "  ") + (rightAligned.contains(i) ? pad + cell : cell + (i == cells.count - 1 ? "" : pad))
            }
            return out + "\n"
        }
        return line(header) + rows.map(line).joined()
    }

    // MARK: - Markdown

    private static func markdownHead(_ s: ImpactSummary) -> String {
        var out = "## Impact of the proposed rules\n\n"
        out += "\(ValueFormatter.plural(s.recordsRead, "record")) from \(s.inputs.map { "`\($0)`" }.joined(separator: ", ")).\n\n"
        for (label, text) in sideLines(s) { out += "- **\(label)**: \(md(text))\n" }
        out += "\n**\(headline(s))**\n\n| Decision | Records |\n|---|---:|\n"
        for t in s.tally.sortedTransitions { out += "| \(md(transitionLabel(t))) | \(t.count) |\n" }
        let deltas = s.tally.ruleDeltas
        if !deltas.isEmpty {
            out += "\n| Criterion | Newly pass | Newly fail | Become unknown | Stop applying |\n|---|---:|---:|---:|---:|\n"
            for d in deltas {
                out += "| \(md(d.ruleID)) \(md(d.title)) | \(d.newlyPass) | \(d.newlyFail) | \(d.becomeUnknown) | \(d.stopApplying) |\n"
            }
        }
        if s.tally.changed > 0 { out += "\n### Records whose decision changes\n" }
        return out
    }

    private static func markdownChange(_ c: RecordChange) -> String {
        let who = [c.id, c.name].compactMap { $0 }.joined(separator: " ")
        var out = "\n#### \(md(who.isEmpty ? (c.source ?? "Record") : who)): \(words(c.before.decision)) → \(words(c.after.decision))\n\n"
        out += "Before: \(md(sideText(c.before))). After: \(md(sideText(c.after))).\n"
        if !c.rules.isEmpty {
            out += "\n| Criterion | Before | After |\n|---|---|---|\n"
            for r in c.rules {
                out += "| \(md(r.ruleID)) \(md(r.title))\(r.subject.map { " — \(md($0))" } ?? "") "
                out += "| **\(outcomeWord(r.before))** \(md(r.beforeMessage)) | **\(outcomeWord(r.after))** \(md(r.afterMessage)) |\n"
            }
        }
        return out
    }

    /// Text safe in a Markdown table cell.
    static func md(_ s: String) -> String { s.replacingAll("|", with: "\\|").replacingAll("\n", with: " ") }

    // MARK: - CSV

    private static func csvChange(_ c: RecordChange) -> String {
        let lead = [c.id ?? "", c.name ?? "", c.source ?? "", c.before.decision, c.after.decision]
        let rows =
            c.rules.isEmpty
            ? [lead + ["", "", "", "", "", ""]]
            : c.rules.map { r in
                lead + [r.ruleID, r.subject ?? "", r.before?.rawValue ?? "", r.after?.rawValue ?? "", r.beforeMessage, r.afterMessage]
            }
        return rows.map { $0.map({ $0.csvEscaped }).joined(separator: ",") + "\n" }.joined()
    }

    // MARK: - JSON

    private static func jsonHead(_ s: ImpactSummary) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("baseline"); side(s.baseline, s.tally.baselineRuleSets, into: &w)
        w.key("proposal"); side(s.proposal, s.tally.proposalRuleSets, into: &w)
        if !s.overrides.isEmpty { JSONReportRenderer.overrides(s.overrides, into: &w) }
        w.key("inputs"); w.beginArray(); for i in s.inputs { w.string(i) }; w.endArray()
        w.key("records"); w.int(s.tally.records)
        w.key("changed"); w.int(s.tally.changed)
        w.key("transitions")
        w.beginArray()
        for t in s.tally.sortedTransitions {
            w.beginObject(); w.field("from", t.before); w.field("to", t.after); w.key("count"); w.int(t.count); w.endObject()
        }
        w.endArray()
        w.key("rules")
        w.beginArray()
        for d in s.tally.ruleDeltas {
            w.beginObject()
            w.field("id", d.ruleID); w.field("title", d.title)
            w.key("newly_pass"); w.int(d.newlyPass)
            w.key("newly_fail"); w.int(d.newlyFail)
            w.key("become_unknown"); w.int(d.becomeUnknown)
            w.key("stop_applying"); w.int(d.stopApplying)
            w.endObject()
        }
        w.endArray()
        w.key("changes")
        return w.output + "[\n"
    }

    private static func side(_ label: String, _ ruleSets: [String], into w: inout JSONWriter) {
        w.beginObject()
        w.field("rules", label)
        w.key("rulesets"); w.beginArray(); for r in ruleSets { w.string(r) }; w.endArray()
        w.endObject()
    }

    private static func jsonChange(_ c: RecordChange) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("record"); w.beginObject(); w.field("id", c.id); w.field("name", c.name); w.field("source", c.source); w.endObject()
        for (key, s) in [("before", c.before), ("after", c.after)] {
            w.key(text: key)
            w.beginObject()
            w.field("decision", s.decision); w.field("ruleset", s.ruleSet); w.field("as_of", s.asOf?.description); w.field("reason", s.reason)
            w.endObject()
        }
        w.key("rules")
        w.beginArray()
        for r in c.rules {
            w.beginObject()
            w.field("id", r.ruleID); w.field("title", r.title); w.field("subject", r.subject)
            w.field("before", r.before?.rawValue); w.field("after", r.after?.rawValue)
            w.field("message_before", r.beforeMessage); w.field("message_after", r.afterMessage)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.output + "\n"
    }
}
