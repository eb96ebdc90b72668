/// Private copies of the compiled rules for each screening worker.
///
/// Evaluating rules copies references to the rule set's objects (expression
/// nodes, constant lists, report details) and so counts their references up
/// and down. When every worker shares one set of objects, those counts live on
/// cache lines that the cores keep taking from each other: measured here, two
/// workers used twice the CPU time of one and finished no sooner. Each worker
/// holding its own copy keeps every count on its own core.
extension RuleLibrary {
    /// The same library with every rule set rebuilt from fresh objects.
    func workerCopy() -> RuleLibrary {
        var copy = self
        copy.ruleSets = ruleSets.map { $0.workerCopy() }
        return copy
    }
}

extension RuleSet {
    func workerCopy() -> RuleSet {
        var fields = self.fields
        fields.id = fields.id.freshCopy
        fields.title = fields.title.freshCopy
        fields.version = fields.version.freshCopy
        fields.digest = fields.digest.freshCopy
        fields.parts = fields.parts.map { $0.workerCopy() }
        fields.derived = fields.derived.map { DerivedValue(name: $0.name, code: $0.code.workerCopy(), usesAsOf: $0.usesAsOf) }
        fields.asOfCode = fields.asOfCode?.workerCopy()
        fields.labelCode = fields.labelCode?.workerCopy()
        // New report details too, made from the copied parts as `ruleInfos` makes them.
        fields.cachedRuleInfos = nil
        var copy = RuleSet(fields: fields)
        copy.cachedRuleInfos = copy.ruleInfos
        return copy
    }
}

extension Part {
    func workerCopy() -> Part {
        var copy = self
        copy.rules = rules.map { rule in
            var r = rule
            r.require = rule.require.workerCopy()
            r.when = rule.when?.workerCopy()
            r.messages = rule.messages.mapValues { $0.workerCopy() }
            return r
        }
        if var fe = forEach {
            fe.list = fe.list.workerCopy()
            fe.subject = fe.subject?.workerCopy()
            fe.subjectLabel = fe.subjectLabel?.workerCopy()
            fe.lets = fe.lets.map { ($0.slot, $0.code.workerCopy()) }
            copy.forEach = fe
        }
        return copy
    }
}

extension Template {
    func workerCopy() -> Template {
        var copy = self
        copy.pieces = pieces.map { piece in
            switch piece {
            case .text(let s): return .text(s.freshCopy)
            case .value(let code, let type, let plural): return .value(code.workerCopy(), type, plural)
            }
        }
        return copy
    }
}

extension Code {
    /// The same expression built from new nodes, constants included.
    func workerCopy() -> Code {
        switch self {
        case .constant(let v): return .constant(v.workerCopy())
        // Nodes without children are rebuilt too: every node of an indirect enum is its own object.
        case .local(let slot): return .local(slot)
        case .derived(let i): return .derived(i)
        case .field(let base, let slot, let name): return .field(base.workerCopy(), slot: slot, name: name.freshCopy)
        default: return mappingChildren { $0.workerCopy() }
        }
    }
}

extension Value {
    func workerCopy() -> Value {
        switch self {
        case .string(let s): return .string(s.freshCopy)
        case .list(let items): return .list(items.map { $0.workerCopy() })
        case .object(let o):
            return .object(
                ObjectValue(
                    slots: o.slots.map { $0.workerCopy() },
                    extras: o.extras.map { ExtraField(name: $0.name.freshCopy, value: $0.value.workerCopy()) }))
        case .map(let m): return .map(m.mapValues { $0.workerCopy() })
        default: return self
        }
    }
}

extension String {
    /// The same text in storage of its own (short strings are stored inline and never shared).
    var freshCopy: String { String(decoding: Array(utf8), as: UTF8.self) }
}
