#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a folder of CSV files as one dataset record: `NAME.csv` holds the
/// records of the collection (list field) `NAME` of the schema, one row each;
/// `dataset.csv`, when present, has one row with the dataset's own fields
/// (`as_of`, `pilot.start`, `pilot.end`). A collection without a file has no
/// records. Rows and cells are typed by `CSVRecordTyper`.
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

    public static func load(folder: String, schema: Schema) -> Loaded {
        let base = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        let files = Set(csvFiles(in: base))
        var issues: [RecordIssue] = []
        var itemPlaces: [String: DatasetSource.ItemPlaces] = [:]
        let root = schema.root
        var slots = [Value](repeating: .null, count: root.fields.count)
        var extras: [ExtraField] = []

        func fileIssue(_ severity: RecordIssue.Severity, _ id: String, _ message: String, file: String, line: Int? = nil, column: Int? = nil) {
            var issue = RecordIssue(severity, id, path: "", message)
            issue.file = file
            issue.line = line
            issue.column = column
            issues.append(issue)
        }
        /// Reads a file row by row; false when it cannot be read at all.
        func read(_ path: String, _ body: (CSVReader.Row) -> Void) -> Bool {
            guard let bytes = FileSystem.read(path, limit: maxFileBytes) else {
                fileIssue(.error, "io.unreadable", "cannot read '\(path)'", file: path)
                return false
            }
            if bytes.count > maxFileBytes {
                fileIssue(.error, "io.too-large", "'\(path)' is larger than the limit of \(ByteCount.words(maxFileBytes)) for one CSV file of a dataset; eligo reads no further",
                          file: path, line: 1, column: 1)
                return false
            }
            do {
                try CSVReader.forEachRecord(bytes: bytes, body)
            } catch {
                fileIssue(.error, "csv.syntax", error.message, file: path, line: error.line, column: error.column)
            }
            return true
        }
        func read(_ path: String) -> [CSVReader.Row]? {
            var rows: [CSVReader.Row] = []
            return read(path) { rows.append($0) } ? rows : nil
        }

        let collections = CSVDataset.collections(of: schema)
        for (slot, field) in root.fields.enumerated() {
            guard collections.contains(field.name), case .list(.object(let itemType)) = field.type else { continue }
            let path = base + "/" + field.name + ".csv"
            guard files.contains(field.name + ".csv") else { continue }
            var typer: CSVRecordTyper?
            var items: [Value] = []
            var lines: [Int32] = []
            let readable = read(path) { row in
                guard let typer else {
                    typer = CSVRecordTyper(header: row.fields, type: itemType, file: path, headerLine: row.line)
                    issues += typer!.headerIssues
                    return
                }
                let (value, rowIssues) = typer.record(row, path: "\(field.name)[\(items.count)]")
                items.append(value)
                if !rowIssues.isEmpty { issues += rowIssues }
                lines.append(Int32(clamping: row.line))
            }
            guard readable else { continue }
            slots[slot] = .list(items)
            itemPlaces[field.name] = .init(file: path, lines: lines)
        }

        // The dataset's own fields: one row of dataset.csv.
        if files.contains(datasetFile), let rows = read(base + "/" + datasetFile), rows.count > 1 {
            let path = base + "/" + datasetFile
            if rows.count > 2 {
                fileIssue(.warning, "csv.extra-rows", "\(datasetFile) should have one row under its header; only the first is read",
                          file: path, line: rows[2].line)
            }
            let typer = CSVRecordTyper(header: rows[0].fields, type: root, file: path, headerLine: rows[0].line)
            issues += typer.headerIssues.filter { !collections.contains($0.path) }
            let (value, rowIssues) = typer.record(rows[1], path: "")
            // Only the missing-field errors for the collections are wrong here: they come from other files.
            issues += rowIssues.filter { !($0.id == "record.missing-field" && collections.contains($0.path)) }
            if case .object(let o) = value {
                for (slot, field) in root.fields.enumerated() where !collections.contains(field.name) { slots[slot] = o.slots[slot] }
                extras = o.extras
            }
        }

        for name in files.sorted() where name != datasetFile && !collections.contains(String(name.dropLast(4))) {
            let stem = String(name.dropLast(4))
            var issue = RecordIssue(.warning, "csv.unknown-file",
                                    path: "", "'\(name)' is not a collection of \(schema.kind) (\(collections.map { $0 + ".csv" }.joined(separator: ", ")), or \(datasetFile)); it is not read",
                                    suggestion: Suggestion.closest(to: stem, in: collections).map { $0 + ".csv" })
            issue.file = base + "/" + name
            issues.append(issue)
        }
        if files.isEmpty {
            fileIssue(.error, "io.no-csv", "the folder has no CSV files (expected \(collections.map { $0 + ".csv" }.joined(separator: ", ")))", file: base)
        }

        // Defaults (absent collections are empty) and the dataset's own required fields.
        for (slot, field) in root.fields.enumerated() where slots[slot].isNull {
            if let d = field.defaultValue {
                slots[slot] = d
            } else if !field.optional && !collections.contains(field.name) {
                fileIssue(.error, "record.missing-field", "required field '\(field.name)' is missing (give it in \(datasetFile))",
                          file: base + "/" + datasetFile)
                issues[issues.count - 1].path = field.name
            }
        }
        return Loaded(value: .object(ObjectValue(slots: slots, extras: extras)), issues: issues,
                      source: DatasetSource(path: base, itemPlaces: itemPlaces))
    }
}
