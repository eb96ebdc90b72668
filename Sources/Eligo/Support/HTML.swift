/// Escaping for the HTML pages eligo writes (screening results, criteria documents, `eligo serve`'s pages).
public enum HTML {
    /// Text safe inside an element or a quoted attribute.
    ///
    /// Works on UTF-8 bytes: the five characters escaped are ASCII, and an ASCII byte is never
    /// part of a longer UTF-8 sequence, so each is found wherever it is, even followed by a
    /// combining mark (which, read as characters, would hide a quote inside a larger character).
    /// Text with nothing to escape, most of it, is returned as it is.
    public static func escape(_ s: String) -> String {
        var text = s
        guard text.withUTF8({ $0.contains(where: escapes) }) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 16)
        append(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `escape(s)`'s bytes appended to `out`, for pages written as bytes.
    static func append(_ s: String, to out: inout [UInt8]) {
        var text = s
        text.withUTF8 { utf8 in
            guard let first = utf8.firstIndex(where: escapes) else { out.append(contentsOf: utf8); return }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[..<first]))
            for b in UnsafeBufferPointer(rebasing: utf8[first...]) {
                switch b {
                case 38: out.append(contentsOf: "&amp;".utf8)
                case 60: out.append(contentsOf: "&lt;".utf8)
                case 62: out.append(contentsOf: "&gt;".utf8)
                case 34: out.append(contentsOf: "&quot;".utf8)
                case 39: out.append(contentsOf: "&#39;".utf8)
                default: out.append(b)
                }
            }
        }
    }

    /// `& < > " '`
    @inline(__always)
    private static func escapes(_ b: UInt8) -> Bool { b == 38 || b == 60 || b == 62 || b == 34 || b == 39 }
}
