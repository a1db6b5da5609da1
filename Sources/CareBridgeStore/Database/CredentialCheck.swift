import Synchronization

/// A request's credentials, still being checked against the database while the request already runs on the identity
/// they resolved to last time (AuthMiddleware). Until the check passes nothing the request does may be committed or
/// answered: `Database.write` and `autocommit` and the audit log wait for it (`CredentialCheck.passed()`), and so does
/// the response. If it fails, they throw its error and nothing is written.
public final class CredentialCheck: Sendable {
    /// The check of the request this task serves, if one is still open.
    @TaskLocal public static var pending: CredentialCheck?

    private enum State {
        case running([CheckedContinuation<Void, any Error>])
        case finished((any Error)?)
    }

    private let state = Mutex<State>(.running([]))

    public init() {}

    /// Ends the check: passed if `error` is nil. Later calls do nothing.
    public func finish(_ error: (any Error)?) {
        let waiting: [CheckedContinuation<Void, any Error>] = state.withLock { state in
            guard case .running(let waiting) = state else { return [] }
            state = .finished(error)
            return waiting
        }
        for continuation in waiting {
            if let error { continuation.resume(throwing: error) } else { continuation.resume() }
        }
    }

    /// Returns once the check has passed; throws its error if it failed.
    public func passed() async throws {
        if case .finished(let error) = state.withLock({ $0 }) {
            if let error { throw error }
            return
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome: (any Error)?? = state.withLock { state in
                switch state {
                case .running(var waiting):
                    waiting.append(continuation)
                    state = .running(waiting)
                    return nil
                case .finished(let error):
                    return .some(error)
                }
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
