import Foundation
import Testing

@testable import CareBridgeCore

@Suite("Referral deadlines")
struct ReferralDeadlineTests {
    typealias T = ReferralTestData
    let deadlines = ReferralDeadlines.default
    static let hour: TimeInterval = 3600, day: TimeInterval = 86_400

    /// Not overdue at the deadline itself, overdue since the deadline one second later.
    func expectDeadline(_ r: Referral, _ deadline: Date, using deadlines: ReferralDeadlines = .default) {
        #expect(deadlines.overdueSince(r, now: deadline) == nil)
        #expect(deadlines.overdueSince(r, now: deadline.addingTimeInterval(-3600)) == nil)
        #expect(deadlines.overdueSince(r, now: deadline.addingTimeInterval(1)) == deadline)
        #expect(deadlines.overdueSince(r, now: deadline.addingTimeInterval(30 * Self.day)) == deadline)
    }

    @Test(arguments: [(ReferralUrgency.emergency, 4 * 3600.0), (.urgent, 2 * 86_400.0), (.routine, 10 * 86_400.0)])
    func aSentReferralMustBeAnsweredInTime(urgency: ReferralUrgency, within: TimeInterval) {
        let r = T.sent(urgency: urgency)
        expectDeadline(r, T.created.addingTimeInterval(within))
    }

    @Test(arguments: [(ReferralUrgency.emergency, 1 * 86_400.0), (.urgent, 5 * 86_400.0), (.routine, 14 * 86_400.0)])
    func anAcceptedReferralMustBeBookedOrAttendedInTime(urgency: ReferralUrgency, within: TimeInterval) throws {
        let acceptedAt = T.created.addingTimeInterval(7 * Self.hour)
        let r = try T.apply(.accept, to: T.sent(urgency: urgency), at: acceptedAt)
        expectDeadline(r, acceptedAt.addingTimeInterval(within))
    }

    @Test func aBookedReferralNeedsItsOutcomeADayAfterTheAppointment() throws {
        let appointment = T.created.addingTimeInterval(3 * Self.day)
        var r = try T.apply(.book(appointment), to: T.sent(urgency: .emergency), at: T.created)
        expectDeadline(r, appointment.addingTimeInterval(Self.day))
        // Rebooking moves the deadline with the appointment.
        let moved = appointment.addingTimeInterval(7 * Self.day)
        r = try T.apply(.book(moved), to: r, at: appointment)
        expectDeadline(r, moved.addingTimeInterval(Self.day))
    }

    @Test func attendedAndFinishedReferralsAreNeverOverdue() throws {
        let far = T.created.addingTimeInterval(365 * Self.day)
        for state in [ReferralState.attended, .declined, .completed, .didNotAttend, .cancelled] {
            let r = try T.referral(in: state)
            #expect(deadlines.overdueSince(r, now: far) == nil, "\(state)")
        }
    }

    @Test func aDeploymentCanSetItsOwnDeadlines() {
        var custom = ReferralDeadlines.default
        custom.answer.routine = 3 * Self.day
        expectDeadline(T.sent(), T.created.addingTimeInterval(3 * Self.day), using: custom)
    }

    @Test func overdueReferralsCountAndSortByWhenTheyBecameOverdue() {
        let now = T.created.addingTimeInterval(20 * Self.day)
        let routine = T.sent(urgency: .routine), emergency = T.sent(urgency: .emergency)
        let fresh = T.sent(urgency: .routine, at: now.addingTimeInterval(-Self.hour))
        let overdue = [routine, fresh, emergency].compactMap { r in deadlines.overdueSince(r, now: now).map { (r, $0) } }
            .sorted { $0.1 < $1.1 }
        #expect(overdue.map(\.0.urgency) == [.emergency, .routine])
    }
}
