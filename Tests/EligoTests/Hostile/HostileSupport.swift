import Foundation
@testable import Eligo

/// Helpers for the adversarial corpus: rule folders written to scratch space for the
/// built binary, and work run on a thread with the stack a Dispatch worker has on Linux.
enum Hostile {
    /// A scratch rules folder with the small test schema (kind `t`) and one rule file.
    static func rulesFolder(_ rules: String, schema: String = Inline.schema) throws -> String {
        let dir = try CLI.scratch()
        try FileManager.default.createDirectory(atPath: dir + "/rules/schema", withIntermediateDirectories: true)
        try schema.write(toFile: dir + "/rules/schema/t.yaml", atomically: true, encoding: .utf8)
        try rules.write(toFile: dir + "/rules/rules.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    /// Runs `body` on a thread with a stack of `bytes` (Dispatch's worker threads, on which batch
    /// screening decides records, have 512 KiB on Linux), and waits for it.
    static func onStack<T: Sendable>(of bytes: Int, _ body: @escaping @Sendable () -> T) -> T {
        let result = ResultBox<T>()
        let work = ThreadWork { result.value = body() }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, bytes)
        var thread = pthread_t()
        let started = pthread_create(
            &thread, &attributes,
            { raw in
                Unmanaged<ThreadWork>.fromOpaque(raw!).takeRetainedValue().body()
                return nil
            }, Unmanaged.passRetained(work).toOpaque())
        precondition(started == 0, "pthread_create failed")
        pthread_join(thread, nil)
        return result.value!
    }
}

/// Where a thread leaves its result for the one waiting on it.
final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

/// What a thread started by `Hostile.onStack` runs.
final class ThreadWork {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}
