/// Turns offsets into 1-based line and column positions for one YAML input.
///
/// libyaml's marks carry a 0-based line and column, and an `index` that counts
/// Unicode scalars (characters), not bytes. We deliberately ignore libyaml's line
/// and column and derive positions from `index` instead: libyaml follows YAML 1.1
/// and also breaks lines at a lone CR, NEL (U+0085), LS (U+2028) and PS (U+2029),
/// which editors and `SourceFile` do not. Here a line ends only at "\n" ("\r\n"
/// leaves the "\r" as the line's last character), and columns count Unicode
/// scalars, so positions agree with `SourceFile.lines` and with what an editor shows.
struct YAMLSourceMap {
    let file: String
    /// The line of the whole file on which these bytes start: a document of a stream is
    /// parsed on its own (see YAMLDocumentSplitter.swift), but its positions are the file's.
    let firstLine: Int
    /// The input the offsets refer to (after any BOM was removed).
    private let bytes: ArraySlice<UInt8>
    /// Character index at which each line starts; element 0 is line 1.
    private var lineStartCharacters: [Int] = [0]
    /// Byte offset (from `bytes.startIndex`) at which each line starts.
    private var lineStartBytes: [Int] = [0]

    /// Validates that `bytes` is well-formed UTF-8 while recording line starts.
    /// On failure the error points at the first byte of the first ill-formed sequence.
    static func make(_ bytes: ArraySlice<UInt8>, file: String, firstLine: Int = 1) -> Result<YAMLSourceMap, YAMLError> {
        var map = YAMLSourceMap(file: file, firstLine: firstLine, bytes: bytes)
        let failure: (offset: Int, character: Int, lead: UInt8)? = bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            var character = 0
            let count = buffer.count
            while i < count {
                let b = buffer[i]
                if b < 0x80 {
                    i += 1
                    character += 1
                    if b == 0x0A {
                        map.lineStartCharacters.append(character)
                        map.lineStartBytes.append(i)
                    }
                    continue
                }
                let length = ByteScan.wellFormedSequenceLength(buffer, at: i)
                if length == 0 { return (i, character, b) }
                i += length
                character += 1
            }
            return nil
        }
        if let failure {
            let line = map.lineStartBytes.count
            let column = failure.character - map.lineStartCharacters[line - 1] + 1
            let what = ByteScan.invalidUTF8Description(lead: failure.lead)
            return .failure(
                YAMLError(
                    id: "yaml.invalid-utf8",
                    message: "file is not valid UTF-8: found \(what)",
                    range: SourceRange(file: file, at: SourcePosition(line: line + firstLine - 1, column: column))))
        }
        return .success(map)
    }

    private init(file: String, firstLine: Int, bytes: ArraySlice<UInt8>) {
        self.file = file
        self.firstLine = firstLine
        self.bytes = bytes
    }

    /// Where these bytes start in the file.
    var start: SourcePosition { SourcePosition(line: firstLine, column: 1) }

    /// The text of a line of the file (1-based), without its line break; nil outside these bytes.
    func lineText(_ fileLine: Int) -> String? {
        let line = fileLine - firstLine + 1
        guard line >= 1, line <= lineStartBytes.count else { return nil }
        let start = bytes.startIndex + lineStartBytes[line - 1]
        var end = line < lineStartBytes.count ? bytes.startIndex + lineStartBytes[line] - 1 : bytes.endIndex
        if end > start, bytes[end - 1] == 13 { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The position of the character with the given 0-based index (libyaml's `mark.index`).
    func position(ofCharacter index: Int) -> SourcePosition {
        var hint = 0
        return position(ofCharacter: index, hint: &hint)
    }

    /// Same, starting from the 0-based line found last time: events arrive in
    /// (nearly) source order, so the answer is almost always that line or the next.
    func position(ofCharacter index: Int, hint: inout Int) -> SourcePosition {
        let starts = lineStartCharacters
        var line = min(max(hint, 0), starts.count - 1)
        if starts[line] <= index && (line + 1 == starts.count || index < starts[line + 1]) {
            // Same line as last time.
        } else if line + 1 < starts.count && starts[line + 1] <= index
            && (line + 2 == starts.count || index < starts[line + 2])
        {
            line += 1
        } else {
            line = Self.lastIndex(notAbove: index, in: starts)
        }
        hint = line
        return SourcePosition(line: line + firstLine, column: index - starts[line] + 1)
    }

    /// The position of the character starting at a 0-based byte offset
    /// (libyaml's `problem_offset` for reader errors).
    func position(ofByte offset: Int) -> SourcePosition {
        let offset = min(max(offset, 0), bytes.count)
        let line = Self.lastIndex(notAbove: offset, in: lineStartBytes)
        var column = 1
        var i = bytes.startIndex + lineStartBytes[line]
        let end = bytes.startIndex + offset
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourcePosition(line: line + firstLine, column: column)
    }

    func range(fromCharacter start: Int, toCharacter end: Int, hint: inout Int) -> SourceRange {
        let from = position(ofCharacter: start, hint: &hint)
        return SourceRange(file: file, start: from, end: position(ofCharacter: max(start, end), hint: &hint))
    }

    /// Binary search: the last index whose element is <= value (element 0 is always 0).
    private static func lastIndex(notAbove value: Int, in starts: [Int]) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= value { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
