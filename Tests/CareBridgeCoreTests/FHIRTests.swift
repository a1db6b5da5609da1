import Foundation
import Testing

@testable import CareBridgeCore

@Suite("FHIR")
struct FHIRTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let org = UUID(uuidString: "00000000-0000-0000-0000-0000000000aa")!

    static func person() -> Person {
        Person(names: [PersonName(given: "Dilnoza", family: "Karimova", patronymic: "Rustamovna", script: .latin),
                       PersonName(given: "Дилноза", family: "Каримова", script: .cyrillic)],
               sex: .female, birthDate: try! PartialDate(parsing: "1988-04", field: "birthDate"), citizenship: "UZ", countryOfBirth: "UZ",
               languages: ["uz", "ru"], region: "BY-HM", contact: ContactDetails(phone: "+375291234567"),
               recordOrganizationID: org, createdAt: now, updatedAt: now)
    }

    @Test("dates are ranges: a year, a month, a day, an instant with its zone; the prefixes compare ranges as the specification says")
    func dateRanges() throws {
        func range(_ text: String) -> FHIRDateRange { FHIRDateRange(target: .string(text))! }
        func matches(_ parameter: String, _ target: String) throws -> Bool { try FHIRDateRange(parameter: parameter, field: "date").matches(range(target)) }
        #expect(try matches("2024", "2024-05-03"))
        #expect(try matches("2024-05", "2024-05-31"))
        #expect(try !matches("2024-05", "2024-06-01"))
        #expect(try matches("ge2024-06", "2024-06-01") && !matches("ge2024-06", "2024-05-31"))
        #expect(try matches("lt2024-06-01", "2024-05-31") && !matches("lt2024-06-01", "2024-06-01"))
        #expect(try matches("le2024", "2023-12-31T23:00:00Z") && matches("gt2024", "2025-01-01"))
        #expect(try matches("sa2024", "2025-01-01") && !matches("sa2024", "2024-12-31"))
        #expect(try matches("eb2024", "2023-12-31") && matches("ne2024", "2023-12-31") && !matches("ne2024", "2024-02-02"))
        // 01:30 in Minsk (+03:00) is 22:30 UTC the day before.
        #expect(try matches("2024-03-14", "2024-03-15T01:30:00+03:00"))
        #expect(try !matches("2024-03-15", "2024-03-15T01:30:00+03:00"))
        #expect(FHIRDateRange(target: .string("2024-02-30")) == nil)
        #expect(FHIRDateRange(target: .string("2024-03-15T10:00")) == nil, "a time needs its zone")
        #expect(throws: CareBridgeError.self) { try FHIRDateRange(parameter: "yesterday", field: "date") }
        let period = FHIRDateRange(target: ["start": "2024-01-10"])!
        #expect(period.upper == .infinity && period.lower == range("2024-01-10").lower)
        #expect(FHIR.instant(Date(timeIntervalSince1970: 1_700_000_000.25)) == "2023-11-14T22:13:20.250Z")
        #expect(FHIR.instant(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    }

    @Test("search criteria: tokens with and without system, :not, strings folded and by word, references by id or Type/id, several values ORed and criteria ANDed; unknown parameters ignored unless strict")
    func searchCriteria() throws {
        var record = HealthRecord(personID: UUID(), kind: .test, organizationID: Self.org, recordedBy: nil, recordedAt: Self.now, date: try CalendarDay(year: 2024, month: 5, day: 3))
        record.test = LabTest(code: "5196-1", display: "Hepatitis B virus surface Ag", screensFor: nil, disease: .hepatitisB, assessmentID: nil,
                              result: LabTest.Result(resultedOn: try CalendarDay(year: 2024, month: 5, day: 6), interpretation: .positive, recordedBy: nil))
        let observation = try #require(FHIR.observation(record))
        func search(_ items: [(String, String)], strict: Bool = false) throws -> FHIRSearch { try FHIRSearch(.Observation, items: items, strict: strict) }
        let pid = record.personID.fhirID
        #expect(try search([("code", "http://loinc.org|5196-1")]).matches(observation))
        #expect(try search([("code", "5196-1")]).matches(observation))
        #expect(try !search([("code", "http://snomed.info/sct|5196-1")]).matches(observation))
        #expect(try search([("code", "1-1,5196-1")]).matches(observation), "values ORed")
        #expect(try !search([("code", "5196-1"), ("status", "registered")]).matches(observation), "criteria ANDed")
        #expect(try search([("code:not", "1-1")]).matches(observation))
        #expect(try search([("patient", "Patient/\(pid)"), ("patient", pid)]).matches(observation))
        #expect(try search([("date", "2024-05"), ("value-concept", "10828004")]).matches(observation))
        let ignored = try search([("colour", "red")])
        #expect(ignored.ignored == ["colour"] && ignored.matches(observation))
        #expect(throws: CareBridgeError.self) { try search([("colour", "red")], strict: true) }
        #expect(throws: CareBridgeError.self) { try search([("code:exact", "x")]) }

        let patient = FHIR.patient(Self.person(), version: 3, contactShown: false)
        func patients(_ items: [(String, String)]) throws -> Bool { try FHIRSearch(.Patient, items: items, strict: true).matches(patient) }
        #expect(try patients([("name", "karim")]) && patients([("name", "Кари")]) && patients([("given", "rustam")]))
        #expect(try patients([("name:exact", "Karimova")]) && !patients([("name:exact", "karimova")]))
        #expect(try patients([("birthdate", "1988")]) && !patients([("birthdate", "1988-05")]) && patients([("gender", "female")]))
        #expect(patient["telecom"] == nil, "no contact details unless the policy shows them")
        #expect(FHIR.patient(Self.person(), version: 3, contactShown: true)["telecom"] != nil)
    }

    @Test("the patient summary has the required IPS sections (allergies stated as not recorded), lists each record in its section, and every reference resolves inside the document")
    func patientSummary() throws {
        let person = Self.person()
        var diagnosis = HealthRecord(personID: person.id, kind: .diagnosis, organizationID: Self.org, recordedBy: nil, recordedAt: Self.now, date: try CalendarDay(year: 2024, month: 1, day: 5))
        diagnosis.diagnosis = Diagnosis(icd10: "B18.1", display: "Chronic viral hepatitis B without delta-agent", onset: nil)
        var dose = HealthRecord(personID: person.id, kind: .immunization, organizationID: UUID(), recordedBy: nil, recordedAt: Self.now, date: try CalendarDay(year: 2023, month: 2, day: 1))
        dose.immunization = Immunization(vaccine: "08", display: "hepatitis B vaccine", antigens: ["hepatitis-b"], doseNumber: 1)
        let author = Organization(id: Self.org, slug: "clinic", kind: .healthFacility, names: ["en": "Clinic"], region: nil, createdAt: Self.now)
        let labels = PatientSummary.Labels(language: "en") { $0 }
        let summary = PatientSummary(person: person, contactShown: false, records: [diagnosis, dose], author: author, organizations: [Self.org: author],
                                     labels: labels, now: Self.now, base: "https://example.org/fhir/r4")
        let bundle = summary.bundle()
        #expect(bundle["type"] == "document")
        let entries = try #require(bundle["entry"]?.array)
        let composition = try #require(entries.first?["resource"])
        let sections = try #require(composition["section"]?.array)
        let codes = sections.compactMap { $0["code"]?["coding"]?.array?.first?["code"]?.string }
        #expect(codes == ["11450-4", "48765-2", "10160-0", "11369-6"])
        #expect(sections[1]["emptyReason"] != nil && sections[1]["entry"] == nil)
        #expect(sections[0]["entry"]?.array?.count == 1 && sections[3]["entry"]?.array?.count == 1)
        let urls = Set(entries.compactMap { $0["fullUrl"]?.string })
        for entry in entries {
            for id in PatientSummary.references(in: entry["resource"]!, type: "Organization") {
                #expect(urls.contains("https://example.org/fhir/r4/Organization/\(id.fhirID)"), "Organization/\(id) does not resolve")
            }
        }
        #expect(urls.contains("https://example.org/fhir/r4/Patient/\(person.id.fhirID)"))
    }

    static let context = FHIRImport.Context(codes: .minimal, makeTest: { LabTest(code: $0.code, display: $0.display, screensFor: nil, disease: nil, assessmentID: nil) },
                                            organizationID: org, userID: nil, now: now, today: CalendarDay(now))

    static func bundle(_ extra: [JSON]) -> JSON {
        let patient: JSON = ["fullUrl": "urn:uuid:p", "resource": ["resourceType": "Patient", "name": [["family": "Noori", "given": ["Habib"]]], "birthDate": "1990"]]
        return ["resourceType": "Bundle", "type": "transaction", "entry": .array([patient] + extra)]
    }

    static func issues(_ bundle: JSON) -> [FHIR.Issue] {
        do { _ = try FHIRImport(bundle: bundle, context: context); return [] } catch let failure as FHIRImport.Failure { return failure.issues } catch { return [] }
    }

    @Test("an import reads the patient and their records, and reports every problem with its element: not FHIR, an unsupported type, a reference to nowhere, an unknown code system or code, a result with no value")
    func importChecks() throws {
        let dose: JSON = ["resource": ["resourceType": "Immunization", "status": "completed", "patient": ["reference": "urn:uuid:p"],
                                       "vaccineCode": ["coding": [["system": .string(FHIR.cvx), "code": "03"]]], "occurrenceDateTime": "2020-01-10"]]
        let plan = try FHIRImport(bundle: Self.bundle([dose]), context: Self.context)
        #expect(plan.patient.person.familyName == "Noori" && plan.patient.person.birthDate?.year == 1990)
        #expect(plan.records.map(\.type) == ["Immunization"] && plan.records[0].record.immunization?.antigens == ["measles", "mumps", "rubella"])

        #expect(Self.issues(["hello": "world"]).first?.expression == "resourceType")
        #expect(Self.issues(Self.bundle([["resource": ["resourceType": "Claim"]]])).first?.expression == "Bundle.entry[1].resource.resourceType")
        var dangling = dose
        if case .object(var entry) = dangling, case .object(var resource) = entry["resource"]! {
            resource["performer"] = [["actor": ["reference": "Organization/nowhere"]]]
            entry["resource"] = .object(resource)
            dangling = .object(entry)
        }
        #expect(Self.issues(Self.bundle([dangling])).map(\.expression) == ["Bundle.entry[1].resource.performer[0].actor.reference"])
        let foreignCode: JSON = ["resource": ["resourceType": "Immunization", "status": "completed", "patient": ["reference": "urn:uuid:p"],
                                              "vaccineCode": ["coding": [["system": "http://example.org/v", "code": "03"]]], "occurrenceDateTime": "2020-01-10"]]
        #expect(Self.issues(Self.bundle([foreignCode])).map(\.expression) == ["Bundle.entry[1].resource.vaccineCode.coding[0].system"])
        let unknownICD: JSON = ["resource": ["resourceType": "Condition", "subject": ["reference": "urn:uuid:p"],
                                             "code": ["coding": [["system": .string(FHIR.icd10), "code": "Q99.9"]]]]]
        #expect(Self.issues(Self.bundle([unknownICD])).map(\.expression) == ["Bundle.entry[1].resource.code"])
        let noValue: JSON = ["resource": ["resourceType": "Observation", "status": "final", "subject": ["reference": "urn:uuid:p"],
                                          "code": ["coding": [["system": .string(FHIR.loinc), "code": "20447-9"]]], "effectiveDateTime": "2024-01-02"]]
        #expect(Self.issues(Self.bundle([noValue])).map(\.expression) == ["Bundle.entry[1].resource.valueQuantity"])
        // Two problems, both reported; nothing is half-imported.
        #expect(Self.issues(Self.bundle([foreignCode, unknownICD])).count == 2)
    }

    @Test("the direct JSON writer writes what JSONEncoder writes (sorted keys, escapes, scripts, numbers)")
    func jsonWriter() throws {
        let value: JSON = ["b": [1, 2.5, -3, 1e20, 0.1], "a": ["text": "Каримова \"quoted\" \\ / tab\t line\n bell\u{07} كريمova 卡", "flag": true, "none": .null],
                           "é": [:], "Z": []]
        let direct = String(decoding: value.encoded(), as: UTF8.self)
        let foundation = String(decoding: value.encodedByFoundation(pretty: false), as: UTF8.self)
        #expect(try JSON.parse(Data(direct.utf8)) == JSON.parse(Data(foundation.utf8)))
        #expect(direct.contains("\"Каримова \\\"quoted\\\" \\\\ / tab\\t line\\n bell\\u0007 كريمova 卡\""), "\(direct)")
        #expect(direct.hasPrefix("{\"Z\":[],\"a\":{\"flag\":true,\"none\":null,\"text\""), "\(direct)")
    }
}
