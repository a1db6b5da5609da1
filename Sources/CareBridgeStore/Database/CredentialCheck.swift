import SQLKit
import Synchronization

/// A request's credentials, still being checked against the database while the request already runs on the identity
/// they resolved to last time (AuthMiddleware). Until the check passes nothing the request does may be committed or
/// answered: `Database.write` and `autocommit` and the audit log wait for it (`CredentialCheck.passed()`), and so does
/// the response. If it fails, they throw its error and nothing is written.
///
/// The check first rides on the request's first brief read on PostgreSQL (`Rider`, `PreparedPostgresDatabase`): that
/// statement also returns what the credentials look like now, so the check costs no round trip and no second server
/// process of its own. It passes there only if they look exactly as they did. Anything else (they changed, or that
/// read found no row, failed, or never came before something had to wait) releases it, and the check runs by itself:
/// `settle` runs the caller's full look-up, which decides.
public final class CredentialCheck: Sendable {
    /// The check of the request this task serves, if one is still open.
    @TaskLocal public static var pending: CredentialCheck?

    /// A scalar subquery that another statement can carry as a column, and the value it has while the credentials are
    /// as the request assumed (TokenRepository.rider).
    public struct Rider: Sendable {
        public var value: any SQLExpression
        public var expected: String

        public init(value: any SQLExpression, expected: String) {
            self.value = value
            self.expected = expected
        }
    }

    private enum Stage {
        case offered(Rider?)
        case riding
        case released
        case finished((any Error)?)
    }

    private struct State {
        var stage: Stage
        var waiting: [CheckedContinuation<Void, any Error>] = []
        var settler: CheckedContinuation<Bool, Never>?
        var carried = false
    }

    private let state: Mutex<State>

    /// `rider` nil: the check can only run by itself.
    public init(rider: Rider? = nil) {
        state = Mutex(State(stage: .offered(rider)))
    }

    /// Whether the check passed on a statement that carried it.
    public var carried: Bool { state.withLock { $0.carried } }

    /// Ends the check: passed if `error` is nil. Later calls do nothing.
    public func finish(_ error: (any Error)?) {
        let (waiting, settler) = state.withLock { state -> ([CheckedContinuation<Void, any Error>], CheckedContinuation<Bool, Never>?) in
            if case .finished = state.stage { return ([], nil) }
            state.stage = .finished(error)
            defer { (state.waiting, state.settler) = ([], nil) }
            return (state.waiting, state.settler)
        }
        settler?.resume(returning: false)
        for continuation in waiting {
            if let error { continuation.resume(throwing: error) } else { continuation.resume() }
        }
    }

    /// The rider, for one statement to carry; nil if it was taken, released or there is none.
    func take() -> Rider? {
        state.withLock { state -> Rider? in
            guard case .offered(let rider?) = state.stage else { return nil }
            state.stage = .riding
            return rider
        }
    }

    /// What the carrying statement found: `.some(value)` from its first row (nil: the credentials are gone), `.none`
    /// if it returned no row. Passes the check only on the expected value; anything else releases it.
    func answer(_ found: String??, of rider: Rider) {
        guard case .some(let value?) = found, value == rider.expected else { return release() }
        state.withLock { $0.carried = true }
        finish(nil)
    }

    /// No statement carries the check (any more): `settle` runs it by itself. Does nothing once it finished.
    /// `unlessRiding`: leaves a check that a statement carries now to that statement's answer.
    public func release(unlessRiding: Bool = false) {
        let settler = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            switch state.stage {
            case .riding where unlessRiding, .released, .finished:
                return nil
            case .offered, .riding:
                state.stage = .released
                defer { state.settler = nil }
                return state.settler
            }
        }
        settler?.resume(returning: true)
    }

    /// Waits until the check is released or finished; once released, finishes it with `standalone`'s verdict (nil:
    /// passed). The request's middleware runs this beside the request.
    public func settle(_ standalone: @Sendable () async -> (any Error)?) async {
        let released = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let now: Bool? = state.withLock { state in
                switch state.stage {
                case .released: return true
                case .finished: return false
                case .offered, .riding:
                    state.settler = continuation
                    return nil
                }
            }
            if let now { continuation.resume(returning: now) }
        }
        if released { finish(await standalone()) }
    }

    /// Returns once the check has passed; throws its error if it failed. A check no statement took yet is released
    /// first: whoever waits needs the answer now.
    public func passed() async throws {
        if case .finished(let error) = state.withLock({ $0.stage }) {
            if let error { throw error }
            return
        }
        release(unlessRiding: true)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome: (any Error)?? = state.withLock { state in
                guard case .finished(let error) = state.stage else {
                    state.waiting.append(continuation)
                    return nil
                }
                return .some(error)
            }
            switch outcome {
            case .none: break
            case .some(.none): continuation.resume()
            case .some(.some(let error)): continuation.resume(throwing: error)
            }
        }
    }

    /// Waits for the current task's open check, if there is one.
    public static func awaitPending() async throws {
        if let pending { try await pending.passed() }
    }
}
