/// Caps applied while loading YAML.
///
/// Rule, schema and record files may come from people we do not control, so the
/// loader refuses input that would make it (or anything walking its output) use
/// unbounded time or memory: huge files, huge scalars, pathological nesting and
/// alias "billion laughs" bombs. Each cap produces its own diagnostic id.
public struct YAMLLimits: Sendable {
    /// Largest input accepted, in bytes (including any BOM); larger input is
    /// rejected with `yaml.too-large` before any parsing.
    public var maxInputBytes: Int
    /// Largest single scalar, in bytes of its (unescaped) UTF-8 value; exceeding it
    /// gives `yaml.scalar-too-large` at the scalar.
    public var maxScalarBytes: Int
    /// Deepest nesting of sequences and mappings (a top-level collection is depth 1);
    /// exceeding it gives `yaml.too-deep`. Keeps every later recursive walk safe.
    public var maxDepth: Int
    /// Most nodes that expanding aliases may copy in one document; exceeding it
    /// gives `yaml.alias-bomb`. Stops exponential "billion laughs" documents.
    public var maxAliasExpansion: Int
    /// When true, a duplicate key does not fail its document: the error goes to
    /// `YAMLStream.keptErrors` and the document loads (the first value wins), so
    /// a linter can report the rest of the file's problems too.
    public var keepDocumentsWithDuplicateKeys: Bool

    public init(
        maxInputBytes: Int = 64 * 1024 * 1024,
        maxScalarBytes: Int = 1 * 1024 * 1024,
        maxDepth: Int = 256,
        maxAliasExpansion: Int = 100_000,
        keepDocumentsWithDuplicateKeys: Bool = false
    ) {
        self.maxInputBytes = maxInputBytes
        self.maxScalarBytes = maxScalarBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.keepDocumentsWithDuplicateKeys = keepDocumentsWithDuplicateKeys
    }
}
