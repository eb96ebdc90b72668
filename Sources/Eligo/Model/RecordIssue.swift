/// A problem with one input record (a bad date, a missing field, an unknown
/// field): part of that record's report, never a reason to stop the batch.
public struct RecordIssue: Sendable, Equatable {
    /// The same severities as a diagnostic's (a record issue is never a note).
    public typealias Severity = Diagnostic.Severity
    public var severity: Severity
    public var id: String
    /// The record path, `schools[0].ofsted.inspection_date`, or "" for the whole record.
    public var path: String
    public var message: String
    public var file: String?
    /// 1-based; for CSV input the line is the row number.
    public var line: Int?
    public var column: Int?
    /// For CSV input: the column's header, so a reviewer can find the cell.
    public var columnName: String?
    public var suggestion: String?
    /// What to do about it, in plain words (a YAML syntax error's "replace the tab with spaces").
    public var hint: String?
    /// The text of the line the issue points at, shown with a caret under `column`.
    public var sourceLine: String?

    public init(
        _ severity: Severity, _ id: String, path: String, _ message: String, at range: SourceRange? = nil,
        suggestion: String? = nil
    ) {
        self.severity = severity
        self.id = id
        self.path = path
        self.message = message
        self.file = range?.file
        self.line = range?.start.line
        self.column = range?.start.column
        self.suggestion = suggestion
    }

    /// The line it points at with a caret under the column, then the hint: the lines shown
    /// under `located` (none when there is neither).
    public var excerpt: [String] {
        var out: [String] = []
        if let sourceLine, let column {
            let shown = String(sourceLine.map { $0 == "\t" ? " " : $0 })
            out.append("| " + shown)
            out.append("| " + String(repeating: " ", count: max(0, column - 1)) + "^")
        }
        if let hint { out.append("hint: " + hint) }
        return out
    }

    /// `file:line:column: path: message`, for standard error and text reports.
    public var located: String {
        var where_ = ""
        if let file { where_ += file + ":" }
        if let line { where_ += "\(line):" }
        if let column { where_ += "\(column):" }
        if let columnName { where_ += " column '\(columnName)':" }
        let subject = path.isEmpty ? "" : "\(path): "
        let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
        return (where_.isEmpty ? "" : where_ + " ") + subject + message + hint
    }
}

extension RecordIssue {
    /// A record whose own `kind` is present and is not the kind being screened: it is not
    /// decided (under another kind's rules it would be decided wrongly). `written` is the
    /// value as the record gives it, read as no schema types it (text, a flag, a list...), so
    /// every reader of `screen` words it alike: a number written bare in JSON (`5`) and the
    /// same in YAML or a CSV cell are all '5'.
    static func wrongKind(_ written: Value, screened: String, known: [String], at range: SourceRange?) -> RecordIssue {
        let text: String?
        switch written {
        case .string(let s): text = s
        case .bool(let b): text = String(b)
        default: text = nil
        }
        return RecordIssue(
            .error, "record.wrong-kind", path: "kind",
            "this record's kind is \(found(written)), but '\(screened)' records are being screened; it is not decided",
            at: range, suggestion: text.flatMap { t in Suggestion.closestKind(to: t, in: known.filter { $0 != t }) })
    }
}
