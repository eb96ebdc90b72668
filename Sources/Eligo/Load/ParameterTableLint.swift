/// Finds holes in a parameter table (`by: [phase, year]`) that would make a
/// rule come out unknown for some records:
///
/// - rows whose keys differ: `primary` has 2012-2014 but `secondary` lacks
///   2013 (`rules.table-missing-key`, at the row that lacks it, with a note at
///   a row that has it);
/// - a year missing from every row between years that are there: 2012 and
///   2014 but no 2013 (`rules.table-year-gap`, at the table).
///
/// A table looked up by a record's year is "used" for every year between its
/// first and its last, so a year skipped there is almost always a mistake.
enum ParameterTableLint {
    static func diagnostics(_ name: String, _ node: YAMLNode, by: [String]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        check(node, levels: by, path: name, into: &out)
        return out
    }

    /// Checks the rows under `node` (one level of `by`), then each row's own rows.
    /// - Parameter ownGap: false when the caller has already checked this level's years (across sibling rows).
    private static func check(_ node: YAMLNode, levels: [String], path: String, ownGap: Bool = true, into out: inout [Diagnostic]) {
        guard let rows = node.pairs, levels.count >= 1 else { return }
        if ownGap { yearGap(rows.compactMap { $0.key.scalar }, level: levels[0], path: path, at: node.range, into: &out) }
        guard levels.count >= 2 else { return }
        // Rows of the next level should all have the same keys.
        let rowKeys: [(key: String, range: SourceRange, keys: [(String, SourceRange)])] = rows.compactMap { pair in
            guard let k = pair.key.scalar, let sub = pair.value.pairs else { return nil }
            return (k, pair.key.range, sub.compactMap { p in p.key.scalar.map { ($0, p.key.range) } })
        }
        var union: [String] = []
        var firstHaving: [String: (row: String, range: SourceRange)] = [:]
        for row in rowKeys {
            for (k, r) in row.keys where firstHaving[k] == nil {
                union.append(k)
                firstHaving[k] = (row.key, r)
            }
        }
        yearGap(union, level: levels[1], path: path, at: node.range, into: &out)
        for row in rowKeys {
            let have = Set(row.keys.map({ $0.0 }))
            let missing = union.filter { !have.contains($0) }
            guard let example = missing.first.flatMap({ firstHaving[$0] }) else { continue }
            let words = ValueFormatter.list(missing)
            out.append(
                .warning(
                    "rules.table-missing-key",
                    "\(path)[\(row.key)] has no value for \(levels[1]) \(words), which \(path)[\(example.row)] has; records with that \(levels[1]) will come out unknown",
                    at: row.range,
                    notes: [.init("\(path)[\(example.row)] has a value here", at: example.range)]))
        }
        guard levels.count >= 3 else { return }
        for pair in rows {
            guard let k = pair.key.scalar else { continue }
            check(pair.value, levels: Array(levels.dropFirst()), path: "\(path)[\(k)]", ownGap: false, into: &out)
        }
    }

    /// A warning when keys that are all years skip a year between the first and the last.
    private static func yearGap(_ keys: [String], level: String, path: String, at range: SourceRange, into out: inout [Diagnostic]) {
        let years = keys.compactMap { Int($0) }.filter { (1900...2199).contains($0) }
        guard !years.isEmpty, years.count == keys.count, let first = years.min(), let last = years.max() else { return }
        let present = Set(years)
        let missing = (first...last).filter { !present.contains($0) }
        guard !missing.isEmpty else { return }
        out.append(
            .warning(
                "rules.table-year-gap",
                "\(path) has values for \(level) \(first) to \(last) but none for \(ValueFormatter.list(missing.map(String.init)))",
                at: range))
    }
}
