@testable import CareBridgeCore
import Foundation
import Testing

private typealias F = HealthFixtures

@Suite("Clinical codes: a typo never becomes a diagnosis")
struct ClinicalCodesTests {
    let codes = ClinicalCodes.minimal

    @Test("an ICD-10 code typed without the dot or in lower case is stored as WHO writes it")
    func diagnosisNormalized() throws {
        #expect(try codes.diagnosis("a150", field: "icd10") == "A15.0")
        #expect(try codes.diagnosis(" A15.0 ", field: "icd10") == "A15.0")
        #expect(try codes.diagnosis("b20", field: "icd10") == "B20")
        #expect(Disease.of(icd10: try codes.diagnosis("b182", field: "icd10")) == .hepatitisC)
    }

    @Test("an unknown ICD-10 code is refused with an error naming the field")
    func unknownDiagnosis() throws {
        for code in ["A99.9", "A15.9x", "tuberculosis", ""] {
            let error = try #require(#expect(throws: CareBridgeError.self) { try codes.diagnosis(code, field: "diagnosis.icd10") })
            #expect(error.kind == .validation && error.field == "diagnosis.icd10" && error.detail.contains("'\(code)'"))
        }
    }

    @Test("an unknown LOINC code is refused naming the field; local procedure codes are tests of their own system")
    func tests() throws {
        let error = try #require(#expect(throws: CareBridgeError.self) { try codes.test("12345-6", field: "test.code") })
        #expect(error.field == "test.code" && error.detail.contains("'12345-6'"))
        let xray = try codes.test("chest-x-ray", field: "test.code")
        #expect(xray.kind == .qualitative && xray.topic == "tb")
        #expect(ClinicalCodes.system(ofTest: "chest-x-ray") == ClinicalCodes.procedureSystem)
        #expect(ClinicalCodes.system(ofTest: "71773-6") == ClinicalCodes.loincSystem)
        #expect(try codes.test(" 20447-9 ", field: "test.code").kind == .quantitative)
    }

    @Test("a CVX code written without its leading zero finds the vaccine; an unknown one is refused")
    func vaccines() throws {
        let mmr = try codes.vaccine("3", field: "vaccine")
        #expect(mmr.code == "03" && mmr.antigens.contains("measles"))
        #expect(try codes.vaccine("08", field: "vaccine").antigens == ["hepatitis-b"])
        #expect(#expect(throws: CareBridgeError.self) { try codes.vaccine("999", field: "immunization.vaccine") }?.field == "immunization.vaccine")
    }

    @Test("each disease's ICD-10 categories are codes of the shipped WHO 2019 table, and CVX 3 finds MMR there")
    func shippedTables() throws {
        struct Entry: Decodable { var code: String; var display: String?; var system: String?; var antigens: [String]?; var shortDescription: String? }
        struct File: Decodable { var codes: [Entry] }
        let icd = try JSONDecoder().decode(File.self, from: try F.shipped("codes/icd10.json")).codes
        let cvx = try JSONDecoder().decode(File.self, from: try F.shipped("codes/vaccines.json")).codes.filter { $0.system == ClinicalCodes.cvxSystem }
        let shipped = ClinicalCodes(icd10: Dictionary(icd.map { ($0.code, $0.display ?? "") }, uniquingKeysWith: { a, _ in a }), tests: [],
                                    vaccines: cvx.map { .init(code: $0.code, display: $0.display ?? "", shortDescription: $0.shortDescription, antigens: $0.antigens ?? []) })
        for disease in Disease.allCases {
            for category in disease.icd10Categories {
                #expect(shipped.icd10[category] != nil, "\(disease) \(category)")
                #expect(Disease.of(icd10: category) == disease, "\(category) belongs to one disease only")
            }
        }
        #expect(try shipped.diagnosis("a150", field: "icd10") == "A15.0")
        #expect(Disease.of(icd10: "A15.0") == .tuberculosis && Disease.of(icd10: "J18.9") == nil)
        #expect(try shipped.vaccine("3", field: "vaccine").shortDescription == "MMR")
    }
}

@Suite("Lab tests: a result answers its order")
struct LabTestTests {
    static let ordered = F.day("2026-03-01"), today = F.day("2026-03-10")
    static let order = LabTest(code: "71773-6", display: "IGRA", screensFor: .latentTuberculosis, disease: .tuberculosis, assessmentID: nil)
    static func result(_ day: String, _ interpretation: LabTest.Interpretation? = .negative, value: Double? = nil) -> LabTest.Result {
        .init(resultedOn: F.day(day), interpretation: interpretation, value: value, unit: value == nil ? nil : "copies/mL", recordedBy: nil)
    }

    @Test("a good result is kept on the order, which itself is unchanged")
    func keepsResult() throws {
        let result = Self.result("2026-03-04", .positive)
        let done = try Self.order.resulted(result, orderedOn: Self.ordered, kind: .qualitative, today: Self.today)
        #expect(done.result == result && Self.order.result == nil)
        // The same day as the order, and today, are both possible.
        #expect(try Self.order.resulted(Self.result("2026-03-01"), orderedOn: Self.ordered, kind: .qualitative, today: Self.today).result != nil)
        #expect(try Self.order.resulted(Self.result("2026-03-10"), orderedOn: Self.ordered, kind: .qualitative, today: Self.today).result != nil)
    }

    @Test("a result dated before the order, or in the future, is refused")
    func resultDates() throws {
        let early = try #require(#expect(throws: CareBridgeError.self) {
            try Self.order.resulted(Self.result("2026-02-28"), orderedOn: Self.ordered, kind: .qualitative, today: Self.today)
        })
        #expect(early.field == "resultedOn" && early.detail.contains("before the test was ordered"))
        let future = try #require(#expect(throws: CareBridgeError.self) {
            try Self.order.resulted(Self.result("2026-03-11"), orderedOn: Self.ordered, kind: .qualitative, today: Self.today)
        })
        #expect(future.field == "resultedOn" && future.detail.contains("future"))
    }

    @Test("a second result is refused: a repeat is a new test")
    func secondResult() throws {
        let done = try Self.order.resulted(Self.result("2026-03-04"), orderedOn: Self.ordered, kind: .qualitative, today: Self.today)
        let error = try #require(#expect(throws: CareBridgeError.self) {
            try done.resulted(Self.result("2026-03-05", .positive), orderedOn: Self.ordered, kind: .qualitative, today: Self.today)
        })
        #expect(error.kind == .conflict && error.reason == "already-resulted")
    }

    @Test("a measured test needs a value that can be a measurement; a qualitative one needs its interpretation")
    func valueAndInterpretation() throws {
        let load = LabTest(code: "20447-9", display: "HIV viral load", screensFor: nil, disease: .hiv, assessmentID: nil)
        for value in [nil, -1, .nan, .infinity] as [Double?] {
            let error = try #require(#expect(throws: CareBridgeError.self, "\(String(describing: value))") {
                try load.resulted(Self.result("2026-03-04", nil, value: value), orderedOn: Self.ordered, kind: .quantitative, today: Self.today)
            })
            #expect(error.field == "value")
        }
        #expect(try load.resulted(Self.result("2026-03-04", nil, value: 0), orderedOn: Self.ordered, kind: .quantitative, today: Self.today).result?.value == 0)
        let error = try #require(#expect(throws: CareBridgeError.self) {
            try Self.order.resulted(Self.result("2026-03-04", nil), orderedOn: Self.ordered, kind: .qualitative, today: Self.today)
        })
        #expect(error.field == "interpretation")
    }
}

@Suite("Treatments: WHO outcomes, in order")
struct TreatmentTests {
    static let today = F.day("2026-11-15")
    static func treatment(_ disease: Disease = .tuberculosis, started: String = "2026-03-01", outcome: TreatmentOutcome? = nil, on day: String? = nil,
                          resistance: DrugResistance? = nil) -> Treatment {
        Treatment(disease: disease, caseID: nil, startedOn: F.day(started), treatingOrganizationID: F.organization, resistance: resistance,
                  outcome: outcome, outcomeOn: day.map(F.day))
    }

    @Test("a sound treatment passes: ongoing, or ended with a dated outcome")
    func sound() throws {
        try Self.treatment().validate(today: Self.today)
        try Self.treatment(outcome: .cured, on: "2026-09-01", resistance: .rifampicinOrMultidrugResistant).validate(today: Self.today)
        try Self.treatment(.hiv, outcome: .lostToFollowUp, on: "2026-06-01").validate(today: Self.today)
        #expect(Self.treatment().isOngoing && !Self.treatment(outcome: .died, on: "2026-04-01").isOngoing)
        #expect(TreatmentOutcome.allCases.filter(\.isSuccess) == [.cured, .completed])
    }

    @Test("an outcome dated before the treatment started is refused, and the message says so")
    func outcomeBeforeStart() throws {
        let error = try #require(#expect(throws: CareBridgeError.self) { try Self.treatment(outcome: .cured, on: "2026-02-01").validate(today: Self.today) })
        #expect(error.field == "outcomeOn" && error.detail.contains("cannot come before the treatment started") && error.detail.contains("2026-02-01"))
    }

    @Test("an outcome needs its date, and a date needs its outcome")
    func outcomeAndDate() throws {
        let noDate = try #require(#expect(throws: CareBridgeError.self) { try Self.treatment(outcome: .completed).validate(today: Self.today) })
        #expect(noDate.field == "outcomeOn" && noDate.detail.contains("needs its date"))
        let noOutcome = try #require(#expect(throws: CareBridgeError.self) { try Self.treatment(on: "2026-09-01").validate(today: Self.today) })
        #expect(noOutcome.field == "outcome")
        #expect(#expect(throws: CareBridgeError.self) { try Self.treatment(outcome: .completed, on: "2026-12-01").validate(today: Self.today) }?.field == "outcomeOn")
        #expect(#expect(throws: CareBridgeError.self) { try Self.treatment(started: "2026-12-01").validate(today: Self.today) }?.field == "startedOn")
    }

    @Test("drug resistance is a TB category; HIV treatment is never 'cured'")
    func diseaseRules() throws {
        let resistance = try #require(#expect(throws: CareBridgeError.self) {
            try Self.treatment(.hiv, resistance: .drugSusceptible).validate(today: Self.today)
        })
        #expect(resistance.field == "resistance" && resistance.detail.contains("tuberculosis only"))
        let cured = try #require(#expect(throws: CareBridgeError.self) { try Self.treatment(.hiv, outcome: .cured, on: "2026-09-01").validate(today: Self.today) })
        #expect(cured.field == "outcome" && cured.detail.contains("'cured'"))
        try Self.treatment(.hepatitisC, outcome: .cured, on: "2026-09-01").validate(today: Self.today)
    }
}

@Suite("Continuity of care: a treatment that must continue raises an alert when it is at risk")
struct ContinuityOfCareTests {
    static let today = F.day("2026-11-15")
    static let tb = (id: UUID(), treatment: TreatmentTests.treatment(.tuberculosis))
    static let hiv = (id: UUID(), treatment: TreatmentTests.treatment(.hiv, started: "2025-01-10"))
    static let finished = (id: UUID(), treatment: TreatmentTests.treatment(.tuberculosis, started: "2024-01-01", outcome: .cured, on: "2024-07-01"))
    static let all = [tb, hiv, finished]

    @Test("detention raises one alert per ongoing treatment, to its treating facility, and none for finished ones")
    func detained() {
        let alerts = ContinuityOfCare.alerts(for: .status(kind: .detained, validUntil: nil), ongoing: Self.all, today: Self.today)
        #expect(alerts.count == 2)
        #expect(Set(alerts.map(\.treatmentID)) == [Self.tb.id, Self.hiv.id])
        #expect(alerts.allSatisfy { $0.trigger == .detained && $0.treatingOrganizationID == F.organization && $0.acknowledgedOn == nil })
        #expect(Set(alerts.map(\.disease)) == [.tuberculosis, .hiv])
        #expect(ContinuityOfCare.alerts(for: .status(kind: .detained, validUntil: nil), ongoing: [Self.finished], today: Self.today).isEmpty)
    }

    @Test("a status with an end date raises status-ended, saying when; an open-ended status raises nothing")
    func statusEnds() {
        let alerts = ContinuityOfCare.alerts(for: .status(kind: .temporaryStay, validUntil: F.day("2027-01-31")), ongoing: Self.all, today: Self.today)
        #expect(alerts.count == 2 && alerts.allSatisfy { $0.trigger == .statusEnded && $0.detail.contains("2027-01-31") && !$0.detail.contains("already") })
        let ended = ContinuityOfCare.alerts(for: .status(kind: .temporaryStay, validUntil: F.day("2026-11-01")), ongoing: [Self.tb], today: Self.today)
        #expect(ended.first?.detail.contains("already ended") == true)
        #expect(ContinuityOfCare.alerts(for: .status(kind: .refugee, validUntil: nil), ongoing: Self.all, today: Self.today).isEmpty)
    }

    @Test("a move to another region raises moved-region naming both; staying in the same region raises nothing")
    func region() {
        let alerts = ContinuityOfCare.alerts(for: .region(from: "BY-HM", to: "BY-BR"), ongoing: Self.all, today: Self.today)
        #expect(alerts.count == 2 && alerts.allSatisfy { $0.trigger == .movedRegion && $0.detail.contains("BY-HM") && $0.detail.contains("BY-BR") })
        #expect(ContinuityOfCare.alerts(for: .region(from: "BY-HM", to: "BY-HM"), ongoing: Self.all, today: Self.today).isEmpty)
        #expect(ContinuityOfCare.alerts(for: .region(from: nil, to: nil), ongoing: Self.all, today: Self.today).isEmpty)
    }
}
