#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A record kind's fields prepared for fast reading: field names as bytes,
/// so readers match keys and column names without building strings.
/// (Unchecked: the name buffers are written once, in `init`, and only read after.)
final class ObjectPlan: @unchecked Sendable {
    let type: ObjectType
    let fields: [FieldPlan]
    /// The slots of fields that must be given, checked after each mapping is read.
    let requiredSlots: [Int]
    /// The slots holding mappings or lists of mappings, which have required fields of their own.
    let nestedSlots: [Int]
    /// Every field name's bytes end to end, and where each starts: one buffer the key matcher
    /// reads through plain pointers, without touching (and reference counting) an array per name.
    private let nameBytes: UnsafeMutablePointer<UInt8>
    private let nameStarts: UnsafeMutablePointer<Int>
    private let nameCount: Int
    /// Each quoted name (`"role"`) of up to 16 bytes as two 8-byte words, zero-padded, with masks
    /// that keep only its bytes: the usual key is then matched by two loads and compares,
    /// without a call of `memcmp`. Longer names have zero masks and take the `memcmp` path.
    private let quotedWords: UnsafeMutablePointer<UInt64>
    private let quotedMasks: UnsafeMutablePointer<UInt64>
    /// `fields` again, uncounted: they live as long as the plan, so the reader borrows each one
    /// (see `withField`) instead of retaining and releasing it for every value it reads.
    private let fieldRefs: UnsafeMutablePointer<Borrowed<FieldPlan>>

    init(_ type: ObjectType) {
        self.type = type
        let names = type.fields.map { Array($0.name.utf8) }
        let plans = type.fields.map { FieldPlan(declaration: $0, type: $0.type) }
        fields = plans
        fieldRefs = .allocate(capacity: max(1, plans.count))
        fieldRefs.initialize(from: plans.map { Borrowed($0) }, count: plans.count)
        requiredSlots = type.fields.indices.filter { !type.fields[$0].optional }
        nestedSlots = plans.indices.filter { plans[$0].object != nil || plans[$0].element?.object != nil }
        let all = names.flatMap { $0 }
        nameBytes = .allocate(capacity: max(1, all.count))
        nameBytes.initialize(from: all, count: all.count)
        nameCount = names.count
        nameStarts = .allocate(capacity: names.count + 1)
        var offset = 0
        for (i, name) in names.enumerated() {
            nameStarts[i] = offset
            offset += name.count
        }
        nameStarts[names.count] = offset
        quotedWords = .allocate(capacity: max(2, 2 * names.count))
        quotedMasks = .allocate(capacity: max(2, 2 * names.count))
        for (i, name) in names.enumerated() {
            var padded = [UInt8](repeating: 0, count: 16), keep = [UInt8](repeating: 0, count: 16)
            let quoted = [34] + name + [34]
            if quoted.count <= 16 {
                for (k, b) in quoted.enumerated() { padded[k] = b; keep[k] = 0xFF }
            }
            padded.withUnsafeBytes {
                quotedWords[2 * i] = $0.loadUnaligned(as: UInt64.self); quotedWords[2 * i + 1] = $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            }
            keep.withUnsafeBytes {
                quotedMasks[2 * i] = $0.loadUnaligned(as: UInt64.self); quotedMasks[2 * i + 1] = $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            }
        }
    }

    deinit {
        nameBytes.deallocate()
        nameStarts.deallocate()
        quotedWords.deallocate()
        quotedMasks.deallocate()
        fieldRefs.deallocate()
    }

    /// Runs `body` with the plan of the field in `slot`, borrowed for the call.
    @inline(__always)
    func withField<R, E: Error>(_ slot: Int, _ body: (FieldPlan) throws(E) -> R) throws(E) -> R {
        try fieldRefs[slot].with(body)
    }

    /// The slot whose name equals the bytes, or nil. Records usually list their fields in
    /// one order, so the slot at `expected` (the key's position) is tried first.
    func slot(_ key: UnsafeBufferPointer<UInt8>, expected: Int = -1) -> Int? {
        if expected >= 0 && expected < nameCount && matches(expected, key) { return expected }
        for i in 0..<nameCount where matches(i, key) { return i }
        return nil
    }

    /// When the text at `offset` is exactly the quoted name of the field at `slot` (`"role"`,
    /// no escapes: names have none), how many bytes the quoted key takes; else nil. Lets a
    /// reader take the usual key, the field at the key's position, without scanning it as a string.
    @inline(__always)
    func quotedNameLength(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>, slot: Int) -> Int? {
        guard slot < nameCount, let base = bytes.baseAddress else { return nil }
        let start = nameStarts[slot], count = nameStarts[slot + 1] - start
        if count + 2 <= 16 && offset + 16 <= bytes.count {
            let raw = UnsafeRawPointer(base + offset)
            let lo = raw.loadUnaligned(as: UInt64.self), hi = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            let k = 2 * slot
            return lo & quotedMasks[k] == quotedWords[k] && hi & quotedMasks[k + 1] == quotedWords[k + 1] ? count + 2 : nil
        }
        guard offset + count + 2 <= bytes.count, base[offset] == 34, base[offset + count + 1] == 34,
            memcmp(nameBytes + start, base + offset + 1, count) == 0
        else { return nil }
        return count + 2
    }

    @inline(__always)
    private func matches(_ i: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = nameStarts[i], count = nameStarts[i + 1] - start
        guard count == key.count else { return false }
        guard count > 0 else { return true }
        return memcmp(nameBytes + start, key.baseAddress!, count) == 0
    }
}

/// How to read one field: its type, with nested plans made once.
final class FieldPlan: Sendable {
    /// The type reduced to a tag, so the hot path compares a byte rather than enum payloads.
    enum Kind: UInt8, Sendable { case string, int, decimal, bool, date, object, list, other }

    // What the reader needs for every value comes first, in the plan's first cache line; the
    // declaration, a large struct, would otherwise put `kind` 200 bytes in.
    let kind: Kind
    /// Whether `violation` has anything to check.
    let hasBounds: Bool
    let object: ObjectPlan?
    let element: FieldPlan?
    let type: ValueType
    let declaration: FieldDeclaration?

    init(declaration: FieldDeclaration?, type: ValueType) {
        self.declaration = declaration
        self.type = type
        switch type {
        case .string: kind = .string
        case .int: kind = .int
        case .decimal: kind = .decimal
        case .bool: kind = .bool
        case .date: kind = .date
        case .object: kind = .object
        case .list: kind = .list
        default: kind = .other
        }
        hasBounds = declaration.map { $0.minimum != nil || $0.maximum != nil || $0.minItems != nil } ?? false
        switch type {
        case .object(let o): object = ObjectPlan(o); element = nil
        case .list(let e): object = nil; element = FieldPlan(declaration: nil, type: e)
        default: object = nil; element = nil
        }
    }

    /// Range checks from the schema (`min`, `max`, `min_items`), worded as every reader words them.
    func violation(_ v: Value, path: String) -> RecordIssue? {
        guard hasBounds, let d = declaration else { return nil }
        return RecordIssue.violation(of: d, v, path: path)
    }
}
