/// Writes values the way an applicant reads them: "3 November 2014",
/// "2 years 2 months", "executive headteacher", "65".
public enum ValueFormatter {
    public static func text(_ v: Value, type: ValueType? = nil) -> String {
        switch v {
        case .null: return "not given"
        case .bool(let b): return b ? "yes" : "no"
        case .int(let i): return String(i)
        case .decimal(let d): return number(d)
        case .string(let s):
            if case .enumeration(let e) = type { return e.labels[s] ?? s.replacingAll("_", with: " ") }
            return s
        case .date(let d): return d.longDescription
        case .duration(let s): return spanWords(months: s.months, days: s.days)
        case .interval(let s, let e): return "from \(s.longDescription)" + (e.map { " to \($0.longDescription)" } ?? "")
        case .list(let items):
            let element: ValueType? = type?.elementType
            return list(items.map { text($0, type: element) })
        case .object: return "(record)"
        case .map(let m): return "(table of \(m.count))"
        }
    }

    /// "a", "a and b", "a, b and c".
    public static func list(_ words: [String]) -> String {
        switch words.count {
        case 0: return "none"
        case 1: return words[0]
        default: return words.dropLast().joined(separator: ", ") + " and " + words.last!
        }
    }

    /// A decimal without a trailing `.0`, rounded to at most two places.
    public static func number(_ d: Double) -> String {
        let scaled = abs(d) < 1e13 ? (d * 100).rounded() / 100 : d
        if scaled.rounded() == scaled, abs(scaled) < 1e15 { return String(Int(scaled)) }
        let s = String(scaled)
        return s.contains("e") ? String(d) : s
    }

    /// The calendar time from one day to another in words: "2 years 2 months", "11 days".
    public static func span(from a: Day, to b: Day) -> String {
        if b < a { return span(from: b, to: a) }
        let months = a.wholeMonths(to: b)
        if months == 0 { return plural(b.ordinal - a.ordinal, "day") }
        return spanWords(months: months, days: 0)
    }

    static func spanWords(months: Int, days: Int) -> String {
        var parts: [String] = []
        if months / 12 != 0 { parts.append(plural(months / 12, "year")) }
        if months % 12 != 0 { parts.append(plural(months % 12, "month")) }
        if days != 0 || parts.isEmpty { parts.append(plural(days, "day")) }
        return parts.joined(separator: " ")
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(abs(n) == 1 ? "" : "s")" }
}
