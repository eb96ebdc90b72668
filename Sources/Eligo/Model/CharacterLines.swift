/// A file's lines as arrays of Characters, each converted on first use: the
/// expression positions need Characters, but only for the few lines that hold
/// multi-line or quoted expressions, and converting a whole file is costly.
final class CharacterLines {
    private let source: SourceFile
    private var cache: [Int: [Character]] = [:]

    init(_ source: SourceFile) { self.source = source }

    var count: Int { source.lines.count }

    /// The 0-based line `i`.
    subscript(i: Int) -> [Character] {
        if let done = cache[i] { return done }
        let chars = Array(source.lines[i])
        cache[i] = chars
        return chars
    }
}
