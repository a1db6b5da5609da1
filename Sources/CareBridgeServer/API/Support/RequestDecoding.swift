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

/// A yes/no query parameter (`?full=true`, `?overdue=1`, `Validation.yesNo`); absent or empty is no. Any other value
/// is refused rather than read as no, so that a misspelt flag never answers as if it had not been asked.
enum QueryFlag {
    static func read<Text: StringProtocol>(_ text: Text?, name: String) throws -> Bool {
        try Validation.named(text.map { String($0) }, name, expected: "true or false", Validation.yesNo) ?? false
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
        response([UInt8](try JSONEncoder.api.encode(value)), status: status, etag: etag, location: location)
    }

    static func response(_ bytes: [UInt8], status: HTTPResponse.Status, etag: Int64?, location: String?) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let etag { headers[.eTag] = "\"\(etag)\"" }
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `make` for core values that carry `UUID`s (health records), whose Codable form is upper case: the API writes
    /// every id in lower case (`Hex.uuid`), so ids in the encoded JSON are lowered; nothing else is touched.
    static func makeCore<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, etag: Int64? = nil, location: String? = nil) throws -> Response {
        var bytes = [UInt8](try JSONEncoder.api.encode(value))
        LowercaseIDs.apply(&bytes)
        return response(bytes, status: status, etag: etag, location: location)
    }
}

/// Lowers the hex digits of every quoted UUID (`"8-4-4-4-12"`) in encoded JSON.
enum LowercaseIDs {
    static func apply(_ bytes: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        var i = 0
        while i + 37 < bytes.count {
            if bytes[i] == quote, bytes[i + 37] == quote, isUUID(bytes, from: i + 1) {
                for j in (i + 1)...(i + 36) where bytes[j] >= UInt8(ascii: "A") && bytes[j] <= UInt8(ascii: "F") { bytes[j] += 32 }
                i += 38
            } else {
                i += 1
            }
        }
    }

    static func isUUID(_ b: [UInt8], from start: Int) -> Bool {
        for k in 0..<36 {
            let c = b[start + k]
            if k == 8 || k == 13 || k == 18 || k == 23 { if c != UInt8(ascii: "-") { return false }; continue }
            let hex = (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
            if !hex { return false }
        }
        return true
    }
}

/// A page of results as the API returns it.
struct ListBody<Item: Encodable>: Encodable {
    var items: [Item]
    var nextCursor: String?
}
