#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a folder of CSV files as one dataset record: `NAME.csv` holds the
/// records of the collection (list field) `NAME` of the schema, one row each;
/// `dataset.csv`, when present, has one row with the dataset's own fields
/// (`as_of`, `pilot.start`, `pilot.end`). A collection without a file has no
/// records. Rows and cells are read by the screen's CSV reader (`CSVTable.fileRows`,
/// `CSVRecordReader` for `.dataset`).
public enum CSVDataset {
    /// The file holding the dataset's own (non-collection) fields.
    public static let datasetFile = "dataset.csv"

    /// The largest CSV file of a dataset folder read: 1 GiB (a folder of CSV files is how a dataset
    /// too large for one YAML or JSON file is checked). Reading stops one byte past it, so a file
    /// without end (`/dev/zero`, a FIFO) gives `io.too-large` instead of filling memory.
    public static let maxFileBytes = 1 << 30

    public struct Loaded: Sendable {
        public var value: Value
        public var issues: [RecordIssue]
        public var source: DatasetSource
    }

    /// The `.csv` files directly in a folder, sorted by name.
    public static func csvFiles(in folder: String) -> [String] {
        FileSystem.files(in: folder, endingWith: [".csv"])
    }

    /// The collections of a schema: its fields that are lists of records.
    public static func collections(of schema: Schema) -> [String] {
        schema.root.fields.compactMap { f in
            if case .list(.object) = f.type { return f.name }
            return nil
        }
    }

    private static func fileIssue(
        _ severity: RecordIssue.Severity, _ id: String, _ message: String, file: String, line: Int? = nil, column: Int? = nil
    ) -> RecordIssue {
        var issue = RecordIssue(severity, id, path: "", message)
        issue.file = file
        issue.line = line
        issue.column = column
        return issue
    }

    /// Calls `body` with a file's bytes; false (said in `issues`) when it cannot be read. A syntax
    /// error `body` gives back is said after the problems of the rows before it.
    private static func withBytes(
        _ path: String, issues: inout [RecordIssue], _ body: (UnsafeBufferPointer<UInt8>) -> CSVTable.SyntaxFailure?
    ) -> Bool {
        guard let bytes = FileSystem.read(path, limit: maxFileBytes) else {
            issues.append(fileIssue(.error, "io.unreadable", "cannot read '\(path)'", file: path))
            return false
        }
        if bytes.count > maxFileBytes {
            issues.append(
                fileIssue(
                    .error, "io.too-large",
                    "'\(path)' is larger than the limit of \(ByteCount.words(maxFileBytes)) for one CSV file of a dataset; eligo reads no further",
                    file: path, line: 1, column: 1))
            return false
        }
        if let failure = bytes.withUnsafeBufferPointer(body) {
            issues.append(fileIssue(.error, "csv.syntax", failure.message, file: path, line: failure.line, column: failure.column))
        }
        return true
    }

    public static func load(folder: String, schema: Schema) -> Loaded {
        let base = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        let files = Set(csvFiles(in: base))
        var issues: [RecordIssue] = []
        var itemPlaces: [String: DatasetSource.ItemPlaces] = [:]
        let root = schema.root
        var slots = [Value](repeating: .null, count: root.fields.count)
        var extras: [ExtraField] = []

        func fileIssue(_ severity: RecordIssue.Severity, _ id: String, _ message: String, file: String, line: Int? = nil, column: Int? = nil) {
            issues.append(CSVDataset.fileIssue(severity, id, message, file: file, line: line, column: column))
        }
        /// Calls `body` with a file's bytes; false (said in `issues`) when it cannot be read.
        func withBytes(_ path: String, _ body: (UnsafeBufferPointer<UInt8>) -> CSVTable.SyntaxFailure?) -> Bool {
            var problems: [RecordIssue] = []
            let readable = CSVDataset.withBytes(path, issues: &problems, body)
            issues += problems
            return readable
        }

        // The collections' files are read at once, one per core; their records and problems are
        // then put in the schema's order, as if read one after another.
        let collections = CSVDataset.collections(of: schema)
        let read = root.fields.indices.filter { slot in
            collections.contains(root.fields[slot].name) && files.contains(root.fields[slot].name + ".csv")
        }.concurrentMap { slot -> (slot: Int, path: String, items: [Value], lines: [Int32], issues: [RecordIssue], readable: Bool)? in
            let field = root.fields[slot]
            guard case .list(.object(let itemType)) = field.type else { return nil }
            let path = base + "/" + field.name + ".csv"
            var items: [Value] = []
            var lines: [Int32] = []
            var issues: [RecordIssue] = [], problems: [RecordIssue] = []
            let readable = CSVDataset.withBytes(path, issues: &problems) { b in
                var records: RowRecords?
                return CSVTable.forEachFileRow(b) { row in
                    guard let records else {
                        records = RowRecords(b, header: row, type: itemType, file: path)
                        issues += records!.headerIssues
                        return
                    }
                    let (value, rowIssues) = records.record(row, path: "\(field.name)[\(items.count)]")
                    items.append(value)
                    if !rowIssues.isEmpty { issues += rowIssues }
                    lines.append(Int32(clamping: row.line))
                }
            }
            return (slot, path, items, lines, issues + problems, readable)
        }
        for case let file? in read {
            issues += file.issues
            guard file.readable else { continue }
            slots[file.slot] = .list(file.items)
            itemPlaces[root.fields[file.slot].name] = .init(file: file.path, lines: file.lines)
        }

        // The dataset's own fields: one row of dataset.csv.
        if files.contains(datasetFile) {
            let path = base + "/" + datasetFile
            _ = withBytes(path) { b in
                let file = CSVTable.fileRows(b)
                guard file.rows.count > 1 else { return file.failure }
                if file.rows.count > 2 {
                    fileIssue(
                        .warning, "csv.extra-rows", "\(datasetFile) should have one row under its header; only the first is read",
                        file: path, line: file.rows[2].line)
                }
                let records = RowRecords(b, header: file.rows[0], type: root, file: path)
                issues += records.headerIssues.filter { !collections.contains($0.path) }
                let (value, rowIssues) = records.record(file.rows[1], path: "")
                // Collections come from their own files (absent ones take their default).
                issues += rowIssues.filter { !($0.id == "record.missing-field" && collections.contains($0.path)) }
                if case .object(let o) = value {
                    for (slot, field) in root.fields.enumerated() where !collections.contains(field.name) { slots[slot] = o.slots[slot] }
                    extras = o.extras
                }
                return file.failure
            }
        }

        for name in files.sorted() where name != datasetFile && !collections.contains(String(name.dropLast(4))) {
            let stem = String(name.dropLast(4))
            var issue = RecordIssue(
                .warning, "csv.unknown-file",
                path: "",
                "'\(name)' is not a collection of \(schema.kind) (\(collections.map { $0 + ".csv" }.joined(separator: ", ")), or \(datasetFile)); it is not read",
                suggestion: Suggestion.closest(to: stem, in: collections).map { $0 + ".csv" })
            issue.file = base + "/" + name
            issues.append(issue)
        }
        if files.isEmpty {
            fileIssue(
                .error, "io.no-csv", "the folder has no CSV files (expected \(collections.map { $0 + ".csv" }.joined(separator: ", ")))", file: base)
        }

        // Defaults (absent collections are empty) and the dataset's own required fields.
        for (slot, field) in root.fields.enumerated() where slots[slot].isNull {
            if let d = field.defaultValue {
                slots[slot] = d
            } else if !field.optional && !collections.contains(field.name) {
                fileIssue(
                    .error, "record.missing-field", "required field '\(field.name)' is missing (give it in \(datasetFile))",
                    file: base + "/" + datasetFile)
                issues[issues.count - 1].path = field.name
            }
        }
        return Loaded(
            value: .object(ObjectValue(slots: slots, extras: extras)), issues: issues,
            source: DatasetSource(path: base, itemPlaces: itemPlaces))
    }
}

/// A CSV file's rows typed as records of one type, by the reader the screen uses
/// (`CSVRecordReader`, read for a dataset: `CSVRecordReader.Purpose.dataset`).
private struct RowRecords {
    let bytes: UnsafeBufferPointer<UInt8>
    let reader: CSVRecordReader
    /// The header's names (trimmed) and its problems, said once for the file.
    let names: [String]
    let headerIssues: [RecordIssue]
    /// Header positions of columns no field takes: their cells are kept with the record as text.
    let unknown: [Int]
    let room: CSVRecordReader.Room

    init(_ bytes: UnsafeBufferPointer<UInt8>, header: CSVTable.Row, type: ObjectType, file: String) {
        self.bytes = bytes
        let names = header.cells.map { CSVTable.text(bytes, $0).trimmingSpaces }
        let reader = CSVRecordReader(header: names, root: ObjectPlan(type), file: file, purpose: .dataset)
        self.names = names
        self.reader = reader
        let unknownNames = Set(reader.unknownColumns.map { $0.name } + reader.indexTooLargeColumns.map { $0.name })
        unknown = reader.columns.indices.filter { reader.columns[$0] == nil && unknownNames.contains(names[$0]) }
        room = CSVRecordReader.Room(reader)
        headerIssues = RowRecords.headerIssues(reader, names, type: type, file: file, line: header.line)
    }

    /// One row's record; its issues' paths are under `path`, the record's (`deployments[3]`).
    func record(_ row: CSVTable.Row, path: String) -> (Value, [RecordIssue]) {
        var value = Value.null
        var issues = reader.record(bytes, row, into: &value, room: room).issues
        for k in issues.indices {
            let p = issues[k].path
            issues[k].path = p.isEmpty ? path : path.isEmpty ? p : path + "." + p
        }
        if !unknown.isEmpty, case .object(var o) = value {
            value = .null
            for i in unknown where i < row.cells.count {
                let text = CSVTable.text(bytes, row.cells[i])
                if !text.isEmpty { o.extras.append(ExtraField(name: names[i], value: .string(text))) }
            }
            value = .object(o)
        }
        return (value, issues)
    }

    /// Columns no field takes and columns named twice, at the header's line and their column.
    private static func headerIssues(_ reader: CSVRecordReader, _ names: [String], type: ObjectType, file: String, line: Int) -> [RecordIssue] {
        let suggestions = Dictionary(reader.unknownColumns.map { ($0.name, $0.suggestion) }, uniquingKeysWith: { a, _ in a })
        let tooLarge = Set(reader.indexTooLargeColumns.map { $0.name })
        var out: [RecordIssue] = []
        func place(_ issue: RecordIssue, _ i: Int) {
            var issue = issue
            issue.file = file
            issue.line = line
            issue.column = i + 1
            issue.columnName = names[i]
            out.append(issue)
        }
        for (i, name) in names.enumerated() {
            if reader.columns[i] == nil && (suggestions.keys.contains(name) || tooLarge.contains(name)) {
                place(
                    RecordIssue(
                        .warning, "record.unknown-column", path: name,
                        "column '\(name)' is not a field of \(type.name); its values are kept but no rule reads them",
                        suggestion: suggestions[name] ?? nil), i)
            }
            for repeated in reader.repeatedColumns where repeated.again == i + 1 {
                place(
                    RecordIssue(
                        .warning, "record.repeated-column", path: reader.columns[i]?.path ?? name,
                        "column '\(name)' appears twice (also column \(repeated.first)); the later one is used"), i)
            }
        }
        return out
    }
}
