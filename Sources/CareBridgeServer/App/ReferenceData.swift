import CareBridgeCore
import CareBridgeStore
import Foundation

/// Data files shipped under Resources/reference, loaded into a fresh database.
enum ReferenceData {
    /// The organization the first administrator belongs to: the ministry that runs the platform.
    static let operatorSlug = "by-ministry-of-health"

    struct OrganizationEntry: Decodable {
        var slug: String
        var kind: String
        var names: [String: String]
        var region: String?
        var source: String?
    }

    struct OrganizationsFile: Decodable {
        var country: String
        var organizations: [OrganizationEntry]
    }

    static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources/reference") else {
            throw CareBridgeError(.storage, title: "Missing reference data", detail: "Resources/reference/\(name) is not in the build.")
        }
        return url
    }

    /// Loads the demo organizations of the national system; returns how many.
    static func loadOrganizations(services: AppServices) async throws -> Int {
        let file = try JSONDecoder().decode(OrganizationsFile.self, from: Data(contentsOf: try url("organizations-by.json")))
        let now = services.now()
        let organizations = try file.organizations.map { entry in
            let organization = Organization(slug: entry.slug, kind: try OrganizationKind.parse(entry.kind), names: entry.names,
                                            region: entry.region, createdAt: now)
            try organization.validate()
            return organization
        }
        try await services.database.write { db in
            for organization in organizations { try await services.organizations.create(organization, in: db) }
        }
        return organizations.count
    }
}
