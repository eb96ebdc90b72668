/// One change a test makes to its record before checking it: `with:` sets a
/// path (`applicant.headships[0].role: acting_head`), `without:` removes one
/// (`referee`), so a test can say "like that applicant, but ...".
///
/// Edits work on the YAML tree, before the record is typed, so the new value
/// is typed by the schema exactly as if it had been written in the record, and
/// a bad value is reported at its place in the test file.
struct RecordEdit: Sendable {
    enum Segment: Sendable, Equatable, CustomStringConvertible {
        case key(String)
        case index(Int)

        var description: String {
            switch self {
            case .key(let k): return k
            case .index(let i): return "[\(i)]"
            }
        }
    }

    /// The path as written, for messages.
    var path: String
    var segments: [Segment]
    /// The new value, or nil to remove the field or item.
    var value: YAMLNode?
    /// Where the path is written in the test file.
    var range: SourceRange

    /// Parses `applicant.headships[0].role`; nil when it is not a path.
    static func segments(_ path: String) -> [Segment]? {
        var out: [Segment] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            let name = rest.prefix { $0 != "[" }
            if !name.isEmpty { out.append(.key(String(name))) } else if out.isEmpty { return nil }
            rest = rest.dropFirst(name.count)
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]"),
                    let i = Int(rest[rest.index(after: rest.startIndex)..<close])
                else { return nil }
                out.append(.index(i))
                rest = rest[rest.index(after: close)...]
            }
            if name.isEmpty && part.isEmpty { return nil }
        }
        return out.isEmpty ? nil : out
    }

    struct Failure: Error {
        var message: String
    }

    /// The record with this edit made.
    func apply(to node: YAMLNode) throws(Failure) -> YAMLNode {
        try apply(segments[...], to: node, done: "")
    }

    private func apply(_ rest: ArraySlice<Segment>, to node: YAMLNode, done: String) throws(Failure) -> YAMLNode {
        guard let segment = rest.first else { return value ?? node }
        let last = rest.count == 1
        let here =
            done.isEmpty ? segment.description : (segment.description.hasPrefix("[") ? done + segment.description : done + "." + segment.description)
        var node = node
        switch segment {
        case .key(let key):
            // Setting inside a field that is absent makes the mapping.
            if node.isNull && value != nil { node = YAMLNode(.mapping([]), range: node.range) }
            guard var pairs = node.pairs else {
                throw Failure(message: "'\(done.isEmpty ? "the record" : done)' is \(node.kindName), so it has no field '\(key)'")
            }
            if let i = pairs.firstIndex(where: { $0.key.scalar == key }) {
                if last && value == nil {
                    pairs.remove(at: i)
                } else {
                    pairs[i].value = try apply(rest.dropFirst(), to: pairs[i].value, done: here)
                }
            } else if value == nil {
                throw Failure(message: "there is no '\(here)' to remove")
            } else {
                let keyNode = YAMLNode(.scalar(key, .plain), range: range)
                let empty = YAMLNode(.scalar("", .plain), range: range)
                pairs.append(.init(key: keyNode, value: try apply(rest.dropFirst(), to: empty, done: here)))
            }
            node.content = .mapping(pairs)
        case .index(let index):
            guard var items = node.items else {
                throw Failure(message: "'\(done)' is \(node.kindName), not a list, so it has no item \(index)")
            }
            let i = index < 0 ? items.count + index : index
            if i == items.count && last && value != nil {
                items.append(value!)  // `[n]` one past the end adds an item
            } else if i >= 0 && i < items.count {
                if last && value == nil {
                    items.remove(at: i)
                } else {
                    items[i] = try apply(rest.dropFirst(), to: items[i], done: here)
                }
            } else {
                throw Failure(message: "'\(done)' has \(items.count) item\(items.count == 1 ? "" : "s"), so there is no '\(here)'")
            }
            node.content = .sequence(items)
        }
        return node
    }
}
