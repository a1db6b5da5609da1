import Foundation

/// One clinical record about a person: who recorded it, where and when, and what it says. All of it is data of the
/// `health` category; the access policy alone decides who sees it. Kept as one envelope with one body per kind, so a
/// person's health history is one ordered list, and each body's rules live beside it.
public struct HealthRecord: Codable, Sendable, Hashable, Identifiable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case assessment, test, diagnosis, immunization
        case notification = "case"
        case treatment, contact, alert
    }

    public var id: UUID
    public var personID: UUID
    public var kind: Kind
    /// The organization where it happened and the user who recorded it.
    public var organizationID: UUID
    public var recordedBy: UUID?
    public var recordedAt: Date
    public var updatedAt: Date
    public var version: Int
    /// The clinical date: assessed, ordered, diagnosed, immunized, notified, treatment started, exposed, alert raised.
    public var date: CalendarDay

    public var assessment: Assessment?
    public var test: LabTest?
    public var diagnosis: Diagnosis?
    public var immunization: Immunization?
    public var notification: CaseReport?
    public var treatment: Treatment?
    public var contact: Contact?
    public var alert: ContinuityAlert?

    enum CodingKeys: String, CodingKey {
        case id, personID = "personId", kind, organizationID = "organizationId", recordedBy, recordedAt, updatedAt, version, date
        case assessment, test, diagnosis, immunization, notification = "case", treatment, contact, alert
    }

    public init(id: UUID = .timeOrdered(), personID: UUID, kind: Kind, organizationID: UUID, recordedBy: UUID?, recordedAt: Date, date: CalendarDay) {
        (self.id, self.personID, self.kind, self.organizationID, self.recordedBy) = (id, personID, kind, organizationID, recordedBy)
        (self.recordedAt, self.updatedAt, self.version, self.date) = (recordedAt, recordedAt, 1, date)
    }

    /// The code that indexes the record: LOINC or procedure, ICD-10, CVX, the disease, or the alert's trigger.
    public var code: String? {
        switch kind {
        case .assessment: nil
        case .test: test?.code
        case .diagnosis: diagnosis?.icd10
        case .immunization: immunization?.vaccine
        case .notification: notification?.disease.rawValue
        case .treatment: treatment?.disease.rawValue
        case .contact: contact?.exposure.rawValue
        case .alert: alert?.trigger.rawValue
        }
    }

    /// The record this one belongs to: a test's assessment, a treatment's or contact's case, an alert's treatment.
    public var parentID: UUID? {
        switch kind {
        case .test: test?.assessmentID
        case .treatment: treatment?.caseID
        case .contact: contact?.caseID
        case .alert: alert?.treatmentID
        default: nil
        }
    }

    /// The other person a record names (a contact's person), so their own page can list it.
    public var otherPersonID: UUID? { kind == .contact ? contact?.personID : nil }

    /// A short state for lists and filters: ordered/resulted, case classification, treatment outcome, alert open/closed.
    public var status: String {
        switch kind {
        case .test: test?.result == nil ? "ordered" : "resulted"
        case .notification: notification?.classification.rawValue ?? ""
        case .treatment: treatment?.outcome?.rawValue ?? "ongoing"
        case .contact: contact?.followUpStatus.rawValue ?? ""
        case .alert: alert?.acknowledgedOn == nil ? "open" : "acknowledged"
        case .diagnosis: diagnosis?.resolvedOn == nil ? "active" : "resolved"
        case .assessment, .immunization: "recorded"
        }
    }
}

/// A health assessment: the visit that screening tests and diagnoses hang from.
public struct Assessment: Codable, Sendable, Hashable {
    public enum Reason: String, Codable, Sendable, CaseIterable { case arrival, contact, referral, symptoms, followUp = "follow-up", other }
    public var reason: Reason
    public var referralID: UUID?
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case reason, referralID = "referralId", note
    }
    public init(reason: Reason, referralID: UUID? = nil, note: String? = nil) { (self.reason, self.referralID, self.note) = (reason, referralID, note) }
}

/// A test ordered, and later its result. A result cannot exist without the order it answers.
public struct LabTest: Codable, Sendable, Hashable {
    public enum Interpretation: String, Codable, Sendable, CaseIterable { case positive, negative, indeterminate }
    public struct Result: Codable, Sendable, Hashable {
        public var resultedOn: CalendarDay
        public var interpretation: Interpretation?
        public var value: Double?
        public var unit: String?
        public var recordedBy: UUID?
        public init(resultedOn: CalendarDay, interpretation: Interpretation?, value: Double? = nil, unit: String? = nil, recordedBy: UUID?) {
            (self.resultedOn, self.interpretation, self.value, self.unit, self.recordedBy) = (resultedOn, interpretation, value, unit, recordedBy)
        }
    }
    /// LOINC code, or a local procedure code (ClinicalCodes.procedures).
    public var code: String
    public var display: String
    /// What the test screens for, when it is a screening test, and the disease it is about (from the code's topic).
    public var screensFor: ScreeningCondition?
    public var disease: Disease?
    public var assessmentID: UUID?
    public var result: Result?

    enum CodingKeys: String, CodingKey {
        case code, display, screensFor, disease, assessmentID = "assessmentId", result
    }
    public init(code: String, display: String, screensFor: ScreeningCondition?, disease: Disease?, assessmentID: UUID?, result: Result? = nil) {
        (self.code, self.display, self.screensFor, self.disease, self.assessmentID, self.result) = (code, display, screensFor, disease, assessmentID, result)
    }

    /// An HIV-1 viral load (LOINC 20447-9), which decides viral suppression.
    public var isHIVViralLoad: Bool { code == "20447-9" }

    /// Adds the result to an order; refuses a second result, one dated before the order, or a value the test cannot have.
    public func resulted(_ result: Result, orderedOn: CalendarDay, kind: ClinicalCodes.Test.Kind, today: CalendarDay) throws -> LabTest {
        guard self.result == nil else { throw CareBridgeError.conflict("This test already has a result; record a new test to repeat it.", reason: "already-resulted") }
        if result.resultedOn < orderedOn { throw CareBridgeError.invalid("resultedOn", "resultedOn \(result.resultedOn) is before the test was ordered (\(orderedOn)).") }
        if result.resultedOn > today { throw CareBridgeError.invalid("resultedOn", "resultedOn \(result.resultedOn) is in the future.") }
        switch kind {
        case .quantitative:
            guard let value = result.value else { throw CareBridgeError.invalid("value", "This test is measured: give its value (and unit).") }
            guard value.isFinite, value >= 0 else { throw CareBridgeError.invalid("value", "value \(value) cannot be a measurement.") }
        case .qualitative, .nominal, .panel:
            guard result.interpretation != nil else {
                throw CareBridgeError.invalid("interpretation", "Give the interpretation: positive, negative or indeterminate.")
            }
        }
        var copy = self
        copy.result = result
        return copy
    }
}

/// A diagnosis in ICD-10.
public struct Diagnosis: Codable, Sendable, Hashable {
    public var icd10: String
    public var display: String
    public var onset: CalendarDay?
    public var resolvedOn: CalendarDay?
    public var disease: Disease? { Disease.of(icd10: icd10) }
    public init(icd10: String, display: String, onset: CalendarDay?, resolvedOn: CalendarDay? = nil) {
        (self.icd10, self.display, self.onset, self.resolvedOn) = (icd10, display, onset, resolvedOn)
    }
}

/// A vaccine dose given (CVX), with the antigens it covers so catch-up is counted per antigen.
public struct Immunization: Codable, Sendable, Hashable {
    public var vaccine: String
    public var display: String
    public var antigens: [String]
    public var doseNumber: Int?
    public var lot: String?
    public init(vaccine: String, display: String, antigens: [String], doseNumber: Int? = nil, lot: String? = nil) {
        (self.vaccine, self.display, self.antigens, self.doseNumber, self.lot) = (vaccine, display, antigens, doseNumber, lot)
    }
}

/// A notification of a notifiable disease to the public-health service, with its classification history.
public struct CaseReport: Codable, Sendable, Hashable {
    /// A change of classification (the first classification is the record's own).
    public struct Reclassification: Codable, Sendable, Hashable {
        public var classification: CaseClassification
        public var on: CalendarDay
        public var by: UUID?
        public init(classification: CaseClassification, on: CalendarDay, by: UUID?) { (self.classification, self.on, self.by) = (classification, on, by) }
    }
    public var disease: Disease
    public var icd10: String?
    public var classification: CaseClassification
    public var onset: CalendarDay?
    public var diagnosedOn: CalendarDay
    /// ISO 3166-2 region where the case is notified (where the person lives or was diagnosed).
    public var region: String
    public var notifiedTo: UUID?
    /// The classification it was notified with, kept once it has been changed (`history` lists the changes).
    public var firstClassification: CaseClassification?
    public var history: [Reclassification]
    public init(disease: Disease, icd10: String?, classification: CaseClassification, onset: CalendarDay?, diagnosedOn: CalendarDay,
                region: String, notifiedTo: UUID?, history: [Reclassification] = []) {
        (self.disease, self.icd10, self.classification, self.onset, self.diagnosedOn) = (disease, icd10, classification, onset, diagnosedOn)
        (self.region, self.notifiedTo, self.history) = (region, notifiedTo, history)
    }
}
