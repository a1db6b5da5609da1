import Foundation

/// A request from one organization to another to provide a directory service to a person, and what became of it.
/// Referral metadata may be seen by enforcement organizations (AccessPolicy); `outcomeNote` is health data.
public struct Referral: Codable, Sendable, Hashable {
    public var id: UUID
    public var personID: UUID
    public var fromOrganizationID: UUID
    public var fromUserID: UUID
    public var toOrganizationID: UUID
    /// The directory service asked for.
    public var serviceID: UUID
    /// Why the person is referred, for the receiver.
    public var reason: String
    public var urgency: ReferralUrgency
    /// BCP 47 tags of the languages the person needs care in (an interpreter if the receiver speaks none).
    public var languagesNeeded: [String]
    public var state: ReferralState
    public var createdAt: Date
    public var updatedAt: Date
    /// The booked date; kept after attendance so deadlines and reports can read it.
    public var appointment: Date?
    /// The receiver's short result note. Health data: the server filters it by the access policy.
    public var outcomeNote: String?
    public var declineReason: String?
    /// The reason as a code, when the receiver gave one (referrals declined before codes existed have none).
    public var declineCode: ReferralDeclineCode?
    /// Why the person's data may be shared with the receiver.
    public var consentBasis: ReferralBasis
    /// Every step, oldest first, starting with `send`.
    public var events: [ReferralEvent]

    public init(
        id: UUID, personID: UUID, fromOrganizationID: UUID, fromUserID: UUID, toOrganizationID: UUID, serviceID: UUID,
        reason: String, urgency: ReferralUrgency, languagesNeeded: [String] = [], state: ReferralState,
        createdAt: Date, updatedAt: Date, appointment: Date? = nil, outcomeNote: String? = nil, declineReason: String? = nil,
        consentBasis: ReferralBasis, events: [ReferralEvent]
    ) {
        (self.id, self.personID, self.fromOrganizationID, self.fromUserID) = (id, personID, fromOrganizationID, fromUserID)
        (self.toOrganizationID, self.serviceID, self.reason, self.urgency) = (toOrganizationID, serviceID, reason, urgency)
        (self.languagesNeeded, self.state, self.createdAt, self.updatedAt) = (languagesNeeded, state, createdAt, updatedAt)
        (self.appointment, self.outcomeNote, self.declineReason) = (appointment, outcomeNote, declineReason)
        (self.consentBasis, self.events) = (consentBasis, events)
    }

    /// A new referral in state `sent`, its history starting with the `send` event.
    public static func sent(
        id: UUID? = nil, personID: UUID, fromOrganizationID: UUID, fromUserID: UUID, toOrganizationID: UUID, serviceID: UUID,
        reason: String, urgency: ReferralUrgency, languagesNeeded: [String] = [], consentBasis: ReferralBasis, at: Date
    ) -> Referral {
        let event = ReferralEvent(from: nil, to: .sent, action: .send, at: at, organizationID: fromOrganizationID, userID: fromUserID)
        return Referral(id: id ?? .timeOrdered(at: at), personID: personID, fromOrganizationID: fromOrganizationID, fromUserID: fromUserID,
                        toOrganizationID: toOrganizationID, serviceID: serviceID, reason: reason.trimmed, urgency: urgency,
                        languagesNeeded: languagesNeeded, state: .sent, createdAt: at, updatedAt: at,
                        consentBasis: consentBasis, events: [event])
    }

    /// When the referral entered its current state: deadlines count from here.
    public var stateSince: Date {
        events.last(where: { $0.to == state })?.at ?? (state == .sent ? createdAt : updatedAt)
    }

    /// When the person first attended (the first step into `attended`), for the time-to-care indicator.
    public var firstAttendedAt: Date? { events.first(where: { $0.to == .attended })?.at }

    /// Which side an organization is on, or nil when it is neither sender nor receiver.
    public func side(of organizationID: UUID) -> ReferralSide? {
        if organizationID == fromOrganizationID { return .sender }
        if organizationID == toOrganizationID { return .receiver }
        return nil
    }
}

/// How soon the person needs the service; sets the deadlines (ReferralDeadlines).
public enum ReferralUrgency: String, CaseIterable, Codable, Sendable, Hashable {
    case routine
    case urgent
    case emergency
}

extension ReferralUrgency: TypedCode { public static var field: String { "urgency" } }

/// One step of a referral's history. `note` holds a decline or cancel reason; outcome notes are kept only in
/// `Referral.outcomeNote`, so health data is in one field the server filters.
public struct ReferralEvent: Codable, Sendable, Hashable {
    /// Nil for the first event, which created the referral.
    public var from: ReferralState?
    public var to: ReferralState
    public var action: ReferralActionKind
    public var at: Date
    public var organizationID: UUID
    public var userID: UUID
    public var note: String?
    /// The date booked, on `book` events, so rebookings stay visible.
    public var appointment: Date?

    public init(from: ReferralState?, to: ReferralState, action: ReferralActionKind, at: Date, organizationID: UUID, userID: UUID,
                note: String? = nil, appointment: Date? = nil) {
        (self.from, self.to, self.action, self.at) = (from, to, action, at)
        (self.organizationID, self.userID, self.note, self.appointment) = (organizationID, userID, note, appointment)
    }
}
