import CareBridgeCore
import Foundation
import SQLKit

/// `provenance` (migration 12): where imported records came from.
public struct ProvenanceRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    public func insert(_ record: ImportProvenance, in db: any SQLDatabase) async throws {
        try await db.insert(into: "provenance").columns("id", "person_id", "recorded_at", "document")
            .values(SQLBind(record.id.text), SQLBind(record.personID.text), SQLBind(record.recordedAt.millis), SQLBind(try JSONColumn.encode(record)))
            .run()
    }

    public func find(id: UUID) async throws -> ImportProvenance? {
        try await database.read { db in
            try await db.select().column("document").from("provenance").where("id", .equal, id.text).first().map(Self.decode)
        }
    }

    /// The person's imports, oldest first.
    public func list(personID: UUID) async throws -> [ImportProvenance] {
        try await database.read { db in
            try await db.select().column("document").from("provenance").where("person_id", .equal, personID.text)
                .orderBy("recorded_at").orderBy("id").all().map(Self.decode)
        }
    }

    static func decode(_ row: any SQLRow) throws -> ImportProvenance { try JSONColumn.decode(ImportProvenance.self, try row.string("document")) }
}
