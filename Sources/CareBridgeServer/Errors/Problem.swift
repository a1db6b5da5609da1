import CareBridgeCore
import Foundation
import HTTPTypes
import Hummingbird

/// An RFC 9457 problem document: what every API error looks like.
struct Problem: Codable, Sendable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var instance: String?
    var requestId: String?
    /// The access policy's denial code, or another machine-readable reason.
    var reason: String?
    /// The request field a validation error is about.
    var field: String?

    static let mediaType = "application/problem+json"

    init(_ error: CareBridgeError, instance: String?, requestID: String?) {
        self.type = "https://carebridge.dev/problems/\(error.kind.rawValue)"
        self.title = error.title
        self.status = Int(Problem.status(for: error.kind).code)
        self.detail = error.detail
        self.instance = instance
        self.requestId = requestID
        self.reason = error.reason
        self.field = error.field
    }

    static func status(for kind: CareBridgeError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .badRequest: .badRequest
        case .validation: .unprocessableContent
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .preconditionFailed: .preconditionFailed
        case .payloadTooLarge: .contentTooLarge
        case .rateLimited: .tooManyRequests
        case .unavailable, .storage: .serviceUnavailable
        }
    }
}

/// Turns anything a handler or middleware throws into the one error family.
enum ErrorMapping {
    static func careBridgeError(from error: any Error, maxBodySize: Int) -> CareBridgeError {
        switch error {
        case let error as CareBridgeError:
            return error
        case let error as DecodingError:
            return CareBridgeError(.badRequest, title: "Malformed request body", detail: describe(error), field: fieldPath(error))
        case let error as HTTPError:
            switch error.status {
            case .notFound:
                return CareBridgeError(.notFound, title: "Not found", detail: "There is nothing at this address.")
            case .contentTooLarge:
                return CareBridgeError(.payloadTooLarge, title: "Request too large",
                                       detail: "The request body is larger than the \(maxBodySize) bytes this server accepts.")
            case .methodNotAllowed:
                return CareBridgeError(.badRequest, title: "Method not allowed", detail: "This address does not accept that method.")
            case .badRequest:
                return CareBridgeError(.badRequest, title: "Bad request", detail: error.body ?? "The request could not be read.")
            case .unauthorized:
                return CareBridgeError(.unauthorized, title: "Authentication required", detail: error.body ?? "Sign in first.")
            default:
                return CareBridgeError(.badRequest, title: error.status.reasonPhrase, detail: error.body ?? error.status.reasonPhrase)
            }
        default:
            return CareBridgeError(.storage, title: "Internal error", detail: "Something went wrong on the server; it has been logged.")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "The body is not valid JSON."
        case .dataCorrupted(let context):
            return "The value of '\(path(context.codingPath))' is not valid: \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "The field '\(parent.isEmpty ? key.stringValue : parent + "." + key.stringValue)' is required."
        case .typeMismatch(let type, let context):
            return "The field '\(path(context.codingPath))' must be \(typeName(type))."
        case .valueNotFound(let type, let context):
            return "The field '\(path(context.codingPath))' must be \(typeName(type)), not null."
        @unknown default:
            return "The body could not be read."
        }
    }

    static func fieldPath(_ error: DecodingError) -> String? {
        switch error {
        case .keyNotFound(let key, let context): return path(context.codingPath + [key])
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): return c.codingPath.isEmpty ? nil : path(c.codingPath)
        @unknown default: return nil
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "true or false"
        case is Double.Type: "a number"
        default: "\(type)".contains("Dictionary") ? "an object" : "\(type)".contains("Array") ? "a list" : "of type \(type)"
        }
    }
}
