import CareBridgeCore
import HTTPTypes
import Hummingbird

/// Refuses bodies over the configured size before reading them, and tells the decoders the limit
/// so a body without Content-Length is cut off at the same size.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let maxBodySize: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.bodyLimit = maxBodySize
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodySize {
            throw CareBridgeError(.payloadTooLarge, title: "Request too large",
                                  detail: "The request body has \(length) bytes; this server accepts at most \(maxBodySize).")
        }
        return try await next(request, context)
    }
}
