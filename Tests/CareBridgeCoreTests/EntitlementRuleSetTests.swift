import CareBridgeCore
import Foundation
import Testing

@Suite("Entitlement rule sets: the Belarus set decides")
struct EntitlementRuleSetTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/CareBridgeServer/Resources/rules/BY-2026.1.yaml").standardized

    static func belarus(_ selection: RuleSet.Selection? = nil) throws -> DecisionTable {
        let set = try RuleSetParser.parse(String(contentsOf: file, encoding: .utf8), file: "BY-2026.1.yaml")
        return try RuleSetCompiler.compile(set, selection: selection, file: "BY-2026.1.yaml")
    }

    static let day = try! CalendarDay(parsing: "2026-11-01", field: "date")

    func decision(_ table: DecisionTable, _ facts: EntitlementFacts, _ care: CareType, on day: CalendarDay = Self.day) throws -> CareDecision {
        try table.decide(facts, on: day).first { $0.care == care }!
    }

    @Test("every rule of the Belarus set cites a basis that names its source")
    func everyRuleIsCited() throws {
        let table = try Self.belarus()
        for rule in table.ruleSet.rules {
            let basis = try #require(table.ruleSet.bases[rule.basis], "\(rule.id)")
            #expect(!basis.source.isEmpty && !basis.title.isEmpty)
            #expect(rule.text["en"] != nil && rule.text["ru"] != nil, "\(rule.id) needs English and Russian text")
        }
    }

    @Test("a CIS citizen on temporary stay: emergency free by treaty over the law's 'paid', other care paid")
    func cisTreatyOverridesLaw() throws {
        let table = try Self.belarus()
        let facts = EntitlementFacts(status: .temporaryStay, citizenship: "UZ", insured: false, age: 30)
        let emergency = try decision(table, facts, .emergency)
        #expect(emergency.outcome == Outcome(.free))
        #expect(emergency.applied.map(\.id) == ["cis-emergency"])
        #expect(emergency.overridden.map { "\($0.rule.id)<\($0.by.id):\($0.reason.rawValue)" } == ["foreigners-temporary-paid<cis-emergency:stronger-basis"])
        let primary = try decision(table, facts, .primary)
        #expect(primary.outcome == Outcome(.paid, price: "foreigners-tariff"))
    }

    @Test("an insured temporary stayer from outside the treaties: emergency by the insurer, the rest paid")
    func insuranceCoversEmergencyOnly() throws {
        let table = try Self.belarus()
        let insured = EntitlementFacts(status: .temporaryStay, citizenship: "CN", insured: true, age: 30)
        let emergency = try decision(table, insured, .emergency)
        #expect(emergency.outcome == Outcome(.insurance))
        #expect(emergency.applied.map(\.id) == ["insurance-emergency-decree-108"])
        #expect(emergency.overridden.first?.reason == .explicit)
        #expect(try decision(table, insured, .inpatient).outcome.kind == .paid)
        // Before Decree 108 the same rule rested on Decree 530.
        let earlier = try decision(table, insured, .emergency, on: CalendarDay(parsing: "2024-06-01", field: "date"))
        #expect(earlier.applied.map(\.id) == ["insurance-emergency-decree-530"])
        let uninsured = EntitlementFacts(status: .temporaryStay, citizenship: "CN", insured: false, age: 30)
        #expect(try decision(table, uninsured, .emergency).outcome.kind == .paid)
    }

    @Test("additional protection: emergency only before 1 July 2017, equal to citizens after")
    func additionalProtectionChangedIn2017() throws {
        let table = try Self.belarus()
        let facts = EntitlementFacts(status: .additionalProtection, citizenship: "AF", insured: false, age: 40)
        let before = try CalendarDay(parsing: "2017-06-30", field: "date")
        #expect(try decision(table, facts, .emergency, on: before).outcome.kind == .free)
        #expect(try decision(table, facts, .specialist, on: before).outcome.kind == .paid)
        let after = try CalendarDay(parsing: "2017-07-01", field: "date")
        #expect(try decision(table, facts, .specialist, on: after).applied.map(\.id) == ["additional-protection-equal"])
    }

    @Test("permanent residents and refugees are equal to citizens for every care type")
    func equalToCitizens() throws {
        let table = try Self.belarus()
        for status in [LegalStatusKind.permanentResidence, .refugee] {
            let all = try table.decide(EntitlementFacts(status: status, citizenship: "SY", insured: false, age: 8), on: Self.day)
            #expect(all.count == CareType.allCases.count)
            #expect(all.allSatisfy { $0.outcome.kind == .free }, "\(status)")
        }
    }

    @Test("an administrator's choice between conflicting readings changes the answer")
    func choicesSwitchReadings() throws {
        let resident = EntitlementFacts(status: .permanentResidence, citizenship: "KZ", insured: false, age: 50)
        #expect(try decision(Self.belarus(), resident, .primary).outcome.kind == .free)
        let prices = try Self.belarus(["cis-residents-planned-care": "citizens-prices"])
        let primary = try decision(prices, resident, .primary)
        #expect(primary.outcome == Outcome(.paid, price: "citizens-tariff"))
        #expect(primary.overridden.map(\.rule.id) == ["permanent-residents-equal"])
        let stayer = EntitlementFacts(status: .temporaryStay, citizenship: "IN", insured: false, age: 25)
        #expect(try decision(Self.belarus(["socially-dangerous-diseases": "free"]), stayer, .tbTreatment).outcome.kind == .free)
        #expect(try decision(Self.belarus(), stayer, .tbTreatment).outcome == Outcome(.paid, price: "foreigners-tariff"))
        #expect(throws: RuleSetProblem.self) { try Self.belarus(["socially-dangerous-diseases": "maybe"]) }
    }

    @Test("a day before the rule set's start is refused, naming the start")
    func dayBeforeStartIsRefused() throws {
        let table = try Self.belarus()
        let error = #expect(throws: CareBridgeError.self) {
            try table.decide(EntitlementFacts(status: .refugee, citizenship: "SY", insured: false, age: 8), on: CalendarDay(parsing: "2014-12-31", field: "date"))
        }
        #expect(error?.detail.contains("2015-01-01") == true)
    }
}
