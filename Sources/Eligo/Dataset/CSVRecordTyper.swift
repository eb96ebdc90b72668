/// Types CSV rows as records of one schema object type (the records of a
/// dataset collection, or applications), so that a CSV file gives the same
/// records as YAML or JSON:
///
/// - a column is a field; dotted names reach into nested mappings
///   (`client_feedback.rating`) and numbers into lists (`schools.0.urn`);
/// - an empty cell is an absent value;
/// - a list of scalars is `;`-separated (`Improve maths; Raise attendance`) or JSON;
/// - a list of mappings, or a mapping, may be JSON text in one cell (JSON is YAML,
///   so it is read with the YAML loader and typed like any YAML value);
/// - cells are typed by the schema (`"2"` is the int 2 for an int field), and a bad
///   cell is an error naming its row (the line it is on) and column.
public struct CSVRecordTyper: Sendable {
    public let type: ObjectType
    public let header: [String]
    public let file: String
    /// Problems with the header itself (unknown or repeated columns), reported once.
    public private(set) var headerIssues: [RecordIssue] = []

    private enum Step: Sendable { case field(Int), index(Int) }

    private struct Column: Sendable {
        var steps: [Step]
        /// The record path below the record (`client_feedback.rating`, `schools[0].urn`).
        var path: String
        var type: ValueType
        var field: FieldDeclaration
    }

    /// Per header position: where the column's value goes, or nil for a column no field takes.
    private var columns: [Column?] = []
    private var columnByPath: [String: Int] = [:]

    /// Columns every record may carry that no schema declares.
    static let envelopeColumns: Set<String> = ["kind"]

    public init(header: [String], type: ObjectType, file: String, headerLine: Int = 1) {
        self.type = type
        self.header = header
        self.file = file
        for (i, name) in header.enumerated() {
            let trimmed = name.trimming(" ")
            if CSVRecordTyper.envelopeColumns.contains(trimmed) { columns.append(nil); continue }
            guard let column = CSVRecordTyper.resolve(trimmed, in: type) else {
                var issue = RecordIssue(.warning, "record.unknown-column", path: trimmed,
                                        "column '\(trimmed)' is not a field of \(type.name); its values are kept but no rule reads them",
                                        suggestion: Suggestion.closest(to: trimmed, in: type.fields.map({ $0.name })))
                issue.file = file
                issue.line = headerLine
                issue.column = i + 1
                issue.columnName = trimmed
                headerIssues.append(issue)
                columns.append(nil)
                continue
            }
            if let first = columnByPath[column.path] {
                var issue = RecordIssue(.warning, "record.repeated-column", path: column.path,
                                        "column '\(trimmed)' appears twice (also column \(first + 1)); the later one is used")
                issue.file = file
                issue.line = headerLine
                issue.column = i + 1
                issue.columnName = trimmed
                headerIssues.append(issue)
            }
            columnByPath[column.path] = i
            columns.append(column)
        }
    }

    /// Where a dotted column name leads in the type, or nil.
    private static func resolve(_ name: String, in root: ObjectType) -> Column? {
        var steps: [Step] = []
        var path = ""
        var current = ValueType.object(root)
        var field: FieldDeclaration?
        for segment in name.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .object(let o):
                guard let slot = o.slot(of: String(segment)) else { return nil }
                steps.append(.field(slot))
                field = o.fields[slot]
                current = o.fields[slot].type
                path += (path.isEmpty ? "" : ".") + segment
            case .list(let element):
                guard let n = Int(segment), (0..<CSVRecordReader.maxListItems).contains(n) else { return nil }
                steps.append(.index(n))
                current = element
                path += "[\(n)]"
            default:
                return nil
            }
        }
        guard let field else { return nil }
        return Column(steps: steps, path: path, type: current, field: field)
    }

    /// Types one row. `path` names the record in messages (`deployments[3]`).
    public func record(_ row: CSVReader.Row, path: String) -> (Value, [RecordIssue]) {
        var issues: [RecordIssue] = []
        var root = ObjectValue(slots: [Value](repeating: .null, count: type.fields.count))
        var structured: Set<String> = []
        var bad: Set<String> = []
        let prefix = path.isEmpty ? "" : path + "."
        for (i, cell) in row.fields.enumerated() {
            guard !cell.isEmpty else { continue }
            guard i < columns.count, let column = columns[i] else {
                if i < header.count, !CSVRecordTyper.envelopeColumns.contains(header[i]) {
                    root.extras.append(ExtraField(name: header[i], value: .string(cell)))
                } else if i >= header.count {
                    issues.append(issue(.error, "record.extra-cell", path: path, "the row has more cells than the header has columns",
                                        row: row, column: i))
                }
                continue
            }
            let fieldPath = prefix + column.path
            var cellIssues: [RecordIssue] = []
            let value = typed(cell, column: column, path: fieldPath, row: row, columnIndex: i, issues: &cellIssues)
            issues += cellIssues
            if value.isNull {
                if cellIssues.contains(where: { $0.severity == .error }) { bad.insert(column.path) }
                continue
            }
            if case .list = column.type { structured.insert(column.path) }
            if case .object = column.type { structured.insert(column.path) }
            CSVRecordTyper.assign(value, at: column.steps[...], into: &root, type: type)
        }
        var value = Value.object(root)
        complete(&value, type, below: "", prefix: prefix, structured: structured, bad: bad, row: row, issues: &issues)
        return (value, issues)
    }

    private func issue(_ severity: RecordIssue.Severity, _ id: String, path: String, _ message: String,
                       row: CSVReader.Row, column: Int?, suggestion: String? = nil) -> RecordIssue {
        issue(RecordIssue(severity, id, path: path, message, suggestion: suggestion), row: row, column: column)
    }

    /// A shared issue (`RecordIssueWords`) placed at its row and column.
    private func issue(_ issue: RecordIssue, row: CSVReader.Row, column: Int?) -> RecordIssue {
        var issue = issue
        issue.file = file
        issue.line = row.line
        if let column {
            issue.column = column + 1
            issue.columnName = column < header.count ? header[column] : nil
        }
        return issue
    }

    /// One cell's value, typed by the column's type.
    private func typed(_ cell: String, column: Column, path: String, row: CSVReader.Row, columnIndex: Int,
                       issues: inout [RecordIssue]) -> Value {
        switch column.type {
        case .list(let element) where element.isScalar && !cell.trimming(" ").hasPrefix("["):
            var items: [Value] = []
            for (k, part) in cell.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
                let text = String(part).trimming(" ")
                if text.isEmpty { continue }
                switch ScalarTyping.value(text, as: element) {
                case .success(let v): items.append(v)
                case .failure(let e):
                    issues.append(issue(.error, "record.bad-value", path: "\(path)[\(k)]", e.message, row: row, column: columnIndex,
                                        suggestion: e.suggestion))
                    return .null
                }
            }
            return .list(items)
        case .list, .object:
            let docs = YAMLLoader.load(text: cell, path: file).documents
            guard case .success(let node)? = docs.first else {
                let why: String
                if case .failure(let e)? = docs.first { why = e.message } else { why = "the cell is empty" }
                issues.append(issue(.error, "record.bad-value", path: path, "the cell is not valid JSON: \(why)", row: row, column: columnIndex))
                return .null
            }
            var typer = RecordTyper()
            let v = typer.value(node, as: column.type, path: path)
            for var i in typer.issues {
                i.file = file
                i.line = row.line
                i.column = columnIndex + 1
                i.columnName = columnIndex < header.count ? header[columnIndex] : nil
                issues.append(i)
            }
            return typer.issues.contains(where: { $0.severity == .error }) && !column.type.isList ? .null : v
        default:
            let text = column.type == .string || column.type == .text ? cell : cell.trimming(" ")
            switch ScalarTyping.value(text, as: column.type) {
            case .success(let v):
                if let words = RecordIssue.violation(of: column.field, v, path: path) {
                    issues.append(issue(words, row: row, column: columnIndex))
                    return .null
                }
                return v
            case .failure(let e):
                issues.append(issue(.error, "record.bad-value", path: path, e.message, row: row, column: columnIndex, suggestion: e.suggestion))
                return .null
            }
        }
    }

    /// Puts a value at a column's place, making the mappings and list items on the way.
    private static func assign(_ v: Value, at steps: ArraySlice<Step>, into object: inout ObjectValue, type: ObjectType) {
        guard case .field(let slot)? = steps.first else { return }
        var slotValue = object.slots[slot]
        object.slots[slot] = .null
        assign(v, at: steps.dropFirst(), into: &slotValue, type: type.fields[slot].type)
        object.slots[slot] = slotValue
    }

    private static func assign(_ v: Value, at steps: ArraySlice<Step>, into value: inout Value, type: ValueType) {
        guard let step = steps.first else { value = v; return }
        switch (step, type) {
        case (.field, .object(let o)):
            var object: ObjectValue
            if case .object(let existing) = value { object = existing } else { object = ObjectValue(slots: [Value](repeating: .null, count: o.fields.count)) }
            value = .null
            assign(v, at: steps, into: &object, type: o)
            value = .object(object)
        case (.index(let n), .list(let element)):
            var items: [Value]
            if case .list(let existing) = value { items = existing } else { items = [] }
            value = .null
            while items.count <= n { items.append(.null) }
            var item = items[n]
            items[n] = .null
            assign(v, at: steps.dropFirst(), into: &item, type: element)
            items[n] = item
            value = .list(items)
        default:
            break
        }
    }

    /// Defaults for absent fields, and an error for each absent required field of a
    /// mapping that the row does give (values from JSON cells were checked when typed).
    private func complete(_ value: inout Value, _ type: ObjectType, below path: String, prefix: String,
                          structured: Set<String>, bad: Set<String>, row: CSVReader.Row, issues: inout [RecordIssue]) {
        guard case .object(var o) = value else { return }
        value = .null
        for (i, field) in type.fields.enumerated() {
            let fieldPath = path.isEmpty ? field.name : path + "." + field.name
            if o.slots[i].isNull {
                if let d = field.defaultValue {
                    o.slots[i] = d
                } else if !field.optional && !bad.contains(fieldPath) {
                    let column = columnByPath[fieldPath]
                    let words = column == nil ? RecordIssue.notWritten(field, path: prefix + fieldPath)
                                              : RecordIssue.emptyRequired(field, path: prefix + fieldPath)
                    issues.append(issue(words, row: row, column: column))
                }
                continue
            }
            if case .list = o.slots[i], let words = RecordIssue.violation(of: field, o.slots[i], path: prefix + fieldPath) {
                issues.append(issue(words, row: row, column: columnByPath[fieldPath]))
            }
            if structured.contains(fieldPath) { continue }
            switch field.type {
            case .object(let inner):
                complete(&o.slots[i], inner, below: fieldPath, prefix: prefix, structured: structured, bad: bad, row: row, issues: &issues)
            case .list(.object(let inner)):
                guard case .list(var items) = o.slots[i] else { break }
                o.slots[i] = .null
                for k in items.indices {
                    let itemPath = "\(fieldPath)[\(k)]"
                    if structured.contains(itemPath) { continue }
                    if items[k].isNull {
                        issues.append(issue(RecordIssue.emptyEntry("entry \(k + 1) of \(field.displayName)", path: prefix + itemPath),
                                            row: row, column: nil))
                        continue
                    }
                    complete(&items[k], inner, below: itemPath, prefix: prefix, structured: structured, bad: bad, row: row, issues: &issues)
                }
                o.slots[i] = .list(items)
            default:
                break
            }
        }
        value = .object(o)
    }
}

extension ValueType {
    /// A type written in one cell as text (not a list or a mapping).
    var isScalar: Bool {
        switch self {
        case .list, .object, .map: return false
        default: return true
        }
    }

    var isList: Bool {
        if case .list = self { return true }
        return false
    }
}
