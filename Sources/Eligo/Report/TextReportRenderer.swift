/// Renders a report for people: a one-line verdict first, then each part with
/// a tick or cross per criterion and a sentence with the numbers that decided it.
public struct TextReportRenderer: Sendable {
    public var colour: Bool
    /// Show the values and citation under passing rules too.
    public var verbose: Bool

    /// The record kinds' schemas, so "Based on" names values by their labels as "Still needed"
    /// does; without them values are named by their paths only.
    public var schemas: [String: Schema]

    public init(colour: Bool = false, verbose: Bool = false, schemas: [String: Schema] = [:]) {
        self.colour = colour
        self.verbose = verbose
        self.schemas = schemas
    }

    public func render(_ reports: [Report]) -> String {
        var out = reports.map(render).joined(separator: "\n")
        if reports.count > 1 {
            var counts: [String: Int] = [:]
            var order: [String] = []
            for r in reports {
                if counts[r.decision] == nil { order.append(r.decision) }
                counts[r.decision, default: 0] += 1
            }
            let parts = order.map { "\(counts[$0]!) \(TextReportRenderer.words($0))" }
            out += "\n\(reports.count) records: \(ValueFormatter.list(parts)).\n"
        }
        return out
    }

    public func render(_ r: Report) -> String {
        var out = ""
        let who = [r.record.name, r.record.id.map { r.record.name == nil ? $0 : "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        out += paint(who.isEmpty ? "Record" : who, "1") + (r.record.source.map { "  \(dim($0))" } ?? "") + "\n"
        out += verdict(r) + "\n"
        if let rs = r.ruleSet {
            out += dim("Rules: \(rs.title), version \(rs.version) (\(rs.digest.prefix(19))…)") + "\n"
            if !rs.overrides.isEmpty { out += paint(TextReportRenderer.overridesLine(rs.overrides), "1;35") + "\n" }
        }
        if !r.errors.isEmpty {
            out += "\n" + paint("Problems with the record", "1") + "\n"
            for e in r.errors {
                out += "  \(paint("✘", "31")) \(e.located)\n"
                for line in e.excerpt { out += "      " + line + "\n" }
            }
        }
        var currentGroup = ""
        for rule in r.rules {
            let group = rule.partTitle + (rule.subjectLabel.map { ": \($0)" } ?? rule.subject.map { ": \($0)" } ?? "")
            if group != currentGroup {
                currentGroup = group
                out += "\n" + paint(group, "1")
                if !rule.counted {
                    out += dim(
                        rule.info.countedThrough.map { "  (these count towards the decision through \($0))" }
                            ?? "  (these count towards the decision through another criterion)")
                }
                out += "\n"
            }
            out += line(rule, kind: r.record.kind)
        }
        if !r.warnings.isEmpty {
            out += "\n" + paint("Warnings", "1") + "\n"
            for w in r.warnings { out += "  \(paint("!", "35")) \(w.located)\n" }
        }
        return out
    }

    /// "Not the published rules: --set min_headship_years = 2 (published: 3)." (text reports and screen summaries).
    public static func overridesLine(_ overrides: [AppliedOverride]) -> String {
        "Not the published rules: --set " + overrides.map({ $0.description }).joined(separator: "; ") + "."
    }

    /// The report's one-line verdict ("NOT ELIGIBLE as of …: 1 criterion not met (LLE-A2)."),
    /// also the headline of `eligo serve`'s result page.
    public func verdict(_ r: Report) -> String {
        let asOf = r.asOf.map { " as of \($0.longDescription)" } ?? ""
        let word = TextReportRenderer.words(r.decision).uppercased()
        let counted = r.rules.filter({ $0.decides })
        let failing = counted.filter { $0.outcome == .fail }.map({ $0.id })
        let unknown = counted.filter { $0.outcome == .unknown }.map({ $0.id })
        switch r.outcome {
        case .pass:
            let met = counted.count == 1 ? "the one required criterion is met" : "all \(counted.count) required criteria are met"
            return paint(word, "1;32") + "\(asOf): \(met)."
        case .fail:
            var s = paint(word, "1;31") + "\(asOf): \(plural(failing.count, "criterion", "criteria")) not met (\(failing.joined(separator: ", ")))"
            if !unknown.isEmpty { s += "; \(plural(unknown.count, "more needs", "more need")) information (\(unknown.joined(separator: ", ")))" }
            return s + "."
        case .unknown:
            return paint(word, "1;33")
                + "\(asOf): \(plural(unknown.count, "criterion needs", "criteria need")) more information (\(unknown.joined(separator: ", "))); none has failed."
        case .invalid:
            let errors = r.errors.count
            let ruleErrors = counted.filter { $0.outcome == .error }.map({ $0.id })
            if errors == 0 && !ruleErrors.isEmpty {
                return paint(word, "1;31") + "\(asOf): \(ruleErrors.joined(separator: ", ")) could not be checked."
            }
            return paint(word, "1;31") + ": the record has \(plural(errors, "problem", "problems")) to correct before it can be decided."
        }
    }

    func line(_ rule: RuleResult, kind: String? = nil) -> String {
        let mark: String
        switch rule.outcome {
        case .pass: mark = paint("✔", "32")
        case .fail: mark = rule.severity == .advisory ? paint("!", "35") : paint("✘", "31")
        case .unknown: mark = paint("?", "33")
        case .notApplicable: mark = dim("–")
        case .error: mark = paint("✘", "31")
        }
        let indent = "      "
        var out = "  \(mark) \(paint(rule.id, "1")) \(rule.title)"
        if rule.outcome == .notApplicable { out += dim(" (does not apply)") }
        out += "\n"
        if !rule.message.isEmpty { out += wrap(rule.message, indent: indent) }
        if let sentence = rule.passesFromSentence() { out += wrap(sentence, indent: indent) }
        let explain = verbose || rule.outcome == .fail || rule.outcome == .unknown || rule.outcome == .error
        if explain {
            if !rule.needs.isEmpty {
                let named = zip(rule.needs, rule.needsLabels).map { path, label in label.map { "\($0) (\(path))" } ?? path }
                out += wrap("Still needed: \(named.joined(separator: "; "))", indent: indent)
            }
            if !rule.values.isEmpty && rule.outcome != .unknown {
                // Verbose shows every value; otherwise the first six, saying how many more there are.
                let root = kind.flatMap { schemas[$0]?.root }
                let shown = rule.values.prefix(verbose ? rule.values.count : 6).map { v in
                    let label = root?.field(atPath: v.path)?.label
                    return (label.map { "\($0) (\(v.path))" } ?? v.path) + " = " + ValueFormatter.text(v.value)
                }
                let more = rule.values.count > shown.count ? " and \(rule.values.count - shown.count) more" : ""
                out += dim(wrap("Based on: \(shown.joined(separator: "; "))\(more)", indent: indent))
            }
            if let c = rule.citation {
                var cite = "Source: \(c.source)"
                if let text = c.text { cite += " — “\(text)”" }
                out += dim(wrap(cite, indent: indent))
                if let i = c.interpretation { out += dim(wrap("Interpretation: \(i)", indent: indent)) }
            }
        }
        return out
    }

    /// Wraps at 88 columns so reports read well in a terminal and in email: by bytes for most
    /// text (`wrapSimple`), by Characters for the rest.
    private func wrap(_ text: String, indent: String) -> String {
        TextReportRenderer.wrapSimple(text, indent: indent) ?? TextReportRenderer.wrapByCharacters(text, indent: indent)
    }

    /// `wrap` by Characters. The line's length in characters is kept as it grows rather than
    /// counted again for every word (which made wrapping quadratic in a line's words); it is
    /// counted afresh only where a joint is not between two ASCII characters, the only place
    /// where two pieces can merge into one character (a combining mark after a space).
    static func wrapByCharacters(_ text: String, indent: String) -> String {
        let indentCount = indent.count
        var out = "", line = indent, lineCount = indentCount
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let wordCount = word.count
            if lineCount + wordCount + 1 > 88 && lineCount > indentCount {
                out += line + "\n"
                line = indent
                lineCount = indentCount
            }
            let separated = lineCount > indentCount
            let joinIsASCII = (line.unicodeScalars.last?.isASCII ?? true) && (word.unicodeScalars.first?.isASCII ?? true)
            if separated { line += " " }
            line += word
            lineCount = joinIsASCII ? lineCount + (separated ? 1 : 0) + wordCount : line.count
        }
        return out + line + "\n"
    }

    /// `wrap` worked on UTF-8 bytes, for text whose every character is one Unicode scalar that
    /// never joins its neighbours (`isSimple`): words split at space bytes and counted in
    /// scalars give the same lines as Characters do, without finding grapheme boundaries. Nil
    /// for other text, which `wrap` handles by Characters.
    static func wrapSimple(_ text: String, indent: String) -> String? {
        var text = text, indent = indent
        return text.withUTF8 { t -> String? in
            indent.withUTF8 { ind -> String? in
                guard isSimple(t), isSimple(ind) else { return nil }
                let indentCount = ByteScan.scalarCount(ind)
                var out: [UInt8] = []
                out.reserveCapacity(t.count + t.count / 64 * (ind.count + 1) + ind.count + 1)
                var lineCount = indentCount
                out.append(contentsOf: ind)
                var start = 0
                while start <= t.count {
                    var end = start
                    while end < t.count && t[end] != 32 { end += 1 }
                    let word = UnsafeBufferPointer(rebasing: t[start..<end])
                    let wordCount = ByteScan.scalarCount(word)
                    if lineCount + wordCount + 1 > 88 && lineCount > indentCount {
                        out.append(10)
                        out.append(contentsOf: ind)
                        lineCount = indentCount
                    }
                    if lineCount > indentCount {
                        out.append(32)
                        lineCount += 1
                    }
                    out.append(contentsOf: word)
                    lineCount += wordCount
                    start = end + 1
                }
                out.append(10)
                return String(decoding: out, as: UTF8.self)
            }
        }
    }

    /// Whether every scalar of `utf8` is its own character whatever surrounds it: ASCII other than
    /// a carriage return (which joins a line feed), U+0080–U+02FF (Latin letters, before the
    /// combining marks), and the dashes, quotes, bullets and ellipsis of U+2010–U+2027,
    /// U+2030–U+205E and the euro sign.
    private static func isSimple(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < utf8.count {
            let b = utf8[i]
            if b < 0x80 {
                if b == 13 { return false }
                i += 1
            } else if b >= 0xC2 && b <= 0xCB {
                i += 2
            } else if b == 0xE2 && i + 2 < utf8.count {
                let (b1, b2) = (utf8[i + 1], utf8[i + 2])
                let ok =
                    (b1 == 0x80 && ((0x90...0xA7).contains(b2) || (0xB0...0xBF).contains(b2)))
                    || (b1 == 0x81 && (0x80...0x9E).contains(b2)) || (b1 == 0x82 && b2 == 0xAC)
                if !ok { return false }
                i += 3
            } else {
                return false
            }
        }
        return i == utf8.count
    }

    static func words(_ decision: String) -> String { decision.replacingAll("_", with: " ") }

    private func plural(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
    private func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    private func dim(_ s: String) -> String {
        guard colour else { return s }
        // Keep the trailing newline outside the escape so lines reset cleanly.
        if s.hasSuffix("\n") { return "\u{1B}[2m\(s.dropLast())\u{1B}[0m\n" }
        return "\u{1B}[2m\(s)\u{1B}[0m"
    }
}
