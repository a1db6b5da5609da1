import Foundation

/// An organization of the national system: a ministry, a clinic, the public-health service, an NGO...
public struct Organization: Codable, Sendable, Hashable {
    public var id: UUID
    /// Short stable handle used by the CLI and in URLs, e.g. `minsk-city-clinic-5`.
    public var slug: String
    public var kind: OrganizationKind
    /// Name per language tag (BCP 47), e.g. `["en": "...", "ru": "...", "be": "..."]`; at least one.
    public var names: [String: String]
    /// Administrative region (ISO 3166-2 code such as `BY-HM`), if any.
    public var region: String?
    public var createdAt: Date

    public init(id: UUID = UUID(), slug: String, kind: OrganizationKind, names: [String: String], region: String?, createdAt: Date) {
        self.id = id
        self.slug = slug
        self.kind = kind
        self.names = names
        self.region = region
        self.createdAt = createdAt
    }

    /// The name in `language`, else English, else any.
    public func name(in language: String) -> String {
        names[language] ?? names["en"] ?? names.sorted { $0.key < $1.key }.first?.value ?? slug
    }

    /// Checks the fields a user typed; throws a validation error naming the field.
    public func validate() throws {
        try Validation.slug(slug, field: "slug")
        guard !names.isEmpty else { throw CareBridgeError.invalid("names", "An organization needs a name in at least one language.") }
        for (language, name) in names {
            try Validation.languageTag(language, field: "names")
            if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || name.count > 200 {
                throw CareBridgeError.invalid("names", "The \(language) name must have 1 to 200 characters.")
            }
        }
        if let region { try Validation.regionCode(region, field: "region") }
    }
}
