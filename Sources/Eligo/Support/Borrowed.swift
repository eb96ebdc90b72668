/// A reference that is not counted. The readers and the evaluator reach a field's plan, a CSV
/// column or a rule's conditions once for every value or record, and retaining and releasing
/// each one there cost more than the work itself (measured with callgrind: docs/performance.md).
///
/// Sound only while something else holds the object. Every use in eligo borrows from a
/// collection its owner keeps for the whole run: an `ObjectPlan`'s `fields`, a
/// `CSVRecordReader`'s columns, the plan a `JSONRecordReader` was made with, the rule
/// conditions a screening worker holds. Nothing else in the code base holds `Unmanaged`.
struct Borrowed<Object: AnyObject> {
    private let reference: Unmanaged<Object>

    @inline(__always) init(_ object: Object) { reference = .passUnretained(object) }

    /// The object, counted again from here on (for storing it in a variable).
    @inline(__always) var object: Object { reference.takeUnretainedValue() }

    /// Runs `body` with the object, not counted for the call.
    @inline(__always)
    func with<Result, Failure: Error>(_ body: (Object) throws(Failure) -> Result) throws(Failure) -> Result {
        try reference._withUnsafeGuaranteedRef { object in Swift.Result { () throws(Failure) in try body(object) } }.get()
    }
}

extension Borrowed: Sendable where Object: Sendable {}
