import HTTPTypes
import Hummingbird
import Logging
import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Headers every response carries: nothing is framed, sniffed, cached or sent
/// elsewhere, and pages run only eligo's own script and styles.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// For eligo's own pages: its script and stylesheet files only.
    static var pagePolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        func set(_ name: HTTPField.Name, _ value: String) {
            if response.headers[name] == nil { response.headers[name] = value }
        }
        set(.contentSecurityPolicy, Self.pagePolicy)
        set(.xContentTypeOptions, "nosniff")
        set(HTTPField.Name("X-Frame-Options")!, "DENY")
        set(HTTPField.Name("Referrer-Policy")!, "no-referrer")
        // Answers and reports are personal: no cache keeps them.
        set(.cacheControl, "no-store")
        set(HTTPField.Name("Permissions-Policy")!, "camera=(), microphone=(), geolocation=()")
        set(HTTPField.Name("Cross-Origin-Opener-Policy")!, "same-origin")
        return response
    }
}

/// Turns every error a handler throws into a response, so no request's failure reaches
/// the server: a body over its cap is a 413, anything unexpected a 500, both as problem+json.
/// Logs the method, path (never the query or body), status and time taken.
struct ErrorBoundaryMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = Clock.nanoseconds()
        let response: Response
        do {
            response = try await next(request, context)
        } catch let problem as Problem {
            response = problem.response
        } catch is NIOTooManyBytesError {
            response = Problem.tooLarge(limit: context.maxUploadSize).response
        } catch let error as HTTPError where error.status == .notFound {
            response =
                Problem(
                    status: .notFound, type: "not-found", title: "Not found",
                    detail: "There is no page at \(request.uri.path)."
                ).response
        } catch let error as any HTTPResponseError {
            response =
                Problem(
                    status: error.status, type: "http", title: "The request could not be served",
                    detail: "\(error.status.code) \(error.status.reasonPhrase)"
                ).response
        } catch {
            logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(type(of: error))"])
            response =
                Problem(
                    status: .internalServerError, type: "internal", title: "Something went wrong in eligo",
                    detail: "The request could not be completed; nothing was stored. Please try again."
                ).response
        }
        let micros = (Clock.nanoseconds() - start) / 1000
        logger.info(
            "request",
            metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)",
                "status": "\(response.status.code)", "micros": "\(micros)"
            ])
        return response
    }
}

enum Clock {
    static func nanoseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1_000_000_000 + ts.tv_nsec
    }
}
