/// The record problems every reader finds, worded once: the YAML typer (`check`), the JSON
/// Lines reader and the CSV reader (`screen`) build their issues here, so the same record
/// gets the same ids, paths and sentences whichever form it came in. Readers add where the
/// problem is (file, line, column or cell) and any advice about their own syntax as `hint`.
extension RecordIssue {
    /// A required field that is not written at all (left empty, it is still to be given: no issue).
    static func notWritten(_ field: FieldDeclaration, path: String) -> RecordIssue {
        RecordIssue(
            .error, "record.missing-field", path: path,
            "\(field.displayName) (\(field.name)) is needed but not written; it should be \(field.expectedDescription)")
    }

    /// A required field whose cell is empty in a dataset's CSV file: a dataset describes what
    /// is, so a blank there is a gap in the data (an applicant's blank is still to be given).
    static func emptyRequired(_ field: FieldDeclaration, path: String) -> RecordIssue {
        RecordIssue(
            .error, "record.missing-field", path: path,
            "\(field.displayName) (\(field.name)) is needed but its cell is empty; it should be \(field.expectedDescription)")
    }

    /// A record whose bytes are not UTF-8 (a spreadsheet saved as Latin-1): not read at all, so
    /// no name with its accents lost is decided. `lead` is the first ill-formed byte; readers
    /// place the issue at it (YAML: line and column; JSON Lines: line and byte; CSV: row and column).
    static func notUTF8(lead: UInt8) -> RecordIssue {
        RecordIssue(
            .error, "record.invalid-utf8", path: "",
            "this record is not valid UTF-8 text, so it was not read: it has \(ByteScan.invalidUTF8Description(lead: lead)); the file was probably saved in another encoding, such as Latin-1 or Windows-1252: save it as UTF-8"
        )
    }

    /// A value of the wrong shape: a list or fields where one value belongs, or the reverse.
    /// `what` names the place ("Headships", "entry 2 of Headships"), `found` what is there.
    static func wrongShape(_ what: String, expected type: ValueType, found: String, path: String) -> RecordIssue {
        RecordIssue(.error, "record.wrong-shape", path: path, "\(what) should be \(FieldDeclaration.describe(type)); found \(found)")
    }

    /// "a list of 2 entries", "the text '3'", "a set of fields": what was written instead.
    static func found(_ v: Value) -> String {
        switch v {
        case .null: return "nothing"
        case .list(let items): return "a list of \(items.count) \(items.count == 1 ? "entry" : "entries")"
        case .map, .object: return "a set of fields"
        case .bool(let b): return "'\(b)'"
        default: return "'\(ValueFormatter.text(v))'"
        }
    }

    /// An entry of a list left empty (`- ` with nothing after it, `null` in JSON); `entry` names
    /// it ("entry 2 of Headships").
    static func emptyEntry(_ entry: String, path: String) -> RecordIssue {
        RecordIssue(.error, "record.null-item", path: path, "\(entry) is empty; give its value or remove the entry")
    }

    /// A field the schema does not know: kept, with the closest known name.
    /// `container`: nil at the top of the record, else how the mapping is named.
    static func unknownField(_ name: String, in container: String?, path: String, suggestion: String?) -> RecordIssue {
        RecordIssue(
            .warning, "record.unknown-field", path: path,
            "'\(name)' is not a field of \(container.map { $0.lowercasedFirstWord() } ?? "this record"); it is kept, but no rule reads it",
            suggestion: suggestion)
    }

    /// The schema's `min`, `max` and `min_items` for a value that is otherwise well typed.
    static func violation(of field: FieldDeclaration, _ v: Value, path: String) -> RecordIssue? {
        switch v {
        case .int, .decimal:
            let d = v.asDouble!
            guard (field.minimum.map { d < $0 } ?? false) || (field.maximum.map { d > $0 } ?? false) else { return nil }
            let bounds: String
            switch (field.minimum, field.maximum) {
            case let (l?, h?): bounds = "between \(ValueFormatter.number(l)) and \(ValueFormatter.number(h))"
            case let (l?, nil): bounds = "at least \(ValueFormatter.number(l))"
            case let (nil, h?): bounds = "at most \(ValueFormatter.number(h))"
            default: return nil
            }
            return RecordIssue(
                .error, "record.out-of-range", path: path,
                "\(field.displayName) must be \(bounds); \(ValueFormatter.text(v)) is not")
        case .list(let items):
            guard let min = field.minItems, items.count < min else { return nil }
            return RecordIssue(
                .error, "record.too-few-items", path: path,
                "\(field.displayName) needs at least \(min) \(min == 1 ? "entry" : "entries"); \(items.count == 0 ? "none is" : items.count == 1 ? "1 is" : "\(items.count) are") given"
            )
        default:
            return nil
        }
    }

    /// This issue placed at `range` (a YAML node's), with `hint`.
    func at(_ range: SourceRange?, hint: String? = nil) -> RecordIssue {
        var i = self
        i.file = range?.file
        i.line = range?.start.line
        i.column = range?.start.column
        i.hint = hint
        return i
    }
}
