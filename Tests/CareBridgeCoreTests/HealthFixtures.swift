@testable import CareBridgeCore
import Foundation
import Testing

/// Shared material for the Core/Health tests: days, a rule set written out in the test (ECDC 2018 thresholds), a small
/// country table, health records, the shipped reference files, and a seeded random generator.
enum HealthFixtures {
    static func day(_ text: String) -> CalendarDay { try! CalendarDay(parsing: text, field: "day") }
    static func month(_ year: Int, _ month: Int? = nil) -> PartialDate { try! PartialDate(year: year, month: month) }
    static func born(_ text: String) -> PartialDate { try! PartialDate(parsing: text, field: "birth") }

    static let today = day("2026-11-15")

    // MARK: Rules

    static let ruleSources: [String: CountryEpidemiology.Source] = [
        "ecdc-2018": .init(title: "Public health guidance on screening and vaccination for infectious diseases in newly arrived migrants within the EU/EEA",
                           publisher: "ECDC", year: 2018),
        "who-2023": .init(title: "The role of HIV viral suppression in improving individual health and reducing transmission", publisher: "WHO", year: 2023),
    ]

    /// The guidance's rules: TB at 40 per 100,000 within five years of arrival, HIV at 1%, hepatitis B and C at 2%,
    /// the two parasites by endemicity, and catch-up vaccination for everyone without a record.
    static let standardRules: [ScreeningRule] = [
        ScreeningRule(condition: .activeTuberculosis, measure: .tbIncidence, atLeast: 40, withinMonthsOfArrival: 60,
                      test: "Chest X-ray with symptom screening", procedure: "chest-x-ray", source: "ecdc-2018"),
        ScreeningRule(condition: .latentTuberculosis, measure: .tbIncidence, atLeast: 40, withinMonthsOfArrival: 60,
                      test: "IGRA", loinc: ["71773-6"], source: "ecdc-2018"),
        ScreeningRule(condition: .hiv, measure: .hivPrevalence, atLeast: 1, test: "HIV test", loinc: ["56888-1"], source: "ecdc-2018"),
        ScreeningRule(condition: .hepatitisB, measure: .hbsagPrevalence, atLeast: 2, test: "HBsAg", loinc: ["5196-1"], source: "ecdc-2018"),
        ScreeningRule(condition: .hepatitisC, measure: .antiHcvPrevalence, atLeast: 2, test: "anti-HCV", loinc: ["13955-0"], source: "ecdc-2018"),
        ScreeningRule(condition: .schistosomiasis, measure: .schistosomiasisEndemic, test: "Schistosoma serology", procedure: "schistosoma-serology", source: "ecdc-2018"),
        ScreeningRule(condition: .strongyloidiasis, measure: .strongyloidiasisEndemic, test: "Strongyloides serology", procedure: "strongyloides-serology", source: "ecdc-2018"),
        ScreeningRule(condition: .vaccination, measure: .noVaccinationRecord, test: "Catch-up vaccination", source: "ecdc-2018"),
    ]

    static func parameters(_ rules: [ScreeningRule] = standardRules) -> ScreeningParameters {
        ScreeningParameters(sources: ruleSources, rules: rules, hivSuppressedBelow: 1000, hivSuppressionSource: "who-2023")
    }

    // MARK: Country table

    static let dataSources: [String: CountryEpidemiology.Source] = [
        "who-tb": .init(title: "WHO TB burden estimates", publisher: "World Health Organization", year: 2024),
        "unaids": .init(title: "UNAIDS HIV estimates", publisher: "UNAIDS", year: 2024),
        "ecdc": .init(title: "ECDC 2018 regional rule", publisher: "ECDC", year: 2018),
        "survey": .init(title: "A serosurvey (made up for these tests)", year: 2020),
    ]

    static func tb(_ value: Double, _ year: Int? = 2023) -> CountryEpidemiology.Figure { .init(value: value, year: year, source: "who-tb") }
    static func hiv(_ value: Double, _ year: Int? = 2023) -> CountryEpidemiology.Figure { .init(value: value, year: year, source: "unaids") }
    static func endemic(_ value: Bool) -> CountryEpidemiology.Flag { .init(value: value, source: "ecdc") }

    /// Figures near the shipped ones for the real countries (AF 180, ZA 427, UA 112 per 100,000...), some moved to a
    /// threshold's edge (CV: TB 39, HIV exactly 1%); XH and XL are made-up countries (user-assigned ISO codes) with
    /// hepatitis figures, since the shipped table has none. XX is deliberately absent.
    static let table = CountryEpidemiology(sources: dataSources, countries: [
        "AF": .init(tbIncidencePer100k: tb(180), hivPrevalencePercent: hiv(0.05), strongyloidiasisEndemic: endemic(true)),
        "SO": .init(tbIncidencePer100k: tb(243), hivPrevalencePercent: hiv(0.07), schistosomiasisEndemic: endemic(true), strongyloidiasisEndemic: endemic(true)),
        "ZA": .init(tbIncidencePer100k: tb(427), hivPrevalencePercent: hiv(17.1), schistosomiasisEndemic: endemic(true), strongyloidiasisEndemic: endemic(true)),
        "UA": .init(tbIncidencePer100k: tb(112), hivPrevalencePercent: hiv(0.95, 2021), schistosomiasisEndemic: endemic(false), strongyloidiasisEndemic: endemic(false)),
        "CV": .init(tbIncidencePer100k: tb(39), hivPrevalencePercent: hiv(1.0), schistosomiasisEndemic: endemic(true), strongyloidiasisEndemic: endemic(true)),
        "DE": .init(tbIncidencePer100k: tb(4.8), hivPrevalencePercent: hiv(0.14, 2021), schistosomiasisEndemic: endemic(false), strongyloidiasisEndemic: endemic(false)),
        "XH": .init(tbIncidencePer100k: tb(60), hivPrevalencePercent: hiv(2.5),
                    hbsagPrevalencePercent: .init(value: 8, year: 2020, source: "survey"), antiHcvPrevalencePercent: .init(value: 1.5, year: 2020, source: "survey")),
        "XL": .init(tbIncidencePer100k: tb(40), hbsagPrevalencePercent: .init(value: 1.9, year: 2020, source: "survey"),
                    antiHcvPrevalencePercent: .init(value: 2, year: 2020, source: "survey")),
    ])

    static let names = ["AF": "Afghanistan", "SO": "Somalia", "ZA": "South Africa", "UA": "Ukraine", "CV": "Cabo Verde", "DE": "Germany"]
    static func name(_ code: String) -> String { names[code] ?? code }

    static func engine(_ rules: [ScreeningRule] = standardRules) -> ScreeningEngine {
        ScreeningEngine(parameters: parameters(rules), epidemiology: table)
    }

    // MARK: Shipped files

    /// The repository root, from this file's path (Tests/CareBridgeCoreTests/HealthFixtures.swift).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func shipped(_ name: String) throws -> Data {
        try Data(contentsOf: repository.appendingPathComponent("Sources/CareBridgeServer/Resources/reference").appendingPathComponent(name))
    }

    // MARK: Records

    static let organization = UUID()

    static func record(_ kind: HealthRecord.Kind, _ date: String, person: UUID = UUID()) -> HealthRecord {
        HealthRecord(personID: person, kind: kind, organizationID: organization, recordedBy: nil, recordedAt: day(date).start, date: day(date))
    }

    static func test(_ code: String, screensFor: ScreeningCondition?, disease: Disease?, ordered: String, resulted: String? = nil,
                     _ interpretation: LabTest.Interpretation? = nil, value: Double? = nil, person: UUID = UUID()) -> HealthRecord {
        var r = record(.test, ordered, person: person)
        r.test = LabTest(code: code, display: code, screensFor: screensFor, disease: disease, assessmentID: nil,
                         result: resulted.map { .init(resultedOn: day($0), interpretation: interpretation, value: value, recordedBy: nil) })
        return r
    }

    static func viralLoad(_ value: Double, on date: String, person: UUID = UUID()) -> HealthRecord {
        test("20447-9", screensFor: nil, disease: .hiv, ordered: date, resulted: date, value: value, person: person)
    }

    static func notification(_ disease: Disease, _ classification: CaseClassification, on date: String, person: UUID = UUID()) -> HealthRecord {
        var r = record(.notification, date, person: person)
        r.notification = CaseReport(disease: disease, icd10: nil, classification: classification, onset: nil, diagnosedOn: day(date), region: "BY-HM", notifiedTo: nil)
        return r
    }

    static func diagnosis(_ icd10: String, on date: String, person: UUID = UUID()) -> HealthRecord {
        var r = record(.diagnosis, date, person: person)
        r.diagnosis = Diagnosis(icd10: icd10, display: icd10, onset: nil)
        return r
    }

    static func treatment(_ disease: Disease, started: String, _ outcome: TreatmentOutcome? = nil, on outcomeDate: String? = nil, person: UUID = UUID()) -> HealthRecord {
        var r = record(.treatment, started, person: person)
        r.treatment = Treatment(disease: disease, caseID: nil, startedOn: day(started), treatingOrganizationID: organization,
                                outcome: outcome, outcomeOn: outcomeDate.map(day))
        return r
    }

    static func immunization(on date: String, person: UUID = UUID()) -> HealthRecord {
        var r = record(.immunization, date, person: person)
        r.immunization = Immunization(vaccine: "03", display: "MMR", antigens: ["measles", "mumps", "rubella"])
        return r
    }

    static func milestones(_ records: [HealthRecord], suppressedBelow: Double = 1000) -> HealthMilestones {
        HealthMilestones.combine(records.map { (date: $0.date, bits: HealthMilestones.contribution(of: $0, suppressedBelow: suppressedBelow)) })
    }
}

