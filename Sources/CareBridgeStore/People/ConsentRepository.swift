import CareBridgeCore
import Foundation
import SQLKit

/// Consents (`consents`): the access policy reads them on every cross-organization request, so a withdrawal
/// committed here takes effect for the next request.
public struct ConsentRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    static let columns = ["id", "person_id", "grantee_organization_id", "grantee_kind", "purposes", "categories", "valid_from",
                          "valid_until", "explained_in_language", "recorded_by", "recorded_at", "withdrawn_at", "withdrawn_by"]

    public func consents(of personIDs: [UUID]) async throws -> [Consent] {
        try await database.read { db in try await consents(of: personIDs, in: db) }
    }

    public func consents(of personIDs: [UUID], in db: any SQLDatabase) async throws -> [Consent] {
        guard !personIDs.isEmpty else { return [] }  // PostgreSQL refuses `IN ()`.
        return try await db.select().columns(Self.columns).from("consents").where("person_id", .in, personIDs.map(\.text))
            .orderBy("recorded_at", .descending).all().map(Self.decode)
    }

    /// `query` with the consents of the person its rows name in `person` left-joined (as `c`, columns `c_*`), newest
    /// first: whoever reads one person's row reads their consents in the same statement. Read them with `joined`.
    static func joining(_ query: SQLSelectBuilder, toPerson person: SQLColumn) -> SQLSelectBuilder {
        query.column(joinedColumns)
            .join(SQLAlias(SQLIdentifier("consents"), as: SQLIdentifier("c")), method: SQLJoinMethod.left,
                  on: SQLColumn("person_id", table: "c"), .equal, person)
            .orderBy(SQLColumn("recorded_at", table: "c"), SQLDirection.descending)
    }

    static let joinedColumns = PrefixedRow.columns(columns, of: "c", prefix: "c_")

    /// The consents in one person's rows of a `joining` query (none when the join found none), each once where
    /// another join repeats it.
    static func joined(_ rows: [any SQLRow]) throws -> [Consent] {
        var seen = Set<String>()
        return try rows.compactMap { row in
            guard let id = try row.decode(column: "c_id", as: String?.self), seen.insert(id).inserted else { return nil }
            return try decode(PrefixedRow(row: row, prefix: "c_"))
        }
    }

    /// Whose consent this is (a FHIR Consent read), nil when there is no such consent.
    public func person(ofConsent id: UUID) async throws -> UUID? {
        try await database.read { db in
            try await db.select().column("person_id").from("consents").where("id", .equal, id.text).first()
                .flatMap { try UUID(uuidString: $0.decode(column: "person_id", as: String.self)) }
        }
    }

    public func insert(_ consents: [Consent], in db: any SQLDatabase) async throws {
        let rows = consents.map { c -> [BulkValue] in
            let (organization, kind): (UUID?, OrganizationKind?) = switch c.grantee {
            case .organization(let id): (id, nil)
            case .organizationKind(let k): (nil, k)
            }
            return [BulkValue(c.id.text), BulkValue(c.personID?.text), BulkValue(organization?.text), BulkValue(kind?.rawValue),
                    BulkValue(c.purposes.map(\.rawValue).sorted().joined(separator: ",")),
                    BulkValue(c.categories.map(\.rawValue).sorted().joined(separator: ",")),
                    BulkValue(c.validFrom.millis), BulkValue(c.validUntil?.millis), BulkValue(c.explainedInLanguage),
                    BulkValue(c.recordedBy?.text), BulkValue((c.recordedAt ?? c.validFrom).millis),
                    BulkValue(c.withdrawnAt?.millis), BulkValue(c.withdrawnBy?.text)]
        }
        try await BulkInsert.run(into: "consents", columns: Self.columns, rows: rows, in: db)
    }

    /// Withdraws a consent still in force; returns false if there is no such consent or it was already withdrawn.
    public func withdraw(id: UUID, personID: UUID, by user: UUID, at date: Date, in db: any SQLDatabase) async throws -> Bool {
        !(try await db.update("consents").set("withdrawn_at", to: SQLBind(date.millis)).set("withdrawn_by", to: SQLBind(user.text))
            .where("id", .equal, id.text).where("person_id", .equal, personID.text).where("withdrawn_at", .is, SQLLiteral.null)
            .returning("id").all()).isEmpty
    }

    static func decode(_ row: any SQLRow) throws -> Consent {
        let grantee: ConsentGrantee
        if let organization = try row.optionalUUID("grantee_organization_id") {
            grantee = .organization(organization)
        } else {
            grantee = .organizationKind(try row.enumValue("grantee_kind", as: OrganizationKind.self))
        }
        return Consent(
            id: try row.uuid("id"), grantee: grantee,
            purposes: Set(try row.string("purposes").split(separator: ",").compactMap { PurposeOfUse(rawValue: String($0)) }),
            categories: Set(try row.string("categories").split(separator: ",").compactMap { DataCategory(rawValue: String($0)) }),
            validFrom: try row.date("valid_from"), validUntil: try row.optionalDate("valid_until"), withdrawnAt: try row.optionalDate("withdrawn_at"),
            personID: try row.uuid("person_id"), recordedBy: try row.optionalUUID("recorded_by"), recordedAt: try row.date("recorded_at"),
            explainedInLanguage: try row.optionalString("explained_in_language"), withdrawnBy: try row.optionalUUID("withdrawn_by"))
    }
}
