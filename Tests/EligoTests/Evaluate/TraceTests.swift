import Testing
@testable import Eligo

/// The trace of a rule keeps each path once, in first-seen order, whether it is searched
/// in place (short) or through its hash set (long: a record with thousands of schools).
@Suite struct TraceTests {
    @Test(arguments: [3, Evaluator.Trace.indexedFrom - 1, Evaluator.Trace.indexedFrom, 5_000])
    func readsAndNeedsAreKeptOnceInOrder(count: Int) {
        var paths = RecordPaths()
        let schools = paths.field(RecordPaths.root, slot: 0, name: "schools")
        let urn = (0..<count).map { paths.field(paths.item(schools, $0), slot: 0, name: "urn") }
        let name = (0..<count).map { paths.field(paths.item(schools, $0), slot: 1, name: "name") }
        var trace = Evaluator.Trace()
        for round in 0..<2 {
            for i in 0..<count {
                // The same path made again is the same id.
                trace.read(paths.field(paths.item(schools, i), slot: 0, name: "urn"), .int(i + round * 1_000_000))
                trace.need(name[i])
            }
        }
        #expect(trace.reads.count == count)
        #expect(trace.needs.count == count)
        // The first value read at a path is the one kept.
        #expect(trace.reads.map({ $0.path }) == urn)
        #expect(trace.reads.map({ paths.text($0.path) }) == (0..<count).map { "schools[\($0)].urn" })
        #expect(trace.reads.last?.value == .int(count - 1))
        #expect(trace.needs.map { paths.text($0) } == (0..<count).map { "schools[\($0)].name" })

        trace.removeNeed(name[0])
        #expect(!trace.needs.contains(name[0]))
        trace.need(name[0])
        #expect(trace.needs.last == name[0])
        #expect(trace.needs.count == count)

        var merged = Evaluator.Trace()
        merged.read(paths.field(paths.field(RecordPaths.root, slot: 1, name: "applicant"), slot: 0, name: "name"), .string("A"))
        merged.merge(trace)
        merged.merge(trace)
        #expect(merged.reads.count == count + 1)
        #expect(merged.needs.count == count)
    }

    /// A path handed out as text (a dataset's collection) and its items given back as text are
    /// the paths the evaluator makes, so a rule reading one both ways keeps it once.
    @Test func pathsGivenAsTextAreTheSamePaths() {
        var paths = RecordPaths()
        let people = paths.field(RecordPaths.root, slot: 2, name: "people")
        #expect(paths.textKept(people) == "people")
        let first = paths.field(paths.item(people, 0), slot: 0, name: "id")
        #expect(paths.field(paths.intern("people[0]"), slot: 0, name: "id") == first)
        #expect(paths.intern("") == RecordPaths.root)
        #expect(paths.text(paths.field(paths.intern("people[01]"), slot: 0, name: "id")) == "people[01].id")
        #expect(paths.text(paths.item(paths.intern("unknown"), 3)) == "unknown[3]")
        #expect(paths.intern("unknown") == paths.intern("unknown"))
        #expect(paths.text(paths.item(people, -1)) == "people[-1]")
    }

    /// A dataset forgets each record's paths once its report is made: rolled back, the table is as
    /// it was at the mark (paths made before keep their ids and texts; later ones are made anew,
    /// even past a growth of the table), and the ids given again spell the new paths.
    @Test(arguments: [5, 200])
    func pathsMetSinceAMarkAreForgotten(count: Int) {
        var paths = RecordPaths()
        let people = paths.field(RecordPaths.root, slot: 2, name: "people")
        #expect(paths.textKept(people) == "people")
        let kept = paths.field(paths.item(people, 0), slot: 1, name: "name")
        #expect(paths.text(kept) == "people[0].name")
        let mark = paths.mark()
        var made: [RecordPaths.ID] = []
        for i in 1...count { made.append(paths.field(paths.intern("people[\(i)]"), slot: 0, name: "id")) }
        _ = paths.intern("elsewhere[2]")
        #expect(paths.text(made.last!) == "people[\(count)].id")
        paths.rollBack(to: mark)
        // Ids made before the mark still name their paths, and are found again.
        #expect(paths.text(kept) == "people[0].name")
        #expect(paths.field(paths.item(people, 0), slot: 1, name: "name") == kept)
        #expect(paths.intern("people[0]") == paths.item(people, 0))
        // The next paths take the forgotten ids, with their own texts.
        let again = paths.field(paths.intern("schools[7]"), slot: 3, name: "urn")
        #expect(again == made[0])
        #expect(paths.text(again) == "schools[7].urn")
        #expect(paths.text(paths.field(paths.intern("people[1]"), slot: 0, name: "id")) == "people[1].id")
        #expect(paths.text(paths.intern("elsewhere[2]")) == "elsewhere[2]")
    }

    /// A table marked before its first path (a dataset thread's fresh evaluator) keeps the record
    /// itself through a roll-back: the next path must not take id 0, which is written as "".
    @Test func aMarkOnAnEmptyTableNeverForgetsTheRecordItself() {
        var paths = RecordPaths()
        let mark = paths.mark()
        let first = paths.field(paths.intern("tsas[128]"), slot: 0, name: "pilot")
        #expect(paths.text(first) == "tsas[128].pilot")
        paths.rollBack(to: mark)
        let next = paths.field(paths.intern("tsas[129]"), slot: 0, name: "pilot")
        #expect(paths.text(next) == "tsas[129].pilot")
        #expect(paths.text(RecordPaths.root) == "")
    }
}
