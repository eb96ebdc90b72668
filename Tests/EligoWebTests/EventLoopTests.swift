import Eligo
@testable import EligoWeb
import HummingbirdTesting
import NIOPosix
import Testing

/// `eligo serve` runs its application inside `EligoServer.onEventLoops`, so request handlers run
/// on the event loop that read the request rather than on a thread of Swift's global pool.
@Suite struct EventLoopTests {
    @Test func tasksInsideRunOnTheEventLoops() async throws {
        var onLoopInside = false
        try await EligoServer.onEventLoops {
            // After a suspension the task resumes wherever its executor puts it.
            await Task.yield()
            onLoopInside = MultiThreadedEventLoopGroup.currentEventLoop != nil
        }
        #expect(onLoopInside)
        // Outside, the task is back on Swift's own threads, which are no event loop's.
        await Task.yield()
        #expect(MultiThreadedEventLoopGroup.currentEventLoop == nil)
    }

    @Test func aServerOnTheEventLoopsDecidesOverRealSockets() async throws {
        let app = try Web.app()
        let body = try Web.text("Benchmarks/serve/applicant.json")
        try await EligoServer.onEventLoops {
            try await app.test(.live) { client in
                for _ in 0..<3 {
                    let (response, text) = try await client.send("/v1/check", .post, body: body)
                    #expect(response.status == .ok)
                    #expect(text.contains("\"decision\":\"eligible\""))
                }
            }
        }
    }
}
