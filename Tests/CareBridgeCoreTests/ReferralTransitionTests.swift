import Foundation
import Testing

@testable import CareBridgeCore

/// Parties, times and a referral in any state, for the referral and webhook tests.
enum ReferralTestData {
    static let sender = UUID(uuidString: "00000000-0000-7000-8000-00000000a001")!
    static let senderUser = UUID(uuidString: "00000000-0000-7000-8000-00000000a002")!
    static let receiver = UUID(uuidString: "00000000-0000-7000-8000-00000000b001")!
    static let receiverUser = UUID(uuidString: "00000000-0000-7000-8000-00000000b002")!
    static let created = Date(timeIntervalSince1970: 1_700_000_000)

    static func sent(urgency: ReferralUrgency = .routine, at: Date = created) -> Referral {
        Referral.sent(personID: UUID(), fromOrganizationID: sender, fromUserID: senderUser, toOrganizationID: receiver,
                      serviceID: UUID(), reason: "Persistent cough for six weeks; needs a chest X-ray.", urgency: urgency,
                      languagesNeeded: ["ru", "uz-Latn"], consentBasis: .consent(UUID()), at: at)
    }

    /// A referral brought to `state` through legal steps, one hour apart.
    static func referral(in state: ReferralState, urgency: ReferralUrgency = .routine) throws -> Referral {
        let path: [ReferralAction] = switch state {
        case .sent: []
        case .accepted: [.accept]
        case .declined: [.decline(reason: "No capacity this month.")]
        case .booked: [.accept, .book(created.addingTimeInterval(3 * 86_400))]
        case .attended: [.accept, .book(created.addingTimeInterval(3 * 86_400)), .attend]
        case .completed: [.accept, .book(created.addingTimeInterval(3 * 86_400)), .attend, .complete(note: "Done.")]
        case .didNotAttend: [.accept, .book(created.addingTimeInterval(3 * 86_400)), .didNotAttend(note: nil)]
        case .cancelled: [.cancel(reason: nil)]
        }
        var r = sent(urgency: urgency)
        for (i, action) in path.enumerated() { r = try apply(action, to: r, at: created.addingTimeInterval(Double(i + 1) * 3600)) }
        return r
    }

    /// `action` taken by the side whose step it is.
    static func apply(_ action: ReferralAction, to r: Referral, at: Date) throws -> Referral {
        let side = action.kind.side
        return try r.applying(action, side: side, organizationID: side == .sender ? sender : receiver,
                              userID: side == .sender ? senderUser : receiverUser, at: at)
    }

    /// One action of each kind, with what it needs.
    static func action(_ kind: ReferralActionKind) -> ReferralAction {
        switch kind {
        case .send: fatalError("send is not an action on a referral")
        case .accept: .accept
        case .decline: .decline(reason: "Outside our catchment area.")
        case .book: .book(created.addingTimeInterval(10 * 86_400))
        case .attend: .attend
        case .complete: .complete(note: "Treated.")
        case .didNotAttend: .didNotAttend(note: "No answer by phone.")
        case .cancel: .cancel(reason: "Person moved away.")
        }
    }
}

@Suite("Referral state machine")
struct ReferralTransitionTests {
    typealias T = ReferralTestData

    /// Every legal step, written out rather than derived from the rules under test.
    static let legal: [(from: ReferralState, action: ReferralActionKind, to: ReferralState)] = [
        (.sent, .accept, .accepted),
        (.sent, .decline, .declined), (.accepted, .decline, .declined),
        (.sent, .book, .booked), (.accepted, .book, .booked), (.booked, .book, .booked),
        (.accepted, .attend, .attended), (.booked, .attend, .attended),
        (.attended, .complete, .completed),
        (.booked, .didNotAttend, .didNotAttend),
        (.sent, .cancel, .cancelled), (.accepted, .cancel, .cancelled), (.booked, .cancel, .cancelled),
    ]

    /// Every illegal (state, action) pair.
    static let illegal: [(ReferralState, ReferralActionKind)] = [
        (.sent, .attend), (.sent, .complete), (.sent, .didNotAttend),
        (.accepted, .accept), (.accepted, .complete), (.accepted, .didNotAttend),
        (.booked, .accept), (.booked, .decline), (.booked, .complete),
        (.attended, .accept), (.attended, .decline), (.attended, .book), (.attended, .attend), (.attended, .didNotAttend), (.attended, .cancel),
    ] + [ReferralState.declined, .completed, .didNotAttend, .cancelled].flatMap { state in
        [ReferralActionKind.accept, .decline, .book, .attend, .complete, .didNotAttend, .cancel].map { (state, $0) }
    }

    @Test func everyLegalStepMovesTheReferralAndRecordsIt() throws {
        for step in Self.legal {
            let before = try T.referral(in: step.from)
            let at = T.created.addingTimeInterval(30 * 86_400)
            let after = try T.apply(T.action(step.action), to: before, at: at)
            #expect(after.state == step.to, "\(step)")
            #expect(after.updatedAt == at)
            #expect(after.events.count == before.events.count + 1)
            let event = try #require(after.events.last)
            #expect(event.from == step.from && event.to == step.to && event.action == step.action && event.at == at, "\(step)")
            #expect(event.organizationID == (step.action.side == .sender ? T.sender : T.receiver))
            #expect(Array(after.events.dropLast()) == before.events)
            try after.validate()
        }
    }

    @Test func theRulesAllowExactlyTheLegalSteps() {
        #expect(Self.legal.count + Self.illegal.count == 8 * 7)
        for state in ReferralState.allCases {
            for kind in ReferralActionKind.allCases where kind != .send {
                let isLegal = Self.legal.contains { $0.from == state && $0.action == kind }
                #expect(kind.allowedFrom.contains(state) == isLegal, "\(state) \(kind)")
                #expect(isLegal != Self.illegal.contains { $0 == (state, kind) }, "\(state) \(kind)")
            }
        }
    }

    @Test func everyIllegalStepIsAConflictNamingStateActionAndAllowedStates() throws {
        #expect(Self.illegal.count == 43)
        for (state, kind) in Self.illegal {
            let r = try T.referral(in: state)
            let error = #expect(throws: CareBridgeError.self, "\(state) \(kind)") { try T.apply(T.action(kind), to: r, at: T.created) }
            #expect(error?.kind == .conflict)
            #expect(error?.reason == "illegal-transition")
            let detail = error?.detail ?? ""
            #expect(detail.contains(state.rawValue) && detail.contains(kind.rawValue), "\(detail)")
            #expect(kind.allowedFrom.allSatisfy { detail.contains($0.rawValue) }, "\(detail)")
            #expect(error?.extensions["allowedFrom"] == (try JSONEncoder().encode(kind.allowedFrom.map(\.rawValue))))
        }
    }

    @Test func onlyTheReceiverRunsTheReferralAndOnlyTheSenderCancels() throws {
        let sent = try T.referral(in: .sent)
        for kind in [ReferralActionKind.accept, .decline, .book] {
            let error = #expect(throws: CareBridgeError.self) {
                try sent.applying(T.action(kind), side: .sender, organizationID: T.sender, userID: T.senderUser, at: T.created)
            }
            #expect(error?.kind == .forbidden && error?.reason == "wrong-side")
        }
        let error = #expect(throws: CareBridgeError.self) {
            try sent.applying(.cancel(reason: nil), side: .receiver, organizationID: T.receiver, userID: T.receiverUser, at: T.created)
        }
        #expect(error?.kind == .forbidden && error?.reason == "wrong-side")
        // The side is checked before the state: a receiver cannot learn anything by trying to cancel.
        let completed = try T.referral(in: .completed)
        let late = #expect(throws: CareBridgeError.self) {
            try completed.applying(.cancel(reason: nil), side: .receiver, organizationID: T.receiver, userID: T.receiverUser, at: T.created)
        }
        #expect(late?.reason == "wrong-side")
    }

    @Test func anOrganizationThatIsNotTheClaimedSideIsRefused() throws {
        let sent = try T.referral(in: .sent)
        let error = #expect(throws: CareBridgeError.self) {
            try sent.applying(.accept, side: .receiver, organizationID: T.sender, userID: T.senderUser, at: T.created)
        }
        #expect(error?.kind == .forbidden && error?.reason == "not-a-party")
        #expect(sent.side(of: T.sender) == .sender && sent.side(of: T.receiver) == .receiver && sent.side(of: UUID()) == nil)
    }

    @Test func stepsKeepTheirDetailsAndOutcomeNotesStayInOneField() throws {
        var r = try T.apply(.decline(reason: "  No capacity.  "), to: T.sent(), at: T.created)
        #expect(r.declineReason == "No capacity." && r.events.last?.note == "No capacity.")

        let day = T.created.addingTimeInterval(86_400), later = T.created.addingTimeInterval(2 * 86_400)
        r = try T.apply(.book(day), to: T.sent(), at: T.created)
        r = try T.apply(.book(later), to: r, at: T.created)
        #expect(r.appointment == later && r.events.map(\.appointment) == [nil, day, later])
        r = try T.apply(.attend, to: r, at: later)
        r = try T.apply(.complete(note: " Chest X-ray clear. "), to: r, at: later)
        #expect(r.outcomeNote == "Chest X-ray clear.")
        #expect(r.events.allSatisfy { $0.note == nil })

        let cancelled = try T.apply(.cancel(reason: "   "), to: T.sent(), at: T.created)
        #expect(cancelled.events.last?.note == nil)
    }

    @Test func badStepDetailsNameTheField() throws {
        let sent = try T.referral(in: .sent), attended = try T.referral(in: .attended)
        for (r, action, field) in [(sent, ReferralAction.decline(reason: " "), "reason"),
                                   (sent, .decline(reason: String(repeating: "x", count: 501)), "reason"),
                                   (sent, .cancel(reason: String(repeating: "x", count: 501)), "reason"),
                                   (attended, .complete(note: String(repeating: "x", count: 501)), "note")] {
            let error = #expect(throws: CareBridgeError.self) { try T.apply(action, to: r, at: T.created) }
            #expect(error?.kind == .validation && error?.field == field)
        }
        _ = try T.apply(.complete(note: String(repeating: "x", count: 500)), to: attended, at: T.created)
        let missing = #expect(throws: CareBridgeError.self) { try ReferralAction(kind: .book) }
        #expect(missing?.field == "appointment")
        #expect(try ReferralAction(kind: .decline, reason: "Full.") == .decline(reason: "Full."))
    }

    @Test func eachSideIsOfferedWhatItMayDo() {
        #expect(ReferralState.sent.allowedActions(for: .receiver) == [.accept, .decline, .book])
        #expect(ReferralState.sent.allowedActions(for: .sender) == [.cancel])
        #expect(ReferralState.booked.allowedActions(for: .receiver) == [.book, .attend, .didNotAttend])
        #expect(ReferralState.attended.allowedActions(for: .receiver) == [.complete])
        #expect(ReferralState.attended.allowedActions(for: .sender) == [])
        for state in ReferralState.allCases where state.isTerminal {
            #expect(state.allowedActions(for: .sender).isEmpty && state.allowedActions(for: .receiver).isEmpty)
        }
        #expect(ReferralState.allCases.filter(\.isOpen) == [.sent, .accepted, .booked, .attended])
    }
}
