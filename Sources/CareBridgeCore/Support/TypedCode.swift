/// A closed set of codes that people and clients type (organization kinds, roles, legal statuses, document types, data
/// categories): one parser for all of them, whose error names the field and lists the codes that exist.
public protocol TypedCode: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    /// The request field such a code usually arrives in.
    static var field: String { get }
}

extension TypedCode {
    public static func parse(_ text: String, field: String = Self.field) throws -> Self {
        guard let value = Self(rawValue: text) else {
            throw CareBridgeError.invalid(field, "\(field) '\(text)' is not one of \(allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return value
    }
}

extension OrganizationKind: TypedCode { public static var field: String { "kind" } }
extension Role: TypedCode { public static var field: String { "role" } }
extension LegalStatusKind: TypedCode { public static var field: String { "status" } }
extension DocumentType: TypedCode { public static var field: String { "type" } }
extension DataCategory: TypedCode { public static var field: String { "categories" } }
