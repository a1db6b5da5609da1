import CareBridgeCore
import Foundation
import SQLKit

/// The directory's tables (migration 6): profiles, locations and services, each a JSON document of the core type.
public struct DirectoryRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    /// Every organization that has a directory profile, locations or services, with them.
    public func entries() async throws -> [DirectoryEntry] {
        try await database.read { db in try await entries(in: db) }
    }

    public func entries(in db: any SQLDatabase) async throws -> [DirectoryEntry] {
        let profiles = try await db.select().columns("organization_id", "document").from("directory_profiles").all()
            .map { try Self.decode(DirectoryProfile.self, $0) }
        let locations = try await db.select().columns("document").from("directory_locations").orderBy("id").all()
            .map { try Self.decode(DirectoryLocation.self, $0) }
        let services = try await db.select().columns("document", "version").from("directory_services").orderBy("id").all()
            .map { try Self.decode(DirectoryService.self, $0) }
        let ids = Set(profiles.map(\.organizationID)).union(locations.map(\.organizationID)).union(services.map(\.organizationID))
        guard !ids.isEmpty else { return [] }
        let organizations = try await db.select().columns(OrganizationRepository.columns).from("organizations")
            .where("id", .in, ids.map(\.text)).orderBy("slug").all().map(OrganizationRepository.decode).map(\.value)
        let profileOf = Dictionary(profiles.map { ($0.organizationID, $0) }, uniquingKeysWith: { a, _ in a })
        let locationsOf = Dictionary(grouping: locations, by: \.organizationID)
        let servicesOf = Dictionary(grouping: services, by: \.organizationID)
        return organizations.map { o in
            DirectoryEntry(organization: o, profile: profileOf[o.id] ?? DirectoryProfile(organizationID: o.id),
                           locations: locationsOf[o.id] ?? [], services: servicesOf[o.id] ?? [])
        }
    }

    /// One organization's locations.
    /// A value that changes whenever any server writes the directory (counts, latest changes and versions of its
    /// tables and of organizations; cast, as PostgreSQL sums bigints as numeric), so a server can tell that its in-memory index is stale without reading it all.
    public func fingerprint() async throws -> String {
        try await database.read { db in
            let row = try await db.raw("""
                SELECT CAST((SELECT COUNT(*) FROM directory_services) AS BIGINT) AS a, CAST((SELECT COALESCE(MAX(updated_at), 0) FROM directory_services) AS BIGINT) AS b,
                       CAST((SELECT COALESCE(SUM(version), 0) FROM directory_services) AS BIGINT) AS c,
                       CAST((SELECT COUNT(*) FROM directory_locations) AS BIGINT) AS d, CAST((SELECT COALESCE(MAX(updated_at), 0) FROM directory_locations) AS BIGINT) AS e,
                       CAST((SELECT COUNT(*) FROM directory_profiles) AS BIGINT) AS f, CAST((SELECT COALESCE(MAX(updated_at), 0) FROM directory_profiles) AS BIGINT) AS g,
                       CAST((SELECT COUNT(*) FROM organizations) AS BIGINT) AS h, CAST((SELECT COALESCE(SUM(version), 0) FROM organizations) AS BIGINT) AS i
                """).first()
            guard let row else { return "" }
            return try ["a", "b", "c", "d", "e", "f", "g", "h", "i"].map { String(try row.int($0)) }.joined(separator: ":")
        }
    }

    public func locations(of organizationID: UUID, in db: any SQLDatabase) async throws -> [DirectoryLocation] {
        try await db.select().columns("document").from("directory_locations").where("organization_id", .equal, organizationID.text)
            .orderBy("id").all().map { try Self.decode(DirectoryLocation.self, $0) }
    }

    /// Writes an organization's profile, locations and services, replacing records with the same ids (an import).
    public func save(_ entry: DirectoryEntry, at date: Date, in db: any SQLDatabase) async throws {
        try await saveProfile(entry.profile, at: date, in: db)
        for location in entry.locations { try await saveLocation(location, at: date, in: db) }
        for service in entry.services {
            try await db.delete(from: "directory_services").where("id", .equal, service.id.text).run()
            try await insert(service, version: 1, in: db)
        }
    }

    public func saveProfile(_ profile: DirectoryProfile, at date: Date, in db: any SQLDatabase) async throws {
        try await db.delete(from: "directory_profiles").where("organization_id", .equal, profile.organizationID.text).run()
        try await db.insert(into: "directory_profiles").columns("organization_id", "document", "updated_at")
            .values(SQLBind(profile.organizationID.text), SQLBind(try Self.encode(profile)), SQLBind(date.millis)).run()
    }

    public func saveLocation(_ location: DirectoryLocation, at date: Date, in db: any SQLDatabase) async throws {
        try location.validate()
        if let owner = try await db.select().column("organization_id").from("directory_locations").where("id", .equal, location.id.text).first(),
           try owner.string("organization_id") != location.organizationID.text {
            throw CareBridgeError.conflict("Location \(location.id) belongs to another organization.", reason: "not-own-record")
        }
        try await db.delete(from: "directory_locations").where("id", .equal, location.id.text).run()
        try await db.insert(into: "directory_locations").columns("id", "organization_id", "document", "updated_at")
            .values(SQLBind(location.id.text), SQLBind(location.organizationID.text), SQLBind(try Self.encode(location)), SQLBind(date.millis)).run()
    }

    public func insert(_ service: DirectoryService, version: Int64 = 1, in db: any SQLDatabase) async throws {
        try await db.insert(into: "directory_services").columns("id", "organization_id", "status", "document", "updated_at", "version")
            .values(SQLBind(service.id.text), SQLBind(service.organizationID.text), SQLBind(service.status.rawValue), SQLBind(try Self.encode(service)),
                    SQLBind(service.updatedAt.millis), SQLBind(version)).run()
    }

    /// Replaces a service if nobody changed it since `expectedVersion`; returns the new version.
    public func update(_ service: DirectoryService, expectedVersion: Int64, in db: any SQLDatabase) async throws -> Int64 {
        let rows = try await db.update("directory_services")
            .set("status", to: SQLBind(service.status.rawValue)).set("document", to: SQLBind(try Self.encode(service)))
            .set("updated_at", to: SQLBind(service.updatedAt.millis)).set("version", to: SQLBind(expectedVersion + 1))
            .where("id", .equal, service.id.text).where("organization_id", .equal, service.organizationID.text).where("version", .equal, expectedVersion)
            .returning("version").all()
        guard !rows.isEmpty else {
            throw CareBridgeError(.preconditionFailed, title: "Edited elsewhere",
                                  detail: "The service was changed by someone else since you loaded it; reload and try again.", reason: "stale-version")
        }
        return expectedVersion + 1
    }

    public func service(id: UUID, in db: any SQLDatabase) async throws -> Versioned<DirectoryService>? {
        try await db.select().columns("document", "version").from("directory_services").where("id", .equal, id.text).first()
            .map { Versioned(try Self.decode(DirectoryService.self, $0), version: try $0.int("version")) }
    }

    public func service(id: UUID) async throws -> Versioned<DirectoryService>? { try await database.read { db in try await service(id: id, in: db) } }

    static func encode<T: Encodable>(_ value: T) throws -> String { try JSONColumn.encode(value) }

    static func decode<T: Decodable>(_ type: T.Type, _ row: any SQLRow) throws -> T { try JSONColumn.decode(type, try row.string("document")) }
}
