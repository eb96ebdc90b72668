/// Reads the keys of one YAML mapping in a rule or schema file, collecting
/// diagnostics instead of throwing, and warning about keys nobody asked for
/// (usually typos) with a did-you-mean.
struct MappingReader {
    let node: YAMLNode
    let what: String
    private(set) var used: Set<String> = []

    init?(_ node: YAMLNode, what: String, into diagnostics: inout [Diagnostic]) {
        guard node.pairs != nil else {
            diagnostics.append(.error("rules.expected-mapping", "\(what) must be a mapping, found \(node.kindName)", at: node.range))
            return nil
        }
        self.node = node
        self.what = what
    }

    var keys: [String] { node.pairs!.compactMap { $0.key.scalar } }

    mutating func value(_ key: String) -> YAMLNode? {
        used.insert(key)
        guard let v = node[key], !v.isNull else { return nil }
        return v
    }

    /// A required string-valued key; an error at the mapping when missing, or
    /// at the key that is probably it misspelt (whose value is then used).
    mutating func string(_ key: String, required: Bool = false, into diagnostics: inout [Diagnostic]) -> String? {
        guard let v = value(key) else {
            if required {
                if let typo = misspelling(of: key), let name = typo.key.scalar {
                    used.insert(name)
                    diagnostics.append(
                        .error(
                            "rules.missing-key", "\(what) needs '\(key)', and '\(name)' is not a key here", at: typo.key.range,
                            suggestion: key))
                    return typo.value.scalar
                }
                diagnostics.append(.error("rules.missing-key", "\(what) needs '\(key)'", at: node.range))
            }
            return nil
        }
        guard let s = v.scalar else {
            diagnostics.append(.error("rules.expected-scalar", "'\(key)' must be text, found \(v.kindName)", at: v.range))
            return nil
        }
        return s
    }

    /// A key not asked about yet that is probably `key` misspelt (`requires` for `require`).
    func misspelling(of key: String) -> YAMLNode.Pair? {
        let unread = node.pairs!.filter { $0.key.scalar.map { !used.contains($0) && $0 != key } ?? false }
        guard let name = Suggestion.closest(to: key, in: unread.compactMap({ $0.key.scalar })) else { return nil }
        return unread.first { $0.key.scalar == name }
    }

    /// Marks a key as read without reading it.
    mutating func markRead(_ key: String) { used.insert(key) }

    /// Warnings for keys this reader never asked about.
    func reportUnknownKeys(into diagnostics: inout [Diagnostic]) {
        for pair in node.pairs! {
            guard let k = pair.key.scalar, !used.contains(k) else { continue }
            diagnostics.append(
                .warning(
                    "rules.unknown-key", "unknown key '\(k)' in \(what) is ignored",
                    at: pair.key.range, suggestion: Suggestion.closest(to: k, in: used)))
        }
    }
}
