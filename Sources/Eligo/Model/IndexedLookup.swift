/// (The compiled form, part of `Code`; its hash index is kept by the evaluator: Evaluate/IndexedLookupEvaluation.swift.)
///
/// Lookups into a collection by the value of one field — `by_id(lles, d.lle_id)`,
/// `find(tsas, t -> t.name = n)`, `where(associations, a -> a.lle_id = lle.id)` —
/// compiled by `Checker.datasetCall` and served from a hash index.
///
/// The index for a (collection, field) pair is built the first time a rule asks,
/// then reused for every other record of the run, so a rule about each of 500,000
/// deployments that looks up its LLE costs one hash lookup, not a scan of the LLEs.
/// Only collections that are the same for the whole run (record fields, derived
/// values that do not use `as_of`) are indexed; any other list is scanned.
struct IndexedLookup: Sendable {
    enum Mode: Sendable {
        /// The first matching record, or absent (`by_id`, `find`).
        case first
        /// Every matching record, in collection order (`where`).
        case all
    }

    var mode: Mode
    var list: Code
    var fieldSlot: Int
    var fieldName: String
    /// The value the field must equal.
    var key: Code
    /// The rest of a `find`/`where` condition (`and …` after `x.field = value`), checked on each candidate.
    var condition: (slot: Int, body: Code)?
    /// Names the index in the cache when the list is the same for the whole run; nil means scan.
    var cacheKey: String?
}
