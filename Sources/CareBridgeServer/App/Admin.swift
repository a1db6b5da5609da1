import CareBridgeCore
import CareBridgeStore
import Foundation

/// What the command line does besides serving, on the same services as the server.
public enum Admin {
    static func withServices<T: Sendable>(_ configuration: AppConfiguration, migrate: Bool = true, relaxedDurability: Bool = false,
                                          _ body: @Sendable (AppServices) async throws -> T) async throws -> T {
        let database = try await Database.open(url: configuration.databaseURL, logger: makeLogger(level: "error"), relaxedDurability: relaxedDurability)
        do {
            if migrate { try await Migrations.run(on: database) }
            let result = try await body(try AppServices(configuration: configuration, database: database))
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }

    public static func migrate(_ configuration: AppConfiguration) async throws -> [String] {
        try await withServices(configuration, migrate: false) { try await Migrations.run(on: $0.database) }
    }

    public static func addUser(_ configuration: AppConfiguration, organizationSlug: String, role: String,
                               username: String, language: String, password: String) async throws {
        try await withServices(configuration) { services in
            guard let organization = try await services.organizations.find(slug: organizationSlug) else {
                throw CareBridgeError.invalid("org", "There is no organization with the slug '\(organizationSlug)'. Start the server once to load the reference organizations, or create it first.")
            }
            let user = User(username: username, organizationID: organization.value.id, role: try Role.parse(role),
                            preferredLanguage: language, createdAt: services.now())
            try await services.accounts.createUser(user, password: password, by: nil, requestID: nil)
        }
    }

    /// Creates an organization unless its slug exists (used by the benchmark to make its own data).
    public static func addOrganization(_ configuration: AppConfiguration, slug: String, kind: OrganizationKind, name: String) async throws {
        try await withServices(configuration) { services in
            guard try await services.organizations.find(slug: slug) == nil else { return }
            let organization = Organization(slug: slug, kind: kind, names: ["en": name], region: nil, createdAt: services.now())
            try await services.database.write { try await services.organizations.create(organization, in: $0) }
        }
    }

    public static func verifyAudit(_ configuration: AppConfiguration) async throws -> AuditVerification {
        try await withServices(configuration, migrate: false) { try await $0.audit.verify() }
    }
}
