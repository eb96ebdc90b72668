import NIOCore
import NIOPosix

/// Runs the server's tasks on the NIO event loops that carry their connections, instead of
/// Swift's global pool: a request's bytes arrive on an event loop, and its handler then runs
/// on that same thread rather than being handed to another one and its answer handed back.
/// On a two-core machine that is two threads the kernel juggles instead of four, and no
/// thread switch per request (docs/serve.md, "Capacity").
final class EventLoopTaskExecutor: TaskExecutor {
    private let group: MultiThreadedEventLoopGroup

    init(_ group: MultiThreadedEventLoopGroup) { self.group = group }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        // `any()` is the loop of the calling thread when it is one of the group's: no hop.
        group.any().execute { job.runSynchronously(on: executor) }
    }
}

extension EligoServer {
    /// Runs `body` (the application) with its tasks preferring the event loops of Hummingbird's
    /// group (`MultiThreadedEventLoopGroup.singleton`, the one `Application` uses by default).
    /// Long work (screening a file) is still sent off the loops by the handlers that do it.
    public static func onEventLoops(_ body: () async throws -> Void) async throws {
        try await withTaskExecutorPreference(EventLoopTaskExecutor(.singleton)) { try await body() }
    }
}
