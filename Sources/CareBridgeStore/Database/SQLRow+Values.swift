import CareBridgeCore
import Foundation
import SQLKit

/// Typed reads of the column conventions (TEXT ids, BIGINT millisecond times, JSON text).
extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func int(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func optionalInt(_ column: String) throws -> Int64? { try decode(column: column, as: Int64?.self) }
    func bool(_ column: String) throws -> Bool { try decode(column: column, as: Bool.self) }
    func uuid(_ column: String) throws -> UUID {
        let text = try string(column)
        guard let id = UUID(uuidString: text) else { throw CareBridgeError(.storage, title: "Bad stored id", detail: "\(column) holds '\(text)', not a UUID.") }
        return id
    }
    func optionalUUID(_ column: String) throws -> UUID? { try optionalString(column).flatMap(UUID.init(uuidString:)) }
    func date(_ column: String) throws -> Date { Clock.date(millis: try int(column)) }
    func optionalDate(_ column: String) throws -> Date? { try optionalInt(column).map(Clock.date(millis:)) }
    func enumValue<E: RawRepresentable>(_ column: String, as: E.Type) throws -> E where E.RawValue == String {
        let text = try string(column)
        guard let value = E(rawValue: text) else { throw CareBridgeError(.storage, title: "Bad stored value", detail: "\(column) holds unknown value '\(text)'.") }
        return value
    }
    func optionalEnum<E: RawRepresentable>(_ column: String, as: E.Type) throws -> E? where E.RawValue == String {
        try optionalString(column).flatMap(E.init(rawValue:))
    }
}

// Values as they are bound: ids as lowercase text (UUID.text, in the core), dates as milliseconds.

extension Date {
    var millis: Int64 { Clock.millis(self) }
}

/// A page of a list, and the opaque cursor for the next page.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: String?
    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
