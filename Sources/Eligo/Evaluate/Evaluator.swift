/// Why evaluation could not use a value that is present (an index out of
/// range, a division by zero): the rule's outcome becomes `error`.
struct EvaluationFailure: Error {
    var message: String

    /// Date arithmetic that would leave the supported calendar (`Day.supported`).
    static let outsideCalendar = EvaluationFailure(message: "the date would fall outside the years 1 to 9999")
}

/// Evaluates a checked rule set's code against one record with Kleene
/// three-valued logic (`null` is unknown), optionally tracing which record
/// paths were read, so a report can show the values that decided each rule
/// and the fields still needed.
struct Evaluator {
    /// Only what evaluation reads of the rule set, so making an evaluator per record is cheap.
    let parts: [Part]
    let derived: [DerivedValue]
    let root: Value
    let asOf: Day
    /// Whether this evaluator keeps the paths of what it reads (it was made with `tracing: true`).
    let traces: Bool
    /// Whether reads are traced now: `traces`, except while `untraced` evaluates a value whose
    /// reads no report keeps (a message's holes), which then costs what an outcome costs.
    var tracing: Bool

    private var derivedCache: [(value: Value, origin: Origin?)?]
    private var derivedTrace: [Trace?]
    private(set) var locals: [Value]
    private(set) var localPaths: [Origin?]
    /// Per slot, the code of a part's `let:` value not evaluated yet: `bindItem` leaves each
    /// one here and the first read evaluates it (`forceLet`), so a value only a failure
    /// message uses costs nothing for a record that passes. Empty until a part with `let:`
    /// binds an item; a lambda's variable borrowing a slot hides its pending code meanwhile.
    private var pendingLets: [Code?] = []
    private var suppressNeeds = 0
    var trace = Trace()
    /// Every record path this evaluator has met, by id (see `RecordPaths`); used only when tracing.
    var paths = RecordPaths()
    /// Hash indexes for `by_id`, `find` and `where`, built once per record and shared with
    /// evaluators of the same record (Evaluate/IndexedLookupEvaluation.swift); made on first use.
    var indexes: IndexCache?

    /// The record paths a rule read (with their values) and those it needed but found absent,
    /// each once, in the order first met. Paths are ids in the evaluator's `paths`
    /// (`RecordPaths`), equal exactly when the paths are, and spelled out only for a report.
    ///
    /// Each list is searched in place while it is short (most rules read a handful of values) and
    /// through a hash set of its paths once it grows, so a rule over a record with thousands of
    /// schools costs time in proportion to them, not to their square.
    struct Trace {
        typealias Path = RecordPaths.ID
        private(set) var reads: [(path: Path, value: Value)] = []
        /// The paths still needed, in the order first needed.
        var needs: [Path] { needSlots.compactMap { $0 } }
        /// Needs in order, nil where one was taken back (`removeNeed`): taking one back neither
        /// shifts nor searches the list, so a rule reading a field of each of a million schools
        /// (each read first needs the school, then the field) stays proportional to them.
        private var needSlots: [Path?] = []
        /// The paths of `reads`, made once the list reaches `indexedFrom` entries.
        private var readPaths: Set<Path>?
        /// Where each current need is in `needSlots`, made once it reaches `indexedFrom` entries.
        private var neededAt: [Path: Int]?
        /// Below this many entries a linear search is cheaper than hashing the path.
        static let indexedFrom = 16

        var isEmpty: Bool { reads.isEmpty && needSlots.isEmpty }

        /// Empty again, its lists keeping their storage for the next rule (a full report traces
        /// every rule: a fresh trace allocated its list of reads each time).
        mutating func reset() {
            reads.removeAll(keepingCapacity: true)
            needSlots.removeAll(keepingCapacity: true)
            readPaths = nil
            neededAt = nil
        }

        mutating func read(_ path: Path, _ value: Value) {
            if readPaths != nil {
                guard readPaths!.insert(path).inserted else { return }
            } else {
                if reads.withUnsafeBufferPointer({ $0.contains { $0.path == path } }) { return }
                if reads.isEmpty { reads.reserveCapacity(8) }
                if reads.count + 1 >= Trace.indexedFrom {
                    var made = Set(reads.map { $0.path })
                    made.insert(path)
                    readPaths = made
                }
            }
            reads.append((path, value))
        }
        mutating func need(_ path: Path) {
            if neededAt != nil {
                guard neededAt![path] == nil else { return }
                neededAt![path] = needSlots.count
                needSlots.append(path)
                return
            }
            if needSlots.contains(path) { return }
            needSlots.append(path)
            if needSlots.count >= Trace.indexedFrom {
                var index: [Path: Int] = [:]
                for (i, p) in needSlots.enumerated() { if let p { index[p] = i } }
                neededAt = index
            }
        }
        /// Takes back a need (a more exact path replaces it).
        mutating func removeNeed(_ path: Path) {
            if neededAt != nil {
                if let i = neededAt!.removeValue(forKey: path) { needSlots[i] = nil }
            } else if let i = needSlots.firstIndex(of: path) {
                needSlots[i] = nil
            }
        }
        mutating func merge(_ other: Trace) {
            for r in other.reads { read(r.path, r.value) }
            for n in other.needs { need(n) }
        }
    }

    init(ruleSet: RuleSet, root: Value, asOf: Day, tracing: Bool) {
        self.init(parts: ruleSet.parts, derived: ruleSet.derived, localCount: ruleSet.localCount, root: root, asOf: asOf, tracing: tracing)
    }

    init(parts: [Part], derived: [DerivedValue], localCount: Int, root: Value, asOf: Day, tracing: Bool) {
        var room: [Value] = []
        self.init(parts: parts, derived: derived, localCount: localCount, root: root, asOf: asOf, tracing: tracing, locals: &room)
    }

    init(parts: [Part], derived: [DerivedValue], localCount: Int, root: Value, asOf: Day, tracing: Bool, locals room: inout [Value]) {
        var pathRoom: [Origin?] = []
        self.init(
            parts: parts, derived: derived, localCount: localCount, root: root, asOf: asOf, tracing: tracing, locals: &room,
            localPaths: &pathRoom)
    }

    /// An evaluator whose bound variables, and their paths when tracing, live in `room` and
    /// `pathRoom` when they have one per variable (a batch worker keeps them from record to
    /// record; `giveBack` returns them), rather than in arrays allocated and freed for every record.
    private init(
        parts: [Part], derived: [DerivedValue], localCount: Int, root: Value, asOf: Day, tracing: Bool, locals room: inout [Value],
        localPaths pathRoom: inout [Origin?]
    ) {
        self.parts = parts
        self.derived = derived
        self.root = root
        self.asOf = asOf
        self.traces = tracing
        self.tracing = tracing
        derivedCache = Array(repeating: nil, count: derived.count)
        derivedTrace = Array(repeating: nil, count: derived.count)
        if room.count == localCount {
            locals = []
            swap(&locals, &room)
            for i in locals.indices { locals[i] = .null }
        } else {
            locals = Value.nulls(localCount)
        }
        // Paths are only kept when tracing; otherwise every origin is nil and needs no storage.
        if !tracing {
            localPaths = []
        } else if pathRoom.count == localCount {
            localPaths = []
            swap(&localPaths, &pathRoom)
            for i in localPaths.indices { localPaths[i] = nil }
        } else {
            localPaths = Array(repeating: nil, count: localCount)
        }
    }

    /// How many values this evaluator keeps beyond the current item that may hold record paths:
    /// derived values worked out and `find`/`where` indexes built. While it stays the same, the
    /// paths met since a `RecordPaths.mark` are the current item's alone (see `reportsPerSubject`).
    var pathHolders: Int {
        (indexes?.builds ?? 0) + derivedCache.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
    }

    /// Hands the room for bound variables back to the worker that lent it (see `init`).
    mutating func giveBackLocals(to room: inout [Value]) {
        swap(&locals, &room)
    }

    /// An evaluator that borrows a thread's `room` (see `EvaluationRoom`) until `giveBack`.
    init(parts: [Part], derived: [DerivedValue], localCount: Int, root: Value, asOf: Day, tracing: Bool, room: inout EvaluationRoom) {
        self.init(
            parts: parts, derived: derived, localCount: localCount, root: root, asOf: asOf, tracing: tracing, locals: &room.locals,
            localPaths: &room.localPaths)
        if tracing {
            room.paths.readyForNextRecord()
            swap(&paths, &room.paths)
        }
    }

    /// Hands back what `init(…room:)` borrowed.
    mutating func giveBack(to room: inout EvaluationRoom) {
        giveBackLocals(to: &room.locals)
        if traces {
            swap(&paths, &room.paths)
            swap(&localPaths, &room.localPaths)
        }
    }

    /// Where a value came from in the record: one path, or a path per item
    /// for lists made by filter, sort_by and take (ids in `paths`).
    enum Origin {
        case path(RecordPaths.ID)
        case items([RecordPaths.ID?])

        var path: RecordPaths.ID? {
            if case .path(let p) = self { return p }
            return nil
        }
    }

    /// The path of item `i` of a list that came from `origin`.
    @inline(__always)
    mutating func item(_ i: Int, of origin: Origin?) -> RecordPaths.ID? {
        switch origin {
        case .path(let p)?: return paths.item(p, i)
        case .items(let ps)?: return i < ps.count ? ps[i] : nil
        case nil: return nil
        }
    }

    /// Binds with a path given as text (a dataset's item, a test); see `RecordPaths.intern`.
    mutating func bind(_ slot: Int, _ value: Value, path: String?) {
        bind(slot, value, origin: path.map { .path(paths.intern($0)) })
    }

    mutating func bind(_ slot: Int, _ value: Value, origin: Origin?) {
        locals[slot] = value
        if traces { localPaths[slot] = origin }
        if !pendingLets.isEmpty { pendingLets[slot] = nil }
    }

    /// Binds a per-item part's variable and then its `let:` values: evaluated when first read
    /// (`lazily`, with their reads kept out of the trace of the rule that reads them, as when
    /// they were evaluated before any rule), or now, into the current trace (a part referred
    /// to from another part's rule, whose reads are that rule's).
    mutating func bindItem(_ fe: Part.ForEach, _ value: Value, path: String?, lazily: Bool = true) {
        bindItem(fe, value, origin: path.map { .path(paths.intern($0)) }, lazily: lazily)
    }

    /// `bindItem` with the item's path as an id in `paths`.
    mutating func bindItem(_ fe: Part.ForEach, _ value: Value, origin: Origin?, lazily: Bool = true) {
        bind(fe.slot, value, origin: origin)
        guard !fe.lets.isEmpty else { return }
        if lazily {
            if pendingLets.isEmpty { pendingLets = Array(repeating: nil, count: locals.count) }
            for (slot, code) in fe.lets { pendingLets[slot] = code }
            return
        }
        for (slot, code) in fe.lets {
            let r = (try? reference(code)) ?? (.null, nil)
            bind(slot, r.value, origin: r.origin)
        }
    }

    /// Evaluates a pending `let:` value (see `pendingLets`) on its first read.
    @inline(__always)
    private mutating func forceLet(_ slot: Int) {
        guard !pendingLets.isEmpty, let code = pendingLets[slot] else { return }
        pendingLets[slot] = nil
        // The trace is moved aside and back, not copied (a copy retains and releases its lists).
        var saved = Trace()
        swap(&saved, &trace)
        // Kept for later reads, so with its path even when first read untraced.
        let wasTracing = tracing
        tracing = traces
        let r = (try? reference(code)) ?? (.null, nil)
        tracing = wasTracing
        swap(&saved, &trace)
        bind(slot, r.value, origin: r.origin)
    }

    /// A value whose reads no report keeps (a message's holes, a subject's name), evaluated
    /// without tracing: the same value, at the cost of an outcome rather than a traced one.
    /// What it leaves for later reads (derived values, `let:` values, indexes) is made as
    /// a tracing evaluator makes it, so later traced reads find their paths.
    mutating func untraced(_ code: Code) throws(EvaluationFailure) -> Value {
        let wasTracing = tracing
        tracing = false
        defer { tracing = wasTracing }
        return try eval(code)
    }

    /// Takes a slot's pending `let:` code away while a lambda's variable borrows the slot.
    mutating func hidePendingLet(_ slot: Int) -> Code? {
        guard !pendingLets.isEmpty, let code = pendingLets[slot] else { return nil }
        pendingLets[slot] = nil
        return code
    }

    /// Gives a slot back its pending `let:` code when a lambda's variable is done with it.
    mutating func restorePendingLet(_ slot: Int, _ code: Code?) {
        if let code { pendingLets[slot] = code }
    }

    /// A field path of the record (`submitted_on`, `applicant.name`) read without
    /// setting up an evaluation; nil for anything that is not such a path.
    static func value(of code: Code, in root: Value) -> Value? {
        switch code {
        case .root: return root
        // A field of the record itself (the usual `as_of`), read in place.
        case .field(.root, let slot, _): return Evaluator.slot(slot, of: root)
        case .field(let base, let slot, _):
            guard let b = value(of: base, in: root) else { return nil }
            return Evaluator.slot(slot, of: b)
        default: return nil
        }
    }

    // MARK: - Rules

    /// The outcome of one rule (with the part's item already bound, for per-item parts).
    mutating func outcome(of rule: Rule) -> (Outcome, String?) {
        outcome(when: rule.when, require: rule.require)
    }

    /// The outcome of a rule given by its two conditions (read in place by batch screening, so the rule is not copied).
    mutating func outcome(when: Code?, require: Code) -> (Outcome, String?) {
        do throws(EvaluationFailure) {
            if let when {
                switch try eval(when) {
                case .bool(false): return (.notApplicable, nil)
                case .null: return (.unknown, nil)
                default: break
                }
            }
            switch try eval(require) {
            case .bool(true): return (.pass, nil)
            case .bool(false): return (.fail, nil)
            default: return (.unknown, nil)
            }
        } catch {
            return (.error, error.message)
        }
    }

    /// A rule's outcome evaluated untraced (see `untraced`): the same outcome and failure as `outcome`.
    mutating func untracedOutcome(when: Code?, require: Code) -> (Outcome, String?) {
        let wasTracing = tracing
        tracing = false
        defer { tracing = wasTracing }
        return outcome(when: when, require: require)
    }

    // MARK: - Expressions

    mutating func eval(_ code: Code) throws(EvaluationFailure) -> Value {
        switch code {
        case .constant(let v): return v
        case .asOf: return .date(asOf)
        // Without tracing there is no path to keep: the same values as `reference`, with less carried along.
        case .root: return root
        case .local(let slot):
            forceLet(slot)
            return locals[slot]
        case .field(let base, let slot, _) where !tracing:
            return try field(slot, of: base)
        case .field, .index, .derived, .indexed:
            return try reference(code).value
        case .lookup(let base, let key):
            let b = try eval(base), k = try eval(key)
            guard case .map(let m) = b, let mk = MapKey(k) else { return .null }
            return m[mk] ?? .null
        case .not(let c):
            switch try eval(c) {
            case .bool(let b): return .bool(!b)
            default: return .null
            }
        case .negate(let c):
            switch try eval(c) {
            case .int(let i):
                let (r, overflow) = 0.subtractingReportingOverflow(i)
                if overflow { throw EvaluationFailure(message: "the number is too large") }
                return .int(r)
            case .decimal(let d): return .decimal(-d)
            default: return .null
            }
        case .and(let a, let b), .or(let a, let b):
            // An unusable value on one side does not matter when the other side decides,
            // whichever side it is on: `false and error` and `error and false` are both false.
            let isAnd: Bool
            if case .and = code { isAnd = true } else { isAnd = false }
            var failure: EvaluationFailure?
            var va: Value = .null, vb: Value = .null
            do { va = try eval(a) } catch { failure = error }
            if case .bool(let x) = va, x != isAnd { return va }
            do { vb = try eval(b) } catch { failure = failure ?? error }
            if case .bool(let y) = vb, y != isAnd { return vb }
            if let failure { throw failure }
            if case .bool = va, case .bool = vb { return .bool(isAnd) }
            return .null
        case .compare(let op, let a, let b):
            return Evaluator.compare(op, try operand(a), try operand(b))
        case .arithmetic(let op, let a, let b):
            return try Evaluator.arithmetic(op, try operand(a), try operand(b))
        case .shift(let a, let b, let subtract):
            guard case .date(let d) = try operand(a), case .duration(let s) = try operand(b) else { return .null }
            guard let shifted = d.adding(subtract ? s.negated : s) else { throw EvaluationFailure.outsideCalendar }
            return .date(shifted)
        case .member(let a, let b, let negated):
            let x = try operand(a)
            guard !x.isNull, case .list(let items) = try operand(b) else { return .null }
            var sawNull = false
            if case .string(let text) = x {
                // Text against a list of text (`role in roles`), the usual case: equal only to equal text,
                // as `compare` finds, without pairing the values for each item.
                for i in items.indices {
                    switch items[i] {
                    case .string(let t): if t == text { return .bool(!negated) }
                    case .null: sawNull = true
                    default: break
                    }
                }
                return sawNull ? .null : .bool(negated)
            }
            for item in items {
                if item.isNull { sawNull = true; continue }
                if case .bool(true) = Evaluator.compare(.equal, x, item) { return .bool(!negated) }
            }
            return sawNull ? .null : .bool(negated)
        case .coalesce(let a, let b):
            suppressNeeds += 1
            let va = try eval(a)
            suppressNeeds -= 1
            return va.isNull ? try eval(b) : va
        case .conditional(let c, let a, let b):
            switch try eval(c) {
            case .bool(true): return try eval(a)
            case .bool(false): return try eval(b)
            default: return .null
            }
        case .list(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try eval(item)) }
            return .list(out)
        case .call(let f, let args):
            return try call(f, args)
        case .fold(let fold, let list, let slot, let body):
            return try self.fold(fold, list, slot, body)
        case .partPasses(let index, let item):
            let (value, origin) = try reference(item)
            // The part and its rules are read in place: copying them out retained every field of each.
            let parts = self.parts
            return try parts.withUnsafeBufferPointer { parts throws(EvaluationFailure) -> Value in
                let part = parts.baseAddress! + index
                guard let fe = part.pointee.forEach else { return .null }
                let savedSlots = locals, savedPaths = localPaths, savedPending = pendingLets
                bindItem(fe, value, origin: origin?.path.map(Origin.path), lazily: false)
                defer { locals = savedSlots; localPaths = savedPaths; pendingLets = savedPending }
                return try part.pointee.rules.withUnsafeBufferPointer { rules throws(EvaluationFailure) -> Value in
                    var sawUnknown = false
                    for r in rules.indices where rules[r].severity == .required {
                        let rule = rules.baseAddress! + r
                        let (result, failure) = outcome(when: rule.pointee.when, require: rule.pointee.require)
                        switch result {
                        case .fail: return .bool(false)
                        case .unknown: sawUnknown = true
                        // A value present but unusable in the part makes the referring rule an error too.
                        case .error: throw EvaluationFailure(message: "\(rule.pointee.id): \(failure ?? "a value could not be used")")
                        case .pass, .notApplicable: break
                        }
                    }
                    return sawUnknown ? .null : .bool(true)
                }
            }
        case .unknown(let arg):
            if let arg, tracing, let path = try reference(arg).origin?.path { trace.need(path) }
            return .null
        }
    }

    /// An operator's operand. A constant or a field is its value straight away, without a
    /// further call of `eval` (whose entry and exit cost more than reading either); anything
    /// else is evaluated.
    @inline(__always)
    private mutating func operand(_ code: Code) throws(EvaluationFailure) -> Value {
        switch code {
        case .constant(let v): return v
        case .field(let base, let slot, _) where !tracing: return try field(slot, of: base)
        default: return try eval(code)
        }
    }

    /// `base.field` without tracing. The mappings on the way (the record, a bound list item, and
    /// up to two mappings nested in them) are looked into where they are stored, not copied out
    /// first: a copy of a mapping cost some 150 instructions of reference counting per level.
    /// Any other base is evaluated, with the same result.
    private mutating func field(_ slot: Int, of base: Code) throws(EvaluationFailure) -> Value {
        switch base {
        case .root: return Evaluator.slot(slot, of: root)
        case .local(let n):
            forceLet(n)
            return locals.withUnsafeBufferPointer { Evaluator.slot(slot, of: $0[n]) }
        case .field(let inner, let innerSlot, _):
            switch inner {
            case .root: return Evaluator.slot(innerSlot, slot, of: root)
            case .local(let n):
                forceLet(n)
                return locals.withUnsafeBufferPointer { Evaluator.slot(innerSlot, slot, of: $0[n]) }
            case .field(.root, let outerSlot, _): return Evaluator.slot(outerSlot, innerSlot, slot, of: root)
            default: break
            }
        default: break
        }
        return Evaluator.slot(slot, of: try eval(base))
    }

    /// Field `s` of a mapping; null for anything else (an absent parent).
    @inline(__always)
    private static func slot(_ s: Int, of v: Value) -> Value {
        guard case .object(let o) = v else { return .null }
        return o.slots[s]
    }

    /// Field `s` of a mapping; nil for anything else (an absent parent).
    @inline(__always)
    private static func slotIfMapping(_ s: Int, of v: Value) -> Value? {
        guard case .object(let o) = v else { return nil }
        return o.slots[s]
    }

    /// Field `s2` of field `s1` of a mapping, the inner mapping read in place.
    @inline(__always)
    private static func slot(_ s1: Int, _ s2: Int, of v: Value) -> Value {
        guard case .object(let o) = v else { return .null }
        return o.slots.withUnsafeBufferPointer { slot(s2, of: $0[s1]) }
    }

    /// Three fields deep, each mapping read in place.
    @inline(__always)
    private static func slot(_ s0: Int, _ s1: Int, _ s2: Int, of v: Value) -> Value {
        guard case .object(let o) = v else { return .null }
        return o.slots.withUnsafeBufferPointer { slot(s1, s2, of: $0[s0]) }
    }

    /// Evaluates an expression, keeping where in the record its value came from
    /// when tracing, so reports can name the path of every deciding value.
    mutating func reference(_ code: Code) throws(EvaluationFailure) -> (value: Value, origin: Origin?) {
        switch code {
        case .root: return (root, tracing ? .path(RecordPaths.root) : nil)
        case .local(let slot):
            forceLet(slot)
            return (locals[slot], tracing ? localPaths[slot] : nil)
        case .derived(let i):
            if let cached = derivedCache[i] {
                guard tracing else { return (cached.value, nil) }
                if let t = derivedTrace[i] { trace.merge(t) }
                return cached
            }
            // Cached for later reads, so made as this evaluator traces even when first read untraced.
            let wasTracing = tracing
            tracing = traces
            var saved = Trace()
            swap(&saved, &trace)
            defer { tracing = wasTracing }
            let r: (value: Value, origin: Origin?)
            // On a failure the rule goes on with the derived value's partial trace, as it always has.
            do { r = try reference(derived[i].code) } catch { throw error }
            derivedCache[i] = r
            // The derived value's own trace, kept for later reads; the rule's trace is put back.
            swap(&saved, &trace)
            let inner = saved
            derivedTrace[i] = inner.isEmpty ? nil : inner
            guard wasTracing else { return (r.value, nil) }
            if !inner.isEmpty { trace.merge(inner) }
            return r
        case .field(let base, let slot, let name):
            // A field of the record or of a bound variable is read where the mapping is stored,
            // as untraced reads are (`field`): copying the mapping out retained and released it.
            let baseOrigin: Origin?
            let found: Value?
            switch base {
            case .root:
                baseOrigin = tracing ? .path(RecordPaths.root) : nil
                found = Evaluator.slotIfMapping(slot, of: root)
            case .local(let n):
                forceLet(n)
                baseOrigin = tracing ? localPaths[n] : nil
                found = locals.withUnsafeBufferPointer { Evaluator.slotIfMapping(slot, of: $0[n]) }
            default:
                let (b, origin) = try reference(base)
                baseOrigin = origin
                found = Evaluator.slotIfMapping(slot, of: b)
            }
            guard let v = found else {
                // An absent parent: what is needed is this field, more exactly than the parent.
                if tracing, suppressNeeds == 0, let basePath = baseOrigin?.path, basePath != RecordPaths.root {
                    trace.removeNeed(basePath)
                    trace.need(paths.field(basePath, slot: slot, name: name))
                }
                return (.null, nil)
            }
            guard tracing, let basePath = baseOrigin?.path else { return (v, nil) }
            let path = paths.field(basePath, slot: slot, name: name)
            note(path, v)
            return (v, .path(path))
        case .index(let base, let index):
            let (b, baseOrigin) = try reference(base)
            let i = try eval(index)
            guard case .list(let items) = b, case .int(let n) = i else { return (.null, nil) }
            let k = n < 0 ? items.count + n : n
            guard k >= 0, k < items.count else {
                if tracing, let p = baseOrigin?.path { trace.need(paths.item(p, n)) }
                return (.null, nil)
            }
            let path = item(k, of: baseOrigin)
            if let path { note(path, items[k]) }
            return (items[k], path.map(Origin.path))
        case .call(let f, let args) where tracing && (f == .first || f == .last || f == .take):
            let (l, origin) = try reference(args[0])
            guard case .list(let items) = l else { return (.null, nil) }
            switch f {
            case .take:
                guard case .int(let n) = try eval(args[1]) else { return (.null, nil) }
                let count = min(max(0, n), items.count)
                var itemPaths: [RecordPaths.ID?] = []
                itemPaths.reserveCapacity(count)
                for k in 0..<count { itemPaths.append(item(k, of: origin)) }
                return (.list(Array(items.prefix(count))), .items(itemPaths))
            default:
                guard let k = f == .first ? items.indices.first : items.indices.last else { return (.null, nil) }
                return (items[k], item(k, of: origin).map(Origin.path))
            }
        case .fold(let f, let list, let slot, let body) where tracing && (f == .filter || f == .sortBy || f == .sortByDescending):
            return try foldWithOrigins(f, list, slot, body)
        case .indexed(let lookup):
            return try self.lookup(lookup)
        default:
            return (try eval(code), nil)
        }
    }

    private mutating func note(_ path: RecordPaths.ID, _ v: Value) {
        switch v {
        case .null: if suppressNeeds == 0 { trace.need(path) }
        case .list, .object, .map: break
        default: trace.read(path, v)
        }
    }

    // MARK: - Operators

    static func compare(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value {
        // The usual questions, a number against a number or a date against a date, without first pairing the values.
        if case .int(let x) = a, case .int(let y) = b { return decided(op, x < y ? -1 : x > y ? 1 : 0) }
        if case .date(let x) = a, case .date(let y) = b { return decided(op, x < y ? -1 : x > y ? 1 : 0) }
        let order: Int
        switch (a, b) {
        case (.null, _), (_, .null): return .null
        case (.string(let x), .string(let y)):
            // Equality is the common question, and `==` answers it without ordering the text.
            if op == .equal { return .bool(x == y) }
            if op == .notEqual { return .bool(x != y) }
            order = x < y ? -1 : x > y ? 1 : 0
        case (.bool(let x), .bool(let y)): order = x == y ? 0 : (x ? 1 : -1)
        default:
            if let x = a.asDouble, let y = b.asDouble {
                order = x < y ? -1 : x > y ? 1 : 0
            } else {
                return op == .notEqual ? .bool(a != b) : op == .equal ? .bool(a == b) : .null
            }
        }
        return decided(op, order)
    }

    /// A comparison's answer given how its two sides order (-1, 0 or 1).
    @inline(__always)
    private static func decided(_ op: BinaryOperator, _ order: Int) -> Value {
        switch op {
        case .equal: return .bool(order == 0)
        case .notEqual: return .bool(order != 0)
        case .less: return .bool(order < 0)
        case .lessOrEqual: return .bool(order <= 0)
        case .greater: return .bool(order > 0)
        case .greaterOrEqual: return .bool(order >= 0)
        default: return .null
        }
    }

    static func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(EvaluationFailure) -> Value {
        if a.isNull || b.isNull { return .null }
        if case .int(let x) = a, case .int(let y) = b, op != .divide {
            let (r, overflow): (Int, Bool)
            switch op {
            case .add: (r, overflow) = x.addingReportingOverflow(y)
            case .subtract: (r, overflow) = x.subtractingReportingOverflow(y)
            default: (r, overflow) = x.multipliedReportingOverflow(by: y)
            }
            if overflow { throw EvaluationFailure(message: "the number is too large") }
            return .int(r)
        }
        guard let x = a.asDouble, let y = b.asDouble else { return .null }
        switch op {
        case .add: return .decimal(x + y)
        case .subtract: return .decimal(x - y)
        case .multiply: return .decimal(x * y)
        default:
            if y == 0 { throw EvaluationFailure(message: "division by zero") }
            return .decimal(x / y)
        }
    }

    // MARK: - Functions

    private mutating func call(_ f: Builtin, _ args: [Code]) throws(EvaluationFailure) -> Value {
        switch f {
        case .present, .absent:
            suppressNeeds += 1
            let v = try eval(args[0])
            suppressNeeds -= 1
            return .bool(v.isNull == (f == .absent))
        case .between where args.count == 3:
            // Three operands need no room on the stack.
            return Builtins.between(try operand(args[0]), try operand(args[1]), try operand(args[2]))
        default: break
        }
        // The arguments live on the stack: a heap array per call was a large part of a rule's cost.
        var failure: EvaluationFailure?
        let result = withUnsafeTemporaryAllocation(of: Value.self, capacity: args.count) { buffer -> Value in
            var count = 0
            defer { buffer.baseAddress?.deinitialize(count: count) }
            do throws(EvaluationFailure) {
                for a in args {
                    (buffer.baseAddress! + count).initialize(to: try operand(a))
                    count += 1
                }
                return try Builtins.apply(f, UnsafeBufferPointer(buffer))
            } catch {
                failure = error
                return .null
            }
        }
        if let failure { throw failure }
        return result
    }

    private mutating func fold(_ fold: Fold, _ listCode: Code, _ slot: Int, _ body: Code) throws(EvaluationFailure) -> Value {
        let (listValue, listOrigin) = tracing ? try reference(listCode) : (try operand(listCode), nil)
        guard case .list(let items) = listValue else { return .null }
        return try self.fold(fold, items, listOrigin, slot, body)
    }

    /// `fold` over a list already evaluated, whose items came from `listOrigin`.
    private mutating func fold(_ fold: Fold, _ items: [Value], _ listOrigin: Origin?, _ slot: Int, _ body: Code) throws(EvaluationFailure)
        -> Value
    {
        // The variable's outer value is moved aside and back, not copied (a copy retains and
        // releases whatever it holds).
        var savedValue = locals[slot].take()
        let savedPath = traces ? localPaths[slot] : nil
        let savedPending = hidePendingLet(slot)
        defer {
            swap(&savedValue, &locals[slot])
            if traces { localPaths[slot] = savedPath }
            restorePendingLet(slot, savedPending)
        }
        var results: [Value] = []
        // Quantifiers stop early and a sum is added up as it goes: neither keeps the results.
        let keepsResults = !(fold == .any || fold == .all || fold == .none || fold == .sum)
        if keepsResults { results.reserveCapacity(items.count) }
        var total: Value = .int(0)
        var sumFailure: EvaluationFailure?
        var sawNull = false
        for i in items.indices {
            bind(slot, items[i], origin: listOrigin == nil ? nil : item(i, of: listOrigin).map(Origin.path))
            let r = try operand(body)
            switch fold {
            case .any:
                if case .bool(true) = r { return .bool(true) }
                if r.isNull { sawNull = true }
            case .all:
                if case .bool(false) = r { return .bool(false) }
                if r.isNull { sawNull = true }
            case .none:
                if case .bool(true) = r { return .bool(false) }
                if r.isNull { sawNull = true }
            case .sum:
                // A failure counts only if no item is unknown (then the sum is unknown), as before.
                if r.isNull {
                    sawNull = true
                } else if sumFailure == nil {
                    do { total = try Evaluator.arithmetic(.add, total, r) } catch { sumFailure = error }
                }
            default:
                if r.isNull { sawNull = true }
                results.append(r)
            }
        }
        switch fold {
        case .any: return sawNull ? .null : .bool(false)
        case .all, .none: return sawNull ? .null : .bool(true)
        case .count:
            return sawNull ? .null : .int(results.filter { $0 == .bool(true) }.count)
        case .filter:
            if sawNull { return .null }
            var kept: [Value] = []
            for i in items.indices where results[i] == .bool(true) { kept.append(items[i]) }
            return .list(kept)
        case .map:
            return .list(results)
        case .sum:
            if sawNull { return .null }
            if let sumFailure { throw sumFailure }
            return total
        case .min, .max:
            return sawNull
                ? .null
                : try [Value.list(results)].withUnsafeBufferPointer { args throws(EvaluationFailure) in
                    try Builtins.apply(fold == .min ? .min : .max, args)
                }
        case .sortBy, .sortByDescending:
            if sawNull { return .null }
            // The positions are sorted (stably, by the same comparisons), not pairs of values: moving
            // pairs about copied both values of each.
            let order = results.withUnsafeBufferPointer { results in
                items.indices.sorted { a, b in
                    let less = Evaluator.compare(.less, results[a], results[b]) == .bool(true)
                    let greater = Evaluator.compare(.greater, results[a], results[b]) == .bool(true)
                    return fold == .sortBy ? less : greater
                }
            }
            var sorted: [Value] = []
            sorted.reserveCapacity(order.count)
            for i in order { sorted.append(items[i]) }
            return .list(sorted)
        }
    }
}

extension Evaluator {
    /// filter and sort_by when tracing: the same result as `fold`, plus each item's record path.
    fileprivate mutating func foldWithOrigins(_ f: Fold, _ listCode: Code, _ slot: Int, _ body: Code) throws(EvaluationFailure) -> (
        value: Value, origin: Origin?
    ) {
        let (listValue, origin) = try reference(listCode)
        guard case .list(let items) = listValue else { return (.null, nil) }
        let result = try fold(f, items, origin, slot, body)
        guard case .list(let out) = result else { return (result, nil) }
        // Items are matched back to their positions to recover their paths: each to the first
        // equal item not matched yet.
        var used = [Bool](repeating: false, count: items.count)
        var itemPaths: [RecordPaths.ID?] = []
        itemPaths.reserveCapacity(out.count)
        for v in out {
            let k = items.indices.first { !used[$0] && items[$0] == v }
            if let k { used[k] = true }
            itemPaths.append(k.flatMap { item($0, of: origin) })
        }
        return (result, .items(itemPaths))
    }
}
