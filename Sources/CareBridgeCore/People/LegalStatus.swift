import Foundation

/// Legal status of a foreigner, as the Belarus laws that give entitlements name them: Law No. 105-Z of 4 January 2010
/// (temporary stay, temporary residence, permanent residence), Law No. 354-Z of 23 June 2008 (asylum seeker, refugee,
/// additional protection, temporary protection, asylum), and the EAEU Treaty arts. 96-98 (workers and family members).
public enum LegalStatusKind: String, Codable, Sendable, CaseIterable {
    case eaeuWorker = "eaeu-worker"
    case eaeuFamilyMember = "eaeu-family-member"
    case temporaryStay = "temporary-stay"
    case temporaryResidence = "temporary-residence"
    case permanentResidence = "permanent-residence"
    case asylumSeeker = "asylum-seeker"
    case refugee
    case additionalProtection = "additional-protection"
    case temporaryProtection = "temporary-protection"
    case stateless
    case undocumented
    case detained
}

/// A period during which a person held one legal status, and the document that shows it.
public struct StatusEpisode: DatedEpisode, Codable, Sendable, Hashable {
    public var id: UUID
    public var personID: UUID
    public var status: LegalStatusKind
    public var validFrom: CalendarDay
    public var validUntil: CalendarDay?
    /// The paper that shows the status (residence permit, refugee certificate...), its number encrypted at rest.
    public var document: DocumentReference?
    public var recordedBy: UUID?
    public var recordedAt: Date

    public init(id: UUID = .timeOrdered(), personID: UUID, status: LegalStatusKind, validFrom: CalendarDay, validUntil: CalendarDay?,
                document: DocumentReference?, recordedBy: UUID?, recordedAt: Date) {
        (self.id, self.personID, self.status, self.validFrom, self.validUntil) = (id, personID, status, validFrom, validUntil)
        (self.document, self.recordedBy, self.recordedAt) = (document, recordedBy, recordedAt)
    }

    public func validate(against existing: [StatusEpisode], today: CalendarDay) throws {
        try validateRange(field: "status")
        if validFrom > today { throw CareBridgeError.invalid("validFrom", "validFrom \(validFrom) is in the future; record a status once it is granted.") }
        try document?.validate(field: "document")
        try EpisodeTimeline.checkNoOverlap(self, with: existing, what: "status episode") { "the \($0.status.rawValue) episode" }
    }
}

/// A medical insurance policy (compulsory for temporary stay and residence: Presidential Decree No. 108 of 18 March 2025, ch. 5).
public struct InsurancePolicy: DatedEpisode, Codable, Sendable, Hashable {
    public var id: UUID
    public var personID: UUID
    public var insurer: String
    public var policyNumber: String?
    public var validFrom: CalendarDay
    public var validUntil: CalendarDay?
    public var recordedBy: UUID?
    public var recordedAt: Date

    public init(id: UUID = .timeOrdered(), personID: UUID, insurer: String, policyNumber: String?, validFrom: CalendarDay,
                validUntil: CalendarDay?, recordedBy: UUID?, recordedAt: Date) {
        (self.id, self.personID, self.insurer, self.policyNumber) = (id, personID, insurer, policyNumber)
        (self.validFrom, self.validUntil, self.recordedBy, self.recordedAt) = (validFrom, validUntil, recordedBy, recordedAt)
    }

    public func validate(against existing: [InsurancePolicy]) throws {
        try validateRange(field: "insurance")
        try TextRules.required(insurer, field: "insurer", max: 200)
        if let policyNumber { try TextRules.required(policyNumber, field: "policyNumber", max: 64) }
        try EpisodeTimeline.checkNoOverlap(self, with: existing, what: "insurance policy") { "the policy of \($0.insurer)" }
    }
}

/// What held for a person on one day: exactly one status (or none recorded) and one policy (or none).
public struct StandingOnDay: Codable, Sendable, Hashable {
    public var date: CalendarDay
    public var status: StatusEpisode?
    public var insurance: InsurancePolicy?

    public init(date: CalendarDay, statuses: [StatusEpisode], policies: [InsurancePolicy]) {
        self.date = date
        self.status = EpisodeTimeline.on(date, in: statuses)
        self.insurance = EpisodeTimeline.on(date, in: policies)
    }
}
