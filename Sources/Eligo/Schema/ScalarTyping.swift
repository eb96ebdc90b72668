/// Reads one scalar's text as a schema type. Shared by YAML, JSON and CSV
/// input so that `"2"` is the int 2 everywhere and `2014-02-30` is an error everywhere.
public enum ScalarTyping {
    public static func value(_ text: String, as type: ValueType) -> Result<Value, ScalarError> {
        switch type {
        case .string, .text:
            return .success(.string(text))
        case .int:
            if let i = Int(text) { return .success(.int(i)) }
            if isDecimalNumeral(text), let d = Double(text), d.rounded() == d, abs(d) < 1e15 { return .success(.int(Int(d))) }
            return .failure(ScalarError("'\(text)' is not a whole number"))
        case .decimal:
            if isDecimalNumeral(text), let d = Double(text), d.isFinite { return .success(.decimal(d)) }
            return .failure(ScalarError("'\(text)' is not a number"))
        case .bool:
            switch text.lowercased() {
            case "true", "yes": return .success(.bool(true))
            case "false", "no": return .success(.bool(false))
            default: return .failure(ScalarError("'\(text)' is not true or false"))
            }
        case .date:
            if let d = Day(iso: text) { return .success(.date(d)) }
            if text.utf8.count == 10, text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 45 }) {
                return .failure(ScalarError("'\(text)' is not a real calendar date"))
            }
            return .failure(ScalarError("'\(text)' is not a date (expected YYYY-MM-DD)"))
        case .enumeration(let e):
            if e.values.contains(text) { return .success(.string(text)) }
            var err = ScalarError("'\(text)' is not one of \(e.values.map { "'\($0)'" }.joined(separator: ", "))")
            err.suggestion = Suggestion.closest(to: text, in: e.values)
            return .failure(err)
        case .duration, .interval, .list, .object, .map, .null:
            return .failure(ScalarError("expected \(type), found a single value '\(text)'"))
        }
    }
}

/// Digits with an optional sign, point and exponent: what people write for numbers.
/// (`Double` alone would also take `0x1p3`, `inf` and `nan`.)
func isDecimalNumeral(_ text: String) -> Bool {
    var sawDigit = false
    var previous: UInt8 = 0
    for (i, u) in text.utf8.enumerated() {
        switch u {
        case 48...57: sawDigit = true
        case 43, 45: if i != 0 && previous != 101 && previous != 69 { return false }  // a sign starts the number or the exponent
        case 46, 101, 69: break
        default: return false
        }
        previous = u
    }
    return sawDigit
}

/// Why a scalar could not be read as its type.
public struct ScalarError: Error, Sendable, Equatable {
    public var message: String
    public var suggestion: String?
    public init(_ message: String) { self.message = message }
}
