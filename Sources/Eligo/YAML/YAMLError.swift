/// A problem that stopped a YAML document (or the whole stream) from loading.
///
/// Kept separate from `Diagnostic` so the loader stays independent of how
/// diagnostics are collected; `diagnostic` converts when reporting.
public struct YAMLError: Error, Sendable, Hashable {
    /// Stable identifier, documented in docs/diagnostics.md:
    /// `yaml.syntax`, `yaml.duplicate-key`, `yaml.too-deep`, `yaml.alias-bomb`,
    /// `yaml.too-large`, `yaml.scalar-too-large`, `yaml.invalid-utf8`, `yaml.unknown-alias`.
    public var id: String
    /// Plain English, in the compiler's voice ("mapping has a duplicate key 'urn'").
    public var message: String
    public var range: SourceRange
    /// Related places, such as the first occurrence of a duplicated key.
    public var notes: [Diagnostic.Note]
    /// What to do about it, in plain words ("YAML indents with spaces, never tabs: …").
    public var hint: String?
    /// The text of the line the error points at, for showing it with a caret.
    public var sourceLine: String?

    public init(
        id: String, message: String, range: SourceRange, notes: [Diagnostic.Note] = [], hint: String? = nil,
        sourceLine: String? = nil
    ) {
        self.id = id
        self.message = message
        self.range = range
        self.notes = notes
        self.hint = hint
        self.sourceLine = sourceLine
    }

    /// The error as a diagnostic, ready to be reported with the others.
    public var diagnostic: Diagnostic {
        .error(id, message, at: range, notes: notes + (hint.map { [Diagnostic.Note("hint: " + $0)] } ?? []))
    }
}

/// The documents of one YAML stream (file), in order.
public struct YAMLStream: Sendable {
    /// One entry per document, in order. A syntax (or cap) error ends the stream with a final .failure;
    /// a duplicate key (or unknown alias) fails only its own document and parsing goes on with the next document.
    ///
    /// A stream-ending error met inside a document replaces that document's entry,
    /// so each document still has at most one entry. An empty input, or one with only
    /// comments, has no documents.
    public var documents: [Result<YAMLNode, YAMLError>]
    /// Errors that did not fail their document (duplicate keys, with
    /// `YAMLLimits.keepDocumentsWithDuplicateKeys`).
    public var keptErrors: [YAMLError] = []

    public init(documents: [Result<YAMLNode, YAMLError>], keptErrors: [YAMLError] = []) {
        self.documents = documents
        self.keptErrors = keptErrors
    }

    /// Every error in the stream, in order.
    public var errors: [YAMLError] {
        documents.compactMap { result in
            if case .failure(let error) = result { return error }
            return nil
        }
    }
}
