import CareBridgeCore
import Foundation

/// Records audit events for reads, committing them before the read is answered.
/// Concurrent requests are batched into one transaction (group commit): the first caller
/// starts a flush, and everyone who arrives while it runs shares the next one. Each caller
/// returns only after its own event is durable.
public actor AuditLog {
    let database: Database
    let repository: AuditRepository
    private var pending: [([AuditDraft], CheckedContinuation<Void, any Error>)] = []
    private var flushing = false
    /// Number of transactions and events written, for the benchmark and metrics.
    public private(set) var flushes = 0
    public private(set) var recorded = 0

    public init(database: Database) {
        self.database = database
        self.repository = AuditRepository(database)
    }

    /// Appends one event in its own (shared) transaction; returns once it is committed.
    public func record(_ draft: AuditDraft) async throws {
        try await record([draft])
    }

    /// Appends several events (the decisions behind one list) in one shared transaction; returns once they are committed.
    public func record(_ drafts: [AuditDraft]) async throws {
        guard !drafts.isEmpty else { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pending.append((drafts, continuation))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            let drafts = batch.flatMap(\.0)
            do {
                try await database.write { [repository] db in _ = try await repository.append(drafts, in: db) }
                flushes += 1
                recorded += drafts.count
                for (_, continuation) in batch { continuation.resume() }
            } catch {
                for (_, continuation) in batch { continuation.resume(throwing: error) }
            }
        }
        flushing = false
    }
}
