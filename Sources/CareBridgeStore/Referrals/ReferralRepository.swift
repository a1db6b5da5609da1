import CareBridgeCore
import Foundation
import SQLKit

/// `referrals` (migrations 7 and 10): each referral whole as JSON, with the columns the boxes are listed by and the
/// population snapshot reads (state, creation, first attendance, decline code).
public struct ReferralRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    public func insert(_ referral: Referral, in db: any SQLDatabase) async throws {
        try await db.insert(into: "referrals")
            .columns("id", "person_id", "from_organization_id", "to_organization_id", "service_id", "state", "urgency", "document", "created_at", "updated_at", "version",
                     "decline_code", "attended_at")
            .values(SQLBind(referral.id.text), SQLBind(referral.personID.text), SQLBind(referral.fromOrganizationID.text), SQLBind(referral.toOrganizationID.text),
                    SQLBind(referral.serviceID.text), SQLBind(referral.state.rawValue), SQLBind(referral.urgency.rawValue), SQLBind(try Self.encode(referral)),
                    SQLBind(referral.createdAt.millis), SQLBind(referral.updatedAt.millis), SQLBind(Int64(1)),
                    SQLBind(referral.declineCode?.rawValue), SQLBind(referral.firstAttendedAt?.millis))
            .run()
    }

    /// Stores the referral after a transition if nobody changed it since `expectedVersion`; returns the new version.
    public func update(_ referral: Referral, expectedVersion: Int64, in db: any SQLDatabase) async throws -> Int64 {
        let rows = try await db.update("referrals")
            .set("state", to: SQLBind(referral.state.rawValue)).set("document", to: SQLBind(try Self.encode(referral)))
            .set("updated_at", to: SQLBind(referral.updatedAt.millis)).set("version", to: SQLBind(expectedVersion + 1))
            .set("decline_code", to: SQLBind(referral.declineCode?.rawValue)).set("attended_at", to: SQLBind(referral.firstAttendedAt?.millis))
            .where("id", .equal, referral.id.text).where("version", .equal, expectedVersion)
            .returning("version").all()
        guard !rows.isEmpty else { throw Self.staleVersion }
        return expectedVersion + 1
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
