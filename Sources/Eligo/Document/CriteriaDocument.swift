/// The criteria of a rule set as a document an applicant can read: for each
/// rule its title, its plain-language statement with the parameters filled in
/// ("at least 3 years"), and where it comes from. `eligo rules doc` renders it
/// as Markdown or HTML; because it is built from the same rule files that
/// decide applications, the two cannot disagree.
public struct CriteriaDocument: Sendable {
    public struct Section: Sendable {
        public var id: String
        public var title: String
        /// How the part is applied, when that is not obvious: "Checked for each school ...".
        public var note: String?
        public var criteria: [Criterion]
    }

    public struct Criterion: Sendable {
        public var id: String
        public var title: String
        /// The rule's statement with every `{parameter}` filled in; nil when the rule has none.
        public var statement: String?
        public var advisory: Bool
        public var citation: Citation?
    }

    /// A parameter table (`by: [phase, year]`) shown as a table of figures.
    public struct Table: Sendable {
        public var name: String
        public var heading: String
        public var description: String?
        /// The name of the row key and of the column key (`phase`, `year`).
        public var rowKey: String
        public var columnKey: String?
        public var columns: [String]
        public var rows: [(key: String, cells: [String])]
    }

    public var title: String
    public var ruleSetTitle: String
    public var ruleSetID: String
    public var version: String
    /// "in force from 1 September 2014 to 30 November 2016".
    public var period: String
    public var introduction: String?
    public var sections: [Section]
    public var tables: [Table]
    public var digest: String

    /// The closing words for the reader: why the page can be trusted, in a sentence.
    public static let agreement =
        "These are the criteria applications are checked against: the decisions are made from the same rule files as this page, so the two always agree."

    /// A short reference to the exact rule files, for staff tracing a decision ("sha256:85c258de09da").
    public var shortDigest: String { String(digest.prefix(19)) }
    public var files: [String]

    public init(ruleSet set: RuleSet) {
        title = set.documentTitle ?? set.title
        ruleSetTitle = set.title
        ruleSetID = set.id
        version = set.version
        switch (set.effectiveFrom, set.effectiveTo) {
        case (let f?, let t?): period = "in force from \(f.longDescription) to \(t.longDescription)"
        case (let f?, nil): period = "in force from \(f.longDescription)"
        case (nil, let t?): period = "in force until \(t.longDescription)"
        case (nil, nil): period = ""
        }
        introduction = set.description
        digest = set.digest
        files = set.files
        let folding = ConstantFolding(ruleSet: set)
        sections = set.parts.map { part in
            Section(
                id: part.id, title: part.title, note: CriteriaDocument.note(part, in: set),
                criteria: part.rules.map { rule in
                    Criterion(
                        id: rule.id, title: rule.title,
                        statement: rule.statementTemplate.map { folding.fill($0) } ?? rule.statement,
                        advisory: rule.severity == .advisory, citation: rule.citation)
                })
        }
        tables = set.parameters.compactMap(CriteriaDocument.table)
    }

    /// "Checked for each entry of “Schools you are accountable for”; these criteria count through LLE-A5 (...)".
    static func note(_ part: Part, in set: RuleSet) -> String? {
        var sentences: [String] = []
        if let fe = part.forEach {
            var what = "item"
            if case .field(.root, let slot, let name) = fe.list {
                what = set.schema.root.fields[slot].label.map { "entry of “\($0)”" } ?? "entry of '\(name)'"
            }
            sentences.append("These criteria are checked for each \(what).")
        }
        if let through = part.countedThrough, let rule = set.allRules.first(where: { $0.rule.id == through })?.rule {
            sentences.append("They count towards the decision through \(rule.id) (\(rule.title)).")
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    /// A table parameter as rows and columns; nil for other parameters.
    static func table(_ p: ParameterDeclaration) -> Table? {
        guard case .map(let outer) = p.value else { return nil }
        func sortedKeys(_ keys: some Sequence<MapKey>) -> [MapKey] {
            keys.sorted { a, b in
                switch (a, b) {
                case (.int(let x), .int(let y)): return x < y
                default: return a.description < b.description
                }
            }
        }
        func cell(_ v: Value?) -> String { v.map { $0.isNull ? "—" : ValueFormatter.text($0) } ?? "—" }
        // "Floor standard (attainment %): KS2 ..." gives its own heading; otherwise the name does.
        var heading = p.name.replacingAll("_", with: " ").capitalizedFirst
        var description = p.description
        if let d = p.description, let colon = d.firstIndex(of: ":"), d.distance(from: d.startIndex, to: colon) <= 60 {
            heading = String(d[..<colon])
            description = String(d[d.index(after: colon)...].drop { $0 == " " })
        }
        let rowKey = p.by.first ?? "key"
        let rowKeys = sortedKeys(outer.keys)
        if p.by.count >= 2 {
            var columnKeys: Set<MapKey> = []
            for v in outer.values { if case .map(let inner) = v { columnKeys.formUnion(inner.keys) } }
            let columns = sortedKeys(columnKeys)
            let rows = rowKeys.map { k -> (String, [String]) in
                guard case .map(let inner)? = outer[k] else { return (k.description, columns.map { _ in "—" }) }
                return (k.description.replacingAll("_", with: " "), columns.map { cell(inner[$0]) })
            }
            return Table(
                name: p.name, heading: heading, description: description, rowKey: rowKey, columnKey: p.by[1],
                columns: columns.map({ $0.description }), rows: rows)
        }
        return Table(
            name: p.name, heading: heading, description: description, rowKey: rowKey, columnKey: nil,
            columns: ["value"], rows: rowKeys.map { ($0.description.replacingAll("_", with: " "), [cell(outer[$0])]) })
    }
}
