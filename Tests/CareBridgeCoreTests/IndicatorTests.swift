@testable import CareBridgeCore
import Foundation
import Testing

@Suite("Equity indicators over the population snapshot: definitions as data, breakdowns, the reference group, NA, suppression")
struct IndicatorTests {
    typealias F = HealthFixtures
    static let day = F.day("2026-11-15")
    static let home = "BY"

    static func catalog() throws -> IndicatorCatalog { try IndicatorCatalog.parse(try F.shipped("indicators.json")) }

    /// A person on `day`: a citizen of BY (no status) or a foreigner with a status since 2020.
    static func person(_ citizenship: String, status: LegalStatusKind? = nil, region: String = "BY-HM", sex: Sex = .female, born: String = "1990",
                       health: UInt32 = 0, interpreter: Bool = false, referrals: [ReferralFacts] = []) -> PersonFacts {
        PersonFacts(id: UUID(), citizenship: citizenship, region: region, sex: sex, birth: F.born(born),
                    statuses: status.map { [($0, PersonFacts.Span(from: F.day("2020-01-01"), until: nil))] } ?? [], insurance: [],
                    health: HealthMilestones(bits: health), interpreterNeeded: interpreter, referrals: referrals)
    }

    static let treated = HealthMilestones.bit(.tuberculosis, .treated)
    static let cured = treated | HealthMilestones.bit(.tuberculosis, .success)

    static func compute(_ id: String, _ people: [PersonFacts], by: [IndicatorDimension] = [], from: CalendarDay? = nil, to: CalendarDay = day) throws -> IndicatorResult {
        let catalog = try catalog()
        let indicator = try #require(catalog.indicator(id))
        return IndicatorResult.compute(indicator, catalog: catalog, snapshot: PopulationSnapshot(people), engine: F.engine(),
                                       query: try IndicatorQuery(dimensions: by, from: from, to: to, home: home))
    }

    @Test("the shipped catalog has the equity set, each with its source")
    func shippedCatalog() throws {
        let catalog = try Self.catalog()
        let ids = Set(catalog.indicators.map(\.id))
        for id in ["screening-coverage", "referral-to-attendance-days", "tb-treatment-success", "hiv-diagnosed", "hiv-on-treatment", "hiv-suppressed",
                   "referral-completion", "care-declined-for-cost"] {
            #expect(ids.contains(id), "\(id) is missing")
        }
        #expect(catalog.indicator("tb-treatment-success")?.source.organization == "WHO")
        #expect(catalog.indicator("hiv-suppressed")?.source.organization == "UNAIDS")
        #expect(catalog.referenceGroup.citizens && catalog.referenceGroup.statuses == [.permanentResidence])
    }

    @Test("a catalog that counts people with a referral condition, or repeats an id, is refused naming where")
    func badCatalog() throws {
        let referralOnPeople = #"{"referenceGroup":{"citizens":true,"statuses":[]},"indicators":[{"id":"x","title":"t","description":"d","subject":"people","measure":"proportion","denominator":{"all":[]},"numerator":{"all":[{"declineCode":["cost"]}]},"source":{"organization":"o","document":"d"}}]}"#
        #expect(throws: CareBridgeError.self) { try IndicatorCatalog.parse(Data(referralOnPeople.utf8)) }
        do { _ = try IndicatorCatalog.parse(Data(referralOnPeople.utf8)) } catch let error as CareBridgeError { #expect(error.field == "indicators[0].numerator") }
        let unknownStage = referralOnPeople.replacingOccurrences(of: #"{"declineCode":["cost"]}"#, with: #"{"milestone":["tuberculosis/recovered"]}"#)
        #expect(throws: (any Error).self) { try IndicatorCatalog.parse(Data(unknownStage.utf8)) }
    }

    @Test("TB treatment success by legal status, each row against citizens and permanent residents; the overall counts everyone treated")
    func tbTreatmentSuccess() throws {
        // Citizens: 10 treated, 9 cured. Permanent residents: 6 treated, 5 cured. Refugees: 10 treated, 5 cured.
        // Undocumented: 6 treated, 1 cured (a count under five: hidden, and its share with it). Untreated people do not count.
        var people: [PersonFacts] = []
        people += (0..<10).map { Self.person("BY", health: $0 < 9 ? Self.cured : Self.treated) }
        people += (0..<6).map { Self.person("UA", status: .permanentResidence, health: $0 < 5 ? Self.cured : Self.treated) }
        people += (0..<10).map { Self.person("AF", status: .refugee, health: $0 < 5 ? Self.cured : Self.treated) }
        people += (0..<6).map { Self.person("SO", status: .undocumented, health: $0 < 1 ? Self.cured : Self.treated) }
        people += (0..<20).map { _ in Self.person("AF", status: .refugee) }
        let result = try Self.compute("tb-treatment-success", people, by: [.legalStatus])
        #expect(result.overall.denominator == 32 && result.overall.numerator == 20)
        #expect(result.overall.value == 20.0 / 32.0)
        // Citizens and permanent residents together: 14 of 16.
        #expect(result.reference.numerator == 14 && result.reference.denominator == 16 && result.reference.value == 14.0 / 16.0)
        let rows = Dictionary(uniqueKeysWithValues: try #require(result.breakdowns.first).rows.map { ($0.code, $0.figure) })
        #expect(rows["refugee"]?.value == 0.5 && rows["refugee"]?.denominator == 10)
        let undocumented = try #require(rows["undocumented"])
        #expect(undocumented.numerator == nil && undocumented.suppressed && undocumented.value == nil && undocumented.na == IndicatorFigure.suppressedReason)
        #expect(undocumented.denominator == 6, "the denominator is not small and stays shown")
        // The hidden 1 needs a partner, or 20 - (9 + 5 + 5) would give it back; and the permanent residents' hidden
        // partner needs the citizens' hidden too, or the reference group's 14 would give it back.
        let hidden = Set(rows.filter { $0.value.numerator == nil }.map(\.key))
        #expect(hidden.count >= 2)
        if hidden.contains("permanent-residence") { #expect(hidden.contains("citizen")) }
        // A status nobody holds: no value, with the reason, never 0 % or a division by zero.
        #expect(rows["detained"]?.na == IndicatorFigure.noDenominator && rows["detained"]?.value == nil && rows["detained"]?.suppressed == false)
    }

    @Test("an indicator whose denominator is empty gives NA with the reason, overall and in every row")
    func emptyDenominator() throws {
        let result = try Self.compute("hiv-suppressed", (0..<30).map { _ in Self.person("AF", status: .refugee) })
        #expect(result.overall.na == IndicatorFigure.noDenominator && result.overall.value == nil && result.overall.denominator == 0)
        #expect(result.breakdowns.count == IndicatorDimension.allCases.count)
        for breakdown in result.breakdowns { for row in breakdown.rows { #expect(row.figure.value == nil) } }
    }

    @Test("referral indicators count referrals made in the period; the median of days counts only attended ones; cost needs the code")
    func referralIndicators() throws {
        let created = F.day("2026-10-01")
        func referral(_ state: ReferralState, attendedAfter days: Int? = nil, code: ReferralDeclineCode? = nil, on day: CalendarDay = created) -> ReferralFacts {
            ReferralFacts(created: day, firstAttended: days.map { day.adding(days: $0) }, state: state, declineCode: code)
        }
        var people: [PersonFacts] = []
        // Ten refugees: attended after 2, 4, 6, 8, 10, 12, 14 days (7), two declined for cost, one declined for capacity.
        people += [2, 4, 6, 8, 10, 12, 14].map { Self.person("AF", status: .refugee, referrals: [referral(.completed, attendedAfter: $0)]) }
        people += (0..<2).map { _ in Self.person("AF", status: .refugee, referrals: [referral(.declined, code: .cost)]) }
        people.append(Self.person("AF", status: .refugee, referrals: [referral(.declined, code: .capacity)]))
        // A referral before the period counts nowhere.
        people.append(Self.person("AF", status: .refugee, referrals: [referral(.declined, code: .cost, on: F.day("2025-01-10"))]))
        let from = F.day("2026-09-01")
        let days = try Self.compute("referral-to-attendance-days", people, by: [.legalStatus], from: from)
        #expect(days.overall.denominator == 10 && days.overall.numerator == 7)
        #expect(days.overall.value == 8, "the median of 2...14 by twos is 8")
        let cost = try Self.compute("care-declined-for-cost", people, from: from)
        #expect(cost.overall.denominator == 10)
        #expect(cost.overall.numerator == nil && cost.overall.suppressed, "2 declined for cost: under five, hidden")
        let completion = try Self.compute("referral-completion", people, from: from)
        #expect(completion.overall.numerator == 7 && completion.overall.denominator == 10)
        #expect(completion.overall.value == 0.7)
        // Without `from`, the old referral counts too.
        #expect(try Self.compute("care-declined-for-cost", people).overall.denominator == 11)
    }

    @Test("breakdowns by citizenship, sex, age group and interpreter need place each person once; the screening denominator follows the rules")
    func breakdowns() throws {
        var people: [PersonFacts] = []
        people += (0..<12).map { i in Self.person("AF", status: .refugee, sex: i % 2 == 0 ? .female : .male, born: "1995",
                                                  health: i < 9 ? HealthMilestones.bit(.tuberculosis, .screened) : 0, interpreter: i < 6) }
        // Germans with a vaccination record: no rule recommends them anything.
        people += (0..<7).map { _ in Self.person("DE", status: .temporaryResidence, born: "1960", health: HealthMilestones.immunizationBit) }
        let result = try Self.compute("screening-coverage", people.map { var p = $0; p.arrival = F.month(2026, 6); return p })
        func rows(_ d: IndicatorDimension) -> [String: IndicatorFigure] {
            Dictionary(uniqueKeysWithValues: (result.breakdowns.first { $0.dimension == d }?.rows ?? []).map { ($0.code, $0.figure) })
        }
        // Afghanistan has a TB incidence over the threshold, Germany none: only the twelve are in the denominator.
        #expect(result.overall.denominator == 12 && result.overall.numerator == 9)
        #expect(rows(.citizenship)["AF"]?.denominator == 12)
        #expect(rows(.citizenship)["DE"] == nil, "a country with nobody in the denominator is left out of the breakdown")
        #expect(rows(.ageGroup)["25-49"]?.denominator == 12)
        #expect(rows(.interpreterNeed)["yes"]?.denominator == 6 && rows(.interpreterNeed)["no"]?.denominator == 6)
        #expect(rows(.sex)["female"]?.denominator == 6)
    }

    @Test("a crossed table (legal status by region) withstands the row-and-column attacker, totals included", arguments: 0..<4)
    func crossedTableIsSafe(seed: UInt64) throws {
        var random = SplitMix(seed: 77 + seed)
        let statuses: [LegalStatusKind?] = [nil, .refugee, .asylumSeeker, .permanentResidence, .temporaryStay]
        let regions = ["BY-HM", "BY-BR", "BY-MI", "BY-HO"]
        let people = (0..<300).map { _ -> PersonFacts in
            let status = statuses[Int.random(in: 0..<statuses.count, using: &random)]
            let region = regions[Int(min(Double(regions.count - 1), -log(Double.random(in: 0.0001...1, using: &random)) * 1.3))]
            let health = Int.random(in: 0..<3, using: &random) == 0 ? Self.treated : Self.cured
            return Self.person(status == nil ? "BY" : "AF", status: status, region: region, health: health)
        }
        let result = try Self.compute("tb-treatment-success", people, by: [.legalStatus, .region])
        let t = try #require(result.crossTable)
        for part in [\IndicatorFigure.numerator, \IndicatorFigure.denominator] {
            let table = SmallCells.Table(cells: t.cells.map { $0.map { $0[keyPath: part] } }, rowTotals: t.rowTotals.map { $0[keyPath: part] },
                                         columnTotals: t.columnTotals.map { $0[keyPath: part] }, total: result.overall[keyPath: part])
            // Every row that is left out counted nobody; the attacker sees the table as published.
            let recovered = SmallCellsTableTests.attack(table)
            #expect(recovered.isEmpty, "recovered \(recovered)")
            for (r, row) in t.cells.enumerated() {
                for (c, cell) in row.enumerated() where cell[keyPath: part] == nil { #expect(cell.value == nil && cell.suppressed, "\(r),\(c)") }
            }
        }
    }

    @Test("the CSV has a line per published figure, hidden counts empty and flagged, the reference value on every line")
    func csv() throws {
        var people = (0..<10).map { _ in Self.person("BY", health: Self.cured) }
        people += (0..<3).map { _ in Self.person("AF", status: .refugee, health: Self.treated) }
        people += (0..<12).map { _ in Self.person("UA", status: .temporaryStay, health: Self.cured) }
        let lines = try Self.compute("tb-treatment-success", people, by: [.legalStatus]).csv.split(separator: "\n").map(String.init)
        #expect(lines[0] == "indicator,from,to,dimension,code,column_dimension,column_code,numerator,denominator,value,suppressed,na,reference_value")
        #expect(lines[1] == "tb-treatment-success,,2026-11-15,overall,all,,,22,25,0.88,false,,1")
        let refugee = try #require(lines.first { $0.contains(",legal-status,refugee,") })
        #expect(refugee == "tb-treatment-success,,2026-11-15,legal-status,refugee,,,0,,,true,suppressed,1", "3 treated: the denominator hidden")
    }

    @Test("DHIS2 periods: ISO weeks (53-week years too) and months, with their days; nonsense refused")
    func dhis2Periods() throws {
        let week = try DHIS2Period(parsing: "2026W10")
        #expect(week.from == F.day("2026-03-02") && week.to == F.day("2026-03-08"))
        #expect(try DHIS2Period(parsing: "2020W53").to == F.day("2021-01-03"))
        #expect(try DHIS2Period(parsing: "2026W1").from == F.day("2025-12-29"))
        #expect(throws: CareBridgeError.self) { try DHIS2Period(parsing: "2021W53") }
        let month = try DHIS2Period(parsing: "202402")
        #expect(month.from == F.day("2024-02-01") && month.to == F.day("2024-02-29"))
        for bad in ["2026-03", "2026W0", "202613", "W10", "abcd"] { #expect(throws: CareBridgeError.self, "\(bad)") { try DHIS2Period(parsing: bad) } }
    }

    @Test("a DHIS2 data value set: mapped rows with their combos, hidden figures left out, an unmapped code a clear error")
    func dhis2Export() throws {
        let mapping = try DHIS2Mapping.parse(try F.shipped("dhis2-mapping.json"))
        var people = (0..<10).map { _ in Self.person("BY", sex: .female, health: Self.cured) }
        people += (0..<7).map { i in Self.person("AF", status: .refugee, sex: .male, health: i < 2 ? Self.cured : Self.treated) }
        let bySex = try Self.compute("tb-treatment-success", people, by: [.sex])
        let period = try DHIS2Period(parsing: "202603")
        let (set, omitted) = try DHIS2Export.dataValueSet(bySex, by: .sex, mapping: mapping, period: period, orgUnit: "ImspTQPwCqd")
        let elements = try #require(mapping.indicators["tb-treatment-success"])
        let female = try #require(elements.categoryOptionCombos?["sex"]?["female"])
        let male = try #require(elements.categoryOptionCombos?["sex"]?["male"])
        #expect(set.period == "202603" && set.orgUnit == "ImspTQPwCqd" && set.dataSet == mapping.dataSet)
        #expect(set.dataValues.contains(.init(dataElement: elements.denominator!, categoryOptionCombo: female, value: "10", comment: nil)))
        #expect(set.dataValues.contains(.init(dataElement: elements.denominator!, categoryOptionCombo: male, value: "7", comment: nil)))
        // Men's numerator (2) is hidden, so is the women's as its complement, and both values: four figures left out, none sent as 0.
        #expect(!set.dataValues.contains { $0.dataElement == elements.numerator! || $0.dataElement == elements.value! })
        #expect(set.dataValues.count == 2 && omitted == 4)
        let overall = try DHIS2Export.dataValueSet(try Self.compute("tb-treatment-success", people), mapping: mapping, period: period, orgUnit: "ImspTQPwCqd").set
        #expect(overall.dataValues.contains(.init(dataElement: elements.value!, categoryOptionCombo: mapping.defaultCategoryOptionCombo, value: "70.5882", comment: nil)))
        _ = (female, male)
        let byRegion = try Self.compute("tb-treatment-success", people, by: [.region])
        do {
            _ = try DHIS2Export.dataValueSet(byRegion, by: .region, mapping: mapping, period: period, orgUnit: "ImspTQPwCqd")
            Issue.record("an unmapped region was exported")
        } catch let error as CareBridgeError {
            #expect(error.reason == "unmapped" && error.detail.contains("region=BY-HM"))
        }
        #expect(throws: CareBridgeError.self) { try DHIS2Export.dataValueSet(bySex, by: .sex, mapping: mapping, period: period, orgUnit: "not a uid") }
    }

    @Test("the snapshot keeps referrals and interpreter need through compaction")
    func snapshotKeepsReferrals() throws {
        let referral = ReferralFacts(created: F.day("2026-10-01"), firstAttended: F.day("2026-10-05"), state: .completed)
        let person = Self.person("AF", status: .refugee, interpreter: true, referrals: [referral, ReferralFacts(created: F.day("2026-10-02"), state: .declined, declineCode: .cost)])
        var snapshot = PopulationSnapshot([person])
        snapshot.upsert(person)
        let facts = snapshot.compacted().facts(0)
        #expect(facts.interpreterNeeded && facts.referrals.count == 2)
        #expect(facts.referrals[0] == referral && facts.referrals[1].declineCode == .cost)
        #expect(CalendarDay(serial: F.day("2026-03-01").serial) == F.day("2026-03-01") && F.day("1970-01-01").serial == 0)
    }
}
