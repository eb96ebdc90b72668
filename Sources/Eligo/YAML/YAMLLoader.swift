import CLibYAML

/// Loads YAML text into `YAMLNode` trees with exact source ranges.
///
/// Built on libyaml's event API (not its document API) so that we build the tree
/// ourselves: with our own limits, without recursion, and with positions that count
/// characters the way an editor does. This is the only file that imports libyaml.
public enum YAMLLoader {
    /// Loads every document of a YAML stream. Never throws or crashes: problems come
    /// back as `.failure` entries (see `YAMLStream.documents` for the rules).
    public static func load(bytes: [UInt8], path: String, limits: YAMLLimits = YAMLLimits()) -> YAMLStream {
        if bytes.count > limits.maxInputBytes { return YAMLStream(documents: [.failure(tooLarge("file", path, 1, limits))]) }
        return load(bytes: bytes[...], path: path, firstLine: 1, limits: limits)
    }

    /// `yaml.too-large`: input refused before any parsing.
    static func tooLarge(_ what: String, _ path: String, _ line: Int, _ limits: YAMLLimits) -> YAMLError {
        // A file may have been read only up to one byte past the limit (`FileSystem.read`), so its
        // whole size is not known: the limit is what the message can say for sure.
        YAMLError(
            id: "yaml.too-large",
            message: "\(what) is larger than the limit of \(ByteCount.words(limits.maxInputBytes))"
                + (what == "file" ? "; eligo reads no further" : "; eligo skipped it"),
            range: SourceRange(file: path, at: SourcePosition(line: line, column: 1)))
    }

    /// Loads the bytes of one part of a file (a document found by YAMLDocumentSplitter) that
    /// starts on `firstLine`: positions are the file's.
    public static func load(
        bytes: ArraySlice<UInt8>, path: String, firstLine: Int,
        limits: YAMLLimits = YAMLLimits()
    ) -> YAMLStream {
        if bytes.count > limits.maxInputBytes {
            return YAMLStream(documents: [.failure(tooLarge("document", path, firstLine, limits))])
        }
        // A UTF-8 byte order mark is allowed at the start; positions are counted after it.
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes
        let map: YAMLSourceMap
        switch YAMLSourceMap.make(body, file: path, firstLine: firstLine) {
        case .success(let made): map = made
        case .failure(let error): return YAMLStream(documents: [.failure(error)])
        }

        let first = parse(body, map: map, shifts: [], limits: limits)
        // JSON's surrogate pairs, which libyaml refuses: read again with YAML's escape for each
        // (see YAMLSurrogatePairs.swift).
        if first.refusedSurrogate, let rewritten = YAMLSurrogatePairs.rewrite(body) {
            return parse(rewritten.bytes[...], map: map, shifts: rewritten.shifts, limits: limits).stream
        }
        return first.stream
    }

    /// Parses `body` (whose positions `map` gives; `shifts` are the rewrites made to it, see
    /// `YAMLSurrogatePairs`), and says whether libyaml refused a surrogate escape.
    private static func parse(
        _ body: ArraySlice<UInt8>, map: YAMLSourceMap, shifts: [Int],
        limits: YAMLLimits
    ) -> (stream: YAMLStream, refusedSurrogate: Bool) {
        let parser = LibYAMLEventParser(input: body, map: map, shifts: shifts, maxScalarBytes: limits.maxScalarBytes)
        var builder = YAMLTreeBuilder(limits: limits)
        var documents: [Result<YAMLNode, YAMLError>] = []
        do throws(YAMLError) {
            while true {
                let event = try parser.next()
                if case .streamEnd = event.kind { break }
                if let document = try builder.handle(event) {
                    documents.append(document)
                }
            }
        } catch {
            documents.append(.failure(error))
        }
        return (YAMLStream(documents: documents, keptErrors: builder.keptErrors), parser.refusedSurrogate)
    }

    /// Convenience for text already in memory (tests, inline rule snippets).
    public static func load(text: String, path: String, limits: YAMLLimits = YAMLLimits()) -> YAMLStream {
        load(bytes: Array(text.utf8), path: path, limits: limits)
    }
}

/// Owns one libyaml parser and the input it reads.
///
/// A class, heap-allocated, because `yaml_parser_set_input_string` makes the parser
/// keep pointers into itself and into the input: neither may move while parsing,
/// and both must be freed exactly once (`deinit`).
private final class LibYAMLEventParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let map: YAMLSourceMap
    private let maxScalarBytes: Int
    private let initialized: Bool
    /// Set once libyaml has reported an error or the end of the stream: libyaml
    /// must not be asked for more events after that.
    private var finished = false
    /// The 0-based line of the last mark converted, to speed up the next lookup.
    private var lineHint = 0
    /// Where the input was made shorter than the source (see `YAMLSurrogatePairs.rewrite`).
    private let shifts: [Int]
    /// Whether libyaml stopped at a `\u` escape of a UTF-16 surrogate.
    private(set) var refusedSurrogate = false

    init(input bytes: ArraySlice<UInt8>, map: YAMLSourceMap, shifts: [Int], maxScalarBytes: Int) {
        self.map = map
        self.shifts = shifts
        self.maxScalarBytes = maxScalarBytes
        // Never allocate zero bytes, so the pointer handed to libyaml is always valid.
        input = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        initialized = yaml_parser_initialize(parser) != 0
        if initialized {
            yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        }
    }

    deinit {
        if initialized { yaml_parser_delete(parser) }
        parser.deallocate()
        event.deallocate()
        input.deallocate()
    }

    /// The next event, or the error libyaml (or the scalar cap) reports.
    func next() throws(YAMLError) -> YAMLEvent {
        let start = SourceRange(file: map.file, at: map.start)
        guard initialized else {
            throw YAMLError(id: "yaml.syntax", message: "could not start the YAML parser (out of memory)", range: start)
        }
        // Defensive: the loader itself stops at the stream end or the first error.
        if finished { return YAMLEvent(kind: .streamEnd, range: start) }
        guard yaml_parser_parse(parser, event) != 0 else {
            finished = true
            throw syntaxError()
        }
        defer { yaml_event_delete(event) }
        let e = event.pointee
        let range = map.range(fromCharacter: source(e.start_mark.index), toCharacter: source(e.end_mark.index), hint: &lineHint)
        let kind: YAMLEvent.Kind
        switch e.type {
        case YAML_STREAM_START_EVENT:
            kind = .streamStart
        case YAML_STREAM_END_EVENT:
            finished = true
            kind = .streamEnd
        case YAML_DOCUMENT_START_EVENT:
            kind = .documentStart
        case YAML_DOCUMENT_END_EVENT:
            kind = .documentEnd
        case YAML_ALIAS_EVENT:
            kind = .alias(anchor: Self.string(e.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let scalar = e.data.scalar
            if scalar.length > maxScalarBytes {
                finished = true
                throw YAMLError(
                    id: "yaml.scalar-too-large",
                    message: "scalar is \(scalar.length) bytes, larger than the limit of \(maxScalarBytes) bytes",
                    range: SourceRange(file: map.file, at: range.start))
            }
            let text =
                scalar.value.map {
                    String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self)
                } ?? ""
            // libyaml sets `tag` only when the author wrote one (`!!str`, `!x`, or the
            // non-specific `!`); the implicit flags say how to resolve an untagged
            // scalar, which is the schema's business, not ours.
            kind = .scalar(
                text, Self.style(scalar.style), anchor: Self.string(scalar.anchor),
                tag: Self.tag(scalar.tag))
        case YAML_SEQUENCE_START_EVENT:
            let start = e.data.sequence_start
            kind = .sequenceStart(
                anchor: Self.string(start.anchor), tag: Self.tag(start.tag),
                isFlow: start.style == YAML_FLOW_SEQUENCE_STYLE)
        case YAML_SEQUENCE_END_EVENT:
            kind = .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let start = e.data.mapping_start
            kind = .mappingStart(
                anchor: Self.string(start.anchor), tag: Self.tag(start.tag),
                isFlow: start.style == YAML_FLOW_MAPPING_STYLE)
        case YAML_MAPPING_END_EVENT:
            kind = .mappingEnd
        default:
            // YAML_NO_EVENT: not produced by a successful parse.
            finished = true
            throw YAMLError(id: "yaml.syntax", message: "the YAML parser stopped unexpectedly", range: range)
        }
        return YAMLEvent(kind: kind, range: range)
    }

    /// Converts libyaml's error state into a `yaml.syntax` error.
    private func syntaxError() -> YAMLError {
        let p = parser.pointee
        let problem = Self.cString(p.problem) ?? "invalid YAML"
        if p.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset rather than a mark. UTF-8 was validated
            // already, so this is a forbidden character such as a control character.
            var message = problem
            if p.problem_value >= 0 {  // -1 means "no character"
                message += " (found U+" + Self.hex4(UInt32(p.problem_value)) + ")"
            }
            let at = map.position(ofByte: source(p.problem_offset))
            return YAMLError(
                id: "yaml.syntax", message: message, range: SourceRange(file: map.file, at: at),
                sourceLine: map.lineText(at.line))
        }
        if p.error == YAML_MEMORY_ERROR {
            return YAMLError(
                id: "yaml.syntax", message: "ran out of memory while parsing YAML",
                range: SourceRange(file: map.file, at: map.start))
        }
        let problemAt = map.position(ofCharacter: source(p.problem_mark.index))
        var message = problem
        if problem == "found invalid Unicode character escape code" { refusedSurrogate = true }
        // libyaml's mark is at the escape's hex digits: the message points at its backslash.
        if problem == "found invalid Unicode character escape code", problemAt.column > 2,
            case let at = SourcePosition(line: problemAt.line, column: problemAt.column - 2), let half = surrogateEscape(at: at)
        {
            return YAMLError(
                id: "yaml.syntax", message: YAMLSurrogatePairs.halfPairMessage(half),
                range: SourceRange(file: map.file, at: at), sourceLine: map.lineText(at.line))
        }
        var notes: [Diagnostic.Note] = []
        if let context = Self.cString(p.context) {
            // libyaml phrases these to be joined: "did not find expected key" +
            // "while parsing a block mapping".
            message += " " + context
            let contextAt = map.position(ofCharacter: source(p.context_mark.index))
            if contextAt != problemAt, let subject = Self.subject(ofContext: context) {
                notes.append(Diagnostic.Note("\(subject) starts here", at: SourceRange(file: map.file, at: contextAt)))
            }
        }
        let explained = YAMLSyntaxHint.explain(problem: problem, at: problemAt, line: { map.lineText($0) })
        if explained.position.line != problemAt.line {
            notes.append(
                Diagnostic.Note(
                    "noticed on line \(problemAt.line), where the next line no longer fits",
                    at: SourceRange(file: map.file, at: problemAt)))
        }
        return YAMLError(
            id: "yaml.syntax", message: message, range: SourceRange(file: map.file, at: explained.position),
            notes: notes, hint: explained.hint, sourceLine: map.lineText(explained.position.line))
    }

    /// The index in the source of an index into the (perhaps rewritten) input.
    private func source(_ index: Int) -> Int {
        guard !shifts.isEmpty else { return index }
        var low = 0, high = shifts.count
        while low < high {
            let mid = (low + high) / 2
            if shifts[mid] <= index { low = mid + 1 } else { high = mid }
        }
        return index + 2 * low
    }

    /// The `\uD83D` escape of a surrogate written at `position`, if that is what is there.
    private func surrogateEscape(at position: SourcePosition) -> String? {
        guard let line = map.lineText(position.line) else { return nil }
        let rest = Array(line.unicodeScalars.dropFirst(position.column - 1).prefix(6).map(Character.init))
        guard rest.count == 6, rest[0] == "\\", rest[1] == "u", let code = Int(String(rest[2...]), radix: 16),
            (0xD800..<0xE000).contains(code)
        else { return nil }
        return String(rest)
    }

    /// "while parsing a block mapping" → "the block mapping"; nil when the context
    /// does not name a construct.
    private static func subject(ofContext context: String) -> String? {
        for prefix in ["while parsing ", "while scanning "] where context.hasPrefix(prefix) {
            let rest = context.dropFirst(prefix.count)
            if rest.hasPrefix("a ") { return "the " + rest.dropFirst(2) }
            if rest.hasPrefix("an ") { return "the " + rest.dropFirst(3) }
        }
        return nil
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLNode.ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    /// libyaml resolves `!!str` to `tag:yaml.org,2002:str`; give it back in the short
    /// form authors write. Local tags (`!custom`) come through unchanged; tags from
    /// `%TAG` directives or verbatim `!<...>` stay as full URIs.
    private static func tag(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let tag = string(pointer) else { return nil }
        let core = "tag:yaml.org,2002:"
        return tag.hasPrefix(core) ? "!!" + tag.dropFirst(core.count) : tag
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(decoding: UnsafeBufferPointer(start: $0, count: length(of: $0)), as: UTF8.self) }
    }

    private static func cString(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self) }
    }

    private static func length(of pointer: UnsafeMutablePointer<yaml_char_t>) -> Int {
        var n = 0
        while pointer[n] != 0 { n += 1 }
        return n
    }

    private static func hex4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
