/// Checks one record written as a JSON object (a request body, on one line or pretty-printed
/// over many) with the byte-level reader batch screening uses, instead of the YAML loader and
/// typer: the web API's `POST /v1/check` takes this path (Benchmarks/serve/RESULTS.md).
///
/// It answers only the plain case: a JSON object of printable ASCII, of a kind the rules check,
/// read with nothing to say about it (no unknown, duplicate or missing field, no wrong type, no
/// value out of range). For anything else it returns nil, and the caller checks the same bytes
/// with `RuleLibrary.check(bytes:path:options:)`, so every problem comes back with the message
/// and line:column `eligo check` gives. Where both paths read a record their reports are equal
/// (Tests/EligoTests/Input/JSONBodyCheckerTests.swift).
public final class JSONBodyChecker: Sendable {
    /// The rules this checker reads records for (a reload makes a new checker).
    public let library: RuleLibrary
    /// The reading plan of each kind the rules check, made once, shared by every request.
    private let plans: [String: ObjectPlan]
    /// `library.kinds`, which is worked out afresh each time it is asked.
    private let kinds: [String]

    public init(library: RuleLibrary) {
        self.library = library
        kinds = library.kinds
        var plans: [String: ObjectPlan] = [:]
        for kind in library.kinds where library.ruleSets.contains(where: { $0.kind == kind }) {
            if let schema = library.schemas[kind] { plans[kind] = ObjectPlan(schema.root) }
        }
        self.plans = plans
    }

    /// The record's report, as `library.check(bytes:path:options:)` would give it; nil when the
    /// body is not the plain case above and must be checked that way instead.
    public func check(_ bytes: [UInt8], path: String, options: CheckOptions) -> Report? {
        guard bytes.count <= options.yamlLimits.maxInputBytes, JSONBodyChecker.isPrintableASCII(bytes) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Report? in
            // Which kind to read it as: the one written (checked below to be the top-level
            // `kind`), else the one asked for, else the only one; as `check(node:)` decides.
            let assumed = options.kind ?? (kinds.count == 1 ? kinds[0] : nil)
            let kinds = self.kinds
            guard let kind = JSONBodyChecker.topLevelString("kind", in: buffer) ?? assumed, let plan = plans[kind] else { return nil }
            var reader = JSONRecordReader(bytes: buffer, line: 1, file: path)
            reader.screening = (kind, kinds)
            guard let value = try? reader.record(plan), reader.issues.isEmpty, !reader.sawDuplicateKey,
                case .object(let object) = value
            else { return nil }
            // A top-level `kind` must be this kind's name, written once; none, and the kind was assumed.
            switch reader.rootKinds.count {
            case 0: guard kind == assumed else { return nil }
            case 1: guard reader.rootKinds[0] == .string(kind) else { return nil }
            default: return nil
            }
            // The record's id as `check(node:)` takes it: a string; `"id": null` or a number is
            // named by its text there, so that case goes the other way.
            var id: String?
            if let slot = plan.type.slot(of: "id") {
                if case .string(let s) = object.slots[slot] {
                    id = s
                } else if JSONBodyChecker.topLevelKeyOffset("id", in: buffer) != nil {
                    return nil
                }
            }
            return library.check(record: value, kind: kind, id: id, source: path, issues: [], options: options)
        }
    }

    /// Where the value of the top-level key `"name"` starts (after its colon and any space),
    /// found by skipping strings and counting brackets, without reading the JSON; nil when the
    /// top-level mapping has no such key (or the text is not one).
    static func topLevelKeyOffset(_ name: String, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let key = Array(name.utf8)
        var depth = 0, i = 0
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        while i < bytes.count {
            switch bytes[i] {
            case 123, 91: depth += 1; i += 1
            case 125, 93: depth -= 1; i += 1
            case 34:
                let start = i + 1
                var end = start
                while end < bytes.count, bytes[end] != 34 { end += bytes[end] == 92 ? 2 : 1 }
                i = end + 1
                guard depth == 1, end - start == key.count, end <= bytes.count,
                    (0..<key.count).allSatisfy({ bytes[start + $0] == key[$0] })
                else { continue }
                var j = i
                while j < bytes.count, isSpace(bytes[j]) { j += 1 }
                guard j < bytes.count, bytes[j] == 58 else { continue }
                j += 1
                while j < bytes.count, isSpace(bytes[j]) { j += 1 }
                return j
            default: i += 1
            }
        }
        return nil
    }

    /// The top-level `"name"`'s value when it is a string without escapes.
    static func topLevelString(_ name: String, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let start = topLevelKeyOffset(name, in: bytes), start < bytes.count, bytes[start] == 34 else { return nil }
        var end = start + 1
        while end < bytes.count, bytes[end] != 34, bytes[end] != 92 { end += 1 }
        guard end < bytes.count, bytes[end] == 34 else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]), as: UTF8.self)
    }

    /// Only tab, line feed, carriage return and space to `~`: libyaml refuses other control
    /// characters, and text beyond ASCII is left to it too (its rules on what may appear differ
    /// from JSON's), so the two paths never disagree about what can be read.
    static func isPrintableASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            var bad = false
            for byte in b {
                bad = bad || (byte < 32 && byte != 9 && byte != 10 && byte != 13) || byte > 126
            }
            return !bad
        }
    }
}
