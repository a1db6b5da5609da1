import Foundation

/// Treatment outcomes as WHO defines them for TB (Definitions and reporting framework for tuberculosis, 2013 revision,
/// updated December 2014 and January 2020, WHO/HTM/TB/2013.2, https://www.who.int/publications/i/item/9789241505345);
/// treatment success is cured plus treatment completed. HIV and hepatitis treatments use the same words where they
/// apply (an HIV treatment ends only by death, loss to follow-up or transfer).
public enum TreatmentOutcome: String, Codable, Sendable, CaseIterable {
    case cured
    case completed = "treatment-completed"
    case failed = "treatment-failed"
    case died
    case lostToFollowUp = "lost-to-follow-up"
    case notEvaluated = "not-evaluated"

    public var isSuccess: Bool { self == .cured || self == .completed }
}

/// TB drug-resistance categories (WHO 2013 framework as updated in 2021 for pre-XDR and XDR:
/// https://www.who.int/publications/i/item/meeting-report-of-the-who-expert-consultation-on-the-definition-of-extensively-drug-resistant-tuberculosis).
public enum DrugResistance: String, Codable, Sendable, CaseIterable {
    case drugSusceptible = "DS"
    case rifampicinOrMultidrugResistant = "RR/MDR"
    case preExtensivelyDrugResistant = "pre-XDR"
    case extensivelyDrugResistant = "XDR"
}

/// A course of treatment at a facility. It "must continue": until it has an outcome, a change of status, detention or a
/// move raises a continuity-of-care alert to the treating facility (WHO: TB treatment must not be interrupted by
/// deportation; WHO Europe, Minimum package for cross-border TB control and care, 2012).
public struct Treatment: Codable, Sendable, Hashable {
    public var disease: Disease
    public var caseID: UUID?
    public var startedOn: CalendarDay
    public var treatingOrganizationID: UUID
    public var regimen: String?
    /// TB only.
    public var resistance: DrugResistance?
    public var outcome: TreatmentOutcome?
    public var outcomeOn: CalendarDay?

    enum CodingKeys: String, CodingKey {
        case disease, caseID = "caseId", startedOn, treatingOrganizationID = "treatingOrganizationId", regimen, resistance, outcome, outcomeOn
    }

    public init(disease: Disease, caseID: UUID?, startedOn: CalendarDay, treatingOrganizationID: UUID, regimen: String? = nil,
                resistance: DrugResistance? = nil, outcome: TreatmentOutcome? = nil, outcomeOn: CalendarDay? = nil) {
        (self.disease, self.caseID, self.startedOn, self.treatingOrganizationID) = (disease, caseID, startedOn, treatingOrganizationID)
        (self.regimen, self.resistance, self.outcome, self.outcomeOn) = (regimen, resistance, outcome, outcomeOn)
    }

    public var isOngoing: Bool { outcome == nil }

    public func validate(today: CalendarDay) throws {
        if startedOn > today { throw CareBridgeError.invalid("startedOn", "startedOn \(startedOn) is in the future.") }
        if resistance != nil, disease != .tuberculosis {
            throw CareBridgeError.invalid("resistance", "A drug-resistance category (DS, RR/MDR, pre-XDR, XDR) applies to tuberculosis only.")
        }
        switch (outcome, outcomeOn) {
        case (nil, nil): break
        case (.some, nil): throw CareBridgeError.invalid("outcomeOn", "An outcome needs its date (outcomeOn).")
        case (nil, .some): throw CareBridgeError.invalid("outcome", "outcomeOn is given without an outcome.")
        case (.some(let outcome), .some(let day)):
            if day < startedOn { throw CareBridgeError.invalid("outcomeOn", "The outcome (\(day)) cannot come before the treatment started (\(startedOn)).") }
            if day > today { throw CareBridgeError.invalid("outcomeOn", "outcomeOn \(day) is in the future.") }
            if outcome == .cured, disease == .hiv {
                throw CareBridgeError.invalid("outcome", "HIV treatment is lifelong: 'cured' is not an outcome for it.")
            }
        }
    }
}

/// Why a continuity-of-care alert was raised.
public enum ContinuityTrigger: String, Codable, Sendable, CaseIterable {
    case statusEnded = "status-ended"
    case detained
    case movedRegion = "moved-region"
}

/// An alert to the treating facility that a treatment which must continue is at risk.
public struct ContinuityAlert: Codable, Sendable, Hashable {
    public var treatmentID: UUID
    public var treatingOrganizationID: UUID
    public var disease: Disease
    public var trigger: ContinuityTrigger
    /// What changed, in plain words (the status and its end, or the regions).
    public var detail: String
    public var acknowledgedOn: CalendarDay?
    public var acknowledgedBy: UUID?

    enum CodingKeys: String, CodingKey {
        case treatmentID = "treatmentId", treatingOrganizationID = "treatingOrganizationId", disease, trigger, detail, acknowledgedOn, acknowledgedBy
    }
    public init(treatmentID: UUID, treatingOrganizationID: UUID, disease: Disease, trigger: ContinuityTrigger, detail: String) {
        (self.treatmentID, self.treatingOrganizationID, self.disease, self.trigger, self.detail) = (treatmentID, treatingOrganizationID, disease, trigger, detail)
    }
}

/// Decides which alerts a change to a person raises over their ongoing treatments.
public enum ContinuityOfCare {
    public enum Change: Sendable {
        /// A legal-status episode was recorded or corrected.
        case status(kind: LegalStatusKind, validUntil: CalendarDay?)
        case region(from: String?, to: String?)
    }

    /// One alert per ongoing treatment the change puts at risk, none when nothing is at risk.
    public static func alerts(for change: Change, ongoing treatments: [(id: UUID, treatment: Treatment)], today: CalendarDay) -> [ContinuityAlert] {
        let trigger: ContinuityTrigger
        let detail: String
        switch change {
        case .status(let kind, _) where kind == .detained:
            (trigger, detail) = (.detained, "The person is recorded as detained.")
        case .status(let kind, let until?):
            // A status that ends while treatment goes on puts the stay, and so the treatment, at risk.
            (trigger, detail) = (.statusEnded, "The person's \(kind.rawValue) status ends on \(until)\(until <= today ? " (already ended)" : "").")
        case .status: return []
        case .region(let from, let to):
            guard from != to, from != nil || to != nil else { return [] }
            (trigger, detail) = (.movedRegion, "The person moved from \(from ?? "an unrecorded region") to \(to ?? "an unrecorded region").")
        }
        return treatments.filter { $0.treatment.isOngoing }.map {
            ContinuityAlert(treatmentID: $0.id, treatingOrganizationID: $0.treatment.treatingOrganizationID,
                            disease: $0.treatment.disease, trigger: trigger, detail: detail)
        }
    }
}
