import Eligo

/// The self-check form's answers, by input name, as a browser sends them.
///
/// Input names are record paths (`applicant.headships[0].start`), so an issue the
/// engine reports at a path is shown beside the field with that name. A date is
/// three inputs (`…start[day]`, `[month]`, `[year]`); a list's item count travels
/// as `count:PATH`, so "add another" and "remove" work without JavaScript.
struct FormAnswers: Sendable {
    var fields: [String: String] = [:]

    init(fields: [String: String] = [:]) { self.fields = fields }

    /// From an `application/x-www-form-urlencoded` body.
    init(urlEncoded bytes: [UInt8]) {
        for (name, value) in URLEncoded.pairs(bytes) { fields[name] = value }
    }

    subscript(_ name: String) -> String {
        get { (fields[name] ?? "").trimmingSpaces }
        set { fields[name] = newValue }
    }

    /// Items shown for a list: what the form said, else what the answers hold, else one
    /// empty item (so its questions are visible), or none for an optional list once removed.
    func count(_ path: String) -> Int {
        if let n = fields["count:" + path].flatMap({ Int($0) }) { return max(0, min(n, FormAnswers.maxItems)) }
        var n = 0
        while n < FormAnswers.maxItems && fields.keys.contains(where: { $0.hasPrefix("\(path)[\(n)]") }) { n += 1 }
        return max(n, 1)
    }

    /// The most items one list may have in the form (a hostile post cannot ask for a million).
    static let maxItems = 50

    /// The form after "add another": one more item in the list at `path`.
    mutating func addItem(to path: String) {
        fields["count:" + path] = String(min(count(path) + 1, FormAnswers.maxItems))
    }

    /// The form after "remove": the item's answers gone and the later items moved up.
    mutating func removeItem(_ itemPath: String) {
        guard itemPath.hasSuffix("]"), let open = itemPath.lastIndex(of: "["),
            let index = Int(itemPath[itemPath.index(after: open)..<itemPath.index(before: itemPath.endIndex)])
        else { return }
        let list = String(itemPath[..<open])
        let n = count(list)
        guard index < n else { return }
        var moved: [String: String] = [:]
        for (name, value) in fields {
            guard name.hasPrefix(list + "["), let close = name.dropFirst(list.count + 1).firstIndex(of: "]"),
                let i = Int(name[name.index(name.startIndex, offsetBy: list.count + 1)..<close])
            else {
                moved[name] = value
                continue
            }
            if i == index { continue }
            let rest = name[name.index(after: close)...]
            let newName = "\(list)[\(i > index ? i - 1 : i)]\(rest)"
            // Counts of nested lists move with their item.
            moved[newName] = value
            _ = rest
        }
        // "count:list[i].inner" keys are moved by the same rule.
        var result: [String: String] = [:]
        for (name, value) in moved {
            if name.hasPrefix("count:" + list + "["), let close = name.dropFirst(6 + list.count + 1).firstIndex(of: "]"),
                let i = Int(name[name.index(name.startIndex, offsetBy: 6 + list.count + 1)..<close])
            {
                if i == index { continue }
                result["count:\(list)[\(i > index ? i - 1 : i)]\(name[name.index(after: close)...])"] = value
            } else {
                result[name] = value
            }
        }
        result["count:" + list] = String(n - 1)
        fields = result
    }
}

/// `application/x-www-form-urlencoded` decoding.
enum URLEncoded {
    static func pairs(_ bytes: [UInt8]) -> [(String, String)] {
        bytes.split(separator: UInt8(ascii: "&")).compactMap { part in
            let kv = part.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let k = kv.first, !k.isEmpty else { return nil }
            return (decode(k), kv.count > 1 ? decode(kv[1]) : "")
        }
    }

    static func decode(_ s: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = s.startIndex
        while i < s.endIndex {
            let b = s[i]
            if b == UInt8(ascii: "+") {
                out.append(32)
            } else if b == UInt8(ascii: "%"), i + 2 < s.endIndex, let h = hex(s[i + 1]), let l = hex(s[i + 2]) {
                out.append(h << 4 | l)
                i += 2
            } else {
                out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: return b - 48
        case 65...70: return b - 55
        case 97...102: return b - 87
        default: return nil
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
