import CareBridgeCore
import Foundation
import SQLKit

/// Organizations of the national system, stored in `organizations`.
public struct OrganizationRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    static let columns = ["id", "slug", "kind", "names", "region", "created_at", "version"]

    public func create(_ organization: Organization, in db: any SQLDatabase) async throws {
        try organization.validate()
        try await db.insert(into: "organizations").columns(Self.columns)
            .values(SQLBind(organization.id.text), SQLBind(organization.slug), SQLBind(organization.kind.rawValue),
                    SQLBind(try Self.encodeNames(organization.names)), SQLBind(organization.region),
                    SQLBind(organization.createdAt.millis), SQLBind(Int64(1)))
            .run()
    }

    /// Replaces the editable fields when the stored version is `expectedVersion`; returns the new version.
    public func update(_ organization: Organization, expectedVersion: Int64, in db: any SQLDatabase) async throws -> Int64 {
        try organization.validate()
        let rows = try await db.update("organizations")
            .set("names", to: SQLBind(try Self.encodeNames(organization.names)))
            .set("region", to: SQLBind(organization.region))
            .set("kind", to: SQLBind(organization.kind.rawValue))
            .set("version", to: SQLBind(expectedVersion + 1))
            .where("id", .equal, organization.id.text)
            .where("version", .equal, expectedVersion)
            .returning("version")
            .all()
        guard !rows.isEmpty else {
            throw CareBridgeError(.preconditionFailed, title: "Edited elsewhere",
                                  detail: "The organization was changed by someone else since you loaded it; reload and try again.")
        }
        return expectedVersion + 1
    }

    public func find(id: UUID) async throws -> Versioned<Organization>? {
        try await database.read { db in try await find(id: id, in: db) }
    }

    public func find(id: UUID, in db: any SQLDatabase) async throws -> Versioned<Organization>? {
        try await db.select().columns(Self.columns).from("organizations").where("id", .equal, id.text)
            .first().map(Self.decode)
    }

    public func find(slug: String) async throws -> Versioned<Organization>? {
        try await database.read { db in try await find(slug: slug, in: db) }
    }

    public func find(slug: String, in db: any SQLDatabase) async throws -> Versioned<Organization>? {
        try await db.select().columns(Self.columns).from("organizations").where("slug", .equal, slug).first().map(Self.decode)
    }

    /// Organizations ordered by slug, `limit` at a time, after the slug in `cursor`.
    public func list(limit: Int, after cursor: String?) async throws -> Page<Organization> {
        try await database.read { db in
            var query = db.select().columns(Self.columns).from("organizations").orderBy("slug").limit(limit + 1)
            if let cursor { query = query.where("slug", .greaterThan, cursor) }
            let items = try await query.all().map(Self.decode).map(\.value)
            return Page(items: Array(items.prefix(limit)), nextCursor: items.count > limit ? items[limit - 1].slug : nil)
        }
    }

    public func count() async throws -> Int {
        try await database.read { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("organizations")
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    static func decode(_ row: any SQLRow) throws -> Versioned<Organization> {
        let names = try JSONDecoder().decode([String: String].self, from: Data(try row.string("names").utf8))
        return Versioned(Organization(
            id: try row.uuid("id"), slug: try row.string("slug"), kind: try row.enumValue("kind", as: OrganizationKind.self),
            names: names, region: try row.optionalString("region"), createdAt: try row.date("created_at")),
            version: try row.int("version"))
    }

    static func encodeNames(_ names: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(names), as: UTF8.self)
    }
}

/// A stored value with its version, which becomes the ETag that `If-Match` must name to update it.
public struct Versioned<Value: Sendable>: Sendable {
    public var value: Value
    public var version: Int64
    public init(_ value: Value, version: Int64) {
        self.value = value
        self.version = version
    }
}
