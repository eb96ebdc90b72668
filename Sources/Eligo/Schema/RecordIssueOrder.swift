/// The one order a record's issues are listed in, whichever reader found them: by path, in the
/// order the schema declares the fields (a form's order), then by id and message.
///
/// Readers meet problems in different orders (YAML by line, a JSON line by key, a CSV row by
/// column, missing fields at the end of their mapping or row), so the same record would list
/// the same issues differently. `RuleLibrary.check(record:)` puts them in this order, once, for
/// every reader. Within a mapping: the mapping's own issue first, then its fields in schema
/// order, then fields the schema does not declare (by name); list entries by index.
extension ObjectType {
    func ordered(_ issues: [RecordIssue]) -> [RecordIssue] {
        guard issues.count > 1 else { return issues }
        let keyed = issues.map { (key: sortKey($0.path), issue: $0) }
        return keyed.sorted { a, b in
            if a.key != b.key { return a.key.lexicographicallyPrecedes(b.key) }
            if a.issue.id != b.issue.id { return a.issue.id < b.issue.id }
            return a.issue.message < b.issue.message
        }.map(\.issue)
    }

    /// One step of a path: a declared field by its slot, an undeclared one after them all (by
    /// name), or a list index.
    struct PathStep: Comparable {
        var rank: Int
        var name: Substring = ""
        static func < (a: PathStep, b: PathStep) -> Bool { a.rank != b.rank ? a.rank < b.rank : a.name < b.name }
    }

    /// `schools[0].ofsted.overall` as steps ranked by this type's declarations.
    func sortKey(_ path: String) -> [PathStep] {
        var steps: [PathStep] = []
        var current: ValueType? = .object(self)
        var rest = Substring(path)
        while !rest.isEmpty {
            if rest.first == "[" {
                let close = rest.firstIndex(of: "]") ?? rest.endIndex
                steps.append(PathStep(rank: Int(rest[rest.index(after: rest.startIndex)..<close]) ?? Int.max))
                if case .list(let element)? = current { current = element } else { current = nil }
                rest = close < rest.endIndex ? rest[rest.index(after: close)...] : ""
            } else {
                if rest.first == "." { rest = rest.dropFirst() }
                let end = rest.firstIndex(where: { $0 == "." || $0 == "[" }) ?? rest.endIndex
                let name = rest[..<end]
                if case .object(let o)? = current, let slot = o.slot(of: String(name)) {
                    steps.append(PathStep(rank: slot))
                    current = o.fields[slot].type
                } else {
                    steps.append(PathStep(rank: Int.max, name: name))
                    current = nil
                }
                rest = rest[end...]
            }
        }
        return steps
    }
}
