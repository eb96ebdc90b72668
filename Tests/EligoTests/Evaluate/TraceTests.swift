import Testing
@testable import Eligo

/// The trace of a rule keeps each path once, in first-seen order, whether it is searched
/// in place (short) or through its hash set (long: a record with thousands of schools).
@Suite struct TraceTests {
    @Test(arguments: [3, Evaluator.Trace.indexedFrom - 1, Evaluator.Trace.indexedFrom, 5_000])
    func readsAndNeedsAreKeptOnceInOrder(count: Int) {
        var trace = Evaluator.Trace()
        for round in 0..<2 {
            for i in 0..<count {
                trace.read("schools[\(i)].urn", .int(i + round * 1_000_000))
                trace.need("schools[\(i)].name")
            }
        }
        #expect(trace.reads.count == count)
        #expect(trace.needs.count == count)
        // The first value read at a path is the one kept.
        #expect(trace.reads.map({ $0.path }) == (0..<count).map { "schools[\($0)].urn" })
        #expect(trace.reads.last?.value == .int(count - 1))
        #expect(trace.needs == (0..<count).map { "schools[\($0)].name" })

        trace.removeNeed("schools[0].name")
        #expect(!trace.needs.contains("schools[0].name"))
        trace.need("schools[0].name")
        #expect(trace.needs.last == "schools[0].name")
        #expect(trace.needs.count == count)

        var merged = Evaluator.Trace()
        merged.read("applicant.name", .string("A"))
        merged.merge(trace)
        merged.merge(trace)
        #expect(merged.reads.count == count + 1)
        #expect(merged.needs.count == count)
    }
}
