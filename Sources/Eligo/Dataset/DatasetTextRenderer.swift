/// Renders the reports of a dataset's records for people: grouped by collection,
/// one line per record with its decision, the explanation of every rule that is
/// not met (or cannot be decided, or warns) under it, and a summary at the end:
/// records checked, breaches by rule, advisory warnings by rule, incomplete and
/// invalid records.
///
/// It is fed reports one at a time (a dataset of a million records is never held
/// in memory as reports) and remembers only the counts the summary needs.
public struct DatasetTextRenderer: Sendable {
    public var colour: Bool
    /// Show every rule of every record, not only those that need attention.
    public var verbose: Bool
    /// How many record ids the summary lists per rule before saying "and N more".
    public var idsPerLine = 8

    private var dataset: String?
    private var collection: String?
    private var summary = Summary()
    private let text: TextReportRenderer

    public init(colour: Bool = false, verbose: Bool = false, schemas: [String: Schema] = [:]) {
        self.colour = colour
        self.verbose = verbose
        self.text = TextReportRenderer(colour: colour, verbose: verbose, schemas: schemas)
    }

    /// What the summary of one dataset counts.
    struct Summary: Sendable {
        struct Tally: Sendable {
            var title: String
            var count = 0
            var ids: [String] = []
        }
        var records = 0
        var decisions: [(String, Int)] = []
        var collections: [(title: String, count: Int, decisions: [(String, Int)])] = []
        var breaches: [String: Tally] = [:]
        var breachOrder: [String] = []
        var warnings: [String: Tally] = [:]
        var warningOrder: [String] = []
        var incomplete: [String] = []
        var incompleteCount = 0
        var invalid: [String] = []
        var invalidCount = 0
        var ruleSet: Report.RuleSetInfo?
        var asOf: Day?

        static func bump(_ list: inout [(String, Int)], _ key: String) {
            if let i = list.firstIndex(where: { $0.0 == key }) { list[i].1 += 1 } else { list.append((key, 1)) }
        }
    }

    /// The text for one more report: a heading when the dataset or collection changes, then the
    /// record (`body`, when already made by `body(of:)`, perhaps on another thread).
    public mutating func render(_ r: Report, body: String? = nil) -> String {
        var out = ""
        let source = r.record.dataset ?? r.record.source ?? "dataset"
        if dataset != source {
            if dataset != nil { out += finish() + "\n" }
            dataset = source
            collection = nil
            summary = Summary()
            summary.ruleSet = r.ruleSet
            summary.asOf = r.asOf
            out += paint("Dataset \(source)", "1") + "\n"
            if let rs = r.ruleSet { out += dim("Rules: \(rs.title), version \(rs.version) (\(rs.digest.prefix(19))…)") + "\n" }
            if let asOf = r.asOf { out += "Assessed as of \(asOf.longDescription).\n" }
        }
        let title = collectionTitle(r)
        if collection != r.record.kind {
            collection = r.record.kind
            out += "\n" + paint(title, "1") + "\n"
            summary.collections.append((title, 0, []))
        }
        count(r, title: title)
        out += body ?? self.body(of: r)
        return out
    }

    /// The summary of the dataset rendered last; empty when nothing was rendered.
    public mutating func finish() -> String {
        guard dataset != nil else { return "" }
        defer { dataset = nil }
        let s = summary
        var out = "\n" + paint("Summary", "1") + "\n"
        let decisions = s.decisions.map { "\($0.1) \(TextReportRenderer.words($0.0))" }
        out += "\(s.records) record\(s.records == 1 ? "" : "s") checked: \(ValueFormatter.list(decisions)).\n"
        for c in s.collections {
            let d = c.decisions.map { "\($0.1) \(TextReportRenderer.words($0.0))" }
            out += "  \(c.title): \(c.count) (\(d.joined(separator: ", ")))\n"
        }
        out += tallies("Breaches by rule", s.breaches, s.breachOrder)
        out += tallies("Advisory warnings by rule", s.warnings, s.warningOrder)
        if s.incompleteCount > 0 {
            out += "Incomplete records (\(s.incompleteCount)): \(ids(s.incomplete, total: s.incompleteCount))\n"
        }
        if s.invalidCount > 0 {
            out += "Invalid records (\(s.invalidCount)): \(ids(s.invalid, total: s.invalidCount))\n"
        }
        return out
    }

    private func tallies(_ heading: String, _ tallies: [String: Summary.Tally], _ order: [String]) -> String {
        guard !order.isEmpty else { return "" }
        var out = heading + ":\n"
        let width = order.map({ $0.count }).max() ?? 0
        for id in order.sorted(by: RuleIDOrder.less) {
            let t = tallies[id]!
            let pad = String(repeating: " ", count: width - id.count)
            out += "  \(id)\(pad)  \(t.title): \(t.count) — \(ids(t.ids, total: t.count))\n"
        }
        return out
    }

    private func ids(_ list: [String], total: Int) -> String {
        list.joined(separator: ", ") + (total > list.count ? " and \(total - list.count) more" : "")
    }

    private func collectionTitle(_ r: Report) -> String {
        if r.record.id == nil && r.record.source == r.record.dataset { return "The dataset as a whole" }
        return r.rules.first?.partTitle ?? r.record.kind.replacingAll("_", with: " ").capitalizedFirst
    }

    private mutating func count(_ r: Report, title: String) {
        summary.records += 1
        Summary.bump(&summary.decisions, r.decision)
        summary.collections[summary.collections.count - 1].count += 1
        Summary.bump(&summary.collections[summary.collections.count - 1].decisions, r.decision)
        let id = r.record.id ?? r.record.kind
        for rule in r.rules where rule.counted && rule.outcome == .fail {
            if rule.severity == .required {
                if summary.breaches[rule.id] == nil { summary.breaches[rule.id] = .init(title: rule.title); summary.breachOrder.append(rule.id) }
                summary.breaches[rule.id]!.count += 1
                if summary.breaches[rule.id]!.ids.count < idsPerLine { summary.breaches[rule.id]!.ids.append(id) }
            } else {
                if summary.warnings[rule.id] == nil { summary.warnings[rule.id] = .init(title: rule.title); summary.warningOrder.append(rule.id) }
                summary.warnings[rule.id]!.count += 1
                if summary.warnings[rule.id]!.ids.count < idsPerLine { summary.warnings[rule.id]!.ids.append(id) }
            }
        }
        switch r.outcome {
        case .unknown:
            summary.incompleteCount += 1
            if summary.incomplete.count < idsPerLine * 2 {
                let rules = r.rules.filter { $0.decides && $0.outcome == .unknown }.map({ $0.id })
                summary.incomplete.append("\(id) (\(rules.joined(separator: ", ")))")
            }
        case .invalid:
            summary.invalidCount += 1
            if summary.invalid.count < idsPerLine * 2 { summary.invalid.append(id) }
        default: break
        }
    }

    /// One record: a line with its decision, then what needs attention. It depends on the
    /// settings alone, not on the records before it.
    public func body(of r: Report) -> String {
        let counted = r.rules.filter { $0.counted }
        let failing = counted.filter { $0.severity == .required && $0.outcome == .fail }.map({ $0.id })
        let unknown = counted.filter { $0.severity == .required && $0.outcome == .unknown }.map({ $0.id })
        let warnings = counted.filter { $0.severity == .advisory && $0.outcome == .fail }.map({ $0.id })
        let errors = counted.filter { $0.outcome == .error }.map({ $0.id })
        let word = TextReportRenderer.words(r.decision)
        var mark: String, verdict: String
        switch r.outcome {
        case .pass:
            mark = warnings.isEmpty ? paint("✔", "32") : paint("!", "35")
            verdict = word + (warnings.isEmpty ? "" : "; advisory: \(warnings.joined(separator: ", "))")
            if r.rules.isEmpty && r.record.id == nil { verdict += " (no records to check)" }
        case .fail:
            mark = paint("✘", "31")
            verdict = paint(word.uppercased(), "1;31") + " of \(failing.joined(separator: ", "))"
            if !unknown.isEmpty { verdict += "; needs information for \(unknown.joined(separator: ", "))" }
            if !warnings.isEmpty { verdict += "; advisory: \(warnings.joined(separator: ", "))" }
        case .unknown:
            mark = paint("?", "33")
            verdict = paint(word.uppercased(), "1;33") + ": needs information for \(unknown.joined(separator: ", "))"
            if !warnings.isEmpty { verdict += "; advisory: \(warnings.joined(separator: ", "))" }
        case .invalid:
            mark = paint("✘", "31")
            verdict =
                paint(word.uppercased(), "1;31")
                + (errors.isEmpty || !r.errors.isEmpty
                    ? ": \(r.errors.count) problem\(r.errors.count == 1 ? "" : "s") in the record"
                    : ": \(errors.joined(separator: ", ")) could not be checked")
        }
        let who = [r.record.id, r.record.name].compactMap { $0 }.joined(separator: "  ")
        var out = "  \(mark) \(paint(who.isEmpty ? r.record.kind : who, "1")): \(verdict)"
        let attention = r.outcome != .pass || !warnings.isEmpty || !r.warnings.isEmpty
        if attention || verbose, let source = r.record.source { out += "  " + dim(source) }
        out += "\n"
        for e in r.errors { out += "      \(paint("✘", "31")) \(e.located)\n" }
        for rule in r.rules where verbose || rule.outcome == .fail || rule.outcome == .unknown || rule.outcome == .error {
            out += DatasetTextRenderer.indented(text.line(rule, kind: r.record.kind))
        }
        for w in r.warnings { out += "      \(paint("!", "35")) \(w.located)\n" }
        return out
    }

    /// Every line of `text` that a line break ends, two spaces further in. A line break is a line
    /// feed not after a carriage return (as Characters see it: CR LF is one Character), found in
    /// the UTF-8 bytes rather than by splitting the text into Characters.
    static func indented(_ text: String) -> String {
        var text = text
        return text.withUTF8 { t in
            var out: [UInt8] = []
            out.reserveCapacity(t.count + 64)
            var start = 0
            for i in t.indices where t[i] == 10 && (i == 0 || t[i - 1] != 13) {
                out.append(32)
                out.append(32)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: t[start...i]))
                start = i + 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    private func dim(_ s: String) -> String { colour ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
}

/// Rule ids in the order people expect: AS-2 before AS-10, D-1 before D-W1.
enum RuleIDOrder {
    static func less(_ a: String, _ b: String) -> Bool { key(a).lexicographicallyPrecedes(key(b)) }

    private static func key(_ id: String) -> [String] {
        // Split into runs of digits and non-digits; pad digit runs so they sort numerically.
        var parts: [String] = []
        var current = ""
        var digits = false
        for c in id {
            let d = c.isASCII && c.isNumber
            if !current.isEmpty && d != digits { parts.append(digits ? pad(current) : current); current = "" }
            digits = d
            current.append(c)
        }
        if !current.isEmpty { parts.append(digits ? pad(current) : current) }
        return parts
    }

    private static func pad(_ s: String) -> String { String(repeating: "0", count: max(0, 8 - s.count)) + s }
}
