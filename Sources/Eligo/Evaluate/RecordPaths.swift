/// The record paths a tracing evaluator meets (`applicant.headships[2].start`), each kept once
/// as a node (its parent and its last step: a field or an item), so that a path is made by one
/// lookup of a small integer key rather than by joining strings, and two paths are the same path
/// exactly when their ids are equal. A path is spelled out (`text`) only when a report is written.
///
/// Paths made by the evaluator name a field by its slot (the schema's slot of the mapping at the
/// parent path, so the slot alone tells the field); a path handed in as text (`intern`), as a
/// dataset names a collection's items, is found by the text `textKept` gave for its list.
///
/// The nodes are found by their parent and step in a small open-addressing table of node ids
/// with a multiplicative hash: a `Dictionary` keyed by the same three values spent more on
/// seeding and finishing its hasher than on the lookup.
struct RecordPaths {
    /// The id of a path in its evaluator's `RecordPaths`; 0 is the record itself (written as "").
    typealias ID = Int32

    static let root: ID = 0

    /// 16 bytes: a dataset's evaluator meets a path for every field of every item it reads (about
    /// a million for 10,000 LLEs), so a node holds no strings of its own.
    private struct Node {
        /// -1 for the record itself and for a path kept whole as text.
        var parent: ID
        /// The field's name (or a path kept whole) in `names`; -1 for an item and for the record.
        var name: Int32
        /// The field's slot, or the item's index.
        var step: Int
        var isItem: Bool { name < 0 && parent >= 0 }
    }

    /// Per id. The record itself, 0, is put in with the first path, so an evaluator that makes
    /// no path (one that does not trace) allocates nothing.
    private var nodes: [Node] = []
    /// Open addressing, linear probing: each bucket holds a node's id + 1, or 0 when empty; a
    /// power of two long and never more than half full.
    private var buckets: [ID] = []
    /// Field names (and paths kept whole), each once, and where each is.
    private var names: [String] = []
    private var nameIndex: [String: Int32] = [:]
    /// The name last given for each slot: nearly always the same again, found without hashing.
    private var nameBySlot: [Int32] = []
    /// Texts recently spelled out, by id modulo the table's size: a report spells a path's parent
    /// for each of its fields, and a dataset's paths are too many to keep every text.
    private var recentTexts: [(id: ID, text: String)] = []
    /// How `intern` finds a list whose path was handed out as text.
    private var byText: [String: ID] = [:]
    /// Paths given as text that no list handed out as text begins, kept whole.
    private var verbatim: [String: ID] = [:]
    /// The schema's label for each needed path once looked up (`label`).
    private var labels: [ID: String?] = [:]
    /// What `rollBack` undoes, kept only once `mark` is called: the buckets filled since (in
    /// order) and the text keys and labels added since.
    private var marked = false
    private var filledSinceMark: [Int] = []
    private var keysSinceMark: [(verbatim: Bool, key: String)] = []
    private var labelsSinceMark: [ID] = []
    private var grows = 0

    /// A point `rollBack` returns the table to.
    struct Mark {
        fileprivate let nodes: Int
        fileprivate let grows: Int
    }

    init() {}

    /// Field `name` (in slot `slot`) of the mapping at `parent`.
    @inline(__always)
    mutating func field(_ parent: ID, slot: Int, name: String) -> ID {
        child(parent, isItem: false, step: slot, name: { $0.nameID(name, slot: slot) })
    }

    /// Item `index` of the list at `parent`.
    @inline(__always)
    mutating func item(_ parent: ID, _ index: Int) -> ID {
        child(parent, isItem: true, step: index, name: { _ in -1 })
    }

    /// Where `name` is in `names`, adding it when new.
    private mutating func nameID(_ name: String, slot: Int) -> Int32 {
        if slot >= 0, slot < nameBySlot.count, nameBySlot[slot] >= 0, names[Int(nameBySlot[slot])] == name { return nameBySlot[slot] }
        let id: Int32
        if let known = nameIndex[name] {
            id = known
        } else {
            id = Int32(names.count)
            names.append(name)
            nameIndex[name] = id
        }
        if slot >= 0 && slot < 4096 {
            if slot >= nameBySlot.count { nameBySlot += Array(repeating: -1, count: slot + 1 - nameBySlot.count) }
            nameBySlot[slot] = id
        }
        return id
    }

    @inline(__always)
    private static func hash(_ parent: ID, _ isItem: Bool, _ step: Int) -> UInt64 {
        var h = UInt64(UInt32(bitPattern: parent)) &<< 1 | (isItem ? 1 : 0)
        h = (h ^ UInt64(bitPattern: Int64(step)) &* 0xC2B2_AE3D_27D4_EB4F) &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h &>> 32)
    }

    private mutating func child(_ parent: ID, isItem: Bool, step: Int, name: (inout RecordPaths) -> Int32) -> ID {
        if buckets.isEmpty { start() }
        let mask = buckets.count - 1
        var b = Int(truncatingIfNeeded: RecordPaths.hash(parent, isItem, step)) & mask
        let found: ID? = nodes.withUnsafeBufferPointer { nodes in
            buckets.withUnsafeBufferPointer { buckets in
                while true {
                    let id = buckets[b] - 1
                    if id < 0 { return nil }
                    let n = nodes.baseAddress! + Int(id)
                    if n.pointee.parent == parent && n.pointee.step == step && n.pointee.isItem == isItem { return id }
                    b = (b + 1) & mask
                }
            }
        }
        if let found { return found }
        let id = ID(nodes.count)
        let named = name(&self)
        nodes.append(Node(parent: parent, name: named, step: step))
        buckets[b] = id + 1
        if marked { filledSinceMark.append(b) }
        if nodes.count * 2 > buckets.count { grow() }
        return id
    }

    /// The first path: the record itself as node 0, and room for a few more. Both allocations
    /// stay under 1 KB, which the allocator serves from its per-thread cache: a larger first
    /// allocation for every record made it consolidate its free lists each time.
    private mutating func start() {
        nodes.reserveCapacity(16)
        nodes.append(Node(parent: -1, name: -1, step: 0))
        buckets = Array(repeating: 0, count: 32)
    }

    private mutating func grow() {
        grows += 1
        let count = buckets.count * 2
        let mask = count - 1
        var made = [ID](repeating: 0, count: count)
        for id in nodes.indices where nodes[id].parent >= 0 {
            let n = nodes[id]
            var b = Int(truncatingIfNeeded: RecordPaths.hash(n.parent, n.isItem, n.step)) & mask
            while made[b] != 0 { b = (b + 1) & mask }
            made[b] = ID(id) + 1
        }
        buckets = made
    }

    /// The path as reports write it: `schools[0].ofsted.overall`; a field of the record is its name.
    mutating func text(_ id: ID) -> String {
        if id == RecordPaths.root { return "" }
        let i = Int(id)
        if recentTexts.isEmpty { recentTexts = Array(repeating: (-1, ""), count: 64) }
        let slot = i & (recentTexts.count - 1)
        if recentTexts[slot].id == id { return recentTexts[slot].text }
        let n = nodes[i]
        let made: String
        if n.parent < 0 {
            made = names[Int(n.name)]  // a path kept whole
        } else if n.isItem {
            made = RecordPaths.joined(text(n.parent), UInt8(ascii: "["), String(n.step), closing: UInt8(ascii: "]"))
        } else if n.parent == RecordPaths.root {
            made = names[Int(n.name)]
        } else {
            made = RecordPaths.joined(text(n.parent), UInt8(ascii: "."), names[Int(n.name)], closing: nil)
        }
        recentTexts[slot] = (id, made)
        return made
    }

    /// `base`, `separator`, `tail` and `closing` as one string, its bytes copied once into storage
    /// of the final length (appending piece by piece cost more than the copying).
    private static func joined(_ base: String, _ separator: UInt8, _ tail: String, closing: UInt8?) -> String {
        var base = base, tail = tail
        return base.withUTF8 { b in
            tail.withUTF8 { t in
                let count = b.count + 1 + t.count + (closing == nil ? 0 : 1)
                return String(unsafeUninitializedCapacity: count) { out in
                    var k = 0
                    if let from = b.baseAddress { (out.baseAddress! + k).initialize(from: from, count: b.count) }
                    k += b.count
                    out[k] = separator
                    k += 1
                    if let from = t.baseAddress { (out.baseAddress! + k).initialize(from: from, count: t.count) }
                    k += t.count
                    if let closing {
                        out[k] = closing
                        k += 1
                    }
                    return k
                }
            }
        }
    }

    /// The label `type` (the record's kind) gives the field at the path, looked up once per path:
    /// several rules of a record often need the same field.
    mutating func label(_ id: ID, in type: ObjectType) -> String? {
        if let known = labels[id] { return known }
        let found = type.field(atPath: text(id))?.label
        labels[id] = .some(found)
        if marked { labelsSinceMark.append(id) }
        return found
    }

    /// `text(id)`, remembered so that `intern` finds the path again from its text (a list's path
    /// handed to a caller that names its items as text).
    mutating func textKept(_ id: ID) -> String {
        let t = text(id)
        if byText[t] == nil {
            byText[t] = id
            if marked { keysSinceMark.append((false, t)) }
        }
        return t
    }

    /// The id of a path given as text: an item of a list whose path was handed out (`textKept`),
    /// or else the text kept whole (fields read under it are still made by slot).
    mutating func intern(_ path: String) -> ID {
        if path.isEmpty { return RecordPaths.root }
        if let id = byText[path] { return id }
        if path.last == "]", let open = path.lastIndex(of: "[") {
            let digits = path[path.index(after: open)..<path.index(before: path.endIndex)]
            // Only an index as `text` writes it (not `+1` or `01`), so the item's text is the path given.
            if let n = Int(digits), String(n) == digits, let list = byText[String(path[..<open])] { return item(list, n) }
        }
        if let id = verbatim[path] { return id }
        if buckets.isEmpty { start() }
        let id = ID(nodes.count)
        let whole = nameID(path, slot: -1)
        nodes.append(Node(parent: -1, name: whole, step: 0))
        verbatim[path] = id
        if marked { keysSinceMark.append((true, path)) }
        return id
    }

    /// Readies a table a thread reuses (see `EvaluationRoom`) for its next record. The records
    /// of a batch meet the same paths (`school.ofsted.overall`), so the paths met so far are
    /// kept, with their ids and (in a larger cache) their texts: each is made and spelled once,
    /// not once per record. A table that grew large (a record with long lists) or kept many
    /// paths whole starts afresh, so it stays small whatever the records hold.
    mutating func readyForNextRecord() {
        guard !buckets.isEmpty else { return }
        if buckets.count > 1024 || names.count > 1024 || marked {
            self = RecordPaths()
            return
        }
        if recentTexts.count < 512 { recentTexts = Array(repeating: (-1, ""), count: 512) }
        // Labels depend on the schema a rule set names; a batch's next record may have another.
        if !labels.isEmpty { labels.removeAll(keepingCapacity: true) }
    }

    /// Where the table stands now; from here on it keeps what `rollBack` needs to undo. The record
    /// itself, node 0, is put in first if need be, so that no roll-back ever takes it away.
    mutating func mark() -> Mark {
        if buckets.isEmpty { start() }
        marked = true
        filledSinceMark.removeAll(keepingCapacity: true)
        keysSinceMark.removeAll(keepingCapacity: true)
        labelsSinceMark.removeAll(keepingCapacity: true)
        return Mark(nodes: nodes.count, grows: grows)
    }

    /// Forgets every path met since `mark` (their ids will be given again to other paths): for
    /// a dataset, whose one evaluator would otherwise keep a path for every field of every item
    /// it ever read. Only when nothing kept beyond the current work holds one of those ids.
    mutating func rollBack(to mark: Mark) {
        if nodes.count > mark.nodes {
            if grows == mark.grows {
                // Each fill took an empty bucket; emptied in reverse, the table is as it was.
                for b in filledSinceMark.reversed() { buckets[b] = 0 }
                nodes.removeSubrange(mark.nodes...)
            } else {
                nodes.removeSubrange(mark.nodes...)
                grows -= 1  // `grow` counts again below; the table keeps its larger size
                buckets = Array(repeating: 0, count: buckets.count / 2)
                grow()
            }
            for i in recentTexts.indices where Int(recentTexts[i].id) >= mark.nodes { recentTexts[i] = (-1, "") }
        }
        for (isVerbatim, key) in keysSinceMark {
            if isVerbatim {
                if let id = verbatim[key], Int(id) >= mark.nodes { verbatim[key] = nil }
            } else if let id = byText[key], Int(id) >= mark.nodes {
                byText[key] = nil
            }
        }
        for id in labelsSinceMark where Int(id) >= mark.nodes { labels[id] = nil }
        filledSinceMark.removeAll(keepingCapacity: true)
        keysSinceMark.removeAll(keepingCapacity: true)
        labelsSinceMark.removeAll(keepingCapacity: true)
    }
}
