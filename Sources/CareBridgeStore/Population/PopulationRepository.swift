import CareBridgeCore
import Foundation
import SQLKit

/// Reads what the population snapshot holds of each person (citizenship, region, sex, birth, country of birth,
/// arrival, interpreter need, status episodes, insurance, the care-cascade milestones of their health records, their
/// referrals) in pages ordered by id, or for a few people after a write.
public struct PopulationRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    /// Every person not merged into another, `pageSize` at a time.
    public func forEachPage(pageSize: Int = 20_000, _ body: ([PersonFacts]) async throws -> Void) async throws {
        var after = ""
        while true {
            let cursor = after
            let page = try await database.read { db -> [PersonFacts] in
                let rows = try await db.select().columns(Self.personColumns).from("people").where("id", .greaterThan, cursor)
                    .where("merged_into", .is, SQLLiteral.null).orderBy("id").limit(pageSize).all()
                guard let first = rows.first, let last = rows.last else { return [] }
                let (low, high) = (try first.string("id"), try last.string("id"))
                return try await assemble(rows, db: db) { query in
                    query.where("person_id", .greaterThanOrEqual, low).where("person_id", .lessThanOrEqual, high)
                }
            }
            guard let last = page.last else { return }
            try await body(page)
            after = last.id.text
        }
    }

    /// The named people as they are now; a merged or unknown id is absent.
    public func facts(of ids: [UUID]) async throws -> [PersonFacts] {
        guard !ids.isEmpty else { return [] }
        return try await database.read { db in
            let rows = try await db.select().columns(Self.personColumns).from("people").where("id", .in, ids.map(\.text))
                .where("merged_into", .is, SQLLiteral.null).all()
            return try await assemble(rows, db: db) { $0.where("person_id", .in, ids.map(\.text)) }
        }
    }

    static let personColumns = ["id", "citizenship", "region", "sex", "birth_year", "birth_month", "birth_day", "country_of_birth", "arrival", "interpreter_needed"]

    func assemble(_ rows: [any SQLRow], db: any SQLDatabase, restrict: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [PersonFacts] {
        var statuses: [String: [(kind: LegalStatusKind, span: PersonFacts.Span)]] = [:]
        for row in try await restrict(db.select().columns("person_id", "status", "valid_from", "valid_until").from("legal_status_episodes")).all() {
            statuses[try row.string("person_id"), default: []].append(
                (try row.enumValue("status", as: LegalStatusKind.self), try Self.span(row)))
        }
        var insurance: [String: [PersonFacts.Span]] = [:]
        for row in try await restrict(db.select().columns("person_id", "valid_from", "valid_until").from("insurance_policies")).all() {
            insurance[try row.string("person_id"), default: []].append(try Self.span(row))
        }
        var health: [String: [(date: CalendarDay, bits: UInt32)]] = [:]
        for row in try await restrict(db.select().columns("person_id", "day", "milestones").from("health_records").where("milestones", .notEqual, Int64(0))).all() {
            let day = Int(try row.int("day"))
            health[try row.string("person_id"), default: []].append(
                (try CalendarDay(year: day / 10_000, month: day / 100 % 100, day: day % 100), UInt32(truncatingIfNeeded: try row.int("milestones"))))
        }
        var referrals: [String: [ReferralFacts]] = [:]
        for row in try await restrict(db.select().columns("person_id", "state", "created_at", "attended_at", "decline_code").from("referrals"))
            .orderBy("created_at").all() {
            referrals[try row.string("person_id"), default: []].append(ReferralFacts(
                created: CalendarDay(try row.date("created_at")), firstAttended: try row.optionalInt("attended_at").map { CalendarDay(Clock.date(millis: $0)) },
                state: try row.enumValue("state", as: ReferralState.self), declineCode: try row.optionalEnum("decline_code", as: ReferralDeclineCode.self)))
        }
        return try rows.map { row in
            let id = try row.string("id")
            let birth = try row.optionalInt("birth_year").map { year in
                try PartialDate(year: Int(year), month: try row.optionalInt("birth_month").map(Int.init), day: try row.optionalInt("birth_day").map(Int.init))
            }
            return PersonFacts(id: try row.uuid("id"), citizenship: try row.optionalString("citizenship"), region: try row.optionalString("region"),
                               sex: try row.optionalEnum("sex", as: Sex.self), birth: birth,
                               statuses: statuses[id] ?? [], insurance: insurance[id] ?? [],
                               countryOfBirth: try row.optionalString("country_of_birth"),
                               arrival: try row.optionalString("arrival").map { try PartialDate(parsing: $0, field: "arrival") },
                               health: HealthMilestones.combine(health[id] ?? []),
                               interpreterNeeded: try row.decode(column: "interpreter_needed", as: Bool?.self) ?? false, referrals: referrals[id] ?? [])
        }
    }

    static func span(_ row: any SQLRow) throws -> PersonFacts.Span {
        PersonFacts.Span(from: try CalendarDay(parsing: try row.string("valid_from"), field: "valid_from"),
                         until: try row.optionalString("valid_until").map { try CalendarDay(parsing: $0, field: "valid_until") })
    }
}
