import CareBridgeCore
import Foundation
import SQLKit

/// `outbreak_alerts` (migration 11).
public struct OutbreakAlertRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    /// Stores a new signal; true when it is new. A signal for a series and week that already has an open alert
    /// refreshes that alert's figures instead (more cases notified for the week since), bumping its version so a
    /// reviewer closing it has seen the latest; a closed alert stays as it was closed.
    public func record(_ alert: OutbreakAlert, in db: any SQLDatabase) async throws -> Bool {
        let rows = try await db.insert(into: "outbreak_alerts")
            .columns("id", "disease", "region", "week", "method", "status", "document", "raised_at", "version")
            .values(SQLBind(alert.id.text), SQLBind(alert.disease.rawValue), SQLBind(alert.region ?? ""), SQLBind(alert.week),
                    SQLBind(alert.method), SQLBind(alert.isOpen ? "open" : "closed"), SQLBind(try JSONColumn.encode(alert)),
                    SQLBind(alert.raisedAt.millis), SQLBind(Int64(alert.version)))
            .ignoringConflicts(with: ["disease", "region", "week", "method"])
            .returning("id").all()
        if !rows.isEmpty { return true }
        guard let row = try await db.select().column("document").from("outbreak_alerts")
            .where("disease", .equal, alert.disease.rawValue).where("region", .equal, alert.region ?? "")
            .where("week", .equal, alert.week).where("method", .equal, alert.method).first() else { return false }
        var stored = try Self.decode(row)
        guard stored.isOpen, (stored.observed, stored.upperbound, stored.expected, stored.pvalue) != (alert.observed, alert.upperbound, alert.expected, alert.pvalue) else { return false }
        (stored.observed, stored.upperbound, stored.expected, stored.pvalue) = (alert.observed, alert.upperbound, alert.expected, alert.pvalue)
        stored.version += 1
        try await update(stored, expectedVersion: stored.version - 1, in: db)
        return false
    }

    public func find(id: UUID) async throws -> OutbreakAlert? {
        try await database.read { db in
            try await db.select().column("document").from("outbreak_alerts").where("id", .equal, id.text).first().map(Self.decode)
        }
    }

    /// Newest first; `open` nil for all.
    public func list(open: Bool?, limit: Int = 500) async throws -> [OutbreakAlert] {
        try await database.read { db in
            var query = db.select().column("document").from("outbreak_alerts")
            if let open { query = query.where("status", .equal, open ? "open" : "closed") }
            return try await query.orderBy("raised_at", .descending).orderBy("id").limit(limit).all().map(Self.decode)
        }
    }

    /// Stores the closed alert if nobody changed it since `expectedVersion`.
    public func update(_ alert: OutbreakAlert, expectedVersion: Int, in db: any SQLDatabase) async throws {
        let rows = try await db.update("outbreak_alerts")
            .set("status", to: SQLBind(alert.isOpen ? "open" : "closed")).set("document", to: SQLBind(try JSONColumn.encode(alert)))
            .set("version", to: SQLBind(Int64(alert.version)))
            .where("id", .equal, alert.id.text).where("version", .equal, Int64(expectedVersion))
            .returning("id").all()
        guard !rows.isEmpty else { throw HealthRepository.staleVersion }
    }

    static func decode(_ row: any SQLRow) throws -> OutbreakAlert { try JSONColumn.decode(OutbreakAlert.self, try row.string("document")) }
}

extension HealthRepository {
    /// Every notified case as (disease, region, clinical day), for the live case series.
    public func notifiedCases() async throws -> [(disease: Disease, region: String, day: CalendarDay)] {
        try await database.read { db in
            try await db.select().column("document").from("health_records")
                .where("kind", .equal, HealthRecord.Kind.notification.rawValue).all()
                .compactMap { row in
                    let record = try Self.decode(row)
                    return record.notification.map { ($0.disease, $0.region, record.date) }
                }
        }
    }
}

extension HealthRepository {
    /// The notified cases of one disease dated in [from, through] (the cases behind an alert).
    public func notifications(of disease: Disease, from: CalendarDay, through: CalendarDay) async throws -> [HealthRecord] {
        try await database.read { db in
            try await db.select().column("document").from("health_records")
                .where("kind", .equal, HealthRecord.Kind.notification.rawValue).where("code", .equal, disease.rawValue)
                .where("day", .greaterThanOrEqual, Int64(from.number)).where("day", .lessThanOrEqual, Int64(through.number))
                .orderBy("day").all().map(Self.decode)
        }
    }
}

extension HealthRepository {
    /// The notified cases of one disease dated in [from, through], as the case series count them.
    public func caseSeriesCases(of disease: Disease, from: CalendarDay, through: CalendarDay) async throws -> [CaseSeriesTable.Case] {
        try await notifications(of: disease, from: from, through: through).compactMap { record in
            record.notification.map { CaseSeriesTable.Case(day: record.date, region: $0.region, personID: record.personID) }
        }
    }
}
