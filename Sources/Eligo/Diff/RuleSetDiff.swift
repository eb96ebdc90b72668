/// What changed between two versions of a rule set, in the terms a policy officer uses:
/// parameters whose values changed, derived values rewritten, and rules added, removed or
/// changed (condition, applicability, severity, citation, title, wording), each with its
/// place in both files. `eligo rules diff` renders it as a change note.
///
/// It compares the rule files as written (the YAML, for places and wording) and the
/// parameters as typed (so `[a, b]` and `[a,  b]` are the same value).
public struct RuleSetDiff: Sendable {
    /// One side's identity: "lle-eligibility 2014.1", its title, period and file.
    public struct Side: Sendable {
        public var id: String
        public var version: String
        public var title: String
        public var period: String
        public var file: String
    }

    public enum Change: String, Sendable { case added, removed, changed }

    /// One thing that differs about a parameter, derived value or rule: "value", "condition", "citation text".
    public struct Detail: Sendable, Equatable {
        public var aspect: String
        public var before: String?
        public var after: String?
    }

    public struct Entry: Sendable {
        public enum Kind: String, Sendable { case parameter, derived, rule }
        public var kind: Kind
        public var change: Change
        /// The parameter or derived value's name, or the rule's id.
        public var name: String
        /// A rule's title (the new one when it changed).
        public var title: String?
        public var details: [Detail]
        public var oldPlace: SourceRange?
        public var newPlace: SourceRange?
    }

    public var old: Side
    public var new: Side
    /// Differences in the rule set's own header (title, period, record kind).
    public var header: [Detail]
    public var entries: [Entry]

    public var isEmpty: Bool { header.isEmpty && entries.isEmpty }

    /// Compares two loaded rule sets, reading their rule files from the libraries they came from.
    public init(old: RuleSet, in oldLibrary: RuleLibrary, new: RuleSet, in newLibrary: RuleLibrary) {
        let o = Outline(old, oldLibrary), n = Outline(new, newLibrary)
        self.old = o.side
        self.new = n.side
        header = []
        if old.title != new.title { header.append(Detail(aspect: "title", before: old.title, after: new.title)) }
        if old.periodDescription != new.periodDescription {
            header.append(Detail(aspect: "period", before: old.periodDescription, after: new.periodDescription))
        }
        if old.kind != new.kind { header.append(Detail(aspect: "record kind", before: old.kind, after: new.kind)) }
        entries = RuleSetDiff.parameters(old, new, o, n) + RuleSetDiff.derived(o, n) + RuleSetDiff.rules(o, n)
    }

    // MARK: - Parameters

    private static func parameters(_ old: RuleSet, _ new: RuleSet, _ o: Outline, _ n: Outline) -> [Entry] {
        var out: [Entry] = []
        for p in new.parameters {
            guard let q = old.parameters.first(where: { $0.name == p.name }) else {
                out.append(
                    Entry(
                        kind: .parameter, change: .added, name: p.name,
                        details: [Detail(aspect: "value", before: nil, after: ParameterText.source(p.value))],
                        newPlace: p.range))
                continue
            }
            var details: [Detail] = []
            if q.type != p.type { details.append(Detail(aspect: "type", before: q.type.description, after: p.type.description)) }
            details += valueDetails(q.value, p.value, at: p.name)
            if !details.isEmpty {
                out.append(Entry(kind: .parameter, change: .changed, name: p.name, details: details, oldPlace: q.range, newPlace: p.range))
            }
        }
        for q in old.parameters where !new.parameters.contains(where: { $0.name == q.name }) {
            out.append(
                Entry(
                    kind: .parameter, change: .removed, name: q.name,
                    details: [Detail(aspect: "value", before: ParameterText.source(q.value), after: nil)],
                    oldPlace: q.range))
        }
        return out
    }

    /// A value's change: cell by cell for a table, items added and removed for a list.
    static func valueDetails(_ a: Value, _ b: Value, at path: String) -> [Detail] {
        guard a != b else { return [] }
        switch (a, b) {
        case (.map(let x), .map(let y)):
            let keys = Set(x.keys).union(y.keys).sorted { ($0.description.count, $0.description) < ($1.description.count, $1.description) }
            return keys.flatMap { k -> [Detail] in
                let at = "\(path).\(k)"
                switch (x[k], y[k]) {
                case (let v?, let w?): return valueDetails(v, w, at: at)
                case (let v?, nil): return [Detail(aspect: at, before: ParameterText.source(v), after: nil)]
                case (nil, let w?): return [Detail(aspect: at, before: nil, after: ParameterText.source(w))]
                case (nil, nil): return []
                }
            }
        case (.list(let x), .list(let y)):
            var details = [Detail(aspect: path, before: ParameterText.source(a), after: ParameterText.source(b))]
            let added = y.filter { !x.contains($0) }, removed = x.filter { !y.contains($0) }
            if !added.isEmpty { details.append(Detail(aspect: "added", before: nil, after: added.map(ParameterText.source).joined(separator: ", "))) }
            if !removed.isEmpty {
                details.append(Detail(aspect: "removed", before: removed.map(ParameterText.source).joined(separator: ", "), after: nil))
            }
            return details
        default:
            return [Detail(aspect: path, before: ParameterText.source(a), after: ParameterText.source(b))]
        }
    }

    // MARK: - Derived values

    private static func derived(_ o: Outline, _ n: Outline) -> [Entry] {
        var out: [Entry] = []
        for (name, node) in n.derived {
            guard let old = o.derived.first(where: { $0.0 == name })?.1 else {
                out.append(
                    Entry(
                        kind: .derived, change: .added, name: name, details: [Detail(aspect: "expression", before: nil, after: text(node))],
                        newPlace: node.range))
                continue
            }
            if text(old) != text(node) {
                out.append(
                    Entry(
                        kind: .derived, change: .changed, name: name,
                        details: [Detail(aspect: "expression", before: text(old), after: text(node))],
                        oldPlace: old.range, newPlace: node.range))
            }
        }
        for (name, node) in o.derived where !n.derived.contains(where: { $0.0 == name }) {
            out.append(
                Entry(
                    kind: .derived, change: .removed, name: name, details: [Detail(aspect: "expression", before: text(node), after: nil)],
                    oldPlace: node.range))
        }
        return out
    }

    // MARK: - Rules

    /// The aspects of a rule compared, in the order a change note lists them.
    private static let aspects: [(label: String, path: [String])] = [
        ("condition", ["require"]), ("applies when", ["when"]), ("severity", ["severity"]),
        ("citation source", ["citation", "source"]), ("citation text", ["citation", "text"]),
        ("citation interpretation", ["citation", "interpretation"]), ("title", ["title"]), ("statement", ["statement"])
    ]

    private static func rules(_ o: Outline, _ n: Outline) -> [Entry] {
        var out: [Entry] = []
        for r in n.rules {
            let title = r.node["title"]?.scalar
            guard let old = o.rules.first(where: { $0.id == r.id }) else {
                out.append(
                    Entry(
                        kind: .rule, change: .added, name: r.id, title: title,
                        details: [Detail(aspect: "condition", before: nil, after: r.node["require"].map(text))], newPlace: r.node.range))
                continue
            }
            var details: [Detail] = []
            if old.part != r.part { details.append(Detail(aspect: "part", before: old.part, after: r.part)) }
            for (label, path) in aspects {
                var a: YAMLNode? = old.node, b: YAMLNode? = r.node
                for key in path {
                    // A citation written as one line is its source.
                    a = key == "source" && a?.scalar != nil ? a : a?[key]
                    b = key == "source" && b?.scalar != nil ? b : b?[key]
                }
                let (x, y) = (a.map(text), b.map(text))
                if x != y { details.append(Detail(aspect: label, before: x, after: y)) }
            }
            let outcomes = Outcome.allCases.map({ $0.rawValue }).filter { old.node["messages"]?[$0].map(text) != r.node["messages"]?[$0].map(text) }
            if !outcomes.isEmpty { details.append(Detail(aspect: "messages", before: nil, after: outcomes.joined(separator: ", "))) }
            if !details.isEmpty {
                out.append(
                    Entry(
                        kind: .rule, change: .changed, name: r.id, title: title, details: details,
                        oldPlace: old.node.range, newPlace: r.node.range))
            }
        }
        for r in o.rules where !n.rules.contains(where: { $0.id == r.id }) {
            out.append(
                Entry(
                    kind: .rule, change: .removed, name: r.id, title: r.node["title"]?.scalar,
                    details: [Detail(aspect: "condition", before: r.node["require"].map(text), after: nil)], oldPlace: r.node.range))
        }
        return out
    }

    /// A node's text with its whitespace runs made one space, so re-wrapping a line is no change.
    static func text(_ node: YAMLNode) -> String {
        let raw: String
        switch node.content {
        case .scalar(let s, _): raw = s
        case .sequence(let items): raw = "[" + items.map(text).joined(separator: ", ") + "]"
        case .mapping(let pairs): raw = "{" + pairs.map { "\($0.key.scalar ?? ""): \(text($0.value))" }.joined(separator: ", ") + "}"
        }
        return raw.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// A rule set's file as written: its derived values and rules with their YAML nodes.
    private struct Outline {
        var side: Side
        var derived: [(String, YAMLNode)] = []
        var rules: [(id: String, part: String, node: YAMLNode)] = []

        init(_ set: RuleSet, _ library: RuleLibrary) {
            let path = set.files.first { $0 != library.schemas[set.kind]?.file } ?? set.files.last ?? ""
            side = Side(id: set.id, version: set.version, title: set.title, period: set.periodDescription, file: path)
            let documents = library.sources[path].map { YAMLLoader.load(text: $0.text, path: path).documents } ?? []
            guard
                let node = documents.compactMap({ try? $0.get() }).first(where: {
                    $0["ruleset"]?.scalar == set.id && ($0["version"]?.scalar ?? "0") == set.version
                })
            else { return }
            for pair in node["derived"]?.pairs ?? [] { if let name = pair.key.scalar { derived.append((name, pair.value)) } }
            for part in node["parts"]?.items ?? [] {
                let partID = part["id"]?.scalar ?? "?"
                for rule in part["rules"]?.items ?? [] {
                    if let id = rule["id"]?.scalar { rules.append((id, partID, rule)) }
                }
            }
        }
    }
}

extension RuleSetDiff {
    /// The rule sets of two libraries to compare: the same id and version first, then the one
    /// version of an id on each side; the rest are only on one side.
    public static func pairs(old: [RuleSet], new: [RuleSet]) -> [(old: RuleSet?, new: RuleSet?)] {
        var out: [(old: RuleSet?, new: RuleSet?)] = []
        var olds = old, news = new
        for n in news {
            if let k = olds.firstIndex(where: { $0.id == n.id && $0.version == n.version }) {
                out.append((olds.remove(at: k), n))
                news.removeAll { $0.id == n.id && $0.version == n.version }
            }
        }
        for n in news {
            let same = olds.indices.filter { olds[$0].id == n.id }
            if same.count == 1 && news.filter({ $0.id == n.id }).count == 1 {
                out.append((olds.remove(at: same[0]), n))
            } else {
                out.append((nil, n))
            }
        }
        for o in olds { out.append((o, nil)) }
        return out
    }
}
