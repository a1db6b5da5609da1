import CareBridgeCore
import Foundation
import Synchronization

/// Records audit events for reads, committing them before the read is answered.
/// Concurrent requests share transactions (group commit): a caller who finds no commit running commits its own
/// events at once; callers who arrive meanwhile queue, and when that commit ends the first of them commits everything
/// queued, for all of them. Each caller returns only after its own events are durable. (An actor whose flush ran as a
/// task of its own cost a lone read four thread hand-offs to commit; now it is the write's own two.)
/// The commit is a queued write, not a brief one, on purpose: it must suspend the caller, so that callers ready on the
/// same thread can queue behind it. Run in place on SQLite, it batched nothing when one thread ran all the callers (a
/// CI run under load had 400 transactions for 400 concurrent reads).
public final class AuditLog: Sendable {
    private enum Turn { case committed, lead }

    private struct Waiter {
        let drafts: [AuditDraft]
        let continuation: CheckedContinuation<Turn, any Error>
    }

    private struct State {
        var waiters: [Waiter] = []
        var committing = false
        var flushes = 0
        var recorded = 0
    }

    let repository: AuditRepository
    private let state = Mutex(State())

    /// Number of transactions and events written, for the benchmark and metrics.
    public var flushes: Int { state.withLock { $0.flushes } }
    public var recorded: Int { state.withLock { $0.recorded } }

    public init(database: Database) {
        self.repository = AuditRepository(database)
    }

    /// Appends one event in its own (shared) transaction; returns once it is committed.
    public func record(_ draft: AuditDraft) async throws {
        try await record([draft])
    }

    /// Appends several events (the decisions behind one list) in one shared transaction; returns once they are committed.
    public func record(_ drafts: [AuditDraft]) async throws {
        guard !drafts.isEmpty else { return }
        // Before queueing: another caller's commit would write these events without waiting on this request's check.
        try await CredentialCheck.awaitPending()
        let leads = state.withLock { state in
            if state.committing { return false }
            state.committing = true
            return true
        }
        if !leads {
            let turn = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Turn, any Error>) in
                let leadsNow = state.withLock { state in
                    if !state.committing {
                        state.committing = true
                        return true
                    }
                    state.waiters.append(Waiter(drafts: drafts, continuation: continuation))
                    return false
                }
                if leadsNow { continuation.resume(returning: .lead) }
            }
            if turn == .committed { return }
        }
        try await commit(drafts)
    }

    /// As the one committing: writes `own` with every queued caller's events, answers those callers, and hands the
    /// turn to the first caller who queued meanwhile (or ends it).
    private func commit(_ own: [AuditDraft]) async throws {
        let batch = state.withLock { state in
            defer { state.waiters = [] }
            return state.waiters
        }
        let drafts = own + batch.flatMap(\.drafts)
        let result: Result<Turn, any Error>
        do {
            try await repository.commit(drafts, span: .queued)
            result = .success(.committed)
        } catch {
            result = .failure(error)
        }
        let next: Waiter? = state.withLock { state in
            if case .success = result { (state.flushes, state.recorded) = (state.flushes + 1, state.recorded + drafts.count) }
            if state.waiters.isEmpty {
                state.committing = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        for waiter in batch { waiter.continuation.resume(with: result) }
        next?.continuation.resume(returning: .lead)
        _ = try result.get()
    }
}
