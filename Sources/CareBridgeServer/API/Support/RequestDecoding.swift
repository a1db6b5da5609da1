import CareBridgeCore
import Foundation
import HTTPTypes
import Hummingbird

extension Request {
    /// Decodes a JSON body with errors that name the field and the expected type.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: AppRequestContext) async throws -> T {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else {
            throw CareBridgeError(.badRequest, title: "Missing request body", detail: "This request needs a JSON body.")
        }
        if let contentType = headers[.contentType], !contentType.lowercased().contains("json") {
            throw CareBridgeError(.badRequest, title: "Unsupported media type", detail: "Send the body as application/json, not \(contentType).")
        }
        return try JSONDecoder.api.decode(T.self, from: Data(buffer: buffer))
    }

    /// Reads an `application/x-www-form-urlencoded` body (HTML forms).
    func formFields(context: AppRequestContext) async throws -> FormFields {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        return FormFields(String(buffer: buffer))
    }

    /// `?limit=` bounded to 1...200 (default 50) and `?cursor=`.
    func paging() throws -> (limit: Int, cursor: String?) {
        let query = uri.queryParameters
        var limit = 50
        if let text = query["limit"] {
            guard let value = Int(String(text)), (1...200).contains(value) else {
                throw CareBridgeError.invalid("limit", "limit must be a whole number from 1 to 200.")
            }
            limit = value
        }
        return (limit, query["cursor"].map(String.init))
    }

    /// The version an `If-Match: "N"` header names; updates require it so concurrent edits never silently overwrite.
    func requiredVersion() throws -> Int64 {
        guard let header = headers[.ifMatch] else {
            throw CareBridgeError(.preconditionFailed, title: "If-Match required",
                                  detail: "Send the ETag you read as If-Match, so two offices editing one record never overwrite each other.")
        }
        guard let version = Int64(header.trimmingCharacters(in: CharacterSet(charactersIn: "W/\" "))) else {
            throw CareBridgeError(.badRequest, title: "Bad If-Match", detail: "If-Match must be an ETag this server returned, like \"3\".")
        }
        return version
    }
}

extension AppRequestContext {
    /// A UUID path parameter, or 404 (a malformed id names nothing).
    func uuidParameter(_ name: String, what: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else { throw CareBridgeError.notFound(what) }
        return id
    }
}

extension JSONDecoder {
    static var api: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension JSONEncoder {
    static var api: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

/// Builds JSON responses with the API's encoder, an optional ETag and status.
enum JSONResponse {
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, etag: Int64? = nil, location: String? = nil) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let etag { headers[.eTag] = "\"\(etag)\"" }
        if let location { headers[.location] = location }
        let data = try JSONEncoder.api.encode(value)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// A page of results as the API returns it.
struct ListBody<Item: Encodable>: Encodable {
    var items: [Item]
    var nextCursor: String?
}
