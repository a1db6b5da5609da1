import CareBridgeCore
import Foundation
import SQLKit

/// A simulation run kept with everything it was run on, so a measure can cite it and anyone can rerun it.
public struct StoredSimulation: Sendable, Hashable {
    public var id: UUID
    public var title: String
    public var createdBy: UUID?
    public var organizationID: UUID?
    public var createdAt: Date
    public var onDate: CalendarDay
    public var baselineRuleSetID: UUID
    public var baselineSelection: RuleSet.Selection
    /// The alternative's rule-set text (an uploaded file, or the baseline's own text when only changes differ).
    public var alternativeYAML: String
    /// JSON of the changes applied to that text (readings, rules switched off, outcomes edited).
    public var alternativeChanges: String
    public var alternativeLabel: String
    public var people: Int
    /// JSON of the full scan (before suppression; the API suppresses small cells when it publishes).
    public var result: String

    public init(id: UUID = .timeOrdered(), title: String, createdBy: UUID?, organizationID: UUID?, createdAt: Date, onDate: CalendarDay,
                baselineRuleSetID: UUID, baselineSelection: RuleSet.Selection, alternativeYAML: String, alternativeChanges: String,
                alternativeLabel: String, people: Int, result: String) {
        (self.id, self.title, self.createdBy, self.organizationID, self.createdAt, self.onDate) = (id, title, createdBy, organizationID, createdAt, onDate)
        (self.baselineRuleSetID, self.baselineSelection, self.alternativeYAML) = (baselineRuleSetID, baselineSelection, alternativeYAML)
        (self.alternativeChanges, self.alternativeLabel, self.people, self.result) = (alternativeChanges, alternativeLabel, people, result)
    }
}

public struct SimulationRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    static let columns = ["id", "title", "created_by", "organization_id", "created_at", "on_date", "baseline_rule_set_id", "baseline_selection",
                          "alternative_yaml", "alternative_changes", "alternative_label", "people", "result"]

    public func insert(_ s: StoredSimulation, in db: any SQLDatabase) async throws {
        try await db.insert(into: "simulations").columns(Self.columns)
            .values(SQLBind(s.id.text), SQLBind(s.title), SQLBind(s.createdBy?.text), SQLBind(s.organizationID?.text), SQLBind(s.createdAt.millis),
                    SQLBind(s.onDate.description), SQLBind(s.baselineRuleSetID.text), SQLBind(RuleSetRepository.encode(s.baselineSelection)),
                    SQLBind(s.alternativeYAML), SQLBind(s.alternativeChanges), SQLBind(s.alternativeLabel), SQLBind(Int64(s.people)), SQLBind(s.result))
            .run()
    }

    public func find(id: UUID) async throws -> StoredSimulation? {
        try await database.read { db in try await db.select().columns(Self.columns).from("simulations").where("id", .equal, id.text).first().map(Self.decode) }
    }

    /// Runs newest first, with their results.
    public func list(limit: Int = 100) async throws -> [StoredSimulation] {
        try await database.read { db in
            try await db.select().columns(Self.columns).from("simulations").orderBy("created_at", .descending).limit(limit).all().map(Self.decode)
        }
    }

    static func decode(_ row: any SQLRow) throws -> StoredSimulation {
        StoredSimulation(id: try row.uuid("id"), title: try row.string("title"), createdBy: try row.optionalUUID("created_by"),
                         organizationID: try row.optionalUUID("organization_id"), createdAt: try row.date("created_at"),
                         onDate: try CalendarDay(parsing: try row.string("on_date"), field: "on_date"),
                         baselineRuleSetID: try row.uuid("baseline_rule_set_id"),
                         baselineSelection: try JSONDecoder().decode([String: String].self, from: Data(try row.string("baseline_selection").utf8)),
                         alternativeYAML: try row.string("alternative_yaml"), alternativeChanges: try row.string("alternative_changes"),
                         alternativeLabel: try row.string("alternative_label"), people: Int(try row.int("people")), result: try row.string("result"))
    }
}
