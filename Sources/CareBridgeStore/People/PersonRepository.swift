import CareBridgeCore
import Foundation
import SQLKit

/// Stored people (`people`). Callers authorize and audit through the access policy first.
public struct PersonRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    static let columns = ["id", "given_name", "family_name", "sex", "birth_year", "record_organization_id",
                          "created_at", "updated_at", "version"]

    public func create(_ person: Person, in db: any SQLDatabase) async throws {
        try await db.insert(into: "people").columns(Self.columns)
            .values(SQLBind(person.id.text), SQLBind(person.givenName), SQLBind(person.familyName),
                    SQLBind(person.sex?.rawValue), SQLBind(person.birthYear.map(Int64.init)),
                    SQLBind(person.recordOrganizationID.text), SQLBind(person.createdAt.millis),
                    SQLBind(person.updatedAt.millis), SQLBind(Int64(1)))
            .run()
    }

    public func find(id: UUID) async throws -> Versioned<Person>? {
        try await database.read { db in
            try await db.select().columns(Self.columns).from("people").where("id", .equal, id.text).first().map(Self.decode)
        }
    }

    /// The record-holding organization, which the access policy needs before the record is read.
    public func recordOrganization(of id: UUID) async throws -> UUID? {
        try await database.read { db in
            try await db.select().column("record_organization_id").from("people").where("id", .equal, id.text)
                .first()?.uuid("record_organization_id")
        }
    }

    static func decode(_ row: any SQLRow) throws -> Versioned<Person> {
        Versioned(Person(
            id: try row.uuid("id"), givenName: try row.string("given_name"), familyName: try row.string("family_name"),
            sex: try row.optionalEnum("sex", as: Sex.self), birthYear: try row.optionalInt("birth_year").map(Int.init),
            recordOrganizationID: try row.uuid("record_organization_id"), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at")), version: try row.int("version"))
    }
}
