/// Writes a `RuleSetDiff` as the change note a policy officer circulates with a proposed
/// edit: plain text for a terminal or an email, Markdown for a committee paper.
public enum RuleSetDiffRenderer {
    public enum Format: String, Sendable, CaseIterable { case text, markdown }

    public static func render(_ diffs: [RuleSetDiff], _ format: Format) -> String {
        diffs.map { render($0, format) }.joined(separator: "\n")
    }

    public static func render(_ d: RuleSetDiff, _ format: Format) -> String {
        let md = format == .markdown
        var out =
            md
            ? "## Changes to \(d.new.id): \(d.old.version) → \(d.new.version)\n\n"
            : "Changes to \(d.new.id): \(d.old.version) → \(d.new.version)\n"
        out += line(md, "From", "\(d.old.id) \(d.old.version), \(d.old.period) (\(d.old.file))")
        out += line(md, "To", "\(d.new.id) \(d.new.version), \(d.new.period) (\(d.new.file))")
        for h in d.header { out += line(md, h.aspect.capitalizedFirst, "\(h.before ?? "none") → \(h.after ?? "none")") }
        if d.entries.isEmpty {
            return out + (md ? "\nNo parameter, derived value or rule differs.\n" : "\nNo parameter, derived value or rule differs.\n")
        }
        out += "\n" + summary(d) + "\n"
        for (kind, heading) in [(RuleSetDiff.Entry.Kind.parameter, "Parameters"), (.derived, "Derived values"), (.rule, "Rules")] {
            // Rules removed and added first, then changes to what a rule decides, then wording and citations.
            let entries = d.entries.filter { $0.kind == kind }.enumerated().sorted { a, b in
                (weight(a.element), a.offset) < (weight(b.element), b.offset)
            }.map({ $0.element })
            guard !entries.isEmpty else { continue }
            out += md ? "\n### \(heading)\n\n" : "\n\(heading)\n"
            for e in entries { out += entry(e, md) }
        }
        return out
    }

    /// "2 parameters changed, 1 added, 2 removed; 1 derived value changed; 1 rule removed, 9 changed."
    static func summary(_ d: RuleSetDiff) -> String {
        var groups: [String] = []
        for (kind, one, many) in [
            (RuleSetDiff.Entry.Kind.parameter, "parameter", "parameters"), (.derived, "derived value", "derived values"),
            (.rule, "rule", "rules")
        ] {
            let entries = d.entries.filter { $0.kind == kind }
            guard !entries.isEmpty else { continue }
            let counts = [RuleSetDiff.Change.changed, .added, .removed].map { c in (c, entries.filter { $0.change == c }.count) }.filter { $0.1 > 0 }
            var text = "\(counts[0].1) \(counts[0].1 == 1 ? one : many) \(counts[0].0.rawValue)"
            for (change, n) in counts.dropFirst() { text += ", \(n) \(change.rawValue)" }
            groups.append(text)
        }
        return "In short: " + groups.joined(separator: "; ") + "."
    }

    /// Where an entry comes in its section: what changes decisions before what changes words.
    private static func weight(_ e: RuleSetDiff.Entry) -> Int {
        guard e.kind == .rule else { return 0 }
        switch e.change {
        case .removed: return 0
        case .added: return 1
        case .changed:
            let decisive: Set<String> = ["condition", "applies when", "severity", "part"]
            return e.details.contains { decisive.contains($0.aspect) } ? 2 : e.details.contains { $0.aspect != "citation source" } ? 3 : 4
        }
    }

    private static func line(_ md: Bool, _ label: String, _ text: String) -> String {
        md ? "- **\(label)**: \(text)\n" : "\(label): \(text)\n"
    }

    private static func entry(_ e: RuleSetDiff.Entry, _ md: Bool) -> String {
        let name = e.title.map { "\(e.name) \($0)" } ?? e.name
        let places = [e.oldPlace.map(place), e.newPlace.map(place)].compactMap { $0 }.joined(separator: " → ")
        var out: String
        switch (e.kind, e.change) {
        case (.parameter, .added), (.derived, .added):
            out = "added \(name) = \(e.details.first?.after ?? "")"
        case (.parameter, .removed), (.derived, .removed):
            out = "removed \(name) (was \(e.details.first?.before ?? ""))"
        case (.parameter, .changed) where e.details.count == 1 && e.details[0].aspect == e.name:
            out = "changed \(name): \(e.details[0].before ?? "none") → \(e.details[0].after ?? "none")"
        case (.rule, .added): out = "added \(name)"
        case (.rule, .removed): out = "removed \(name)"
        default: out = "changed \(name)"
        }
        var lines: [String] = []
        let detailed =
            !(e.kind == .parameter && e.change == .changed && e.details.count == 1 && e.details[0].aspect == e.name)
            && !(e.kind != .rule && e.change != .changed)
        if detailed {
            for dt in e.details {
                switch (dt.before, dt.after) {
                case (let b?, let a?): lines.append("\(dt.aspect): \(quoted(b, e)) → \(quoted(a, e))")
                case (nil, let a?) where dt.aspect == "messages": lines.append("messages reworded: \(a)")
                case (nil, let a?): lines.append("\(dt.aspect): \(quoted(a, e))")
                case (let b?, nil): lines.append("\(dt.aspect): was \(quoted(b, e))")
                case (nil, nil): break
                }
            }
        }
        if md {
            var text = "- **\(out)** (\(places))\n"
            for l in lines { text += "  - \(l.replacingAll("|", with: "\\|"))\n" }
            return text
        }
        var text = "  \(out)\n      \(places)\n"
        for l in lines { text += "      \(l)\n" }
        return text
    }

    /// Wording and conditions in quotes; list changes ("added: a, b") as they are.
    private static func quoted(_ s: String, _ e: RuleSetDiff.Entry) -> String {
        e.kind == .parameter ? s : "“\(s)”"
    }

    private static func place(_ r: SourceRange) -> String { "\(r.file):\(r.start.line)" }
}
