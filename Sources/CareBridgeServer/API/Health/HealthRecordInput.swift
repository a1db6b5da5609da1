import CareBridgeCore
import Foundation

/// The body of `POST /api/v1/people/{id}/health-records`: `kind` says which record, the other fields are that
/// kind's. Codes are checked against the shipped tables (ICD-10, LOINC, CVX) and dates against today.
struct HealthRecordInput: Decodable, Sendable {
    var kind: String
    var date: String?
    var organizationId: String?
    // assessment
    var reason: String?
    var referralId: String?
    var note: String?
    // test, diagnosis, immunization, case
    var code: String?
    var screensFor: String?
    var assessmentId: String?
    var onset: String?
    // immunization
    var doseNumber: Int?
    var lot: String?
    // case
    var disease: String?
    var classification: String?
    var diagnosedOn: String?
    var region: String?
    var notifiedTo: String?
    // treatment
    var caseId: String?
    var regimen: String?
    var resistance: String?
    var treatingOrganizationId: String?

    /// A test order for a code: what it screens for (given, else the screening rule that names the code) and the disease
    /// its topic is about. One construction for typed records and imported results.
    static func order(_ test: ClinicalCodes.Test, screensFor: ScreeningCondition? = nil, assessmentID: UUID? = nil, health: HealthReference) -> LabTest {
        let screens = screensFor ?? health.parameters.rules.first { $0.loinc.contains(test.code) || $0.procedure == test.code }?.condition
        return LabTest(code: test.code, display: test.display, screensFor: screens,
                       disease: test.topic.flatMap(Disease.init(rawValue:)) ?? (test.topic == "tb" ? .tuberculosis : nil), assessmentID: assessmentID)
    }

    func record(personID: UUID, identity: Identity, services: AppServices) throws -> HealthRecord {
        let today = services.today
        let codes = services.health.codes
        guard let kind = HealthRecord.Kind(rawValue: kind) else {
            throw CareBridgeError.invalid("kind", "kind '\(self.kind)' is not one of \(HealthRecord.Kind.allCases.filter { $0 != .contact && $0 != .alert }.map(\.rawValue).joined(separator: ", ")) (contacts are added to a case, alerts are raised by the system).")
        }
        guard kind != .contact, kind != .alert else {
            throw CareBridgeError.invalid("kind", kind == .contact ? "Add a contact to its case: POST /api/v1/health-records/{caseId}/contacts." : "Continuity alerts are raised by the system.")
        }
        let date = try Self.day(self.date, field: "date") ?? today
        if date > today { throw CareBridgeError.invalid("date", "date \(date) is in the future.") }
        let organization = try organizationId.map { try Self.uuid($0, field: "organizationId") } ?? identity.organization.id
        var record = HealthRecord(personID: personID, kind: kind, organizationID: organization, recordedBy: identity.user.id, recordedAt: services.now(), date: date)
        switch kind {
        case .assessment:
            let reason = try reason.map { try Self.enumValue(Assessment.Reason.self, $0, field: "reason") } ?? .arrival
            record.assessment = Assessment(reason: reason, referralID: try referralId.map { try Self.uuid($0, field: "referralId") }, note: note?.trimmed.nonEmpty)
        case .test:
            let test = try codes.test(try Self.required(code, field: "code"), field: "code")
            let screens = try screensFor.map { try Self.enumValue(ScreeningCondition.self, $0, field: "screensFor") }
            record.test = Self.order(test, screensFor: screens, assessmentID: try assessmentId.map { try Self.uuid($0, field: "assessmentId") }, health: services.health)
        case .diagnosis:
            let icd = try codes.diagnosis(try Self.required(code, field: "code"), field: "code")
            let onset = try Self.day(onset, field: "onset")
            if let onset, onset > date { throw CareBridgeError.invalid("onset", "onset \(onset) is after the diagnosis date \(date).") }
            record.diagnosis = Diagnosis(icd10: icd, display: codes.icd10[icd] ?? icd, onset: onset)
        case .immunization:
            let vaccine = try codes.vaccine(try Self.required(code, field: "code"), field: "code")
            if let doseNumber, !(1...10).contains(doseNumber) { throw CareBridgeError.invalid("doseNumber", "doseNumber must be between 1 and 10.") }
            record.immunization = Immunization(vaccine: vaccine.code, display: vaccine.display, antigens: vaccine.antigens, doseNumber: doseNumber, lot: lot?.trimmed.nonEmpty)
        case .notification:
            let icd = try code.map { try codes.diagnosis($0, field: "code") }
            let disease = try disease.map { try Self.enumValue(Disease.self, $0, field: "disease") } ?? icd.flatMap(Disease.of(icd10:))
            guard let disease else {
                throw CareBridgeError.invalid("disease", "Name the disease (\(Disease.allCases.map(\.rawValue).joined(separator: ", "))) or give an ICD-10 code of one.")
            }
            if let icd, let coded = Disease.of(icd10: icd), coded != disease {
                throw CareBridgeError.invalid("code", "code \(icd) is \(coded.rawValue), not \(disease.rawValue).")
            }
            let diagnosed = try Self.day(diagnosedOn, field: "diagnosedOn") ?? date
            let onset = try Self.day(onset, field: "onset")
            if diagnosed > date { throw CareBridgeError.invalid("diagnosedOn", "diagnosedOn \(diagnosed) is after the notification date \(date).") }
            if let onset, onset > diagnosed { throw CareBridgeError.invalid("onset", "onset \(onset) is after diagnosedOn \(diagnosed).") }
            let region = try services.countries.region(try Self.required(region, field: "region"), field: "region")
            record.notification = CaseReport(
                disease: disease, icd10: icd,
                classification: try Self.enumValue(CaseClassification.self, try Self.required(classification, field: "classification"), field: "classification"),
                onset: onset, diagnosedOn: diagnosed, region: region, notifiedTo: try notifiedTo.map { try Self.uuid($0, field: "notifiedTo") })
        case .treatment:
            let treatment = Treatment(
                disease: try Self.enumValue(Disease.self, try Self.required(disease, field: "disease"), field: "disease"),
                caseID: try caseId.map { try Self.uuid($0, field: "caseId") }, startedOn: date,
                treatingOrganizationID: try treatingOrganizationId.map { try Self.uuid($0, field: "treatingOrganizationId") } ?? identity.organization.id,
                regimen: regimen?.trimmed.nonEmpty, resistance: try resistance.map { try Self.enumValue(DrugResistance.self, $0, field: "resistance") })
            try treatment.validate(today: today)
            record.treatment = treatment
        case .contact, .alert: break
        }
        return record
    }

    static func day(_ text: String?, field: String) throws -> CalendarDay? {
        try text.map { try CalendarDay(parsing: $0, field: field) }
    }

    static func uuid(_ text: String, field: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw CareBridgeError.invalid(field, "\(field) '\(text)' is not an id.") }
        return id
    }

    static func required(_ value: String?, field: String) throws -> String {
        guard let value = value?.trimmed, !value.isEmpty else { throw CareBridgeError.invalid(field, "\(field) is required for this kind of record.") }
        return value
    }

    static func enumValue<E: RawRepresentable & CaseIterable>(_ type: E.Type, _ text: String, field: String) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: text.trimmed) else {
            throw CareBridgeError.invalid(field, "\(field) '\(text)' is not one of \(E.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return value
    }
}

/// `POST /api/v1/health-records/{caseId}/contacts`: a registered person (`personId`) or a new one (`person`).
struct ContactInput: Decodable, Sendable {
    var personId: String?
    var person: PersonInput?
    var exposure: String
    var exposedFrom: String?
    var lastExposure: String
}

/// Result of a test; outcome of a treatment; a new case classification; a follow-up done.
struct ResultInput: Decodable, Sendable {
    var resultedOn: String?
    var interpretation: String?
    var value: Double?
    var unit: String?
}
struct OutcomeInput: Decodable, Sendable { var outcome: String; var outcomeOn: String?; var resistance: String? }
struct ClassificationInput: Decodable, Sendable { var classification: String; var on: String? }
struct FollowUpInput: Decodable, Sendable { var doneOn: String?; var outcome: String; var note: String? }

extension String {
    /// nil for an empty string (an optional free-text field left blank).
    var nonEmpty: String? { isEmpty ? nil : self }
}
