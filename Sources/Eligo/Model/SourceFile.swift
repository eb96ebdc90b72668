/// The text of one input file, kept so diagnostics can quote the offending line.
public struct SourceFile: Sendable {
    public let path: String
    public let text: String
    /// The file's lines without their terminators, in order; index 0 is line 1.
    public let lines: [Substring]

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        // Split on the UTF-8 bytes: much faster than splitting Characters.
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            if utf8[i] == 10 {
                var end = i
                if end > start, utf8[utf8.index(before: end)] == 13 { end = utf8.index(before: end) }
                lines.append(text[start..<end])
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        lines.append(text[start..<utf8.endIndex])
        self.lines = lines
    }

    /// The text of a file read from disk. A file longer than `limit` is refused at line 1 by its
    /// reader (`yaml.too-large`), so only its first 4 KiB are kept to quote there: a source without
    /// end (`/dev/zero`) is then neither decoded nor split into lines whole.
    public init(path: String, bytes: [UInt8], limit: Int) {
        let kept = bytes.count > limit ? bytes.prefix(4096) : bytes[...]
        self.init(path: path, text: String(decoding: kept, as: UTF8.self))
    }

    /// The text of a 1-based line, or nil when out of range.
    public func line(_ number: Int) -> Substring? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }
}
