/// Where a referral stands. Raw values are the external contract: API, database and webhook event types.
public enum ReferralState: String, CaseIterable, Codable, Sendable, Hashable {
    case sent
    case accepted
    case declined
    case booked
    case attended
    case completed
    case didNotAttend = "did-not-attend"
    case cancelled

    /// Still waiting for someone to act; the others are terminal and never change again.
    public var isOpen: Bool {
        switch self {
        case .sent, .accepted, .booked, .attended: true
        case .declined, .completed, .didNotAttend, .cancelled: false
        }
    }

    public var isTerminal: Bool { !isOpen }

    /// What `side` may do to a referral in this state, in the order a UI would offer it.
    public func allowedActions(for side: ReferralSide) -> [ReferralActionKind] {
        ReferralActionKind.allCases.filter { $0.side == side && $0.allowedFrom.contains(self) }
    }
}

extension ReferralState: TypedCode { public static var field: String { "state" } }

/// The two parties of a referral: the organization that sent it and the one that receives it.
public enum ReferralSide: String, CaseIterable, Codable, Sendable, Hashable {
    case sender
    case receiver
}
