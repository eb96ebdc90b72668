/// Builds schema-typed records from spreadsheet rows whose headers are record
/// paths: `applicant.name`, `schools.0.ofsted.overall`. A list of mappings may
/// be JSON text in one cell; a list of plain values may be `;`-separated. An
/// empty cell is an absent value. A bad cell is an error naming its row and column.
/// A class: a batch worker holds one and reads every row with it, so using it copies no fields.
public final class CSVRecordReader: Sendable {
    enum Step: Sendable {
        case field(Int, ObjectPlan)
        case index(Int)
    }

    /// A column's meaning, made once from the header. A class, so that reading a row takes one
    /// reference per cell instead of copying the name, path and plan.
    final class Column: Sendable {
        let name: String
        /// The field's record path as reports write it (`schools[0].urn` for the column `schools.0.urn`).
        let path: String
        let steps: [Step]
        let leaf: FieldPlan
        /// Whether this is the `id` column (worked out once, not per cell).
        let isID: Bool
        /// Whether an empty cell is the empty list: the field is a list the record must have
        /// (worked out once; reading the declaration per cell copied it).
        let emptyIsEmptyList: Bool
        /// For a path of field names only (no list index): the mapping that holds the
        /// value (an index into `nodes`) and the value's slot in it.
        let node: Int?
        let slot: Int

        init(name: String, steps: [Step], leaf: FieldPlan, node: Int? = nil, slot: Int = 0) {
            self.name = name
            var path = ""
            for (part, step) in zip(name.split(separator: ".", omittingEmptySubsequences: false), steps) {
                if case .index(let n) = step { path += "[\(n)]" } else { path += path.isEmpty ? String(part) : "." + part }
            }
            self.path = path
            self.steps = steps
            self.leaf = leaf
            self.isID = name == "id"
            if case .list = leaf.type { emptyIsEmptyList = leaf.declaration?.optional == false } else { emptyIsEmptyList = false }
            self.node = node
            self.slot = slot
        }
    }

    /// The mappings that columns of plain field paths write into, root first, each with its
    /// parent and its slot there: a record is filled mapping by mapping and put together
    /// once, rather than rebuilding the path from the root for every cell.
    struct Node: Sendable {
        var plan: ObjectPlan
        var parent: Int
        var parentSlot: Int
        /// `plan.fields.count`, read for every row without touching (and counting references to) the plan.
        var fieldCount: Int

        init(plan: ObjectPlan, parent: Int, parentSlot: Int) {
            self.plan = plan
            self.parent = parent
            self.parentSlot = parentSlot
            fieldCount = plan.fields.count
        }
    }
    private let nodes: [Node]
    /// The header's field paths, list indexes as written parts (`schools.0.urn`), and every path
    /// they are inside (`schools.0`, `schools`): a required field none of them writes is not
    /// written (see `requireFields`), in this list entry: `schools.1.urn` does not write entry 0's.
    private let columnFields: Set<String>
    private let writtenFields: Set<String>

    let root: ObjectPlan
    /// Per header position, the column's meaning (nil: no field takes it).
    let columns: [Column?]
    /// `columns` again, uncounted: they live as long as the reader, so a row's cells borrow
    /// them instead of retaining and releasing one per cell.
    private let columnRefs: [Borrowed<Column>?]
    /// What the common cell needs of its column, in a plain value (no reference to count):
    /// by column, like `columns`.
    private let plainColumns: [PlainColumn]

    /// How an unquoted cell of a column is typed from its bytes (`kind`) and whether it can then be
    /// put in place at once (`direct`): a plain field (no list index in its path) with no range to check.
    struct PlainColumn: Sendable {
        var kind: FieldPlan.Kind = .other
        var direct = false
        var node = 0
        var slot = 0
        var isID = false
    }
    /// Header names that are not fields of the record kind, with a suggestion.
    public let unknownColumns: [(name: String, suggestion: String?)]
    /// Header names whose list index is past `maxListItems` (`schools.1000000.urn`): ignored, and said so.
    public let indexTooLargeColumns: [(name: String, index: String)]
    /// Columns whose name the header repeats (1-based column numbers): the later one is read
    /// and the earlier ignored, as `check` does (`record.repeated-column`); said once, not per row.
    public let repeatedColumns: [(name: String, first: Int, again: Int)]

    /// The most items of one list a CSV row can fill (indexes 0 to 9,999): a column name's index
    /// becomes a list's length, so input must not choose it freely. docs/limits.md.
    public static let maxListItems = 10_000

    /// The first all-digit part of a column name that is past `maxListItems`, if any.
    static func outOfRangeIndex(_ name: String) -> String? {
        name.split(separator: ".").first { part in
            part.allSatisfy({ $0.isASCII }) && part.allSatisfy({ $0.isNumber }) && (Int(part).map { $0 >= maxListItems } ?? true)
        }.map(String.init)
    }
    public let file: String?
    /// The header's column names, as written.
    let header: [String]
    /// How many columns the header has.
    var columnCount: Int { columns.count }

    /// The kind being screened and every kind the rules know: a row whose `kind` cell is filled
    /// and names another kind is not decided (`record.wrong-kind`). Nil: not checked.
    let screening: (kind: String, known: [String])?
    /// The `kind` column, when there is one and `screening` is set, with the screened kind's bytes.
    private let kindColumn: (index: Int, bytes: [UInt8])?

    /// Applicants' records or a dataset's: they read blanks differently (see `Purpose`).
    let purpose: Purpose

    init(
        header: [String], root: ObjectPlan, file: String?, screening: (kind: String, known: [String])? = nil,
        purpose: Purpose = .screening
    ) {
        self.root = root
        self.file = file
        self.purpose = purpose
        self.header = header
        self.screening = screening
        kindColumn = screening.flatMap { s in header.firstIndex(of: "kind").map { ($0, Array(s.kind.utf8)) } }
        var columns: [Column?] = []
        var unknown: [(String, String?)] = []
        var tooLarge: [(String, String)] = []
        var nodes = [Node(plan: root, parent: -1, parentSlot: -1)]
        for name in header {
            if let c = CSVRecordReader.column(name, root) {
                var node = 0, leafSlot = 0, fieldsOnly = true
                for (k, step) in c.steps.enumerated() {
                    guard case .field(let slot, let plan) = step else { fieldsOnly = false; break }
                    if k == c.steps.count - 1 { leafSlot = slot; break }
                    guard let child = plan.fields[slot].object else { fieldsOnly = false; break }
                    if let existing = nodes.firstIndex(where: { $0.parent == node && $0.parentSlot == slot }) {
                        node = existing
                    } else {
                        nodes.append(Node(plan: child, parent: node, parentSlot: slot))
                        node = nodes.count - 1
                    }
                }
                columns.append(Column(name: c.name, steps: c.steps, leaf: c.leaf, node: fieldsOnly ? node : nil, slot: leafSlot))
            } else {
                columns.append(nil)
                if let index = CSVRecordReader.outOfRangeIndex(name) {
                    tooLarge.append((name, index))
                } else if !RecordTyper.envelopeFields.contains(name) {
                    unknown.append((name, Suggestion.closest(to: name, in: CSVRecordReader.allPaths(root.type))))
                }
            }
        }
        var repeated: [(String, Int, Int)] = []
        var firstByName: [String: Int] = [:]
        for (i, name) in header.enumerated() where columns[i] != nil {
            if let first = firstByName[name] {
                repeated.append((name, first + 1, i + 1))
                columns[first] = nil
            }
            firstByName[name] = i
        }
        self.repeatedColumns = repeated
        self.columns = columns
        columnRefs = columns.map { $0.map { Borrowed($0) } }
        self.plainColumns = columns.map { c in
            guard let c else { return PlainColumn() }
            guard let node = c.node, !c.leaf.hasBounds else { return PlainColumn(kind: c.leaf.kind) }
            return PlainColumn(kind: c.leaf.kind, direct: true, node: node, slot: c.slot, isID: c.isID)
        }
        self.nodes = nodes
        // Each known column's field path, indexes spelled as numbers (`schools.00.urn` is entry 0's), and every path it is inside.
        let fieldPaths = columns.compactMap { column in
            column.map { c in
                zip(c.name.split(separator: ".", omittingEmptySubsequences: false), c.steps).map { part, step in
                    if case .index(let n) = step { return String(n) }
                    return String(part)
                }.joined(separator: ".")
            }
        }
        columnFields = Set(fieldPaths)
        writtenFields = Set(
            fieldPaths.flatMap { p in
                p.split(separator: ".").indices.map { p.split(separator: ".")[...$0].joined(separator: ".") }
            })
        self.unknownColumns = unknown
        self.indexTooLargeColumns = tooLarge
    }

    private static func column(_ name: String, _ root: ObjectPlan) -> Column? {
        var steps: [Step] = []
        var object: ObjectPlan? = root
        var current: FieldPlan?
        for part in name.split(separator: ".", omittingEmptySubsequences: false) {
            if let n = Int(part), let list = current, case .list = list.type {
                // An index the header controls becomes a list's length: refuse it before any row is read.
                guard (0..<CSVRecordReader.maxListItems).contains(n) else { return nil }
                steps.append(.index(n))
                current = list.element
                object = current?.object
                continue
            }
            guard let o = object, let slot = o.type.slot(of: String(part)) else { return nil }
            steps.append(.field(slot, o))
            current = o.fields[slot]
            object = current?.object
        }
        guard let leaf = current else { return nil }
        return Column(name: name, steps: steps, leaf: leaf)
    }

    private static func allPaths(_ type: ObjectType, prefix: String = "") -> [String] {
        type.fields.flatMap { f -> [String] in
            let p = prefix + f.name
            if case .object(let o) = f.type { return [p] + allPaths(o, prefix: p + ".") }
            return [p]
        }
    }

    /// What a batch worker keeps from row to row: each mapping's slots, by node, so that a row's
    /// cells overwrite the row before's values instead of every mapping being allocated and freed
    /// again. The nodes' arrays sit in plain storage (a class frees it), so reaching a node's
    /// array costs no check of an outer array; one thread owns it.
    final class Room {
        fileprivate let slots: UnsafeMutablePointer<[Value]>
        fileprivate let count: Int

        init(_ reader: CSVRecordReader) {
            count = reader.nodes.count
            slots = .allocate(capacity: count)
            slots.initialize(from: reader.nodes.map { Value.nulls($0.fieldCount) }, count: count)
        }

        deinit {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
    }

    /// One record from one row; problems are returned with row and column.
    func record(_ bytes: UnsafeBufferPointer<UInt8>, _ row: CSVTable.Row) -> (value: Value, id: String?, issues: [RecordIssue]) {
        var value = Value.null
        let (id, issues) = record(bytes, row, into: &value, room: Room(self))
        return (value, id, issues)
    }

    /// One record from one row into `record`, whose mappings (the row before's, for a batch
    /// worker) are taken apart into `room` and written over (see `Room`).
    func record(
        _ bytes: UnsafeBufferPointer<UInt8>, _ row: CSVTable.Row, into record: inout Value,
        room: Room
    ) -> (id: String?, issues: [RecordIssue]) {
        // By node: which slots a cell wrote (as bits; a mapping of more than 64 fields is emptied
        // first instead), and whether the mapping is there at all (a cell wrote into it or into
        // a mapping inside it; a mapping no cell writes into is absent, not empty).
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * nodes.count) { marks in
            marks.initialize(repeating: 0)
            return self.record(
                bytes, row, into: &record, slots: room.slots,
                written: UnsafeMutableBufferPointer(rebasing: marks[0..<nodes.count]),
                present: UnsafeMutableBufferPointer(rebasing: marks[nodes.count...]))
        }
    }

    private func record(
        _ bytes: UnsafeBufferPointer<UInt8>, _ row: CSVTable.Row, into record: inout Value,
        slots: UnsafeMutablePointer<[Value]>, written: UnsafeMutableBufferPointer<UInt64>,
        present: UnsafeMutableBufferPointer<UInt64>
    ) -> (id: String?, issues: [RecordIssue]) {
        takeApart(&record, into: slots)
        present[0] = 1
        // Columns with a list index in their path are applied after the mappings are put together.
        var indexed: [(Column, Value)] = []
        func put(node: Int, slot: Int, _ v: Value) {
            if present[node] == 0 {
                var n = node
                while n > 0 && present[n] == 0 {
                    present[n] = 1
                    n = nodes[n].parent
                }
            }
            if slot < 64 { written[node] |= 1 << UInt64(slot) }
            slots[node][slot] = v
        }
        func put(_ column: Column, _ v: Value) {
            guard let node = column.node else { indexed.append((column, v)); return }
            put(node: node, slot: column.slot, v)
        }
        var issues: [RecordIssue] = []
        var id: String?
        if row.cells.count != columns.count && purpose == .screening {
            issues.append(
                issue(.error, "record.wrong-shape", "", "this row has \(row.cells.count) cells but the header has \(columns.count)", row, 0, nil))
        }
        for (i, cellRange) in row.cells.enumerated() where i < columns.count {
            // The common cell: an unquoted number, date, flag or text, typed from its bytes; for a
            // plain field it is put in place without touching (and counting references to) its column.
            let plainColumn = plainColumns[i]
            let plain =
                cellRange.isEmpty || bytes[cellRange.lowerBound] == 34
                ? nil
                : ScalarBytes.plain(UnsafeBufferPointer(rebasing: bytes[cellRange]), as: plainColumn.kind)
            if let plain, plainColumn.direct {
                if plainColumn.isID, case .string(let s) = plain { id = s }
                put(node: plainColumn.node, slot: plainColumn.slot, plain)
                continue
            }
            columnRefs[i]?.with { column in
                var previous = Value.null
                if plain == nil, let node = column.node { previous = slots[node][column.slot].take() }
                let v: Value?
                if let plain {
                    v = plain
                } else if CSVTable.isQuoted(bytes, cellRange) {
                    v = CSVTable.withUnquoted(bytes, cellRange) { cell in typed(cell, column, i, row, &issues, previous: &previous) }
                } else {
                    v = typed(UnsafeBufferPointer(rebasing: bytes[cellRange]), column, i, row, &issues, previous: &previous)
                }
                guard let v else { return }
                if let problem = column.leaf.violation(v, path: column.path) {
                    issues.append(issue(problem, row, i, column.name))
                    // A number out of range is not used; a list too short still is (its entries are real).
                    if problem.id == "record.out-of-range" { return }
                }
                if column.isID, case .string(let s) = v { id = s }
                put(column, v)
            }
        }
        if purpose == .dataset && row.cells.count > columns.count { extraCells(bytes, row, &issues) }
        // Each mapping there, innermost first: what no cell wrote is emptied (the row before's
        // value), then it goes into its parent. Nothing can be missing when no cell had a problem
        // (a JSON cell checks its own mappings), no column has a list index, and every mapping has
        // its required fields: then the walk over the whole record is skipped.
        var surelyComplete = issues.isEmpty && indexed.isEmpty
        for n in stride(from: nodes.count - 1, through: 0, by: -1) where present[n] != 0 {
            let count = nodes[n].fieldCount
            if count <= 64 && written[n] != (UInt64(1) << UInt64(count)) &- 1 {
                for i in 0..<count where written[n] & (1 << UInt64(i)) == 0 { slots[n][i] = .null }
            }
            if surelyComplete {
                for i in nodes[n].plan.requiredSlots where slots[n][i].isNull { surelyComplete = false; break }
            }
            var mapping: [Value] = []
            swap(&mapping, &slots[n])
            if n == 0 {
                record = .object(ObjectValue(slots: mapping))
            } else {
                let parent = nodes[n].parent, parentSlot = nodes[n].parentSlot
                slots[parent][parentSlot] = .object(ObjectValue(slots: mapping))
                if parentSlot < 64 { written[parent] |= 1 << UInt64(parentSlot) }
            }
        }
        for (column, v) in indexed { CSVRecordReader.set(&record, column.steps[...], v) }
        if let kindColumn, kindColumn.index < row.cells.count, let screening {
            let cell = row.cells[kindColumn.index]
            if !cell.isEmpty && !UnsafeBufferPointer(rebasing: bytes[cell]).elementsEqual(kindColumn.bytes) {
                let written = CSVTable.text(bytes, cell).trimmingSpaces
                if !written.isEmpty && written != screening.kind {
                    var i = RecordIssue.wrongKind(.string(written), screened: screening.kind, known: screening.known, at: nil)
                    i.file = file
                    i.line = row.line
                    i.column = kindColumn.index + 1
                    i.columnName = "kind"
                    issues.append(i)
                }
            }
        }
        if id == nil, let idColumn = columns.firstIndex(where: { $0?.isID == true }), idColumn < row.cells.count {
            // An empty cell is an id not given (as `id: null` in YAML), not an empty one.
            let text = CSVTable.text(bytes, row.cells[idColumn])
            id = text.isEmpty ? nil : text
        }
        // Paths are only spelled out when something is missing.
        if purpose == .dataset {
            completeDatasetRecord(&record, row, &issues)
        } else if !surelyComplete && !CSVRecordReader.isComplete(record, root) {
            CSVRecordReader.requireFields(record, root, path: "", written: "", row: row, into: &issues, reader: self)
        }
        return (id, issues)
    }

    /// Takes the record read before apart into `slots`, by node: each mapping's slots go back to
    /// their node (the parent's slot emptied), to be written over. A mapping absent last time kept
    /// its slots in the room; one whose shape is not its node's is replaced.
    private func takeApart(_ record: inout Value, into slots: UnsafeMutablePointer<[Value]>) {
        if case .object(var old) = record.take() { swap(&slots[0], &old.slots) }
        for n in nodes.indices {
            if n > 0, case .object(var old) = slots[nodes[n].parent][nodes[n].parentSlot].take() {
                swap(&slots[n], &old.slots)
            }
            let count = nodes[n].fieldCount
            if slots[n].count != count {
                slots[n] = Value.nulls(count)
            } else if count > 64 {
                for i in 0..<count { slots[n][i] = .null }
            }
        }
    }

    /// A cell's value from its text (quotes already removed), before range checks: nil when the
    /// cell is left out, because it is empty or its problem is now in `issues`.
    /// JSON text is read into `previous`, what the column's slot held in the row before (its
    /// lists and mappings are written over, see `JSONRecordReader.record(_:into:)`).
    private func typed(
        _ cell: UnsafeBufferPointer<UInt8>, _ column: Column, _ i: Int, _ row: CSVTable.Row,
        _ issues: inout [RecordIssue], previous: inout Value
    ) -> Value? {
        if cell.isEmpty {
            // An empty cell is absent; for a list the record must have, it is the empty list
            // (a spreadsheet cannot tell "none" from "not given" for lists).
            return column.emptyIsEmptyList && purpose == .screening ? .list([]) : nil
        }
        let path = column.path
        let v: Value
        switch column.leaf.kind {
        // A list; or, in a dataset, a mapping written as JSON text in one cell (`where` guards `.object` only).
        case .list,
            .object where purpose == .dataset && cell[0] == 123:
            if cell[0] == 91 || cell[0] == 123 {
                // JSON text in the cell.
                var reader = JSONRecordReader(bytes: cell, line: row.line, file: file)
                do throws(JSONRecordReader.SyntaxError) {
                    try reader.value(column.leaf, path: path, into: &previous)
                    v = previous.take()
                } catch {
                    v = .null
                    issues.append(issue(.error, "record.bad-json", path, "the JSON in this cell is not valid: \(error.message)", row, i, column.name))
                }
                for var p in reader.issues {
                    p.line = row.line
                    p.column = i + 1
                    p.columnName = column.name
                    issues.append(p)
                }
            } else {
                // `;`-separated plain values.
                guard case .list(let element) = column.leaf.type else { return nil }
                var items: [Value] = []
                for (k, word) in CSVRecordReader.listItems(cell).enumerated() {
                    if word.isEmpty { continue }
                    switch ScalarTyping.value(word, as: element) {
                    case .success(let item): items.append(item)
                    case .failure(let e):
                        issues.append(issue(.error, "record.bad-value", "\(path)[\(k)]", e.message, row, i, column.name, e.suggestion))
                    }
                }
                v = .list(items)
            }
        case .object:
            var shape = RecordIssue.wrongShape(
                column.leaf.declaration?.displayName ?? path, expected: column.leaf.type,
                found: "'\(String(decoding: cell, as: UTF8.self))'", path: path)
            shape.hint =
                "give each of its fields a column of its own, such as '\(column.name).\(column.leaf.object?.type.fields.first?.name ?? "field")'"
            issues.append(issue(shape, row, i, column.name))
            return nil
        default:
            switch ScalarTyping.value(scalarText(cell, column.leaf), as: column.leaf.type) {
            case .success(let s): v = s
            case .failure(let e):
                issues.append(issue(.error, "record.bad-value", path, e.message, row, i, column.name, e.suggestion))
                return nil
            }
        }
        return v
    }

    private static func set(_ target: inout Value, _ steps: ArraySlice<Step>, _ leaf: Value) {
        guard let step = steps.first else { target = leaf; return }
        switch step {
        case .field(let slot, let plan):
            var object: ObjectValue
            if case .object(let o) = target {
                object = o
            } else {
                object = ObjectValue(slots: [Value](repeating: .null, count: plan.fields.count))
            }
            target = .null  // release the old copy so the slots are mutated in place
            set(&object.slots[slot], steps.dropFirst(), leaf)
            target = .object(object)
        case .index(let n):
            var items: [Value]
            if case .list(let l) = target { items = l } else { items = [] }
            target = .null
            while items.count <= n { items.append(.null) }
            set(&items[n], steps.dropFirst(), leaf)
            target = .list(items)
        }
    }

    /// Whether every required field of the value and of its nested mappings is there.
    private static func isComplete(_ value: Value, _ plan: ObjectPlan) -> Bool {
        guard case .object(let o) = value else { return true }
        for i in plan.requiredSlots where o.slots[i].isNull { return false }
        for i in plan.nestedSlots {
            let field = plan.fields[i]
            if let sub = field.object, !isComplete(o.slots[i], sub) { return false }
            if let element = field.element?.object, case .list(let items) = o.slots[i] {
                for item in items where !isComplete(item, element) { return false }
            }
        }
        return true
    }

    /// Reports each required field no column writes. A field whose column is there but whose
    /// cell is empty is a blank still to be given, as `name:` is in YAML: not an error.
    /// `written` is `path` as `writtenFields` holds it, list indexes as parts (`schools.0.ofsted`).
    private static func requireFields(
        _ value: Value, _ plan: ObjectPlan, path: String, written: String, row: CSVTable.Row,
        into issues: inout [RecordIssue], reader: CSVRecordReader
    ) {
        guard case .object(let o) = value else { return }
        for (i, f) in plan.type.fields.enumerated() {
            let p = path.isEmpty ? f.name : path + "." + f.name
            let w = written.isEmpty ? f.name : written + "." + f.name
            let v = o.slots[i]
            if v.isNull {
                if !f.optional && !reader.writes(w) && !issues.contains(where: { $0.path.hasPrefix(p) }) {
                    issues.append(reader.issue(RecordIssue.notWritten(f, path: p), row, -1, nil))
                }
                continue
            }
            let field = plan.fields[i]
            if let sub = field.object { requireFields(v, sub, path: p, written: w, row: row, into: &issues, reader: reader) }
            if case .list(let items) = v, let element = field.element?.object {
                for (k, item) in items.enumerated() {
                    requireFields(item, element, path: "\(p)[\(k)]", written: w + "." + String(k), row: row, into: &issues, reader: reader)
                }
            }
        }
    }

    /// Whether some column writes the field at `path` (dotted, list indexes as parts): its own
    /// column, columns of its fields, or a column that holds it inside JSON text.
    private func writes(_ path: String) -> Bool {
        if writtenFields.contains(path) { return true }
        var prefix = Substring(path)
        while let dot = prefix.lastIndex(of: ".") {
            prefix = prefix[..<dot]
            if columnFields.contains(String(prefix)) { return true }
        }
        return false
    }

    /// A row whose bytes are not UTF-8 at `offset` (into the row's bytes): `record.invalid-utf8`
    /// placed at the cell holding that byte (its line, for a cell over several lines).
    func notUTF8(_ bytes: UnsafeBufferPointer<UInt8>, _ row: CSVTable.Row, at offset: Int) -> RecordIssue {
        let cell = row.cells.firstIndex { offset < $0.upperBound } ?? max(0, row.cells.count - 1)
        var i = issue(RecordIssue.notUTF8(lead: bytes[offset]), row, cell, cell < header.count ? header[cell] : nil)
        i.line = row.line + ByteScan.lineBreaks(bytes, in: 0..<offset)
        return i
    }

    func issue(
        _ severity: RecordIssue.Severity, _ id: String, _ path: String, _ message: String, _ row: CSVTable.Row,
        _ column: Int, _ columnName: String?, _ suggestion: String? = nil
    ) -> RecordIssue {
        issue(RecordIssue(severity, id, path: path, message, suggestion: suggestion), row, column, columnName)
    }

    /// One of the shared record issues (`RecordIssueWords`), placed at the row and column.
    func issue(_ shared: RecordIssue, _ row: CSVTable.Row, _ column: Int, _ columnName: String?) -> RecordIssue {
        var i = shared
        i.file = file
        i.line = row.line
        if column >= 0 { i.column = column + 1 }
        i.columnName = columnName
        return i
    }
}

extension CSVRecordReader {
    /// A `;`-separated list cell's items, spaces trimmed (an item of spaces alone is empty, and
    /// keeps its place in the numbering). Text is split where its Characters are `;` and trimmed
    /// of Characters that are spaces; an ASCII cell, where every byte is a Character, is split
    /// and trimmed by bytes, without finding Characters.
    static func listItems(_ cell: UnsafeBufferPointer<UInt8>) -> [String] {
        guard cell.allSatisfy({ $0 < 0x80 && $0 != 13 }) else {
            return String(decoding: cell, as: UTF8.self).split(separator: ";").map { $0.trimmingSpaces }
        }
        var items: [String] = []
        var start = 0
        while start < cell.count {
            var end = start
            while end < cell.count && cell[end] != 59 { end += 1 }
            if end > start {
                var (from, to) = (start, end)
                while from < to && cell[from] == 32 { from += 1 }
                while to > from && cell[to - 1] == 32 { to -= 1 }
                items.append(String(decoding: UnsafeBufferPointer(rebasing: cell[from..<to]), as: UTF8.self))
            }
            start = end + 1
        }
        return items
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
