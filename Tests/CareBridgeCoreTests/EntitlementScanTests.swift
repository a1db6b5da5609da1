import CareBridgeCore
import Foundation
import Testing

@Suite("Population snapshot, entitlement scans and rule-set differences")
struct EntitlementScanTests {
    static let day = try! CalendarDay(parsing: "2026-11-01", field: "date")

    static func person(_ status: LegalStatusKind, _ country: String?, region: String? = "BY-HM", insured: Bool = false, born: Int? = 1990,
                       statusFrom: String = "2025-01-01", statusUntil: String? = nil) -> PersonFacts {
        let from = try! CalendarDay(parsing: statusFrom, field: "from")
        let until = statusUntil.map { try! CalendarDay(parsing: $0, field: "until") }
        return PersonFacts(id: UUID(), citizenship: country, region: region, sex: .female, birth: born.map { try! PartialDate(year: $0) },
                           statuses: [(status, .init(from: from, until: until))],
                           insurance: insured ? [.init(from: from, until: nil)] : [])
    }

    @Test("a scan counts each person's outcome as the engine decides it one by one")
    func scanAgreesWithEngine() async throws {
        let table = try EntitlementRuleSetTests.belarus()
        let people = [
            Self.person(.temporaryStay, "UZ"), Self.person(.temporaryStay, "CN", insured: true), Self.person(.refugee, "SY"),
            Self.person(.permanentResidence, "KZ"), Self.person(.asylumSeeker, "AF"), Self.person(.undocumented, nil),
            Self.person(.temporaryResidence, "RU", statusUntil: "2026-01-31"),   // no status on the day
        ]
        let scan = try await EntitlementScan.run(PopulationSnapshot(people), before: table, on: Self.day)
        #expect(scan.people == 6 && scan.withoutStatus == 1)
        for care in CareType.allCases {
            var expected = [0, 0, 0, 0]
            for p in people.dropLast() {
                let facts = EntitlementFacts(status: p.statuses[0].kind, citizenship: p.citizenship, insured: !p.insurance.isEmpty, age: p.birth?.age(on: Self.day))
                let outcome = try table.decide(facts, on: Self.day).first { $0.care == care }!.outcome
                expected[Int(outcome.kind.rank)] += 1
            }
            let counts = scan.care.first { $0.care == care }!
            #expect(counts.before == expected, "\(care)")
            #expect(counts.after == expected && counts.gained == 0 && counts.lost == 0)
        }
    }

    @Test("a simulation counts who gains, by status, citizenship and region")
    func simulationCountsGains() async throws {
        let current = try EntitlementRuleSetTests.belarus()
        let reform = try EntitlementRuleSetTests.belarus(["socially-dangerous-diseases": "free"])
        var snapshot = PopulationSnapshot((0..<10).map { _ in Self.person(.temporaryStay, "IN", region: "BY-BR") }
                                          + (0..<3).map { _ in Self.person(.temporaryStay, "RU") } + [Self.person(.refugee, "SY")])
        let scan = try await EntitlementScan.run(snapshot, before: current, after: reform, on: Self.day)
        let tb = scan.care.first { $0.care == .tbTreatment }!
        // Indians on temporary stay gain free TB treatment; Russians had it by treaty, the refugee as a citizen.
        #expect(tb.gained == 10 && tb.lost == 0)
        #expect(tb.gainedByStatus[LegalStatusKind.allCases.firstIndex(of: .temporaryStay)!] == 10)
        #expect(tb.gainedByCitizenship[scan.countries.firstIndex(of: "IN")!] == 10)
        #expect(tb.gainedByRegion[scan.regions.firstIndex(of: "BY-BR")!] == 10)
        let hepatitis = scan.care.first { $0.care == .hepatitisTreatment }!
        #expect(hepatitis.gained == 13)   // the Russian treaty does not name hepatitis
        #expect(scan.care.first { $0.care == .dental }!.gained == 0)
        // A person replaced in the snapshot is counted once, as they are now.
        let id = UUID()
        var changed = Self.person(.temporaryStay, "IN")
        changed.id = id
        snapshot.upsert(changed)
        changed.statuses = [(.refugee, .init(from: try CalendarDay(parsing: "2026-06-01", field: "d"), until: nil))]
        snapshot.upsert(changed)
        let again = try await EntitlementScan.run(snapshot, before: current, after: reform, on: Self.day)
        #expect(again.people == 15)
        #expect(again.care.first { $0.care == .tbTreatment }!.gained == 10)
        #expect(snapshot.compacted().count == 15 && snapshot.compacted().rows == 15)
    }

    @Test("small cells are hidden, and a lone hidden cell takes the next smallest with it")
    func smallCellSuppression() {
        #expect(SmallCells.suppress([120, 3, 40, 0]) == [120, nil, nil, 0])
        #expect(SmallCells.suppress([120, 3, 4, 50]) == [120, nil, nil, 50])
        #expect(SmallCells.suppress([5, 0, 9]) == [5, 0, 9])
    }

    @Test("a diff of two readings names the care types and people whose outcome changes")
    func diffOfReadings() throws {
        let current = try EntitlementRuleSetTests.belarus()
        let reform = try EntitlementRuleSetTests.belarus(["cis-residents-planned-care": "citizens-prices"])
        let differences = RuleSetDiff.differences(current, reform)
        #expect(Set(differences.map(\.care)) == [.primary, .specialist, .inpatient, .dental])
        for difference in differences {
            #expect(difference.before == Outcome(.free) && difference.after == Outcome(.paid, price: "citizens-tariff"))
            #expect(difference.who.contains("status permanent-residence"))
            #expect(difference.who.contains("AM") && difference.who.contains("UA") && !difference.who.contains("RU"))
        }
        #expect(RuleSetDiff.differences(current, current).isEmpty)
    }

    @Test("the printed decision table has a row for every care type and names the rules")
    func listingCoversEveryCareType() throws {
        let table = try EntitlementRuleSetTests.belarus()
        let rows = table.rows
        #expect(Set(rows.map(\.care)) == Set(CareType.allCases))
        #expect(rows.contains { $0.care == .emergency && $0.rules == ["cis-emergency"] && $0.outcome == Outcome(.free) })
        #expect(table.listing().hasPrefix("BY 2026.1: 17 rules"))
    }
}
