/// A rule-set parameter given a different value for one run (`--set NAME=VALUE`),
/// so policy staff can see what a change would do before they write it into the rules.
///
/// The value is written as in a rule file (`2`, `true`, `2015-01-05`,
/// `[teaching_school_head, mat_chief_executive]`) and typed by the parameter's
/// declared type when the rules load; a table cell is named by its keys
/// (`floor.primary.2015=60`). An overridden rule set gets its own digest and
/// carries the overrides into every report, so its decisions never pass for
/// the published ones.
public struct ParameterSetting: Sendable, Hashable {
    /// The parameter's name (`floor`).
    public var name: String
    /// For a table cell, its keys outermost first (`["primary", "2015"]`).
    public var keys: [String]
    /// The value as written after `=`.
    public var text: String

    public init(name: String, keys: [String] = [], text: String) {
        self.name = name
        self.keys = keys
        self.text = text
    }

    /// Reads `NAME=VALUE` or `TABLE.KEY.KEY=VALUE`; nil when there is no `=` or no name.
    public init?(argument: String) {
        guard let eq = argument.firstIndex(of: "=") else { return nil }
        let target = argument[..<eq].split(separator: ".", omittingEmptySubsequences: false).map { String($0).trimming(" ") }
        guard let name = target.first, !name.isEmpty, !target.dropFirst().contains(where: { $0.isEmpty }) else { return nil }
        self.init(name: name, keys: Array(target.dropFirst()), text: String(argument[argument.index(after: eq)...]).trimming(" "))
    }

    /// `floor.primary.2015`: what the override names.
    public var target: String { ([name] + keys).joined(separator: ".") }
}

/// An override as applied to one rule set: the typed value and the published one it replaces.
public struct AppliedOverride: Sendable, Equatable {
    /// `min_headship_years`, or `floor.primary.2015` for a table cell.
    public var target: String
    public var value: Value
    /// The value in the rule file; nil for a table cell the file does not have.
    public var published: Value?
    /// The type the value was read as (`int`, `list<string>`).
    public var type: ValueType

    /// `min_headship_years = 2 (published: 3)`.
    public var description: String {
        "\(target) = \(ParameterText.source(value)) (published: \(published.map(ParameterText.source) ?? "no value"))"
    }
}

extension Array where Element == AppliedOverride {
    /// "Not the published rules: parameters set for this run: min_headship_years = 2, count_acting_headship = true."
    public var banner: String {
        "Not the published rules: parameters set for this run: "
            + map { "\($0.target) = \(ParameterText.source($0.value))" }.joined(separator: ", ") + "."
    }
}

/// Why an override could not be used: a usage mistake, reported before anything is checked.
public struct OverrideProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var override: ParameterSetting
    public var message: String
    public var suggestion: String?

    /// `--set min_headship_yeras=2: no rule set has a parameter 'min_headship_yeras' (did you mean 'min_headship_years'?)`.
    public var description: String {
        "--set \(override.target)=\(override.text): \(message)" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
    }
}

/// Values written the way a rule file writes them: `3`, `59.4`, `true`, `2014-12-15`, `[a, b]`.
public enum ParameterText {
    public static func source(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .decimal(let d): return ValueFormatter.number(d)
        case .string(let s): return s
        case .date(let d): return d.description
        case .list(let items): return "[" + items.map(source).joined(separator: ", ") + "]"
        case .map(let m):
            let pairs = m.sorted { $0.key.description < $1.key.description }
            return "{" + pairs.map { "\($0.key): \(source($0.value))" }.joined(separator: ", ") + "}"
        default: return ValueFormatter.text(v)
        }
    }

    /// "a whole number (int)", "a list of dates (list<date>)": how a usage error names a type.
    static func describe(_ type: ValueType) -> String {
        func words(_ t: ValueType, plural: Bool) -> String {
            switch t {
            case .int: return plural ? "whole numbers" : "a whole number"
            case .decimal: return plural ? "numbers" : "a number"
            case .bool: return plural ? "true/false values" : "true or false"
            case .date: return plural ? "dates written YYYY-MM-DD" : "a date written YYYY-MM-DD"
            case .string: return plural ? "words" : "a word or text"
            case .list(let e): return "a list of \(words(e, plural: true)), such as [a, b]"
            default: return plural ? "values" : "a value"
            }
        }
        return "\(words(type, plural: false)) (\(type))"
    }
}

extension ParameterDeclaration {
    /// This parameter with an override's value in place (the whole value, or one table cell).
    func applying(_ o: ParameterSetting) -> Result<(ParameterDeclaration, AppliedOverride), OverrideProblem> {
        func problem(_ message: String, _ suggestion: String? = nil) -> Result<(ParameterDeclaration, AppliedOverride), OverrideProblem> {
            .failure(OverrideProblem(override: o, message: message, suggestion: suggestion))
        }
        if by.isEmpty && !o.keys.isEmpty {
            return problem("'\(name)' is \(ParameterText.describe(type)), not a table; set it as \(name)=VALUE")
        }
        if !by.isEmpty && o.keys.count != by.count {
            let pattern = ([name] + by.map { $0.uppercased() }).joined(separator: ".")
            return problem("'\(name)' is a table by \(ValueFormatter.list(by)); set one cell, as \(pattern)=VALUE")
        }
        var cellType = type
        for _ in by { if case .map(_, let v) = cellType { cellType = v } }
        let documents = YAMLLoader.load(text: o.text, path: "--set \(o.target)").documents
        guard documents.count == 1, case .success(let node) = documents[0], !node.isNull else {
            return problem("needs \(ParameterText.describe(cellType)) after '='")
        }
        var typer = RecordTyper()
        let typed = typer.value(node, as: cellType, path: o.target)
        if let issue = typer.issues.first(where: { $0.severity == .error }) {
            return problem("'\(o.target)' is \(ParameterText.describe(cellType)); \(issue.message)", issue.suggestion)
        }
        var declaration = self
        let published: Value?
        if o.keys.isEmpty {
            published = value
            declaration.value = typed
        } else {
            var old: Value?
            switch Self.setCell(in: value, keys: o.keys[...], to: typed, by: by[...], table: name, published: &old) {
            case .success(let v): declaration.value = v
            case .failure(let f): return problem(f.message, f.suggestion)
            }
            published = old
        }
        return .success((declaration, AppliedOverride(target: o.target, value: typed, published: published, type: cellType)))
    }

    /// The table with one cell replaced. Every key but the last must exist (a misspelt phase is a
    /// mistake); the last may be new, so a year the table lacks can be tried.
    private static func setCell(
        in table: Value, keys: ArraySlice<String>, to cell: Value, by: ArraySlice<String>, table name: String,
        published: inout Value?
    ) -> Result<Value, Failure> {
        guard let key = keys.first, case .map(var map) = table else { published = table; return .success(cell) }
        let intKeys = !map.isEmpty && map.keys.allSatisfy { if case .int = $0 { return true } else { return false } }
        let mapKey: MapKey
        if intKeys {
            guard let i = Int(key) else {
                return .failure(Failure(("the \(by.first ?? "key") of '\(name)' is a whole number, not '\(key)'", nil)))
            }
            mapKey = .int(i)
        } else {
            mapKey = .string(key)
        }
        guard let inner = map[mapKey] else {
            if keys.count == 1 { map[mapKey] = cell; published = nil; return .success(.map(map)) }
            let known = map.keys.map({ $0.description }).sorted()
            return .failure(
                Failure(
                    (
                        "'\(name)' has no \(by.first ?? "key") '\(key)'; it has \(ValueFormatter.list(known))",
                        Suggestion.closest(to: key, in: known)
                    )))
        }
        switch setCell(in: inner, keys: keys.dropFirst(), to: cell, by: by.dropFirst(), table: name, published: &published) {
        case .success(let v):
            map[mapKey] = v
            return .success(.map(map))
        case .failure(let f): return .failure(f)
        }
    }

    /// A message and a suggestion, as an error `Result` can carry.
    private struct Failure: Error {
        var message: String
        var suggestion: String?
        init(_ pair: (String, String?)) { (message, suggestion) = pair }
    }
}
