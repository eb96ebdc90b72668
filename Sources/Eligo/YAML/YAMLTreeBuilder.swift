/// One parser event, already converted from libyaml into Swift values with
/// source ranges. Only `YAMLLoader.swift` talks to libyaml; everything after that
/// works on these.
struct YAMLEvent {
    enum Kind {
        case streamStart, streamEnd
        case documentStart, documentEnd
        case alias(anchor: String)
        case scalar(String, YAMLNode.ScalarStyle, anchor: String?, tag: String?)
        case sequenceStart(anchor: String?, tag: String?, isFlow: Bool)
        case sequenceEnd
        case mappingStart(anchor: String?, tag: String?, isFlow: Bool)
        case mappingEnd
    }

    var kind: Kind
    var range: SourceRange
}

/// Builds `YAMLNode` trees from a stream of events.
///
/// Uses an explicit stack of open collections (never recursion, so deep input
/// cannot overflow the call stack) and always mutates the top frame in place
/// through `frames[top]`: popping a frame, appending and pushing it back would
/// copy its arrays on every event.
struct YAMLTreeBuilder {
    /// A node together with what copying it through an alias costs.
    private struct Anchored {
        var node: YAMLNode
        /// Nodes in the subtree, counting the node itself.
        var count: Int
        /// Collection levels in the subtree: 0 for a scalar, 1 for `[a]`, 2 for `[[a]]`.
        var height: Int
    }

    /// An open sequence or mapping.
    private struct Frame {
        var isMapping: Bool
        var isFlow: Bool
        var start: SourcePosition
        var tag: String?
        var anchor: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLNode.Pair] = []
        /// A mapping key waiting for its value.
        var pendingKey: YAMLNode?
        /// Where each scalar key was first seen, to report duplicates.
        var seenKeys: [String: SourceRange] = [:]
        var count = 1
        var height = 1
        var lastChildEnd: SourcePosition?
    }

    private let limits: YAMLLimits
    private var frames: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var root: YAMLNode?
    /// The first document-level error (duplicate key, unknown alias); the document
    /// keeps being parsed so that the next documents can load.
    private var documentError: YAMLError?
    /// Duplicate keys, when `limits.keepDocumentsWithDuplicateKeys` keeps their documents.
    private(set) var keptErrors: [YAMLError] = []
    /// Nodes copied by alias expansion in the current document.
    private var expandedNodes = 0

    init(limits: YAMLLimits) {
        self.limits = limits
    }

    /// Feeds one event. Returns a document's result when the event ends one;
    /// throws for errors that must end the whole stream (caps).
    mutating func handle(_ event: YAMLEvent) throws(YAMLError) -> Result<YAMLNode, YAMLError>? {
        switch event.kind {
        case .streamStart, .streamEnd:
            return nil

        case .documentStart:
            // Anchors are scoped to their document (YAML 1.2 §3.2.2.2).
            frames.removeAll()
            anchors.removeAll()
            root = nil
            documentError = nil
            expandedNodes = 0
            return nil

        case .documentEnd:
            defer { anchors.removeAll() }
            if let documentError { return .failure(documentError) }
            // libyaml always emits a root (an empty plain scalar for a bare `---`);
            // the fallback is only defensive.
            return .success(root ?? YAMLNode(.scalar("", .plain), range: event.range))

        case .scalar(let text, let style, let anchor, let tag):
            let node = YAMLNode(.scalar(text, style), range: event.range, tag: tag)
            complete(node, anchor: anchor, count: 1, height: 0)
            return nil

        case .sequenceStart(let anchor, let tag, let isFlow):
            try open(isMapping: false, anchor: anchor, tag: tag, isFlow: isFlow, at: event.range)
            return nil

        case .mappingStart(let anchor, let tag, let isFlow):
            try open(isMapping: true, anchor: anchor, tag: tag, isFlow: isFlow, at: event.range)
            return nil

        case .sequenceEnd, .mappingEnd:
            close(at: event.range)
            return nil

        case .alias(let name):
            try expandAlias(name, at: event.range)
            return nil
        }
    }

    private mutating func open(
        isMapping: Bool, anchor: String?, tag: String?, isFlow: Bool,
        at range: SourceRange
    ) throws(YAMLError) {
        if frames.count + 1 > limits.maxDepth {
            throw YAMLError(
                id: "yaml.too-deep",
                message: "\(isMapping ? "mapping" : "sequence") is nested more than \(limits.maxDepth) levels deep",
                range: Self.visible(range))
        }
        frames.append(Frame(isMapping: isMapping, isFlow: isFlow, start: range.start, tag: tag, anchor: anchor))
    }

    private mutating func close(at range: SourceRange) {
        guard var frame = frames.popLast() else { return }  // libyaml never sends an unmatched end
        if frame.isMapping, let key = frame.pendingKey {
            // Defensive: libyaml always pairs keys with values.
            frame.pairs.append(YAMLNode.Pair(key: key, value: YAMLNode(.scalar("", .plain), range: range)))
        }
        // A block collection's end event sits at the next token, possibly lines further
        // down past blank lines and comments; ending at the last child is what a reader
        // expects. Flow collections end just after their `]` or `}`.
        let end = frame.isFlow ? range.end : (frame.lastChildEnd ?? range.end)
        let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
        let node = YAMLNode(
            content, range: SourceRange(file: range.file, start: frame.start, end: max(end, frame.start)),
            tag: frame.tag)
        complete(node, anchor: frame.anchor, count: frame.count, height: frame.height)
    }

    private mutating func expandAlias(_ name: String, at range: SourceRange) throws(YAMLError) {
        guard let anchored = anchors[name] else {
            let recursive = frames.contains { $0.anchor == name }
            recordDocumentError(
                YAMLError(
                    id: "yaml.unknown-alias",
                    message: recursive
                        ? "alias '*\(name)' refers to a node that contains it; recursive aliases are not supported"
                        : "alias '*\(name)' refers to an anchor '&\(name)' that is not defined before it in this document",
                    range: range))
            complete(YAMLNode(.scalar("", .plain), range: range), anchor: nil, count: 1, height: 0)
            return
        }
        // Copying a YAMLNode is cheap (copy-on-write), but whoever walks the tree pays
        // for every copied node, so the budget counts nodes, not copies.
        expandedNodes += anchored.count
        if expandedNodes > limits.maxAliasExpansion {
            throw YAMLError(
                id: "yaml.alias-bomb",
                message: "aliases in this document expand to more than \(limits.maxAliasExpansion) nodes",
                range: range,
                notes: [Diagnostic.Note("this looks like a 'billion laughs' attack; use fewer or smaller aliases")])
        }
        if frames.count + anchored.height > limits.maxDepth {
            throw YAMLError(
                id: "yaml.too-deep",
                message: "alias '*\(name)' makes the nesting more than \(limits.maxDepth) levels deep",
                range: range)
        }
        var copy = anchored.node
        // The copy lives where the alias is written; its children keep the ranges of
        // the text they came from.
        copy.range = range
        complete(copy, anchor: nil, count: anchored.count, height: anchored.height)
    }

    /// Registers a finished node's anchor and attaches it to the open collection
    /// (or makes it the document root).
    private mutating func complete(_ node: YAMLNode, anchor: String?, count: Int, height: Int) {
        if let anchor {
            // A later anchor with the same name replaces the earlier one (YAML spec).
            anchors[anchor] = Anchored(node: node, count: count, height: height)
        }
        guard !frames.isEmpty else {
            root = node
            return
        }
        let top = frames.count - 1
        frames[top].count += count
        frames[top].height = max(frames[top].height, height + 1)
        frames[top].lastChildEnd = node.range.end
        if !frames[top].isMapping {
            frames[top].items.append(node)
        } else if let key = frames[top].pendingKey.take() {
            frames[top].pairs.append(YAMLNode.Pair(key: key, value: node))
        } else {
            if case .scalar(let text, _) = node.content {
                if let first = frames[top].seenKeys[text] {
                    let error = YAMLError(
                        id: "yaml.duplicate-key",
                        message: "mapping has a duplicate key \(Self.quoted(text))",
                        range: node.range,
                        notes: [Diagnostic.Note("first \(Self.quoted(text)) is here", at: first)])
                    if limits.keepDocumentsWithDuplicateKeys { keptErrors.append(error) } else { recordDocumentError(error) }
                } else {
                    frames[top].seenKeys[text] = node.range
                }
            }
            frames[top].pendingKey = node
        }
    }

    private mutating func recordDocumentError(_ error: YAMLError) {
        if documentError == nil { documentError = error }
    }

    /// A range at least one column wide, so an error at a zero-width event
    /// (libyaml's block collection starts) still underlines something.
    static func visible(_ range: SourceRange) -> SourceRange {
        range.end > range.start ? range : SourceRange(file: range.file, at: range.start)
    }

    /// A key as it appears in a message: single-quoted, control characters escaped,
    /// long keys shortened.
    static func quoted(_ text: String) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == 60 {
                out += "…"
                break
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            count += 1
        }
        return "'" + out + "'"
    }
}
