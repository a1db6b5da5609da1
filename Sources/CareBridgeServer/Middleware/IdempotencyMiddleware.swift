import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird

/// API writes sent with `Idempotency-Key` run once per user and key: a retry gets the first
/// response again (marked `Idempotent-Replayed: true`), never a second record.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let repository: IdempotencyRepository
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard [.post, .patch, .put, .delete].contains(request.method), request.uri.path.hasPrefix("/api/"),
              let key = request.headers[.idempotencyKey], let identity = context.identity else {
            return try await next(request, context)
        }
        guard (1...255).contains(key.count) else {
            throw CareBridgeError.invalid("Idempotency-Key", "Idempotency-Key must have 1 to 255 characters.")
        }
        let userID = identity.user.id
        switch try await repository.claim(userID: userID, key: key, method: request.method.rawValue, path: request.uri.path, now: now()) {
        case .mismatch:
            throw CareBridgeError(.validation, title: "Idempotency-Key reused",
                                  detail: "This Idempotency-Key was already used for a different request; use a new key.", field: "Idempotency-Key")
        case .inProgress:
            throw CareBridgeError.conflict("A request with this Idempotency-Key is still being processed; retry in a moment.", reason: "idempotency-in-progress")
        case .replay(let status, let contentType, let body):
            var headers: HTTPFields = [.init("Idempotent-Replayed")!: "true"]
            if let contentType { headers[.contentType] = contentType }
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        case .new:
            let response: Response
            do { response = try await next(request, context) } catch {
                // A refused or invalid request is answered the same way on retry; only server failures are forgotten.
                let mapped = ErrorMapping.careBridgeError(from: error, maxBodySize: context.maxUploadSize)
                if [.storage, .unavailable].contains(mapped.kind) {
                    try? await repository.release(userID: userID, key: key)
                } else {
                    let problem = ErrorMiddleware.problemResponse(mapped, request: request, requestID: context.id)
                    let body = try await Self.collect(problem)
                    try await repository.complete(userID: userID, key: key, status: Int(problem.status.code),
                                                  contentType: problem.headers[.contentType], body: body.text)
                }
                throw error
            }
            let collected = try await Self.collect(response)
            if response.status.code >= 500 {
                try? await repository.release(userID: userID, key: key)
            } else {
                try await repository.complete(userID: userID, key: key, status: Int(response.status.code),
                                              contentType: response.headers[.contentType], body: collected.text)
            }
            var replayable = response
            replayable.body = .init(byteBuffer: collected.buffer)
            return replayable
        }
    }

    /// Reads a response body into memory (API responses are small JSON documents).
    static func collect(_ response: Response) async throws -> (buffer: ByteBuffer, text: String) {
        let collector = BodyCollector()
        try await response.body.write(collector.writer)
        let buffer = collector.box.buffer
        return (buffer, String(buffer: buffer))
    }
}

/// A response-body writer that keeps what is written.
private struct BodyCollector {
    final class Box: @unchecked Sendable {
        // @unchecked: written by one body writer, then read after it finished, never concurrently.
        var buffer = ByteBuffer()
    }
    let box = Box()
    var writer: Writer { Writer(box: box) }

    struct Writer: ResponseBodyWriter {
        let box: Box
        mutating func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            box.buffer.writeBuffer(&buffer)
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
