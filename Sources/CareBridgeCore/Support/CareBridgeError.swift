import Foundation

/// The one error family of CareBridge. The server maps it once to RFC 9457 problem+json
/// and to a page message; the CLI prints `detail`.
public struct CareBridgeError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case badRequest = "bad-request"
        case validation
        case unauthorized
        case forbidden
        case notFound = "not-found"
        case conflict
        case preconditionFailed = "precondition-failed"
        case payloadTooLarge = "payload-too-large"
        case rateLimited = "rate-limited"
        case unavailable
        case storage
    }

    public var kind: Kind
    public var title: String
    public var detail: String
    /// Machine-readable reason, e.g. the access policy's denial code.
    public var reason: String?
    /// The field a validation error is about.
    public var field: String?
    /// Seconds after which a rate-limited client may retry.
    public var retryAfter: Int?
    /// Extra members of the problem document (RFC 9457 section 3.2), each a JSON value already encoded:
    /// e.g. the current version of a record a stale edit collided with, or the likely duplicates found.
    public var extensions: [String: Data] = [:]

    public init(_ kind: Kind, title: String, detail: String, reason: String? = nil, field: String? = nil, retryAfter: Int? = nil) {
        self.kind = kind
        self.title = title
        self.detail = detail
        self.reason = reason
        self.field = field
        self.retryAfter = retryAfter
    }

    public var description: String { detail }

    /// This error with one more problem member, encoded as JSON.
    public func adding<T: Encodable>(_ name: String, _ value: T, encoder: JSONEncoder = JSONEncoder()) -> CareBridgeError {
        var copy = self
        copy.extensions[name] = try? encoder.encode(value)
        return copy
    }

    public static func invalid(_ field: String, _ detail: String) -> CareBridgeError {
        CareBridgeError(.validation, title: "Invalid input", detail: detail, field: field)
    }
    public static func notFound(_ what: String) -> CareBridgeError {
        CareBridgeError(.notFound, title: "Not found", detail: "\(what) was not found.")
    }
    public static func conflict(_ detail: String, reason: String? = nil) -> CareBridgeError {
        CareBridgeError(.conflict, title: "Conflict", detail: detail, reason: reason)
    }
}
