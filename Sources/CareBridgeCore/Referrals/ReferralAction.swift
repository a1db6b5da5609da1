import Foundation

/// Something a party does to a referral, with what that step needs.
public enum ReferralAction: Sendable, Hashable {
    case accept
    /// The reason is shown to the sender, so they can refer elsewhere; the code is what the indicators count.
    case decline(reason: String, code: ReferralDeclineCode? = nil)
    /// Booking again moves the appointment.
    case book(Date)
    case attend
    /// The receiver's short result note (health data: kept only in `Referral.outcomeNote`).
    case complete(note: String?)
    case didNotAttend(note: String?)
    case cancel(reason: String?)

    public var kind: ReferralActionKind {
        switch self {
        case .accept: .accept
        case .decline: .decline
        case .book: .book
        case .attend: .attend
        case .complete: .complete
        case .didNotAttend: .didNotAttend
        case .cancel: .cancel
        }
    }

    /// An action from the flat fields of a request, with errors naming the missing field.
    public init(kind: ReferralActionKind, reason: String? = nil, note: String? = nil, appointment: Date? = nil, declineCode: ReferralDeclineCode? = nil) throws {
        switch kind {
        case .send:
            throw CareBridgeError.invalid("action", "A referral is sent by creating it, not by an action on it.")
        case .accept: self = .accept
        case .decline: self = .decline(reason: reason ?? "", code: declineCode)
        case .book:
            guard let appointment else { throw CareBridgeError.invalid("appointment", "Booking needs the appointment date.") }
            self = .book(appointment)
        case .attend: self = .attend
        case .complete: self = .complete(note: note)
        case .didNotAttend: self = .didNotAttend(note: note)
        case .cancel: self = .cancel(reason: reason)
        }
    }
}

/// The name of a step in a referral's history: the actions, and `send`, which creates the referral.
public enum ReferralActionKind: String, CaseIterable, Codable, Sendable, Hashable {
    case send
    case accept
    case decline
    case book
    case attend
    case complete
    case didNotAttend = "did-not-attend"
    case cancel

    /// Who may take this step: the receiver runs the referral, the sender may only withdraw it.
    public var side: ReferralSide {
        switch self {
        case .send, .cancel: .sender
        case .accept, .decline, .book, .attend, .complete, .didNotAttend: .receiver
        }
    }

    /// The states this step may start from; empty for `send`, which starts from nothing.
    public var allowedFrom: [ReferralState] {
        switch self {
        case .send: []
        case .accept: [.sent]
        case .decline: [.sent, .accepted]
        case .book: [.sent, .accepted, .booked]
        case .attend: [.accepted, .booked]
        case .complete: [.attended]
        case .didNotAttend: [.booked]
        case .cancel: [.sent, .accepted, .booked]
        }
    }

    public var resultingState: ReferralState {
        switch self {
        case .send: .sent
        case .accept: .accepted
        case .decline: .declined
        case .book: .booked
        case .attend: .attended
        case .complete: .completed
        case .didNotAttend: .didNotAttend
        case .cancel: .cancelled
        }
    }
}

extension ReferralActionKind: TypedCode { public static var field: String { "action" } }
