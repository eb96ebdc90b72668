/// Finds the name an author most likely meant, for "did you mean" notes.
public enum Suggestion {
    /// The closest candidate within a small edit distance, or nil.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let limit = max(1, min(3, word.count / 3 + 1))
        var best: (String, Int)?
        for c in candidates {
            let d = distance(word.lowercased(), c.lowercased())
            if d <= limit, d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    /// The record kind a written kind most likely means: the closest by spelling, else the one
    /// it is a part of (`application` for `lle-application`).
    public static func closestKind(to word: String, in kinds: some Sequence<String>) -> String? {
        if let close = closest(to: word, in: kinds) { return close }
        let w = word.lowercased()
        guard w.count >= 3 else { return nil }
        let parts = kinds.filter { $0.lowercased().split(separator: "-").contains(Substring(w)) || $0.lowercased().hasSuffix("-" + w) }
        return parts.count == 1 ? parts.first : nil
    }

    /// Levenshtein distance, counting an adjacent swap as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    cur[j] = min(cur[j], prev2[j - 2] + 1)
                }
            }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[b.count]
    }
}
