import CareBridgeCore
import Foundation
import SQLKit

/// `health_records` (migration 9): each clinical record whole as JSON, with the columns it is found by.
public struct HealthRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    static let columns = ["id", "person_id", "kind", "code", "status", "day", "parent_id", "other_person_id", "organization_id",
                          "milestones", "document", "created_at", "updated_at", "version"]

    /// The organization a record is filed under: an alert goes to the treating facility, everything else to where it happened.
    static func organization(of record: HealthRecord) -> UUID { record.alert?.treatingOrganizationID ?? record.organizationID }

    public func insert(_ record: HealthRecord, milestones: UInt32, in db: any SQLDatabase) async throws {
        try await insertRows([try row(record, milestones: milestones)], in: db)
    }

    /// A record's stored values, for callers that prepare rows away from the writer (the demo's bulk load).
    public func row(_ record: HealthRecord, milestones: UInt32) throws -> [BulkValue] {
        [BulkValue(record.id.text), BulkValue(record.personID.text), BulkValue(record.kind.rawValue), BulkValue(record.code),
         BulkValue(record.status), .integer(Int64(record.date.number)), BulkValue(record.parentID?.text), BulkValue(record.otherPersonID?.text),
         BulkValue(Self.organization(of: record).text), .integer(Int64(milestones)), BulkValue(try JSONColumn.encode(record)),
         .integer(record.recordedAt.millis), .integer(record.updatedAt.millis), .integer(Int64(record.version))]
    }

    public func insertRows(_ rows: [[BulkValue]], in db: any SQLDatabase) async throws {
        try await BulkInsert.run(into: "health_records", columns: Self.columns, rows: rows, in: db)
    }

    /// Stores a changed record if nobody changed it since `expectedVersion`; the record comes back with its new version.
    public func update(_ record: HealthRecord, expectedVersion: Int, milestones: UInt32, in db: any SQLDatabase) async throws -> HealthRecord {
        var stored = record
        stored.version = expectedVersion + 1
        let rows = try await db.update("health_records")
            .set("code", to: SQLBind(stored.code)).set("status", to: SQLBind(stored.status)).set("day", to: SQLBind(Int64(stored.date.number)))
            .set("parent_id", to: SQLBind(stored.parentID?.text)).set("other_person_id", to: SQLBind(stored.otherPersonID?.text))
            .set("organization_id", to: SQLBind(Self.organization(of: stored).text))
            .set("milestones", to: SQLBind(Int64(milestones))).set("document", to: SQLBind(try JSONColumn.encode(stored)))
            .set("updated_at", to: SQLBind(stored.updatedAt.millis)).set("version", to: SQLBind(Int64(stored.version)))
            .where("id", .equal, stored.id.text).where("version", .equal, Int64(expectedVersion))
            .returning("version").all()
        guard !rows.isEmpty else { throw Self.staleVersion }
        return stored
    }

    public static let staleVersion = CareBridgeError(.preconditionFailed, title: "Changed elsewhere",
                                                     detail: "The record was changed by someone else since you loaded it; reload and try again.", reason: "stale-version")

    public func find(id: UUID, in db: any SQLDatabase) async throws -> HealthRecord? {
        try await db.select().column("document").from("health_records").where("id", .equal, id.text).first().map(Self.decode)
    }

    public func find(id: UUID) async throws -> HealthRecord? { try await database.read { db in try await find(id: id, in: db) } }

    /// A person's records, newest clinical date first, optionally of some kinds only.
    public func records(of personIDs: [UUID], kinds: [HealthRecord.Kind] = [], in db: any SQLDatabase) async throws -> [HealthRecord] {
        guard !personIDs.isEmpty else { return [] }  // PostgreSQL refuses `IN ()`.
        var query = db.select().column("document").from("health_records").where("person_id", .in, personIDs.map(\.text))
        if !kinds.isEmpty { query = query.where("kind", .in, kinds.map(\.rawValue)) }
        return try await query.orderBy("day", .descending).orderBy("created_at", .descending).all().map(Self.decode)
    }

    public func records(of personIDs: [UUID], kinds: [HealthRecord.Kind] = []) async throws -> [HealthRecord] {
        try await database.read { db in try await records(of: personIDs, kinds: kinds, in: db) }
    }

    /// Records that belong to another: a case's contacts and treatments, an assessment's tests, a treatment's alerts.
    public func children(of parentIDs: [UUID], kinds: [HealthRecord.Kind] = [], in db: any SQLDatabase) async throws -> [HealthRecord] {
        guard !parentIDs.isEmpty else { return [] }
        var query = db.select().column("document").from("health_records").where("parent_id", .in, parentIDs.map(\.text))
        if !kinds.isEmpty { query = query.where("kind", .in, kinds.map(\.rawValue)) }
        return try await query.orderBy("day", .descending).all().map(Self.decode)
    }

    /// Contact records naming these people as the contact (so a contact's own page shows how they were exposed).
    public func contacts(naming personIDs: [UUID], in db: any SQLDatabase) async throws -> [HealthRecord] {
        guard !personIDs.isEmpty else { return [] }
        return try await db.select().column("document").from("health_records").where("other_person_id", .in, personIDs.map(\.text))
            .where("kind", .equal, HealthRecord.Kind.contact.rawValue).all().map(Self.decode)
    }

    /// Records of one kind filed under an organization, optionally in some states (an organization's open alerts, its cases).
    public func filed(_ kind: HealthRecord.Kind, organizationID: UUID?, statuses: [String] = [], limit: Int = 500) async throws -> [HealthRecord] {
        try await database.read { db in
            var query = db.select().column("document").from("health_records").where("kind", .equal, kind.rawValue)
            if let organizationID { query = query.where("organization_id", .equal, organizationID.text) }
            if !statuses.isEmpty { query = query.where("status", .in, statuses) }
            return try await query.orderBy("day", .descending).limit(limit).all().map(Self.decode)
        }
    }

    /// Whether any of these people has a notified case (the legal-notification exception of the access policy).
    public func notified(_ personIDs: [UUID], in db: any SQLDatabase) async throws -> Set<UUID> {
        guard !personIDs.isEmpty else { return [] }
        let rows = try await db.select().distinct().column("person_id").from("health_records").where("person_id", .in, personIDs.map(\.text))
            .where("kind", .equal, HealthRecord.Kind.notification.rawValue).all()
        return Set(try rows.map { try $0.uuid("person_id") })
    }

    /// Every record's cascade contribution with its person and day (for building the snapshot), or one person's.
    public func milestones(of personIDs: [UUID]? = nil, in db: any SQLDatabase) async throws -> [(personID: UUID, day: Int32, bits: UInt32)] {
        var query = db.select().columns("person_id", "day", "milestones").from("health_records").where("milestones", .notEqual, Int64(0))
        if let personIDs {
            guard !personIDs.isEmpty else { return [] }
            query = query.where("person_id", .in, personIDs.map(\.text))
        }
        return try await query.all().map { row in
            (try row.uuid("person_id"), Int32(try row.int("day")), UInt32(truncatingIfNeeded: try row.int("milestones")))
        }
    }

    /// A reference document an administrator imported, by name (e.g. `country-epidemiology`).
    public func referenceDocument(_ name: String) async throws -> String? {
        try await database.read { db in
            try await db.select().column("document").from("reference_documents").where("name", .equal, name).first().map { try $0.string("document") }
        }
    }

    public func saveReferenceDocument(_ name: String, _ document: String, by user: UUID?, at time: Date, in db: any SQLDatabase) async throws {
        try await db.delete(from: "reference_documents").where("name", .equal, name).run()
        try await db.insert(into: "reference_documents").columns("name", "document", "imported_by", "imported_at")
            .values(SQLBind(name), SQLBind(document), SQLBind(user?.text), SQLBind(time.millis)).run()
    }

    static func decode(_ row: any SQLRow) throws -> HealthRecord { try JSONColumn.decode(HealthRecord.self, try row.string("document")) }
}
