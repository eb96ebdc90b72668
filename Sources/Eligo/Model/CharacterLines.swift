/// A file's lines as arrays of Characters, each converted on first use: the
/// expression positions need Characters, but only for the few lines that hold
/// multi-line or quoted expressions, and converting a whole file is costly.
/// An ASCII line is also had as its bytes, which are cheaper still.
final class CharacterLines {
    private let source: SourceFile
    private var cache: [Int: [Character]] = [:]

    init(_ source: SourceFile) { self.source = source }

    var count: Int { source.lines.count }

    /// The 0-based line `i` as bytes when it is ASCII (each byte then one character); nil otherwise.
    func ascii(_ i: Int) -> [UInt8]? {
        let bytes = Array(source.lines[i].utf8)
        return bytes.allSatisfy { $0 < 0x80 } ? bytes : nil
    }

    /// The 0-based line `i`.
    subscript(i: Int) -> [Character] {
        if let done = cache[i] { return done }
        let chars = Array(source.lines[i])
        cache[i] = chars
        return chars
    }
}
