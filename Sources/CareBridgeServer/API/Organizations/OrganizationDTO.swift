import CareBridgeCore
import Foundation

/// An organization as the API shows it.
struct OrganizationBody: Codable {
    /// Ids go out in lowercase, as they are stored and as Location headers name them.
    var id: String
    var slug: String
    var kind: OrganizationKind
    var names: [String: String]
    var region: String?
    var createdAt: Date

    init(_ o: Organization) {
        (id, slug, kind, names, region, createdAt) = (Hex.uuid(o.id), o.slug, o.kind, o.names, o.region, o.createdAt)
    }
}

struct NewOrganization: Decodable {
    var slug: String
    var kind: String
    var names: [String: String]
    var region: String?
}

struct OrganizationChanges: Decodable {
    var kind: String?
    var names: [String: String]?
    var region: String?
}
