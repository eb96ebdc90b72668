/// Scalars read straight from their bytes, exactly as `ScalarTyping` reads their text:
/// the batch readers' shortcut for the common cases (no string is made for a number, a
/// date or a flag). nil means "not sure": the caller then goes through `ScalarTyping`.
enum ScalarBytes {
    /// Text from UTF-8 bytes, made in place (invalid UTF-8 is repaired, as `String(decoding:)`
    /// does): a fifth cheaper for the short texts records are made of.
    @inline(__always)
    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { $0.initialize(fromContentsOf: bytes) }
    }

    /// Unquoted text of a plain type, as in a spreadsheet cell.
    static func plain(_ text: UnsafeBufferPointer<UInt8>, as kind: FieldPlan.Kind) -> Value? {
        switch kind {
        case .string: return .string(ScalarBytes.text(text))
        case .date: return text.count == 10 ? Day(isoBytes: text).map(Value.date) : nil
        case .bool:
            // Byte by byte: a generic `elementsEqual` over the literal's UTF-8 cost some 240 instructions.
            if text.count == 4, text[0] == 116, text[1] == 114, text[2] == 117, text[3] == 101 { return .bool(true) }
            if text.count == 5, text[0] == 102, text[1] == 97, text[2] == 108, text[3] == 115, text[4] == 101 { return .bool(false) }
            return nil
        default: return number(text, as: kind)
        }
    }

    /// A numeral for an int or decimal field.
    static func number(_ text: UnsafeBufferPointer<UInt8>, as kind: FieldPlan.Kind) -> Value? {
        switch kind {
        case .int: return wholeNumber(text).map(Value.int)
        case .decimal: return decimal(text).map(Value.decimal)
        default: return nil
        }
    }

    /// `-123`: an optional minus and 1 to 18 digits (so it cannot overflow).
    static func wholeNumber(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        let negative = text.first == 45
        let digits = negative ? text.count - 1 : text.count
        guard digits > 0, digits <= 18 else { return nil }
        var n = 0
        for c in UnsafeBufferPointer(rebasing: text[(negative ? 1 : 0)...]) {
            guard c >= 48 && c <= 57 else { return nil }
            n = n * 10 + Int(c - 48)
        }
        return negative ? -n : n
    }

    /// `-12.345`: at most 15 digits and 22 decimal places, read exactly as `Double(text)` would
    /// (both the digits and the power of ten are exact doubles, so one division rounds correctly).
    /// Anything else (exponents, long numerals) is left to the general path.
    static func decimal(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0, digits = 0, places = 0, mantissa = 0
        var sawPoint = false
        let negative = text.first == 45
        if negative { i = 1 }
        guard i < text.count, text[i] != 46 else { return nil }
        while i < text.count {
            let c = text[i]
            if c >= 48 && c <= 57 {
                digits += 1
                if digits > 15 { return nil }  // before the digits could overflow
                mantissa = mantissa * 10 + Int(c - 48)
                if sawPoint { places += 1 }
            } else if c == 46 && !sawPoint {
                sawPoint = true
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, places <= 22, text[text.count - 1] != 46 else { return nil }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let d = Double(mantissa) / scale
        return negative ? -d : d
    }
}
