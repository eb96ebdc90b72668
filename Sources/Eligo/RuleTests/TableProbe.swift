/// Finds the parameter-table values a test's record looks up that the table
/// does not have: "a table without a value for a year the rules use". The
/// lint sees holes between rows and years; only records show which years are
/// really needed (a school's latest results may be for a year the table does
/// not reach yet).
///
/// It walks every rule of the rule set that checked the record, with each
/// per-item part bound to each item and each list function to each element,
/// and evaluates the keys of every table lookup.
public struct TableMiss: Sendable {
    /// The parameter, e.g. `floor`.
    public var table: String
    /// The keys looked up, outermost first: ["primary", "2015"].
    public var keys: [String]
    public var ruleSetID: String
    public var version: String
    public var ruleID: String
    /// The test whose record looked it up.
    public var testName: String
    public var testRange: SourceRange
}

enum TableProbe {
    static func misses(node: YAMLNode, report: Report, library: RuleLibrary, test: RuleTestCase) -> [TableMiss] {
        guard let info = report.ruleSet, let asOf = report.asOf,
            let set = library.ruleSets.first(where: { $0.id == info.id && $0.version == info.version })
        else { return [] }
        var typer = RecordTyper()
        let record = typer.object(node, as: set.schema.root, path: "", isRoot: true)
        var probe = Probe(set: set, evaluator: Evaluator(ruleSet: set, root: record, asOf: asOf, tracing: false))
        for part in set.parts {
            if let fe = part.forEach {
                guard case .list(let items)? = try? probe.evaluator.eval(fe.list) else { continue }
                for item in items {
                    probe.evaluator.bindItem(fe, item, path: nil)
                    for rule in part.rules { probe.walk(rule) }
                }
            } else {
                for rule in part.rules { probe.walk(rule) }
            }
        }
        return probe.found.map {
            TableMiss(
                table: $0.table, keys: $0.keys, ruleSetID: set.id, version: set.version, ruleID: $0.rule,
                testName: test.name, testRange: test.range)
        }
    }

    private struct Probe {
        let set: RuleSet
        var evaluator: Evaluator
        var found: [(table: String, keys: [String], rule: String)] = []
        var derivedDone: Set<Int> = []

        /// A rule's `when`, and its `require` unless the `when` says it does not apply.
        mutating func walk(_ rule: Rule) {
            if let when = rule.when {
                walk(when, rule: rule.id)
                if case .bool(true)? = try? evaluator.eval(when) {} else { return }
            }
            walk(rule.require, rule: rule.id)
        }

        mutating func walk(_ code: Code, rule: String) {
            switch code {
            case .lookup:
                if let (table, keys, missing) = describe(code), missing,
                    !found.contains(where: { $0.table == table && $0.keys == keys })
                {
                    found.append((table, keys, rule))
                }
                code.children.forEach { walk($0, rule: rule) }
            case .fold(_, let list, let slot, let body):
                walk(list, rule: rule)
                guard case .list(let items)? = try? evaluator.eval(list) else { return }
                for item in items {
                    evaluator.bind(slot, item, path: nil)
                    walk(body, rule: rule)
                }
            case .derived(let i):
                guard derivedDone.insert(i).inserted, i < set.derived.count else { return }
                walk(set.derived[i].code, rule: rule)
            case .partPasses:
                break  // that part's own rules are walked with its items
            default:
                code.children.forEach { walk($0, rule: rule) }
            }
        }

        /// `floor[school.phase][latest.year]` → ("floor", ["primary", "2015"], missing?).
        mutating func describe(_ code: Code) -> (String, [String], Bool)? {
            guard case .lookup(let base, let key) = code, let k = try? evaluator.eval(key), let mk = MapKey(k) else { return nil }
            guard let table = try? evaluator.eval(base), case .map(let m) = table else { return nil }
            var name = "table"
            var keys: [String] = []
            if case .lookup = base, let (n, ks, _) = describe(base) {
                name = n
                keys = ks
            } else if case .constant(let v) = base, let p = set.parameters.first(where: { $0.value == v }) {
                name = p.name
            }
            return (name, keys + [mk.description], m[mk] == nil)
        }
    }
}
