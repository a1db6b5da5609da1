import Foundation

/// One event on its way to one target, with every attempt made: what the "deliveries" page shows and the sender works from.
public struct WebhookDelivery: Codable, Sendable, Hashable {
    public var id: UUID
    public var targetID: UUID
    public var event: WebhookEvent
    /// Oldest first, kept across resends.
    public var attempts: [WebhookAttempt]
    public var state: WebhookDeliveryState
    /// When the sender should try next; nil once delivered or abandoned.
    public var nextAttemptAt: Date?
    /// How many of `attempts` came before the last resend: the retry schedule counts only those after it.
    public var attemptsBeforeResend: Int

    public init(id: UUID? = nil, targetID: UUID, event: WebhookEvent, attempts: [WebhookAttempt] = [],
                state: WebhookDeliveryState = .pending, nextAttemptAt: Date?, attemptsBeforeResend: Int = 0) {
        (self.id, self.targetID, self.event, self.attempts) = (id ?? .timeOrdered(), targetID, event, attempts)
        (self.state, self.nextAttemptAt, self.attemptsBeforeResend) = (state, nextAttemptAt, attemptsBeforeResend)
    }

    /// A new delivery, due at once.
    public static func pending(targetID: UUID, event: WebhookEvent, at: Date) -> WebhookDelivery {
        WebhookDelivery(id: .timeOrdered(at: at), targetID: targetID, event: event, nextAttemptAt: at)
    }

    /// Attempts since the delivery was made or last resent.
    public var attemptsInRound: Int { attempts.count - attemptsBeforeResend }

    public func isDue(at now: Date) -> Bool {
        guard state == .pending || state == .retrying, let nextAttemptAt else { return false }
        return nextAttemptAt <= now
    }

    /// The delivery after `attempt`: delivered on a 2xx answer, else retrying at the schedule's next time, or abandoned
    /// when the schedule has no attempts left.
    public func recording(_ attempt: WebhookAttempt, schedule: RetrySchedule = .standard,
                          using rng: inout some RandomNumberGenerator) -> WebhookDelivery {
        var next = self
        next.attempts.append(attempt)
        if attempt.succeeded {
            (next.state, next.nextAttemptAt) = (.delivered, nil)
        } else if let at = schedule.nextAttempt(after: next.attemptsInRound, at: attempt.at, using: &rng) {
            (next.state, next.nextAttemptAt) = (.retrying, at)
        } else {
            (next.state, next.nextAttemptAt) = (.abandoned, nil)
        }
        return next
    }

    /// "Send again": due at `at` with a fresh round of attempts; the earlier attempts stay in the history.
    public func resend(at: Date) -> WebhookDelivery {
        var next = self
        (next.state, next.nextAttemptAt, next.attemptsBeforeResend) = (.pending, at, attempts.count)
        return next
    }
}

public enum WebhookDeliveryState: String, CaseIterable, Codable, Sendable, Hashable {
    /// Not tried yet, or sent again by hand.
    case pending
    case delivered
    /// Failed at least once; will be tried again at `nextAttemptAt`.
    case retrying
    /// Failed as many times as the schedule allows; only a resend tries again.
    case abandoned
}

/// One try at delivering: the receiver's status code, or the error when no answer came.
public struct WebhookAttempt: Codable, Sendable, Hashable {
    public var at: Date
    public var statusCode: Int?
    /// Why no usable answer came (timeout, refused connection), cut to 500 characters; never the response body.
    public var error: String?
    public var durationMs: Int

    public init(at: Date, statusCode: Int? = nil, error: String? = nil, durationMs: Int) {
        (self.at, self.statusCode, self.error, self.durationMs) = (at, statusCode, error.map { String($0.prefix(500)) }, durationMs)
    }

    public var succeeded: Bool { statusCode.map { (200...299).contains($0) } ?? false }
}
