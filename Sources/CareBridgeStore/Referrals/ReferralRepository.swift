import CareBridgeCore
import Foundation
import SQLKit

/// `referrals` (migrations 7 and 10): each referral whole as JSON, with the columns the boxes are listed by and the
/// population snapshot reads (state, creation, first attendance, decline code).
public struct ReferralRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    static let columns = ["id", "person_id", "from_organization_id", "to_organization_id", "service_id", "state", "urgency", "document",
                          "created_at", "updated_at", "version", "decline_code", "attended_at"]

    /// A new referral's row, in `columns` order, at version 1.
    static func row(_ referral: Referral) throws -> [BulkValue] {
        [BulkValue(referral.id.text), BulkValue(referral.personID.text), BulkValue(referral.fromOrganizationID.text),
         BulkValue(referral.toOrganizationID.text), BulkValue(referral.serviceID.text), BulkValue(referral.state.rawValue),
         BulkValue(referral.urgency.rawValue), BulkValue(try Self.encode(referral)), BulkValue(referral.createdAt.millis),
         BulkValue(referral.updatedAt.millis), BulkValue(Int64(1)), BulkValue(referral.declineCode?.rawValue),
         BulkValue(referral.firstAttendedAt?.millis)]
    }

    public func insert(_ referral: Referral, in db: any SQLDatabase) async throws {
        try await BulkInsert.run(into: "referrals", columns: Self.columns, rows: [try Self.row(referral)], in: db)
    }

    /// Stores the referral after a transition if nobody changed it since `expectedVersion`; returns the new version.
    public func update(_ referral: Referral, expectedVersion: Int64, in db: any SQLDatabase) async throws -> Int64 {
        let rows = try await db.raw(try Self.update(referral, expectedVersion: expectedVersion, where: "version = \(bind: expectedVersion)") + " RETURNING version").all()
        guard !rows.isEmpty else { throw Self.staleVersion }
        return expectedVersion + 1
    }

    /// PostgreSQL: adds the referral's insert to `write` (`OneStatementWrite`).
    public func insert(_ referral: Referral, into write: inout OneStatementWrite) throws {
        write.insert(into: "referrals", columns: Self.columns, rows: [try Self.row(referral)])
    }

    /// PostgreSQL: adds the referral's update after a transition to `write`, which writes nothing unless the stored
    /// referral is still at `expectedVersion` (its row locked).
    public func update(_ referral: Referral, expectedVersion: Int64, into write: inout OneStatementWrite) throws {
        write.lock("referrals", where: "referrals.id = \(bind: referral.id.text) AND referrals.version = \(bind: expectedVersion)")
        write.write(try Self.update(referral, expectedVersion: expectedVersion, where: OneStatementWrite.proceed))
    }

    /// The update of the referral's row to `expectedVersion + 1`, on `condition` besides its id.
    static func update(_ referral: Referral, expectedVersion: Int64, where condition: SQLQueryString) throws -> SQLQueryString {
        """
        UPDATE referrals SET state = \(bind: referral.state.rawValue), document = \(bind: try Self.encode(referral)), \
        updated_at = \(bind: referral.updatedAt.millis), version = \(bind: expectedVersion + 1), \
        decline_code = \(bind: referral.declineCode?.rawValue), attended_at = \(bind: referral.firstAttendedAt?.millis) \
        WHERE id = \(bind: referral.id.text) AND \(condition)
        """
    }

    public static let staleVersion = CareBridgeError(.preconditionFailed, title: "Changed elsewhere",
                                                     detail: "The referral was changed by someone else since you loaded it; reload and try again.", reason: "stale-version")

    public func find(id: UUID, in db: any SQLDatabase) async throws -> Versioned<Referral>? {
        try await db.select().columns("document", "version").from("referrals").where("id", .equal, id.text).first().map(Self.decode)
    }

    /// The referral with what the access policy decides on, in one statement: who holds its person's record (nil if
    /// there is no such person) and their consents.
    public func findWithAccess(id: UUID, in db: any SQLDatabase) async throws
        -> (referral: Versioned<Referral>, recordOrganizationID: UUID?, consents: [Consent])? {
        let query = db.select().column(SQLColumn("document", table: "r")).column(SQLColumn("version", table: "r"))
            .column(SQLColumn("record_organization_id", table: "p"))
            .from(SQLAlias(SQLIdentifier("referrals"), as: SQLIdentifier("r")))
            .join(SQLAlias(SQLIdentifier("people"), as: SQLIdentifier("p")), method: SQLJoinMethod.left,
                  on: SQLColumn("id", table: "p"), .equal, SQLColumn("person_id", table: "r"))
            .where(SQLColumn("id", table: "r"), .equal, SQLBind(id.text))
        let rows = try await ConsentRepository.joining(query, toPerson: SQLColumn("person_id", table: "r")).all()
        guard let first = rows.first else { return nil }
        return (try Self.decode(first), try first.optionalUUID("record_organization_id"), try ConsentRepository.joined(rows))
    }

    public func find(id: UUID) async throws -> Versioned<Referral>? { try await database.read { db in try await find(id: id, in: db) } }

    public enum Box: String, Sendable, CaseIterable { case inbox, outbox }

    /// An organization's received (`inbox`) or sent (`outbox`) referrals, most recently changed first.
    public func list(_ box: Box, organizationID: UUID, states: [ReferralState] = [], limit: Int = 500) async throws -> [Referral] {
        try await database.read { db in
            var query = db.select().columns("document", "version").from("referrals")
                .where(box == .inbox ? "to_organization_id" : "from_organization_id", .equal, organizationID.text)
            if !states.isEmpty { query = query.where("state", .in, states.map(\.rawValue)) }
            return try await query.orderBy("updated_at", .descending).limit(limit).all().map(Self.decode).map(\.value)
        }
    }

    public func list(personID: UUID) async throws -> [Referral] {
        try await database.read { db in
            try await db.select().columns("document", "version").from("referrals").where("person_id", .equal, personID.text)
                .orderBy("created_at", .descending).all().map(Self.decode).map(\.value)
        }
    }

    static func encode(_ referral: Referral) throws -> String { try JSONColumn.encode(referral) }

    static func decode(_ row: any SQLRow) throws -> Versioned<Referral> {
        Versioned(try JSONColumn.decode(Referral.self, try row.string("document")), version: try row.int("version"))
    }
}
