import CareBridgeCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The one place errors become responses: problem+json for the API, an error page for people.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let maxBodySize: Int
    let renderPage: @Sendable (CareBridgeError, Request, AppRequestContext) -> Response

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let failure as FHIRImport.Failure {
            // A bundle that failed its checks: every issue with the element it is in, nothing imported.
            return FHIRController.respond(FHIR.operationOutcome(failure.issues), status: .unprocessableContent)
        } catch {
            let problem = ErrorMapping.careBridgeError(from: error, maxBodySize: maxBodySize)
            if !(error is CareBridgeError || error is HTTPError || error is DecodingError) {
                context.logger.error("Unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            } else if problem.kind == .storage || problem.kind == .unavailable {
                context.logger.error("Storage error", metadata: ["error": "\(problem.detail)"])
            }
            if request.uri.path.hasPrefix(FHIRController.prefix + "/") || request.uri.path == FHIRController.prefix {
                var response = FHIRController.respond(FHIR.operationOutcome(problem), status: Problem.status(for: problem.kind))
                if problem.kind == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"carebridge\"" }
                return response
            }
            if Self.wantsHTML(request) { return renderPage(problem, request, context) }
            return Self.problemResponse(problem, request: request, requestID: context.id)
        }
    }

    static func problemResponse(_ error: CareBridgeError, request: Request, requestID: String) -> Response {
        let problem = Problem(error, instance: request.uri.path, requestID: requestID)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var body = (try? encoder.encode(problem)) ?? Data("{}".utf8)
        if !error.extensions.isEmpty, var object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] {
            for (name, value) in error.extensions where object[name] == nil {
                object[name] = try? JSONSerialization.jsonObject(with: value, options: [.fragmentsAllowed])
            }
            body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? body
        }
        var headers: HTTPFields = [.contentType: Problem.mediaType]
        if error.kind == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"carebridge\"" }
        if let retryAfter = error.retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: Problem.status(for: error.kind), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Pages (not /api, /fhir, /metrics, /healthz) asked for by a browser get HTML.
    static func wantsHTML(_ request: Request) -> Bool {
        let path = request.uri.path
        if path.hasPrefix("/api/") || path.hasPrefix("/fhir/") || path == "/metrics" || path == "/healthz" { return false }
        return request.headers[.accept]?.contains("text/html") ?? false
    }
}
