import CareBridgeCore
import Foundation
import SQLKit

/// Legal-status episodes and insurance policies (`legal_status_episodes`, `insurance_policies`). The overlap rule
/// is checked by the core against the rows read inside the writing transaction, so two offices cannot both add
/// overlapping episodes.
public struct LegalStatusRepository: Sendable {
    let database: Database
    let cipher: FieldCipher
    public init(_ database: Database, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
    }

    static let statusColumns = ["id", "person_id", "status", "valid_from", "valid_until", "document_type",
                                "document_number_ciphertext", "document_issued_by", "recorded_by", "recorded_at"]
    static let insuranceColumns = ["id", "person_id", "insurer", "policy_number", "valid_from", "valid_until", "recorded_by", "recorded_at"]

    public func statuses(of personIDs: [UUID], in db: any SQLDatabase) async throws -> [StatusEpisode] {
        guard !personIDs.isEmpty else { return [] }  // PostgreSQL refuses `IN ()`.
        return try await db.select().columns(Self.statusColumns).from("legal_status_episodes").where("person_id", .in, personIDs.map(\.text))
            .orderBy("valid_from", .descending).all().map(decodeStatus)
    }

    public func statuses(of personIDs: [UUID]) async throws -> [StatusEpisode] {
        try await database.read { db in try await statuses(of: personIDs, in: db) }
    }

    public func policies(of personIDs: [UUID], in db: any SQLDatabase) async throws -> [InsurancePolicy] {
        guard !personIDs.isEmpty else { return [] }  // PostgreSQL refuses `IN ()`.
        return try await db.select().columns(Self.insuranceColumns).from("insurance_policies").where("person_id", .in, personIDs.map(\.text))
            .orderBy("valid_from", .descending).all().map(decodePolicy)
    }

    public func policies(of personIDs: [UUID]) async throws -> [InsurancePolicy] {
        try await database.read { db in try await policies(of: personIDs, in: db) }
    }

    /// Inserts or replaces (same id) an episode after checking it against the person's others in this transaction.
    public func save(_ episode: StatusEpisode, today: CalendarDay, in db: any SQLDatabase) async throws {
        try episode.validate(against: try await statuses(of: [episode.personID], in: db), today: today)
        try await db.delete(from: "legal_status_episodes").where("id", .equal, episode.id.text).run()
        try await insertStatuses([episode], in: db)
    }

    public func insertStatuses(_ episodes: [StatusEpisode], in db: any SQLDatabase) async throws {
        try await insertStatusRows(try episodes.map(row), in: db)
    }

    /// An episode's stored values, for callers that prepare rows away from the writer (bulk loads).
    public func row(_ e: StatusEpisode) throws -> [BulkValue] {
        [BulkValue(e.id.text), BulkValue(e.personID.text), BulkValue(e.status.rawValue), BulkValue(e.validFrom.description),
         BulkValue(e.validUntil?.description), BulkValue(e.document?.type.rawValue),
         BulkValue(try e.document?.number.map(cipher.seal)), BulkValue(e.document?.issuedBy),
         BulkValue(e.recordedBy?.text), BulkValue(e.recordedAt.millis)]
    }

    public func insertStatusRows(_ rows: [[BulkValue]], in db: any SQLDatabase) async throws {
        try await BulkInsert.run(into: "legal_status_episodes", columns: Self.statusColumns, rows: rows, in: db)
    }

    public func deleteStatus(id: UUID, personID: UUID, in db: any SQLDatabase) async throws -> Bool {
        !(try await db.delete(from: "legal_status_episodes").where("id", .equal, id.text).where("person_id", .equal, personID.text)
            .returning("id").all()).isEmpty
    }

    public func save(_ policy: InsurancePolicy, in db: any SQLDatabase) async throws {
        try policy.validate(against: try await policies(of: [policy.personID], in: db))
        try await db.delete(from: "insurance_policies").where("id", .equal, policy.id.text).run()
        try await insertPolicies([policy], in: db)
    }

    public func insertPolicies(_ policies: [InsurancePolicy], in db: any SQLDatabase) async throws {
        try await insertPolicyRows(policies.map(row), in: db)
    }

    /// A policy's stored values, for callers that prepare rows away from the writer (bulk loads).
    public func row(_ p: InsurancePolicy) -> [BulkValue] {
        [BulkValue(p.id.text), BulkValue(p.personID.text), BulkValue(p.insurer), BulkValue(p.policyNumber),
         BulkValue(p.validFrom.description), BulkValue(p.validUntil?.description), BulkValue(p.recordedBy?.text),
         BulkValue(p.recordedAt.millis)]
    }

    public func insertPolicyRows(_ rows: [[BulkValue]], in db: any SQLDatabase) async throws {
        try await BulkInsert.run(into: "insurance_policies", columns: Self.insuranceColumns, rows: rows, in: db)
    }

    func decodeStatus(_ row: any SQLRow) throws -> StatusEpisode {
        let document = try row.optionalEnum("document_type", as: DocumentType.self).map { type in
            DocumentReference(type: type, number: try row.optionalString("document_number_ciphertext").map(cipher.open),
                              issuedBy: try row.optionalString("document_issued_by"))
        }
        return StatusEpisode(
            id: try row.uuid("id"), personID: try row.uuid("person_id"), status: try row.enumValue("status", as: LegalStatusKind.self),
            validFrom: try CalendarDay(parsing: try row.string("valid_from"), field: "valid_from"),
            validUntil: try row.optionalString("valid_until").map { try CalendarDay(parsing: $0, field: "valid_until") },
            document: document, recordedBy: try row.optionalUUID("recorded_by"), recordedAt: try row.date("recorded_at"))
    }

    func decodePolicy(_ row: any SQLRow) throws -> InsurancePolicy {
        InsurancePolicy(
            id: try row.uuid("id"), personID: try row.uuid("person_id"), insurer: try row.string("insurer"),
            policyNumber: try row.optionalString("policy_number"),
            validFrom: try CalendarDay(parsing: try row.string("valid_from"), field: "valid_from"),
            validUntil: try row.optionalString("valid_until").map { try CalendarDay(parsing: $0, field: "valid_until") },
            recordedBy: try row.optionalUUID("recorded_by"), recordedAt: try row.date("recorded_at"))
    }
}
