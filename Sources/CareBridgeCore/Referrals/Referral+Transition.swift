import Foundation

extension Referral {
    /// The referral after `action`, with the step appended to its history: a pure function, so the server stores the result
    /// (with its version check) and the rules are tested without a database.
    /// Throws forbidden (`not-a-party`, `wrong-side`) when the organization may not take this step, conflict
    /// (`illegal-transition`) when the current state does not allow it, and validation errors naming a bad field.
    public func applying(_ action: ReferralAction, side: ReferralSide, organizationID: UUID, userID: UUID, at: Date) throws -> Referral {
        let kind = action.kind
        guard organizationID == (side == .sender ? fromOrganizationID : toOrganizationID) else {
            throw CareBridgeError(.forbidden, title: "Not allowed",
                                  detail: "The organization is not the \(side.rawValue) of this referral.", reason: "not-a-party")
        }
        guard kind.side == side else {
            throw CareBridgeError(.forbidden, title: "Not allowed",
                                  detail: "Only the \(kind.side.rawValue) of a referral may \(kind.rawValue) it.", reason: "wrong-side")
        }
        guard kind.allowedFrom.contains(state) else {
            let from = kind.allowedFrom.map(\.rawValue)
            throw CareBridgeError(.conflict, title: "Illegal transition",
                                  detail: "The referral is \(state.rawValue); \(kind.rawValue) is allowed only from \(from.joined(separator: ", ")).",
                                  reason: "illegal-transition")
                .adding("state", state.rawValue).adding("action", kind.rawValue).adding("allowedFrom", from)
        }

        var next = self
        var event = ReferralEvent(from: state, to: kind.resultingState, action: kind, at: at, organizationID: organizationID, userID: userID)
        switch action {
        case .accept, .attend:
            break
        case .decline(let reason, let code):
            try TextRules.required(reason, field: "reason", max: Self.maxNoteLength)
            next.declineReason = reason.trimmed
            next.declineCode = code
            event.note = reason.trimmed
        case .book(let date):
            next.appointment = date
            event.appointment = date
        case .complete(let typed), .didNotAttend(let typed):
            let note = (typed?.trimmed).nonBlank
            if let note { try TextRules.optional(note, field: "note", max: Self.maxNoteLength) }
            next.outcomeNote = note
        case .cancel(let typed):
            let reason = (typed?.trimmed).nonBlank
            if let reason { try TextRules.optional(reason, field: "reason", max: Self.maxNoteLength) }
            event.note = reason
        }
        next.state = kind.resultingState
        next.updatedAt = at
        next.events.append(event)
        return next
    }
}
