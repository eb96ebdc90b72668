/// The functions without a lambda argument. Their signatures are checked in
/// `Checker`; here an absent argument simply makes the result unknown.
enum Builtins {
    /// `v` is a buffer rather than an array so that calls can pass arguments kept on the stack.
    static func apply(_ f: Builtin, _ v: UnsafeBufferPointer<Value>) throws(EvaluationFailure) -> Value {
        switch f {
        case .present: return .bool(!v[0].isNull)
        case .absent: return .bool(v[0].isNull)
        case .years, .months, .days:
            guard case .int(let n) = v[0] else { return .null }
            switch f {
            case .years:
                let (months, overflow) = n.multipliedReportingOverflow(by: 12)
                if overflow { throw EvaluationFailure(message: "\(n) years is too long a time to count") }
                return .duration(CalendarSpan(months: months))
            case .months: return .duration(CalendarSpan(months: n))
            default: return .duration(CalendarSpan(days: n))
            }
        case .addYears, .addMonths, .addDays:
            guard case .date(let d) = v[0], case .int(let n) = v[1] else { return .null }
            let shifted: Day?
            switch f {
            case .addYears: shifted = d.adding(years: n)
            case .addMonths: shifted = d.adding(months: n)
            default: shifted = d.adding(days: n)
            }
            guard let shifted else { throw EvaluationFailure.outsideCalendar }
            return .date(shifted)
        case .yearsBetween, .monthsBetween, .daysBetween:
            guard case .date(let a) = v[0], case .date(let b) = v[1] else { return .null }
            switch f {
            case .yearsBetween: return .int(a.wholeYears(to: b))
            case .monthsBetween: return .int(a.wholeMonths(to: b))
            default: return .int(b.ordinal - a.ordinal)
            }
        case .span:
            guard case .date(let a) = v[0], case .date(let b) = v[1] else { return .null }
            return .string(ValueFormatter.span(from: a, to: b))
        case .interval:
            guard case .date(let start) = v[0] else { return .null }
            if case .date(let end) = v[1] { return .interval(start: start, end: end) }
            return .interval(start: start, end: nil)
        case .unionDays:
            guard case .list(let items) = v[0], case .date(let cutoff) = v[1] else { return .null }
            var spans: [(Int, Int)] = []
            for item in items {
                guard case .interval(let s, let e) = item else { return .null }
                let end = min(e?.ordinal ?? cutoff.ordinal, cutoff.ordinal)
                if end > s.ordinal { spans.append((s.ordinal, end)) }
            }
            spans.sort { $0.0 < $1.0 }
            var total = 0, reach = Int.min
            for (s, e) in spans {
                let from = max(s, reach)
                if e > from { total += e - from }
                reach = max(reach, e)
            }
            return .int(total)
        case .overlaps:
            guard case .interval(let s1, let e1) = v[0], case .interval(let s2, let e2) = v[1] else { return .null }
            let aBeforeBEnds = e2.map { s1 < $0 } ?? true
            let bBeforeAEnds = e1.map { s2 < $0 } ?? true
            return .bool(aBeforeBEnds && bBeforeAEnds)
        case .activeOn:
            guard case .interval(let s, let e) = v[0], case .date(let d) = v[1] else { return .null }
            return .bool(s <= d && (e.map { d < $0 } ?? true))
        case .between: return between(v[0], v[1], v[2])
        case .min, .max:
            let items: [Value]
            if v.count == 2 {
                items = Array(v)
            } else {
                guard case .list(let l) = v[0] else { return .null }
                items = l
            }
            guard !items.isEmpty, !items.contains(.null) else { return .null }
            var best = items[0]
            for x in items.dropFirst() where Evaluator.compare(f == .min ? .less : .greater, x, best) == .bool(true) { best = x }
            return best
        case .count:
            guard case .list(let l) = v[0] else { return .null }
            return .int(l.count)
        case .sum:
            guard case .list(let l) = v[0] else { return .null }
            var total: Value = .int(0)
            for x in l { total = try Evaluator.arithmetic(.add, total, x) }
            return total
        case .first, .last:
            guard case .list(let l) = v[0] else { return .null }
            return (f == .first ? l.first : l.last) ?? .null
        case .take:
            guard case .list(let l) = v[0], case .int(let n) = v[1] else { return .null }
            return .list(Array(l.prefix(max(0, n))))
        case .strictlyIncreasing:
            guard case .list(let l) = v[0] else { return .null }
            if l.contains(.null) { return .null }
            for i in l.indices.dropFirst() where Evaluator.compare(.less, l[i - 1], l[i]) != .bool(true) { return .bool(false) }
            return .bool(true)
        case .year, .month, .day:
            guard case .date(let d) = v[0] else { return .null }
            let c = d.components
            return .int(f == .year ? c.year : f == .month ? c.month : c.day)
        case .lower:
            guard case .string(let s) = v[0] else { return .null }
            return .string(s.lowercased())
        case .text:
            return v[0].isNull ? .null : .string(ValueFormatter.text(v[0]))
        case .concat:
            return .string(v.map { ValueFormatter.text($0) }.joined())
        }
    }

    /// `between(x, lo, hi)`: lo <= x <= hi, false when either side is false, else unknown if either is.
    static func between(_ x: Value, _ lo: Value, _ hi: Value) -> Value {
        let above = Evaluator.compare(.greaterOrEqual, x, lo), below = Evaluator.compare(.lessOrEqual, x, hi)
        if case .bool(false) = above { return .bool(false) }
        if case .bool(false) = below { return .bool(false) }
        if above.isNull || below.isNull { return .null }
        return .bool(true)
    }
}
