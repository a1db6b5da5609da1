@testable import CareBridgeCore
import Foundation
import Testing

private typealias F = HealthFixtures

/// Random health records for one person, each on a different day, drawn from every kind the cascade reads.
func randomHealthRecords(_ rng: inout SplitMix, person: UUID = UUID(), most: Int = 7) -> [HealthRecord] {
    let start = F.day("2025-01-01")
    let days = Array(0..<600).shuffled(using: &rng).prefix(Int.random(in: 0...most, using: &rng))
    return days.map { offset -> HealthRecord in
        let date = start.adding(days: offset).description
        switch Int.random(in: 0..<9, using: &rng) {
        case 0, 1:
            let condition = ScreeningCondition.allCases.filter { $0 != .vaccination }.randomElement(using: &rng)!
            return F.test("71773-6", screensFor: condition, disease: condition.disease, ordered: date, resulted: date,
                          Bool.random(using: &rng) ? LabTest.Interpretation.positive : .negative, person: person)
        case 2:
            return F.viralLoad([20, 400, 999, 1000, 50_000].randomElement(using: &rng)!, on: date, person: person)
        case 3:
            return F.notification(Disease.allCases.randomElement(using: &rng)!, CaseClassification.allCases.randomElement(using: &rng)!, on: date, person: person)
        case 4:
            return F.diagnosis(["A15.0", "A16.2", "B20", "B18.1", "B18.2", "B05.9", "J18.9"].randomElement(using: &rng)!, on: date, person: person)
        case 5:
            let disease = Disease.cascaded.randomElement(using: &rng)!
            let outcomes: [TreatmentOutcome?] = disease == .hiv ? [nil, .died, .lostToFollowUp] : [nil, .cured, .completed, .failed, .died]
            let outcome = outcomes.randomElement(using: &rng)!
            return F.treatment(disease, started: date, outcome, on: outcome == nil ? nil : date, person: person)
        case 6:
            return F.immunization(on: date, person: person)
        case 7:
            return F.test("13955-0", screensFor: .hepatitisC, disease: .hepatitisC, ordered: date, person: person)   // ordered, no result yet
        default:
            return F.record(.assessment, date, person: person)
        }
    }
}

@Suite("Care cascade of one person")
struct PersonCascadeTests {
    static func cascade(_ records: [HealthRecord], eligible: Set<ScreeningCondition> = []) -> [Disease: PersonCascade] {
        let list = PersonCascade.of(records: records, eligible: eligible, on: F.today, suppressedBelow: 1000)
        return Dictionary(list.map { ($0.disease, $0) }, uniquingKeysWith: { a, _ in a })
    }

    @Test("a positive screening test, a confirmed case and a cured treatment reach screened, positive, confirmed, treated and success")
    func tbStages() throws {
        let records = [
            F.test("71773-6", screensFor: .latentTuberculosis, disease: .tuberculosis, ordered: "2026-02-01", resulted: "2026-02-03", .positive),
            F.notification(.tuberculosis, .confirmed, on: "2026-02-10"),
            F.treatment(.tuberculosis, started: "2026-02-15", .cured, on: "2026-08-20"),
        ]
        let m = F.milestones(records)
        for stage in CascadeStage.allCases.dropFirst() { #expect(m.has(.tuberculosis, stage), "\(stage)") }
        for disease in [Disease.hiv, .hepatitisB, .hepatitisC] {
            #expect(CascadeStage.allCases.allSatisfy { !m.has(disease, $0) }, "\(disease)")
        }
        let tb = try #require(Self.cascade(records, eligible: [.activeTuberculosis])[.tuberculosis])
        #expect(CascadeStage.allCases.allSatisfy { tb.reached($0) })
        // Treatment counts from the day it started, its success from the day of the outcome.
        #expect(tb.stages[.treated] == .some(F.day("2026-02-15")) && tb.stages[.success] == .some(F.day("2026-08-20")))
        #expect(tb.stages[.eligible] == .some(nil))
        #expect(try #require(Self.cascade(records)[.tuberculosis]).reached(.eligible) == false)
        #expect(try #require(Self.cascade(records, eligible: [.vaccination, .hiv])[.hiv]).reached(.eligible))
    }

    @Test("a negative test is screened only; an unresulted order, a probable case and a failed treatment stop short")
    func stagesNotReached() {
        let negative = F.milestones([F.test("56888-1", screensFor: .hiv, disease: nil, ordered: "2026-02-01", resulted: "2026-02-02", .negative)])
        #expect(negative.has(.hiv, .screened) && !negative.has(.hiv, .positive))
        #expect(F.milestones([F.test("56888-1", screensFor: .hiv, disease: .hiv, ordered: "2026-02-01")]).bits == 0)
        #expect(!F.milestones([F.notification(.tuberculosis, .probable, on: "2026-02-01")]).has(.tuberculosis, .confirmed))
        // A diagnosis in ICD-10 confirms its disease; one outside the followed diseases confirms nothing.
        #expect(F.milestones([F.diagnosis("B18.1", on: "2026-02-01")]).has(.hepatitisB, .confirmed))
        #expect(F.milestones([F.diagnosis("J18.9", on: "2026-02-01")]).bits == 0)
        let failed = F.milestones([F.treatment(.tuberculosis, started: "2026-02-01", .failed, on: "2026-09-01")])
        #expect(failed.has(.tuberculosis, .treated) && !failed.has(.tuberculosis, .success))
        let completed = F.milestones([F.treatment(.hepatitisC, started: "2026-02-01", .completed, on: "2026-05-01")])
        #expect(completed.has(.hepatitisC, .success))
        // An immunization is recorded for the vaccination rule, and adds no cascade stage.
        let vaccinated = F.milestones([F.immunization(on: "2026-02-01")])
        #expect(vaccinated.hasImmunization && Disease.cascaded.allSatisfy { d in CascadeStage.allCases.allSatisfy { !vaccinated.has(d, $0) } })
    }

    @Test("HIV success is viral suppression by the latest viral load, never a declared outcome")
    func hivSuppressionFollowsLatestLoad() throws {
        let person = UUID()
        let treated = F.treatment(.hiv, started: "2025-06-01", person: person)
        let low = F.viralLoad(50, on: "2026-01-10", person: person), high = F.viralLoad(5000, on: "2026-06-10", person: person)
        let relapse = F.milestones([treated, low, high])
        #expect(relapse.has(.hiv, .treated) && !relapse.has(.hiv, .success))
        #expect(try #require(Self.cascade([treated, low, high])[.hiv]).reached(.success) == false)
        let highFirst = F.viralLoad(5000, on: "2026-01-10", person: person), lowLater = F.viralLoad(50, on: "2026-06-10", person: person)
        #expect(F.milestones([treated, highFirst, lowLater]).has(.hiv, .success))
        #expect(try #require(Self.cascade([treated, highFirst, lowLater])[.hiv]).stages[.success] == .some(F.day("2026-06-10")))
        // The threshold is "below 1000 copies/mL".
        #expect(F.milestones([F.viralLoad(999, on: "2026-01-10")]).has(.hiv, .success))
        #expect(!F.milestones([F.viralLoad(1000, on: "2026-01-10")]).has(.hiv, .success))
        // A record that is not a viral load leaves suppression as it was.
        #expect(F.milestones([lowLater, F.immunization(on: "2026-07-01"), F.notification(.hiv, .confirmed, on: "2026-07-02")]).has(.hiv, .success))
    }

    @Test("suppression is dated from the first load of the current suppressed run")
    func suppressionDate() throws {
        let loads = [F.viralLoad(40, on: "2025-09-01"), F.viralLoad(8000, on: "2026-01-10"), F.viralLoad(200, on: "2026-03-10"), F.viralLoad(30, on: "2026-06-10")]
        // Suppressed again since 2026-03-10 (the load of 2025-09-01 was followed by a failure).
        #expect(try #require(Self.cascade(loads)[.hiv]).stages[.success] == .some(F.day("2026-03-10")))
    }

    @Test("the milestones do not depend on the order records are given in, and agree with the per-person cascade")
    func orderIndependent() {
        var rng = SplitMix(seed: 0xCA5CADE)
        for round in 0..<300 {
            let records = randomHealthRecords(&rng, most: 9)
            let milestones = F.milestones(records)
            let cascade = Self.cascade(records)
            for _ in 0..<3 {
                let shuffled = records.shuffled(using: &rng)
                #expect(F.milestones(shuffled) == milestones, "round \(round)")
                #expect(Self.cascade(shuffled) == cascade, "round \(round)")
            }
            for disease in Disease.cascaded {
                for stage in CascadeStage.allCases.dropFirst() {
                    #expect(milestones.has(disease, stage) == cascade[disease]?.reached(stage), "round \(round) \(disease) \(stage)")
                }
            }
        }
    }
}

@Suite("Care cascade over the population snapshot")
struct PopulationCascadeTests {
    static let origins: [String?] = ["AF", "SO", "ZA", "UA", "CV", "DE", "XH", "XL", "XX", nil]

    /// Hundreds of people with varied origins (birth and citizenship apart or the same), arrivals known to the month, the
    /// year or not at all, births known to the day or not at all, and milestones from random records.
    static func people(_ count: Int, seed: UInt64) -> [PersonFacts] {
        var rng = SplitMix(seed: seed)
        return (0..<count).map { _ in
            let citizenship = origins.randomElement(using: &rng)!
            let countryOfBirth = Bool.random(using: &rng) ? citizenship : origins.randomElement(using: &rng)!
            let year = Int.random(in: 2012...2026, using: &rng)
            let arrival: PartialDate? = switch Int.random(in: 0..<10, using: &rng) {
            case 0: nil
            case 1, 2: F.month(year)
            default: F.month(year, year == 2026 ? Int.random(in: 1...6, using: &rng) : Int.random(in: 1...12, using: &rng))
            }
            let birth: PartialDate? = Int.random(in: 0..<10, using: &rng) == 0 ? nil
                : F.day("1950-01-01").adding(days: Int.random(in: 0...(F.day("1950-01-01").days(until: F.day("2026-06-01"))), using: &rng)).partial
            return PersonFacts(id: UUID(), citizenship: citizenship, region: "BY-HM", sex: nil, birth: birth, statuses: [], insurance: [],
                               countryOfBirth: countryOfBirth, arrival: arrival, health: F.milestones(randomHealthRecords(&rng)))
        }
    }

    /// The cascade counted person by person: eligibility from `ScreeningEngine.recommend` (recommended, not no-data),
    /// the other stages from the milestones.
    static func oracle(_ people: [PersonFacts], engine: ScreeningEngine, on day: CalendarDay) -> [Disease: [CascadeStage: Int]] {
        var counts: [Disease: [CascadeStage: Int]] = [:]
        for disease in Disease.cascaded { counts[disease] = Dictionary(uniqueKeysWithValues: CascadeStage.allCases.map { ($0, 0) }) }
        for p in people {
            let subject = ScreeningSubject(countryOfBirth: p.countryOfBirth, citizenship: p.citizenship, arrival: p.arrival, birth: p.birth,
                                           hasVaccinationRecord: p.health.hasImmunization)
            let recommended = engine.recommend(for: subject, on: day).filter { $0.status == .recommended }
            for disease in Disease.cascaded {
                if recommended.contains(where: { $0.condition.disease == disease }) { counts[disease]![.eligible]! += 1 }
                for stage in CascadeStage.allCases.dropFirst() where p.health.has(disease, stage) { counts[disease]![stage]! += 1 }
            }
        }
        return counts
    }

    /// Age limits, arrival windows of two lengths, and two rules for one condition where the first may have no figure.
    static let strictRules: [ScreeningRule] = [
        ScreeningRule(condition: .activeTuberculosis, measure: .tbIncidence, atLeast: 100, withinMonthsOfArrival: 24, test: "X-ray", source: "ecdc-2018"),
        ScreeningRule(condition: .activeTuberculosis, measure: .tbIncidence, atLeast: 40, withinMonthsOfArrival: 60, minAge: 15, test: "X-ray", source: "ecdc-2018"),
        ScreeningRule(condition: .latentTuberculosis, measure: .tbIncidence, atLeast: 40, withinMonthsOfArrival: 60, maxAge: 35, test: "IGRA", source: "ecdc-2018"),
        ScreeningRule(condition: .hiv, measure: .hivPrevalence, atLeast: 1, minAge: 15, test: "HIV test", source: "ecdc-2018"),
        ScreeningRule(condition: .hepatitisB, measure: .hbsagPrevalence, atLeast: 2, test: "HBsAg", source: "ecdc-2018"),
        // ECDC 2018: "vaccinate children and adolescents without immunity" against hepatitis B.
        ScreeningRule(condition: .hepatitisB, measure: .noVaccinationRecord, maxAge: 17, test: "HBsAg, anti-HBs, then vaccinate", source: "ecdc-2018"),
        ScreeningRule(condition: .hepatitisC, measure: .antiHcvPrevalence, atLeast: 2, minAge: 18, maxAge: 79, test: "anti-HCV", source: "ecdc-2018"),
        ScreeningRule(condition: .vaccination, measure: .noVaccinationRecord, maxAge: 17, test: "Catch-up", source: "ecdc-2018"),
    ]

    static func check(_ snapshot: PopulationSnapshot, _ people: [PersonFacts], engine: ScreeningEngine, on day: CalendarDay, _ label: String) {
        let cascade = PopulationCascade.compute(snapshot, engine: engine, on: day)
        #expect(cascade.people == people.count, "\(label)")
        let expected = oracle(people, engine: engine, on: day)
        for disease in Disease.cascaded {
            for stage in CascadeStage.allCases {
                #expect(cascade.counts[disease]?[stage] == expected[disease]?[stage], "\(label) \(disease) \(stage)")
            }
        }
    }

    @Test("counts per stage equal those found person by person with the screening engine and the milestones",
          arguments: [("standard rules", HealthFixtures.standardRules), ("age limits and fallbacks", PopulationCascadeTests.strictRules)])
    func agreesWithPersonByPerson(_ name: String, _ rules: [ScreeningRule]) {
        let people = Self.people(400, seed: 20261115)
        let engine = F.engine(rules)
        // Days after every birth drawn (a day before someone was born is no day to count them).
        for day in [F.today, F.day("2026-06-30"), F.day("2028-02-29")] {
            Self.check(PopulationSnapshot(people), people, engine: engine, on: day, "\(name) \(day)")
        }
        // The test has something to count: every stage is reached by someone, and eligibility is neither everyone nor no one.
        let counts = PopulationCascade.compute(PopulationSnapshot(people), engine: engine, on: F.today).counts
        #expect(CascadeStage.allCases.dropFirst().allSatisfy { stage in Disease.cascaded.contains { (counts[$0]?[stage] ?? 0) > 0 } })
        #expect(Disease.cascaded.contains { (1..<people.count).contains(counts[$0]?[.eligible] ?? 0) })
    }

    @Test("a replaced, removed or updated person is counted once, as they are now")
    func replacedRowsNotCounted() {
        var people = Self.people(300, seed: 7)
        var snapshot = PopulationSnapshot(people)
        var rng = SplitMix(seed: 8)
        // Replace 60 people with new facts (a new origin, arrival and health), some of them twice.
        for index in (0..<people.count).shuffled(using: &rng).prefix(60) {
            for _ in 0..<Int.random(in: 1...2, using: &rng) {
                var replacement = Self.people(1, seed: rng.next())[0]
                replacement.id = people[index].id
                people[index] = replacement
                snapshot.upsert(replacement)
            }
        }
        // New health records for 20 more; 15 people leave.
        for index in (0..<people.count).shuffled(using: &rng).prefix(20) {
            people[index].health = F.milestones(randomHealthRecords(&rng, person: people[index].id))
            snapshot.setHealth(people[index].id, people[index].health)
        }
        for index in (0..<people.count).shuffled(using: &rng).prefix(15).sorted(by: >) {
            snapshot.remove(people[index].id)
            people.remove(at: index)
        }
        #expect(snapshot.rows > 300 && snapshot.count == 285 && people.count == 285)
        for engine in [F.engine(), F.engine(Self.strictRules)] {
            Self.check(snapshot, people, engine: engine, on: F.today, "after changes")
            Self.check(snapshot.compacted(), people, engine: engine, on: F.today, "compacted")
        }
    }

    @Test("someone known only by year of birth is counted at the same age as on their own page")
    func yearOfBirthAge() {
        // Born "1990", on 2026-09-01: PartialDate.age counts the youngest they can be, 35, so the maxAge-35 rule offers them
        // latent TB screening; the snapshot stores an unknown month and day as 15 July and counts 36.
        let person = PersonFacts(id: UUID(), citizenship: "AF", region: nil, sex: nil, birth: F.born("1990"), statuses: [], insurance: [],
                                 countryOfBirth: "AF", arrival: F.month(2026, 7))
        let engine = F.engine([ScreeningRule(condition: .latentTuberculosis, measure: .tbIncidence, atLeast: 40, maxAge: 35, test: "IGRA", source: "ecdc-2018")])
        let day = F.day("2026-09-01")
        #expect(Self.oracle([person], engine: engine, on: day)[.tuberculosis]?[.eligible] == 1)
        #expect(PopulationCascade.compute(PopulationSnapshot([person]), engine: engine, on: day).counts[.tuberculosis]?[.eligible] == 1)
    }
}

extension CalendarDay {
    /// The same day as a partial date known to the day.
    var partial: PartialDate { try! PartialDate(year: year, month: month, day: day) }
}
