/// How the evaluator serves `IndexedLookup` code (Model/IndexedLookup.swift): hash indexes
/// built once per run and kept in an `IndexCache`.

/// A field value as a hash key. Values that compare equal have equal keys
/// (`2` and `2.0`, an enum value and the same text).
enum IndexKey: Hashable {
    case int(Int)
    case decimal(Double)
    case string(String)
    case date(Int)
    case bool(Bool)

    init?(_ v: Value) {
        switch v {
        case .int(let i): self = .int(i)
        case .decimal(let d):
            if d.rounded() == d, abs(d) < 1e15 { self = .int(Int(d)) } else { self = .decimal(d) }
        case .string(let s): self = .string(s)
        case .date(let d): self = .date(d.ordinal)
        case .bool(let b): self = .bool(b)
        default: return nil
        }
    }
}

/// The positions of a collection's records by the value of one field. Its `origin` holds ids in
/// the `paths` of the evaluator that made it, read only by that evaluator when tracing (the others
/// sharing the cache, which look for `passes_from`, do not trace).
final class IndexTable {
    let items: [Value]
    let origin: Evaluator.Origin?
    /// Whether it was made by an evaluator that traces: one made while looking for `passes_from`
    /// has no origin, and a tracing evaluator makes its own rather than lose the list's paths.
    let traced: Bool
    private var first: [IndexKey: Int] = [:]
    /// Later positions for values that occur more than once (rare for ids, common for `lle_id`).
    private var more: [IndexKey: [Int]] = [:]

    init(items: [Value], origin: Evaluator.Origin?, traced: Bool, fieldSlot: Int) {
        self.items = items
        self.origin = origin
        self.traced = traced
        first.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard case .object(let o) = item, fieldSlot < o.slots.count, let key = IndexKey(o.slots[fieldSlot]) else { continue }
            if first[key] == nil { first[key] = i } else { more[key, default: []].append(i) }
        }
    }

    func positions(_ key: IndexKey) -> [Int] {
        guard let p = first[key] else { return [] }
        guard let rest = more[key] else { return [p] }
        return [p] + rest
    }

    func firstPosition(_ key: IndexKey) -> Int? { first[key] }
}

/// The indexes built while checking one record (a whole dataset), shared by every
/// evaluator of that record, including those that look for `passes_from`.
final class IndexCache {
    var tables: [String: IndexTable] = [:]
    /// How many tables have been made (a table may replace one made untraced; see `IndexTable.traced`).
    var builds = 0
    init() {}
}

extension Evaluator {
    /// Evaluates `by_id`, `find` and `where`. An absent key gives an unknown result;
    /// a record whose field is absent never matches; nothing found is absent (for
    /// `by_id`/`find`, so `present(by_id(...))` is false) or an empty list (`where`).
    mutating func lookup(_ q: IndexedLookup) throws(EvaluationFailure) -> (value: Value, origin: Origin?) {
        let keyValue = try eval(q.key)
        guard let key = IndexKey(keyValue) else { return (.null, nil) }

        var items: [Value]
        var listOrigin: Origin?
        var positions: [Int]
        if let cacheKey = q.cacheKey {
            let cache: IndexCache
            if let existing = indexes { cache = existing } else { cache = IndexCache(); indexes = cache }
            let table: IndexTable
            if let built = cache.tables[cacheKey], built.traced || !traces {
                table = built
            } else {
                // Kept for later lookups, so with the list's path even when first made untraced.
                let wasTracing = tracing
                tracing = traces
                let made: (value: Value, origin: Origin?)
                do { made = try reference(q.list) } catch { tracing = wasTracing; throw error }
                tracing = wasTracing
                let (listValue, origin) = made
                guard case .list(let all) = listValue else { return (.null, nil) }
                table = IndexTable(items: all, origin: origin, traced: traces, fieldSlot: q.fieldSlot)
                cache.tables[cacheKey] = table
                cache.builds += 1
            }
            items = table.items
            listOrigin = tracing ? table.origin : nil
            if q.mode == .first && q.condition == nil {
                positions = table.firstPosition(key).map { [$0] } ?? []
            } else {
                positions = table.positions(key)
            }
        } else {
            let (listValue, origin) = try reference(q.list)
            guard case .list(let all) = listValue else { return (.null, nil) }
            items = all
            listOrigin = origin
            positions = []
            for (i, item) in all.enumerated() {
                guard case .object(let o) = item, q.fieldSlot < o.slots.count, IndexKey(o.slots[q.fieldSlot]) == key else { continue }
                positions.append(i)
                if q.mode == .first && q.condition == nil { break }
            }
        }

        if let (slot, body) = q.condition {
            let (savedValue, savedOrigin) = (locals[slot], traces ? localPaths[slot] : nil)
            let savedPending = hidePendingLet(slot)
            defer { bind(slot, savedValue, origin: savedOrigin); restorePendingLet(slot, savedPending) }
            var kept: [Int] = []
            var sawUnknown = false
            for p in positions {
                bind(slot, items[p], origin: item(p, of: listOrigin).map(Origin.path))
                switch try eval(body) {
                case .bool(true):
                    kept.append(p)
                case .bool(false): break
                default: sawUnknown = true
                }
                if q.mode == .first && !kept.isEmpty && !sawUnknown { break }
            }
            // As with `filter`: when some candidate cannot be decided, neither can the result.
            if sawUnknown { return (.null, nil) }
            positions = kept
        }

        switch q.mode {
        case .first:
            guard let p = positions.first else { return (.null, nil) }
            guard tracing, let path = item(p, of: listOrigin) else { return (items[p], nil) }
            trace.read(paths.field(path, slot: q.fieldSlot, name: q.fieldName), keyValue)
            return (items[p], .path(path))
        case .all:
            let found = positions.map { items[$0] }
            guard tracing else { return (.list(found), nil) }
            var itemPaths: [RecordPaths.ID?] = []
            itemPaths.reserveCapacity(positions.count)
            for p in positions { itemPaths.append(item(p, of: listOrigin)) }
            for path in itemPaths.prefix(6) { if let path { trace.read(paths.field(path, slot: q.fieldSlot, name: q.fieldName), keyValue) } }
            return (.list(found), .items(itemPaths))
        }
    }
}
