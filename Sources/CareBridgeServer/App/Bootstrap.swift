import CareBridgeCore
import CareBridgeStore
import Foundation
import Logging

/// What `serve` does before listening: migrate, load reference data into a fresh database,
/// and make sure someone can sign in.
struct Bootstrap: Sendable {
    let services: AppServices
    let logger: Logger

    func run() async throws {
        let applied = try await Migrations.run(on: services.database)
        if !applied.isEmpty { logger.info("Migrated", metadata: ["steps": "\(applied.joined(separator: ", "))"]) }
        if services.configuration.loadReferenceData, try await services.organizations.count() == 0 {
            let count = try await ReferenceData.loadOrganizations(services: services)
            logger.info("Loaded reference organizations", metadata: ["count": "\(count)"])
        }
        try await services.ruleSets.load(database: services.database, now: services.now(), logger: logger)
        if services.configuration.loadReferenceData { try await services.directory.loadShipped(services: services, logger: logger) }
        try await services.directory.refresh()
        try await ensureAdmin()
    }

    /// Creates `admin` in the operating ministry when no account exists yet.
    func ensureAdmin() async throws {
        guard try await services.users.count() == 0 else { return }
        let operatorOrg = try await operatorOrganization()
        let generated = services.configuration.adminPassword == nil
        let password = services.configuration.adminPassword ?? TokenRepository.randomSecret()
        let admin = User(username: "admin", organizationID: operatorOrg.id, role: .admin, createdAt: services.now())
        try await services.accounts.createUser(admin, password: password, by: nil, requestID: nil)
        if generated {
            // Printed once, to the console only; it is not stored anywhere in clear.
            FileHandle.standardOutput.write(Data("""
                ----------------------------------------------------------------
                CareBridge created the administrator account.
                  username: admin
                  password: \(password)
                Sign in at /login and change it. This password is not shown again.
                ----------------------------------------------------------------

                """.utf8))
        } else {
            logger.info("Created administrator 'admin' with the password from CAREBRIDGE_ADMIN_PASSWORD")
        }
    }

    /// The health-ministry organization that runs the platform; created if reference data was skipped.
    func operatorOrganization() async throws -> Organization {
        if let found = try await services.organizations.find(slug: ReferenceData.operatorSlug) { return found.value }
        let organization = Organization(slug: ReferenceData.operatorSlug, kind: .healthMinistry,
                                        names: ["en": "CareBridge operator"], region: nil, createdAt: services.now())
        try await services.database.write { db in try await services.organizations.create(organization, in: db) }
        return organization
    }
}
