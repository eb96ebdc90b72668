/// A problem found in a rule, schema or record file, located precisely enough
/// for a policy officer to go straight to it.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    /// A related place, printed after the main message ("'start' is declared here").
    public struct Note: Sendable, Hashable {
        public var message: String
        public var range: SourceRange?
        public init(_ message: String, at range: SourceRange? = nil) {
            self.message = message
            self.range = range
        }
    }

    /// Stable identifier such as `check.unknown-field`; documented in docs/diagnostics.md.
    public var id: String
    public var severity: Severity
    public var message: String
    public var range: SourceRange?
    public var notes: [Note]
    /// A replacement the author probably meant ("did you mean `leadership_management`?").
    public var suggestion: String?

    public init(
        _ severity: Severity, _ id: String, _ message: String, at range: SourceRange?,
        notes: [Note] = [], suggestion: String? = nil
    ) {
        self.id = id
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
        self.suggestion = suggestion
    }

    public static func error(
        _ id: String, _ message: String, at range: SourceRange?,
        notes: [Note] = [], suggestion: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, id, message, at: range, notes: notes, suggestion: suggestion)
    }

    public static func warning(
        _ id: String, _ message: String, at range: SourceRange?,
        notes: [Note] = [], suggestion: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, id, message, at: range, notes: notes, suggestion: suggestion)
    }
}

extension Diagnostic: Comparable {
    /// Sorted by file, then position, so output is deterministic and reads top to bottom.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        let fa = a.range?.file ?? "", fb = b.range?.file ?? ""
        if fa != fb { return fa < fb }
        let pa = a.range?.start ?? SourcePosition(line: 0, column: 0)
        let pb = b.range?.start ?? SourcePosition(line: 0, column: 0)
        if pa != pb { return pa < pb }
        return a.message < b.message
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
