import Foundation
import Testing
@testable import Eligo

/// Properties checked over generated inputs, through the engine's own parser, checker and
/// evaluator: the laws of three-valued logic, the calendar's invariants, and that the three
/// readers agree on generated records.
@Suite("Properties over generated inputs") struct PropertyTests {
    static let seeds: [UInt64] = [1, 20_141_103, 0xE11_60]

    // MARK: - Three-valued logic

    /// A random boolean expression over `a`, `b`, `c` (each true, false or absent, so unknown).
    static func expression(_ g: inout SplitMix64, depth: Int) -> String {
        if depth == 0 || Int.random(in: 0..<4, using: &g) == 0 {
            return ["a", "b", "c", "true", "false", "present(a)", "absent(b)"].randomElement(using: &g)!
        }
        switch Int.random(in: 0..<3, using: &g) {
        case 0: return "not (" + expression(&g, depth: depth - 1) + ")"
        case 1: return "(" + expression(&g, depth: depth - 1) + " and " + expression(&g, depth: depth - 1) + ")"
        default: return "(" + expression(&g, depth: depth - 1) + " or " + expression(&g, depth: depth - 1) + ")"
        }
    }

    /// Each law as two expressions that must agree, over operands x, y.
    static let laws: [(name: String, left: @Sendable (String, String) -> String, right: @Sendable (String, String) -> String)] = [
        ("De Morgan (and)", { x, y in "not (\(x) and \(y))" }, { x, y in "(not \(x)) or (not \(y))" }),
        ("De Morgan (or)", { x, y in "not (\(x) or \(y))" }, { x, y in "(not \(x)) and (not \(y))" }),
        ("absorption (and)", { x, y in "\(x) and (\(x) or \(y))" }, { x, _ in x }),
        ("absorption (or)", { x, y in "\(x) or (\(x) and \(y))" }, { x, _ in x }),
        ("false and x", { x, _ in "false and \(x)" }, { _, _ in "false" }),
        ("x and false", { x, _ in "\(x) and false" }, { _, _ in "false" }),
        ("true or x", { x, _ in "true or \(x)" }, { _, _ in "true" }),
        ("x or true", { x, _ in "\(x) or true" }, { _, _ in "true" }),
        ("not not x", { x, _ in "not (not \(x))" }, { x, _ in x }),
        ("and commutes", { x, y in "\(x) and \(y)" }, { x, y in "\(y) and \(x)" }),
        ("or commutes", { x, y in "\(x) or \(y)" }, { x, y in "\(y) or \(x)" }),
        ("true and x", { x, _ in "true and \(x)" }, { x, _ in x }),
        ("false or x", { x, _ in "false or \(x)" }, { x, _ in x })
    ]

    /// Every assignment of true, false and unknown (absent) to `a`, `b`, `c`.
    static let assignments: [String] = {
        let values = ["true", "false", "null"]
        return values.flatMap { a in values.flatMap { b in values.map { c in "kind: t\na: \(a)\nb: \(b)\nc: \(c)\n" } } }
    }()

    /// A library whose derived values are the given expressions, `v0`, `v1`, ... in order.
    static func compiled(_ expressions: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> (RuleLibrary, RuleSet, [Int]) {
        let body =
            "derived:\n" + expressions.enumerated().map { "  v\($0.offset): |\n    \($0.element)\n" }.joined()
            + "parts:\n  - id: P\n    rules:\n      - id: R\n        title: R\n        citation: test\n        require: true\n"
        let lib = Inline.library(rules: Inline.ruleFile(body))
        try #require(lib.errors.isEmpty, "\(lib.errors.prefix(3).map { "\($0.id): \($0.message)" })", sourceLocation: sourceLocation)
        let set = try #require(lib.ruleSets.first, sourceLocation: sourceLocation)
        let index = try expressions.indices.map { i in try #require(set.derived.firstIndex { $0.name == "v\(i)" }, sourceLocation: sourceLocation) }
        return (lib, set, index)
    }

    /// Every derived value of `set` on one record; nil where evaluation failed (a date outside the calendar).
    static func values(_ lib: RuleLibrary, _ set: RuleSet, _ index: [Int], record: String, asOf: Day = day("2014-11-03")) throws -> [Value?] {
        let (root, issues) = Inline.typed(record, in: lib)
        try #require(issues.filter { $0.severity == .error }.isEmpty, "\(record): \(issues)")
        var ev = Evaluator(ruleSet: set, root: root, asOf: asOf, tracing: false)
        return index.map { try? ev.eval(.derived($0)) }
    }

    @Test(arguments: seeds) func threeValuedLogicLawsHoldOnGeneratedExpressions(seed: UInt64) throws {
        var g = SplitMix64(seed: seed)
        var pairs: [(law: String, x: String, y: String)] = []
        var expressions: [String] = []
        for law in Self.laws {
            // The bare operands first, then generated ones.
            var operands = [("a", "b"), ("b", "c"), ("c", "c")]
            for _ in 0..<6 { operands.append((Self.expression(&g, depth: 3), Self.expression(&g, depth: 3))) }
            for (x, y) in operands {
                pairs.append((law.name, x, y))
                expressions += [law.left(x, y), law.right(x, y)]
            }
        }
        let (lib, set, index) = try Self.compiled(expressions)
        var unknowns = 0
        for record in Self.assignments {
            let v = try Self.values(lib, set, index, record: record)
            for (k, pair) in pairs.enumerated() {
                #expect(
                    v[2 * k] == v[2 * k + 1],
                    "seed \(seed): \(pair.law) fails for x = \(pair.x), y = \(pair.y) on \(record.split(separator: "\n").dropFirst().joined(separator: ", ")): \(v[2 * k]) vs \(v[2 * k + 1])"
                )
                if v[2 * k] == .null { unknowns += 1 }
            }
        }
        // Unknown was reached, so the laws were tested on it and not only on true and false.
        #expect(unknowns > 0, "seed \(seed)")
    }

    // MARK: - Calendar

    /// A random supported day: mostly recent years, sometimes the calendar's edges.
    static func randomDay(_ g: inout SplitMix64) -> Day {
        let year: Int
        switch Int.random(in: 0..<10, using: &g) {
        case 0: year = Int.random(in: 1...9999, using: &g)
        case 1: year = [1, 2, 1600, 1900, 2000, 2100, 9998, 9999].randomElement(using: &g)!
        default: year = Int.random(in: 1990...2030, using: &g)
        }
        let month = Int.random(in: 1...12, using: &g)
        // End-of-month days are picked often: they are where clamping happens.
        let last = Day.daysIn(month: month, year: year)
        let dayOfMonth = Bool.random(using: &g) ? Int.random(in: max(1, last - 3)...last, using: &g) : Int.random(in: 1...last, using: &g)
        return Day(year: year, month: month, day: dayOfMonth)!
    }

    @Test(arguments: seeds) func dayArithmeticInvariants(seed: UInt64) throws {
        var g = SplitMix64(seed: seed)
        for _ in 0..<20_000 {
            let d = Self.randomDay(&g), e = Self.randomDay(&g)
            let (y, m, dd) = d.components
            // ISO text round-trips, and orders as the days do.
            #expect(Day(iso: d.description) == d, "seed \(seed): \(d)")
            #expect((d < e) == (d.description < e.description), "seed \(seed): \(d) vs \(e)")
            #expect(Day(year: y, month: m, day: dd)?.ordinal == d.ordinal, "seed \(seed): \(d)")
            // A leap day exists exactly in leap years.
            #expect((Day(year: y, month: 2, day: 29) != nil) == Day.isLeap(y), "seed \(seed): \(y)")
            let n = Int.random(in: -1_300...1_300, using: &g)
            if let shifted = d.adding(days: n) {
                #expect(shifted.adding(days: -n) == d, "seed \(seed): \(d) + \(n) days and back")
                #expect(shifted.ordinal - d.ordinal == n, "seed \(seed)")
            }
            if let shifted = d.adding(months: n) {
                let (sy, sm, sd) = shifted.components
                // Clamped to the target month's last day, never past it.
                #expect(sd == min(dd, Day.daysIn(month: sm, year: sy)), "seed \(seed): \(d) + \(n) months = \(shifted)")
                #expect((sy * 12 + sm) - (y * 12 + m) == n, "seed \(seed): \(d) + \(n) months = \(shifted)")
                let back = shifted.adding(months: -n)!
                #expect(back <= d && (dd > 28 || back == d), "seed \(seed): \(d) + \(n) months and back = \(back)")
                if n >= 0 { #expect(d.wholeMonths(to: shifted) == n, "seed \(seed): \(d) to \(shifted)") }
            }
            #expect(d.adding(years: n / 12) == d.adding(months: (n / 12) * 12), "seed \(seed)")
            // Whole months and years only grow as the later day does.
            let (early, late) = d <= e ? (d, e) : (e, d)
            #expect(early.wholeMonths(to: late) >= 0 && early.wholeMonths(to: late) == -late.wholeMonths(to: early), "seed \(seed): \(early) \(late)")
            if let later = late.adding(days: Int.random(in: 0...400, using: &g)) {
                #expect(early.wholeMonths(to: later) >= early.wholeMonths(to: late), "seed \(seed): \(early) \(late) \(later)")
                #expect(early.wholeYears(to: later) >= early.wholeYears(to: late), "seed \(seed)")
            }
        }
    }

    /// The same invariants through rule text: the built-ins and operators as rules write them.
    @Test(arguments: seeds) func calendarBuiltinsAgreeWithTheirInvariants(seed: UInt64) throws {
        let expressions = [
            "add_months(add_months(d, n), 0 - n)",  // 0
            "add_days(add_days(d, n), 0 - n)",  // 1
            "days_between(d, add_days(d, n))",  // 2
            "months_between(d, add_months(d, m))",  // 3
            "years_between(d, e)",  // 4
            "years_between(d, add_days(e, m))",  // 5
            "d < e",  // 6
            "add_years(d, m) = add_months(d, m * 12)",  // 7
            "d + months(n) = add_months(d, n)",  // 8
            "day(add_months(d, n))",  // 9
            "add_months(d, n)",  // 10
            "months_between(d, e)"  // 11
        ]
        let (lib, set, index) = try Self.compiled(expressions)
        var g = SplitMix64(seed: seed)
        var decided = 0
        for _ in 0..<1_500 {
            var d = Self.randomDay(&g), e = Self.randomDay(&g)
            if Int.random(in: 0..<3, using: &g) > 0 {
                d = Day(year: Int.random(in: 1990...2030, using: &g), month: d.components.month, day: d.components.day) ?? d
            }
            if e < d { swap(&d, &e) }
            let n = Int.random(in: -600...600, using: &g), m = Int.random(in: 0...200, using: &g)
            let record = "kind: t\nd: \(d)\ne: \(e)\nn: \(n)\nm: \(m)\n"
            let v = try Self.values(lib, set, index, record: record)
            let why = "seed \(seed): \(record.split(separator: "\n").dropFirst().joined(separator: ", "))"
            guard case .date(let shifted) = v[10] else { continue }  // outside the calendar: an error outcome
            decided += 1
            #expect(v[1] == .date(d) || d.adding(days: n) == nil, "\(why): \(v[1])")
            if d.adding(days: n) != nil { #expect(v[2] == .int(n), "\(why): \(v[2])") }
            if case .date(let back) = v[0] { #expect(back <= d && (d.components.day > 28 || back == d), "\(why): \(back)") }
            if d.adding(months: m) != nil { #expect(v[3] == .int(m), "\(why): \(v[3])") }
            if case .int(let a) = v[4], case .int(let b) = v[5] { #expect(a <= b, "\(why): years_between not monotone: \(a) > \(b)") }
            #expect(v[6] == .bool(d < e), "\(why)")
            if d.adding(months: m * 12) != nil { #expect(v[7] == .bool(true), "\(why): \(v[7])") }
            #expect(v[8] == .bool(true), "\(why): \(v[8])")
            #expect(
                v[9] == .int(min(d.components.day, Day.daysIn(month: shifted.components.month, year: shifted.components.year))), "\(why): \(v[9])")
            #expect(v[10] == d.adding(months: n).map(Value.date), "\(why): \(v[10])")
            #expect(v[11] == .int(d.wholeMonths(to: e)), "\(why): \(v[11])")
        }
        #expect(decided > 1_000, "seed \(seed)")
    }

    // MARK: - Reader agreement on generated records

    typealias Tree = ReaderAgreementTests.Tree

    /// The dotted paths of every node of a tree below its root.
    static func paths(_ tree: Tree, _ prefix: [String] = []) -> [[String]] {
        switch tree {
        case .map(let pairs): return pairs.flatMap { [prefix + [$0.0]] + paths($0.1, prefix + [$0.0]) }
        case .list(let items): return items.indices.flatMap { [prefix + [String($0)]] + paths(items[$0], prefix + [String($0)]) }
        default: return []
        }
    }

    static func node(_ tree: Tree, at path: [String]) -> Tree? {
        guard let head = path.first else { return tree }
        switch tree {
        case .map(let pairs): return pairs.first { $0.0 == head }.flatMap { node($0.1, at: Array(path.dropFirst())) }
        case .list(let items): return Int(head).flatMap { items.indices.contains($0) ? node(items[$0], at: Array(path.dropFirst())) : nil }
        default: return nil
        }
    }

    /// A record made from a shipped example by 1 to 4 random edits: a field removed or left
    /// blank, a value of the wrong type or shape (text, a number, a flag, an impossible date, a
    /// list, fields), a list cut or grown to 0-5 entries, text that is not UTF-8 (a Latin-1
    /// byte), or a `kind` that is missing, blank or another. Whether the record can be a CSV
    /// row is what `Tree.columns` says.
    static func generatedRecord(_ g: inout SplitMix64, from base: Tree) -> (Tree, String, csv: Bool) {
        var tree = base
        var edits: [String] = []
        // A value where fields or a list belong, or a list where a value belongs, is written
        // differently in a CSV row (a cell, `;`-separated values): compared for YAML and JSON only.
        var csv = true
        for _ in 0..<Int.random(in: 1...4, using: &g) {
            if Int.random(in: 0..<10, using: &g) == 0 {
                // The record's kind: not written or blank (the kind screened), or another.
                let kinds: [Tree?] = [
                    nil, .null, .scalar("lle-dataset", quoted: true), .scalar("lle-aplication", quoted: true),
                    .scalar("5", quoted: false), .scalar("true", quoted: false), .list([.scalar("lle-application", quoted: true)])
                ]
                let kind = kinds.randomElement(using: &g)!
                tree = tree.setting(["kind"], to: kind)
                edits.append("kind = \(kind?.json ?? "not written")")
                if case .list? = kind { csv = false }
                continue
            }
            let all = paths(tree)
            guard let path = all.randomElement(using: &g) else { break }
            let name = path.joined(separator: ".")
            let isValue: Bool, isScalar: Bool
            switch node(tree, at: path) {
            case .scalar?: (isValue, isScalar) = (true, true)
            case .null?: (isValue, isScalar) = (true, false)
            default: (isValue, isScalar) = (false, false)
            }
            if isScalar, Int.random(in: 0..<12, using: &g) == 0 {
                // Text saved as Latin-1: its 'é' is one byte that cannot start a UTF-8 character.
                tree = tree.setting(path, to: .scalar("Caf" + ReaderAgreementTests.latin1E, quoted: true))
                edits.append("\(name) is not UTF-8")
                continue
            }
            switch Int.random(in: 0..<6, using: &g) {
            case 0:
                // A field of one list entry not written is a column missing for that entry's row.
                // The last entry of a list removed leaves it empty, which a CSV row writes as an
                // empty cell: not given, for a list that may be left out (as for a cut list, below).
                if Int(path.last ?? "") != nil, case .list(let items)? = node(tree, at: Array(path.dropLast())), items.count == 1 { csv = false }
                tree = tree.setting(path, to: nil); edits.append("remove \(name)")
            case 1:
                tree = tree.setting(path, to: .null); edits.append("blank \(name)")
                csv = csv && isValue
            case 2:
                let value: Tree = [
                    .scalar("x", quoted: true), .scalar("12", quoted: false), .scalar("true", quoted: false),
                    .scalar("2014-02-30", quoted: true), .scalar("-1", quoted: false), .scalar("2.5", quoted: false)
                ].randomElement(using: &g)!
                tree = tree.setting(path, to: value); edits.append("\(name) = \(value.json)")
                csv = csv && isValue
            case 3:
                let value: Tree = Bool.random(using: &g) ? .list([.scalar("a", quoted: true)]) : .map([("a", .scalar("1", quoted: false))])
                tree = tree.setting(path, to: value); edits.append("\(name) = \(value.json)")
                csv = false
            default:
                // A list cut or grown (by copies of its first entry) to 0-5 entries.
                guard case .list(let items)? = node(tree, at: path) ?? nil else { continue }
                let k = Int.random(in: 0...5, using: &g)
                let grown =
                    k <= items.count
                    ? Array(items.prefix(k)) : items + Array(repeating: items.first ?? .scalar("a", quoted: true), count: k - items.count)
                tree = tree.setting(path, to: .list(grown)); edits.append("\(name) has \(k) entries")
                csv = csv && k > 0
            }
        }
        return (tree, edits.joined(separator: "; "), csv)
    }

    /// The parts of two reports that differ (rules by id), for a failure message that can be read.
    static func difference(_ a: NSDictionary, _ b: NSDictionary) -> String {
        var out: [String] = []
        for key in Set((a.allKeys + b.allKeys).compactMap { $0 as? String }).sorted()
        where !((a[key] as? NSObject)?.isEqual(b[key]) ?? (b[key] == nil)) {
            if key == "rules", let ra = a[key] as? [NSDictionary], let rb = b[key] as? [NSDictionary], ra.count == rb.count {
                for (x, y) in zip(ra, rb) where x != y { out.append("rule \(x["id"] ?? "?"):\n  \(x)\n  \(y)") }
            } else {
                out.append("\(key):\n  \(a[key] ?? "none")\n  \(b[key] ?? "none")")
            }
        }
        return out.joined(separator: "\n")
    }

    @Test(arguments: seeds) func readersAgreeOnGeneratedRecords(seed: UInt64) throws {
        let bases = try ReaderAgreementTests.records().filter { $0.name.hasSuffix(".yaml") }.map(\.tree)
        var g = SplitMix64(seed: seed)
        let records = (0..<40).map { _ in Self.generatedRecord(&g, from: bases.randomElement(using: &g)!) }
        // The generator reaches the cases it is for.
        #expect(records.contains { $0.1.contains("not UTF-8") } && records.contains { $0.1.contains("kind =") }, "seed \(seed)")
        let yaml = try ReaderAgreementTests.screen(records.map { "---" + $0.0.yaml() }.joined(), as: "yaml")
        let json = try ReaderAgreementTests.screen(records.map { $0.0.json + "\n" }.joined(), as: "jsonl")
        try #require(yaml.count == records.count && json.count == records.count, "seed \(seed)")
        for i in records.indices {
            let y = try ReaderAgreementTests.comparable(yaml[i]), j = try ReaderAgreementTests.comparable(json[i])
            #expect(y == j, "seed \(seed), record \(i) (\(records[i].1)): YAML and JSON Lines disagree:\n\(Self.difference(y, j))")
        }
        // CSV: one file per set of columns.
        var groups: [[String]: [(Int, [(String, String)])]] = [:]
        for (i, r) in records.enumerated() where r.csv {
            guard let cells = r.0.columns(), Set(cells.map(\.0)).count == cells.count else { continue }
            groups[cells.map(\.0), default: []].append((i, cells))
        }
        var compared = 0
        for (header, rows) in groups.sorted(by: { $0.value[0].0 < $1.value[0].0 }) {
            let text =
                ([header] + rows.map { $0.1.map(\.1) }).map { $0.map(ReaderAgreementTests.csvCell).joined(separator: ",") }.joined(separator: "\n")
                + "\n"
            let csv = try ReaderAgreementTests.screen(text, as: "csv")
            try #require(csv.count == rows.count, "seed \(seed): \(rows.count) rows, \(csv.count) results")
            for ((i, _), line) in zip(rows, csv) {
                let y = ReaderAgreementTests.withoutUnknownFields(try ReaderAgreementTests.comparable(yaml[i]))
                let c = ReaderAgreementTests.withoutUnknownFields(try ReaderAgreementTests.comparable(line))
                #expect(y == c, "seed \(seed), record \(i) (\(records[i].1)): YAML and CSV disagree:\n\(Self.difference(y, c))")
                compared += 1
            }
        }
        #expect(compared > 0, "seed \(seed)")
        // Below the reports: the same `Value` (every field, not only those rules read) and issues.
        for (i, r) in records.enumerated() {
            let typed = try ReaderAgreementTests.typedByEachReader(r.0)
            #expect(
                typed.yaml == typed.json, "seed \(seed), record \(i) (\(r.1)): YAML and JSON Lines type it differently:\n\(typed.yaml)\n\(typed.json)"
            )
            if r.csv, let csv = typed.csv {
                #expect(
                    ReaderAgreementTests.declaredOnly(typed.yaml) == ReaderAgreementTests.declaredOnly(csv),
                    "seed \(seed), record \(i) (\(r.1)): YAML and CSV type it differently:\n\(typed.yaml)\n\(csv)")
            }
        }
    }
}
