import CareBridgeCore
import Foundation
import SQLKit

/// A rule set file as stored: its text, who brought it, whether it is the one in force, and the readings chosen.
public struct StoredRuleSet: Sendable, Hashable {
    public var id: UUID
    public var country: String
    public var version: String
    public var fileName: String
    public var yaml: String
    public var sha256: String
    public var shipped: Bool
    public var uploadedBy: UUID?
    public var uploadedAt: Date
    public var inForce: Bool
    public var selection: RuleSet.Selection
    public var selectedBy: UUID?
    public var selectedAt: Date?

    public init(id: UUID = .timeOrdered(), country: String, version: String, fileName: String, yaml: String, sha256: String, shipped: Bool,
                uploadedBy: UUID?, uploadedAt: Date, inForce: Bool, selection: RuleSet.Selection = [:], selectedBy: UUID? = nil, selectedAt: Date? = nil) {
        (self.id, self.country, self.version, self.fileName, self.yaml, self.sha256) = (id, country, version, fileName, yaml, sha256)
        (self.shipped, self.uploadedBy, self.uploadedAt, self.inForce) = (shipped, uploadedBy, uploadedAt, inForce)
        (self.selection, self.selectedBy, self.selectedAt) = (selection, selectedBy, selectedAt)
    }
}

public struct RuleSetRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    static let columns = ["id", "country", "version", "file_name", "yaml", "sha256", "shipped", "uploaded_by", "uploaded_at", "in_force",
                          "selection", "selected_by", "selected_at"]

    public func insert(_ set: StoredRuleSet, in db: any SQLDatabase) async throws {
        try await db.insert(into: "rule_sets").columns(Self.columns)
            .values(SQLBind(set.id.text), SQLBind(set.country), SQLBind(set.version), SQLBind(set.fileName), SQLBind(set.yaml), SQLBind(set.sha256),
                    SQLBind(set.shipped), SQLBind(set.uploadedBy?.text), SQLBind(set.uploadedAt.millis), SQLBind(set.inForce),
                    SQLBind(Self.encode(set.selection)), SQLBind(set.selectedBy?.text), SQLBind(set.selectedAt?.millis))
            .run()
    }

    /// Every stored set, newest first, without their text.
    public func list() async throws -> [StoredRuleSet] {
        try await database.read { db in
            try await db.select().columns(Self.columns).from("rule_sets").orderBy("uploaded_at", .descending).all().map(Self.decode)
        }
    }

    public func find(id: UUID, in db: any SQLDatabase) async throws -> StoredRuleSet? {
        try await db.select().columns(Self.columns).from("rule_sets").where("id", .equal, id.text).first().map(Self.decode)
    }

    public func find(id: UUID) async throws -> StoredRuleSet? { try await database.read { db in try await find(id: id, in: db) } }

    public func find(country: String, version: String, in db: any SQLDatabase) async throws -> StoredRuleSet? {
        try await db.select().columns(Self.columns).from("rule_sets").where("country", .equal, country).where("version", .equal, version)
            .first().map(Self.decode)
    }

    /// The set in force for each country.
    public func inForce() async throws -> [StoredRuleSet] {
        try await database.read { db in
            try await db.select().columns(Self.columns).from("rule_sets").where("in_force", .equal, SQLBind(true)).all().map(Self.decode)
        }
    }

    /// Puts one set in force for its country, and no other.
    public func putInForce(id: UUID, country: String, in db: any SQLDatabase) async throws {
        try await db.update("rule_sets").set("in_force", to: SQLBind(false)).where("country", .equal, country).run()
        try await db.update("rule_sets").set("in_force", to: SQLBind(true)).where("id", .equal, id.text).run()
    }

    public func select(_ selection: RuleSet.Selection, id: UUID, by user: UUID?, at date: Date, in db: any SQLDatabase) async throws {
        try await db.update("rule_sets").set("selection", to: SQLBind(Self.encode(selection))).set("selected_by", to: SQLBind(user?.text))
            .set("selected_at", to: SQLBind(date.millis)).where("id", .equal, id.text).run()
    }

    static func encode(_ selection: RuleSet.Selection) -> String {
        JSONText.object(selection.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    static func decode(_ row: any SQLRow) throws -> StoredRuleSet {
        StoredRuleSet(id: try row.uuid("id"), country: try row.string("country"), version: try row.string("version"), fileName: try row.string("file_name"),
                      yaml: try row.string("yaml"), sha256: try row.string("sha256"), shipped: try row.bool("shipped"),
                      uploadedBy: try row.optionalUUID("uploaded_by"), uploadedAt: try row.date("uploaded_at"), inForce: try row.bool("in_force"),
                      selection: try JSONDecoder().decode([String: String].self, from: Data(try row.string("selection").utf8)),
                      selectedBy: try row.optionalUUID("selected_by"), selectedAt: try row.optionalDate("selected_at"))
    }
}
