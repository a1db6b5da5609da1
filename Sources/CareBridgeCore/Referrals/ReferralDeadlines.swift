import Foundation

/// How long a referral may wait at each step before it counts as overdue, so lists can count and sort the overdue ones.
/// The defaults are CareBridge defaults, not taken from a regulation: a deployment configures its own.
/// Durations are exact seconds (a day is 86,400 s), counted from the moment the referral entered its state.
public struct ReferralDeadlines: Codable, Sendable, Hashable {
    /// A sent referral must be answered (accepted, declined or booked) within this.
    public var answer: ByUrgency
    /// An accepted referral must be booked or attended within this.
    public var schedule: ByUrgency
    /// A booked referral needs its outcome (attended or did not attend) within this after the appointment.
    public var outcomeAfterAppointment: TimeInterval

    public init(answer: ByUrgency, schedule: ByUrgency, outcomeAfterAppointment: TimeInterval) {
        (self.answer, self.schedule, self.outcomeAfterAppointment) = (answer, schedule, outcomeAfterAppointment)
    }

    static let hour: TimeInterval = 3600
    static let day: TimeInterval = 86_400

    public static let `default` = ReferralDeadlines(
        answer: ByUrgency(routine: 10 * day, urgent: 2 * day, emergency: 4 * hour),
        schedule: ByUrgency(routine: 14 * day, urgent: 5 * day, emergency: 1 * day),
        outcomeAfterAppointment: 1 * day)

    /// One duration per urgency.
    public struct ByUrgency: Codable, Sendable, Hashable {
        public var routine: TimeInterval
        public var urgent: TimeInterval
        public var emergency: TimeInterval

        public init(routine: TimeInterval, urgent: TimeInterval, emergency: TimeInterval) {
            (self.routine, self.urgent, self.emergency) = (routine, urgent, emergency)
        }

        public subscript(urgency: ReferralUrgency) -> TimeInterval {
            switch urgency {
            case .routine: routine
            case .urgent: urgent
            case .emergency: emergency
            }
        }
    }

    /// When the referral's current step is due; nil for states without a deadline (attended and the terminal ones).
    public func deadline(of r: Referral) -> Date? {
        switch r.state {
        case .sent: r.stateSince.addingTimeInterval(answer[r.urgency])
        case .accepted: r.stateSince.addingTimeInterval(schedule[r.urgency])
        case .booked: r.appointment.map { $0.addingTimeInterval(outcomeAfterAppointment) }
        case .attended, .declined, .completed, .didNotAttend, .cancelled: nil
        }
    }

    /// When the referral became overdue, or nil if it is not overdue at `now`; at the deadline itself it is still on time.
    public func overdueSince(_ r: Referral, now: Date) -> Date? {
        guard let deadline = deadline(of: r), now > deadline else { return nil }
        return deadline
    }
}
