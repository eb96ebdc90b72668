#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one JSON document straight into a schema-typed record, byte by byte.
///
/// Measured on this machine, Foundation's JSON runs at ~25 MB/s; a purpose-built
/// reader that types values as it goes is several times faster, which is what
/// batch screening needs. Scalars are typed by the schema exactly as YAML
/// records are (`ScalarTyping`), so JSON, CSV and YAML input decide alike.
struct JSONRecordReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0
    private var depth = 0
    private(set) var issues: [RecordIssue] = []
    /// A field written twice in one mapping (the YAML loader refuses that; `JSONBodyChecker` then
    /// leaves the record to it). Batch screening keeps the last value, as before.
    private(set) var sawDuplicateKey = false
    /// The values of every top-level `kind` written, in order (usually one).
    private(set) var rootKinds: [Value] = []
    private let line: Int
    private let file: String?
    /// Where the reader is in the record, as plain numbers: a field's slot, or a list index as
    /// `-1 - index`. It is rendered to a path, from the plan reading started at, only when a
    /// problem needs one. It lives in room on the machine stack that `record` and `value` make
    /// (`withPathRoom`), so going into and out of a field, which happens at every field, is a
    /// store and a count.
    private var stack: UnsafeMutablePointer<Int>?
    private var stackCount = 0
    private var basePath = ""
    /// The plan of what reading started at: a whole record, or one field (JSON text in a CSV cell).
    private var startObject: Borrowed<ObjectPlan>?
    private var startField: Borrowed<FieldPlan>?

    private func path(adding name: String? = nil) -> String {
        var out = basePath
        var field = startField?.object
        var object = startObject?.object ?? field?.object
        for part in UnsafeBufferPointer(start: stack, count: stack == nil ? 0 : min(stackCount, JSONRecordReader.stackRoom)) {
            if part >= 0, let o = object {
                let n = o.type.fields[part].name
                out += out.isEmpty ? n : "." + n
                field = o.fields[part]
            } else {
                out += "[\(-1 - part)]"
                field = field?.element
            }
            object = field?.object
        }
        if let name { out += out.isEmpty ? name : "." + name }
        return out
    }
    /// How messages name the place `path()` spells, as the YAML typer does: the last field's
    /// label, inside "entry 2 of …" for each list index after it ("entry 1 of Headships").
    private func what() -> String {
        var field = startField?.object
        var object = startObject?.object ?? field?.object
        var label = field?.declaration?.displayName
        var entries: [Int] = []
        for part in UnsafeBufferPointer(start: stack, count: stack == nil ? 0 : min(stackCount, JSONRecordReader.stackRoom)) {
            if part >= 0, let o = object {
                label = o.type.fields[part].displayName
                entries = []
                field = o.fields[part]
            } else {
                entries.append(-1 - part)
                field = field?.element
            }
            object = field?.object
        }
        return entries.reduce(label ?? "The record") { "entry \($1 + 1) of \($0)" }
    }

    private static let maxDepth = 64
    /// Each level of nesting adds one part (a field or an index), so 64 levels need 64 parts;
    /// 128 of 8 bytes is the most `withUnsafeTemporaryAllocation` keeps on the stack (above
    /// 1,024 bytes it calls the allocator, ~600 instructions a record).
    private static let stackRoom = 128

    @inline(__always)
    private mutating func push(_ part: Int) {
        if let stack, stackCount < JSONRecordReader.stackRoom { stack[stackCount] = part }
        stackCount += 1
    }

    private mutating func pop() { stackCount -= 1 }

    /// Runs `body` with room for the path stack.
    private mutating func withPathRoom<R>(_ body: (inout JSONRecordReader) throws(SyntaxError) -> R) throws(SyntaxError) -> R {
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: JSONRecordReader.stackRoom) { room throws(SyntaxError) -> R in
            stack = room.baseAddress
            defer { stack = nil; stackCount = 0 }
            return try body(&self)
        }
    }

    struct SyntaxError: Error {
        var message: String
        var offset: Int
    }

    /// The kind being screened and every kind the rules know (for did-you-mean): a record whose
    /// own `kind` is present and differs is not decided (`record.wrong-kind`). Nil: not checked.
    var screening: (kind: String, known: [String])?

    /// A `kind` other than the one screened (a string that differs, or any other value but null).
    private mutating func checkKind(_ v: Value, at offset: Int, _ screened: (kind: String, known: [String])) {
        if v.isNull || v == .string(screened.kind) { return }
        var i = RecordIssue.wrongKind(v, screened: screened.kind, known: screened.known, at: range(offset))
        i.file = file
        issues.append(i)
    }

    init(bytes: UnsafeBufferPointer<UInt8>, line: Int, file: String?) {
        self.bytes = bytes
        self.line = line
        self.file = file
    }

    /// Reads the whole text as one record of the plan's type.
    mutating func record(_ plan: ObjectPlan) throws(SyntaxError) -> Value {
        var record = Value.null
        try self.record(plan, into: &record)
        return record
    }

    /// Reads the whole text as one record of the plan's type into `record`, reusing the storage
    /// of the record already there (the last one a batch worker read) where it is the only owner:
    /// its mappings' slots and its lists are overwritten rather than freed and made again, which
    /// saves an allocation and a free for every mapping and list of every record.
    mutating func record(_ plan: ObjectPlan, into record: inout Value) throws(SyntaxError) {
        startObject = Borrowed(plan)
        try withPathRoom { reader throws(SyntaxError) in
            reader.skipSpace()
            try reader.object(plan, isRoot: true, into: &record)
            reader.skipSpace()
            if reader.at < reader.bytes.count { throw SyntaxError(message: "unexpected text after the end of the record", offset: reader.at) }
        }
    }

    /// Reads a JSON value typed as a field (JSON text inside a CSV cell) into `target`, reusing
    /// the mappings and lists already there as `record(_:into:)` does.
    mutating func value(_ field: FieldPlan, path: String, into target: inout Value) throws(SyntaxError) {
        basePath = path
        startField = Borrowed(field)
        try withPathRoom { reader throws(SyntaxError) in
            reader.skipSpace()
            try reader.typed(field, into: &target)
            reader.skipSpace()
            if reader.at < reader.bytes.count { throw SyntaxError(message: "unexpected text after the end of the value", offset: reader.at) }
        }
    }

    /// The string value of a top-level "id" key, for naming a record that could not be read.
    static func id(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let key = Array("\"id\"".utf8)
        guard bytes.count > key.count else { return nil }
        var i = 0
        while i + key.count < bytes.count {
            if bytes[i] == 34, (0..<key.count).allSatisfy({ bytes[i + $0] == key[$0] }) {
                var j = i + key.count
                while j < bytes.count, bytes[j] == 32 || bytes[j] == 58 { j += 1 }
                guard j < bytes.count, bytes[j] == 34 else { return nil }
                let start = j + 1
                var end = start
                while end < bytes.count, bytes[end] != 34, bytes[end] != 92 { end += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            }
            i += 1
        }
        return nil
    }

    // MARK: - Structure

    private mutating func skipSpace() {
        while at < bytes.count {
            switch bytes[at] {
            case 32, 9, 10, 13: at += 1
            default: return
            }
        }
    }

    @inline(__always)
    private mutating func expect(_ byte: UInt8, _ what: StaticString) throws(SyntaxError) {
        // The usual case, the byte right here, without a call.
        if at < bytes.count && bytes[at] == byte { at += 1; return }
        try expectAfterSpace(byte, what)
    }

    private mutating func expectAfterSpace(_ byte: UInt8, _ what: StaticString) throws(SyntaxError) {
        skipSpace()
        guard at < bytes.count, bytes[at] == byte else {
            throw SyntaxError(
                message: at < bytes.count
                    ? "expected \(what), found '\(Character(Unicode.Scalar(bytes[at])))'" : "expected \(what), found the end of the line", offset: at)
        }
        at += 1
    }

    private func range(_ offset: Int) -> SourceRange? {
        SourceRange(file: file ?? "", at: SourcePosition(line: line, column: offset + 1))
    }

    private mutating func issue(
        _ severity: RecordIssue.Severity, _ id: String, _ path: String, _ message: String,
        offset: Int, suggestion: String? = nil
    ) {
        var i = RecordIssue(severity, id, path: path, message, at: range(offset), suggestion: suggestion)
        i.file = file
        issues.append(i)
    }

    /// One of the shared record issues (`RecordIssueWords`), placed at `offset`.
    private mutating func issue(_ shared: RecordIssue, offset: Int) {
        var i = shared.at(range(offset))
        i.file = file
        issues.append(i)
    }

    private mutating func object(_ plan: ObjectPlan, isRoot: Bool = false, into target: inout Value) throws(SyntaxError) {
        let start = at
        try expect(123, "'{'")
        depth += 1
        defer { depth -= 1 }
        if depth > JSONRecordReader.maxDepth { throw SyntaxError(message: "nesting deeper than \(JSONRecordReader.maxDepth) levels", offset: at) }
        // The slots of the mapping read last time in this place, when there is one of this plan: each
        // slot is overwritten by its field or emptied at the end (which fields were given is in `present`).
        var slots: [Value] = []
        var reused = false
        if case .object(var old) = target.take() {
            swap(&slots, &old.slots)
            reused = plan.fields.count <= 64 && slots.count == plan.fields.count
        }
        if !reused { slots = Value.nulls(plan.fields.count) }
        var keyIndex = 0
        // Which fields were written, as bits (a record kind has far fewer than 64 fields a level).
        var present: UInt64 = 0
        var extras: [ExtraField] = []
        skipSpace()
        if at < bytes.count, bytes[at] == 125 {
            at += 1
        } else {
            while true {
                skipSpace()
                let keyOffset = at
                defer { keyIndex += 1 }
                // The usual key, the field at this position, is matched where it stands; any other is read as a string and looked up.
                var found: Int?
                var key = QuotedText(range: at..<at, escaped: false)
                if let length = plan.quotedNameLength(at: at, in: bytes, slot: keyIndex) {
                    at += length
                    found = keyIndex
                } else {
                    key = try stringBytes()
                    if key.escaped {
                        // A key spelled with escapes (`"r\u006fle"`) names the field it decodes to.
                        found = Array(decodeString(key).utf8).withUnsafeBufferPointer { plan.slot($0, expected: keyIndex) }
                    } else {
                        found = plan.slot(UnsafeBufferPointer(rebasing: bytes[key.range]), expected: keyIndex)
                    }
                }
                try expect(58, "':' after the field name")
                skipSpace()
                if let slot = found {
                    if slot < 64 {
                        if present & (1 << UInt64(slot)) != 0 { sawDuplicateKey = true }
                        present |= 1 << UInt64(slot)
                    }
                    let valueOffset = at
                    push(slot)
                    try plan.withField(slot) { field throws(SyntaxError) in
                        try typed(field, into: &slots[slot])
                        if field.hasBounds, let problem = field.violation(slots[slot], path: path()) {
                            issue(problem, offset: valueOffset)
                            if problem.id == "record.out-of-range" { slots[slot] = .null }
                        }
                    }
                    pop()
                } else {
                    let name = decodeString(key)
                    let valueOffset = at
                    let v = try untyped()
                    if isRoot, name == "kind" {
                        rootKinds.append(v)
                        if let screened = screening { checkKind(v, at: valueOffset, screened) }
                    }
                    if !(isRoot && RecordTyper.envelopeFields.contains(name)) {
                        let fieldPath = path(adding: name)
                        issue(
                            RecordIssue.unknownField(
                                name, in: isRoot ? nil : what(), path: fieldPath,
                                suggestion: plan.type.closestField(to: name)), offset: keyOffset)
                        extras.append(ExtraField(name: name, value: v))
                    }
                }
                skipSpace()
                guard at < bytes.count else { throw SyntaxError(message: "the record ends inside a mapping; expected '}'", offset: at) }
                if bytes[at] == 44 { at += 1; continue }
                if bytes[at] == 125 { at += 1; break }
                throw SyntaxError(message: "expected ',' or '}' in a mapping", offset: at)
            }
        }
        if reused && present != (UInt64(1) << UInt64(plan.fields.count)) &- 1 {
            for i in slots.indices where present & (1 << UInt64(i)) == 0 { slots[i] = .null }
        }
        // A required field not written is an error; one written as null is a blank still to be
        // given, as in YAML. (Past the 64th field presence is not tracked: taken as blank.)
        for i in plan.requiredSlots where slots[i].isNull && i < 64 && present & (1 << UInt64(i)) == 0 {
            issue(RecordIssue.notWritten(plan.type.fields[i], path: path(adding: plan.type.fields[i].name)), offset: start)
        }
        target = .object(ObjectValue(slots: slots, extras: extras))
    }

    /// Reads a value of the field's type into `target`, reusing the mapping or list already there (see `record(_:into:)`).
    private mutating func typed(_ field: FieldPlan, into target: inout Value) throws(SyntaxError) {
        guard at < bytes.count else { throw SyntaxError(message: "expected a value, found the end of the line", offset: at) }
        let c = bytes[at]
        switch field.kind {
        case .object where c == 123:
            try object(field.object!, into: &target)
        case .list where c == 91:
            try list(into: &target) { reader, index, item throws(SyntaxError) in
                reader.push(-1 - index)
                defer { reader.pop() }
                let itemOffset = reader.at
                try reader.typed(field.element!, into: &item)
                if item.isNull, !reader.issues.contains(where: { $0.path == reader.path() }) {
                    reader.issue(RecordIssue.emptyEntry(reader.what(), path: reader.path()), offset: itemOffset)
                }
            }
        default:
            target = try typed(field)
        }
    }

    /// A value of the field's type, made anew.
    private mutating func typed(_ field: FieldPlan) throws(SyntaxError) -> Value {
        guard at < bytes.count else { throw SyntaxError(message: "expected a value, found the end of the line", offset: at) }
        let c = bytes[at]
        let offset = at
        if c == 110 { try literal("null"); return .null }
        switch field.kind {
        case .object:
            guard c == 123 else { return try mismatch(field, offset) }
            var v = Value.null
            try object(field.object!, into: &v)
            return v
        case .list:
            guard c == 91 else { return try mismatch(field, offset) }
            var v = Value.null
            try typed(field, into: &v)
            return v
        default:
            switch c {
            case 34:
                let text = try stringBytes()
                if field.kind == .string { return .string(decodeString(text)) }
                // Dates straight from the bytes: no string is made for the common case.
                if field.kind == .date, text.range.count == 10, let d = Day(isoBytes: UnsafeBufferPointer(rebasing: bytes[text.range])) {
                    return .date(d)
                }
                return scalar(decodeString(text), field, offset)
            case 116:
                try literal("true")
                return field.kind == .bool ? .bool(true) : scalar("true", field, offset)
            case 102:
                try literal("false")
                return field.kind == .bool ? .bool(false) : scalar("false", field, offset)
            case 45, 48...57:
                let start = at
                at += 1
                while at < bytes.count {
                    let d = bytes[at]
                    guard (d >= 48 && d <= 57) || d == 46 || d == 101 || d == 69 || d == 43 || d == 45 else { break }
                    at += 1
                }
                let text = UnsafeBufferPointer(rebasing: bytes[start..<at])
                if let v = ScalarBytes.number(text, as: field.kind) { return v }
                return scalar(String(decoding: text, as: UTF8.self), field, offset)
            default:
                return try mismatch(field, offset)
            }
        }
    }

    private mutating func scalar(_ text: String, _ field: FieldPlan, _ offset: Int) -> Value {
        switch ScalarTyping.value(text, as: field.type) {
        case .success(let v): return v
        case .failure(let e):
            issue(.error, "record.bad-value", path(), e.message, offset: offset, suggestion: e.suggestion)
            return .null
        }
    }

    private mutating func mismatch(_ field: FieldPlan, _ offset: Int) throws(SyntaxError) -> Value {
        let written = try untyped()
        issue(RecordIssue.wrongShape(what(), expected: field.type, found: RecordIssue.found(written), path: path()), offset: offset)
        return .null
    }

    /// A value no schema declares: kept as text, lists and tables.
    private mutating func untyped() throws(SyntaxError) -> Value {
        skipSpace()
        guard at < bytes.count else { throw SyntaxError(message: "expected a value, found the end of the line", offset: at) }
        switch bytes[at] {
        case 34: return .string(decodeString(try stringBytes()))
        case 110: try literal("null"); return .null
        // Flags and numbers are kept as their text, as the YAML typer keeps an undeclared field's
        // scalars (`RecordTyper.untyped`): the same record has the same value whichever form it is in.
        case 116: try literal("true"); return .string("true")
        case 102: try literal("false"); return .string("false")
        case 91:
            var v = Value.null
            try list(into: &v) { reader, _, item throws(SyntaxError) in item = try reader.untyped() }
            return v
        case 123:
            at += 1
            depth += 1
            defer { depth -= 1 }
            if depth > JSONRecordReader.maxDepth { throw SyntaxError(message: "nesting deeper than \(JSONRecordReader.maxDepth) levels", offset: at) }
            var m: [MapKey: Value] = [:]
            skipSpace()
            if at < bytes.count, bytes[at] == 125 { at += 1; return .map(m) }
            while true {
                skipSpace()
                let k = decodeString(try stringBytes())
                try expect(58, "':'")
                m[.string(k)] = try untyped()
                skipSpace()
                guard at < bytes.count else { throw SyntaxError(message: "the record ends inside a mapping", offset: at) }
                if bytes[at] == 44 { at += 1; continue }
                if bytes[at] == 125 { at += 1; return .map(m) }
                throw SyntaxError(message: "expected ',' or '}' in a mapping", offset: at)
            }
        default:
            let start = at
            while at < bytes.count, ![44, 93, 125, 32, 9, 10, 13].contains(bytes[at]) { at += 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
            guard Double(text) != nil else { throw SyntaxError(message: "'\(text)' is not a JSON value", offset: start) }
            return .string(text)
        }
    }

    /// `[item, item, ...]` starting at `[` into `target`, each item read by `item` (given its index)
    /// into its place, which holds the item read there last time when `target` held a list.
    private mutating func list(
        into target: inout Value,
        _ item: (inout JSONRecordReader, Int, inout Value) throws(SyntaxError) -> Void
    ) throws(SyntaxError) {
        var items: [Value] = []
        if case .list(var old) = target.take() { swap(&items, &old) }
        at += 1
        depth += 1
        defer { depth -= 1 }
        if depth > JSONRecordReader.maxDepth { throw SyntaxError(message: "nesting deeper than \(JSONRecordReader.maxDepth) levels", offset: at) }
        var count = 0
        skipSpace()
        if at < bytes.count, bytes[at] == 93 {
            at += 1
        } else {
            while true {
                skipSpace()
                if count < items.count {
                    try item(&self, count, &items[count])
                } else {
                    var v = Value.null
                    try item(&self, count, &v)
                    // A list made anew (a first record, JSON text in a CSV cell) starts with room
                    // for the few items lists here have, rather than growing item by item.
                    if items.capacity == 0 { items.reserveCapacity(4) }
                    items.append(v)
                }
                count += 1
                skipSpace()
                guard at < bytes.count else { throw SyntaxError(message: "the record ends inside a list; expected ']'", offset: at) }
                if bytes[at] == 44 { at += 1; continue }
                if bytes[at] == 93 { break }
                throw SyntaxError(message: "expected ',' or ']' in a list", offset: at)
            }
            at += 1
        }
        if count < items.count { items.removeLast(items.count - count) }
        target = .list(items)
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let n = word.utf8CodeUnitCount
        let p = word.utf8Start
        guard at + n <= bytes.count, (0..<n).allSatisfy({ bytes[at + $0] == p[$0] }) else {
            throw SyntaxError(message: "expected '\(word)'", offset: at)
        }
        at += n
    }

    /// Where a string's text is, between its quotes, and whether it has an escape in it (then
    /// it must be decoded; the scan finds that out anyway, so nothing searches for one again).
    private struct QuotedText {
        var range: Range<Int>
        var escaped: Bool
    }

    /// The bytes between the quotes of a string (escapes still in), leaving `at` after the closing quote.
    private mutating func stringBytes() throws(SyntaxError) -> QuotedText {
        guard at < bytes.count, bytes[at] == 34 else { throw SyntaxError(message: "expected a quoted name", offset: at) }
        at += 1
        let start = at
        var escaped = false
        // Eight bytes at a time: the lowest flagged byte of a word is the first quote, backslash
        // or control character in it (the bit trick's false alarms only ever sit above a real one).
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while at + 8 <= bytes.count {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
                let flags = JSONRecordReader.specialBytes(word)
                if flags == 0 { at += 8; continue }
                at += flags.trailingZeroBitCount / 8
                let c = bytes[at]
                if c == 34 { at += 1; return QuotedText(range: start..<(at - 1), escaped: escaped) }
                if c == 92 { try skipEscape(); escaped = true; continue }
                throw SyntaxError(message: "control character inside a string", offset: at)
            }
        }
        while at < bytes.count {
            let c = bytes[at]
            if c == 34 { at += 1; return QuotedText(range: start..<(at - 1), escaped: escaped) }
            if c == 92 { try skipEscape(); escaped = true; continue }
            if c < 32 { throw SyntaxError(message: "control character inside a string", offset: at) }
            at += 1
        }
        throw SyntaxError(message: "a string is not closed before the end of the line", offset: start - 1)
    }

    /// The high bit of each byte of the word that may be `"`, `\\` or below 0x20 (the usual bit
    /// tricks: the lowest flagged byte is always a real one; higher ones may be false alarms).
    @inline(__always)
    static func specialBytes(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let control = (w &- ones &* 0x20) & ~w & high
        return ByteScan.zeroBytes(w ^ (ones &* 34)) | ByteScan.zeroBytes(w ^ (ones &* 92)) | control
    }

    /// Steps over the escape whose backslash is at `at`. A `\u` escape must have four hex digits,
    /// and a surrogate must be the first half of a pair followed by its second: libyaml refuses
    /// the rest for `check`, and both readers must accept the same records.
    @inline(never)
    private mutating func skipEscape() throws(SyntaxError) {
        guard at + 1 < bytes.count, bytes[at + 1] == 117 else { at += 2; return }
        guard let code = ByteScan.hex4(bytes, at: at + 2) else { throw SyntaxError(message: "'\\u' must be followed by four hex digits", offset: at) }
        if (0xD800..<0xDC00).contains(code), at + 12 <= bytes.count, bytes[at + 6] == 92, bytes[at + 7] == 117,
            let low = ByteScan.hex4(bytes, at: at + 8), (0xDC00..<0xE000).contains(low)
        {
            at += 12
            return
        }
        if (0xD800..<0xE000).contains(code) {
            let escape = String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<(at + 6)]), as: UTF8.self)
            throw SyntaxError(message: YAMLSurrogatePairs.halfPairMessage(escape), offset: at)
        }
        at += 6
    }

    /// A string's text: made straight from its bytes, unless it has escapes to decode.
    @inline(__always)
    private func decodeString(_ text: QuotedText) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[text.range])
        return text.escaped ? unescaped(slice) : ScalarBytes.text(slice)
    }

    private func unescaped(_ slice: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var i = 0
        while i < slice.count {
            let c = slice[i]
            guard c == 92, i + 1 < slice.count else { out.append(c); i += 1; continue }
            let e = slice[i + 1]
            i += 2
            switch e {
            case 110: out.append(10)
            case 116: out.append(9)
            case 114: out.append(13)
            case 98: out.append(8)
            case 102: out.append(12)
            case 117:
                guard i + 4 <= slice.count,
                    var code = UInt32(String(decoding: UnsafeBufferPointer(rebasing: slice[i..<(i + 4)]), as: UTF8.self), radix: 16)
                else { continue }
                i += 4
                // A surrogate pair: \uD83D\uDE00.
                if code >= 0xD800 && code < 0xDC00, i + 6 <= slice.count, slice[i] == 92, slice[i + 1] == 117,
                    let low = UInt32(String(decoding: UnsafeBufferPointer(rebasing: slice[(i + 2)..<(i + 6)]), as: UTF8.self), radix: 16),
                    low >= 0xDC00 && low < 0xE000
                {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(code) ?? "\u{FFFD}")).utf8))
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
