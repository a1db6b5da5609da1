import CareBridgeCore
import CareBridgeStore
import Foundation
import Logging
import Synchronization

/// The server's population snapshot (DESIGN.md): built from the database at start, refreshed for each person a
/// write touches once it commits. A scan takes the snapshot by value (O(1)) and never waits on writers.
public final class PopulationStore: Sendable {
    private let state = Mutex(State())
    private let complete = Atomic<Bool>(false)
    let repository: PopulationRepository

    struct State {
        var snapshot = PopulationSnapshot()
        /// People written while the initial build ran: re-read once it ends, so the build cannot put back an older row.
        var changedDuringBuild: Set<UUID> = []
        var deadRows = 0
    }

    init(_ repository: PopulationRepository) { self.repository = repository }

    public var snapshot: PopulationSnapshot { state.withLock { $0.snapshot } }
    public var isComplete: Bool { complete.load(ordering: .acquiring) }

    func build(logger: Logger) async throws {
        let started = ContinuousClock.now
        try await repository.forEachPage { page in
            state.withLock { state in
                for person in page where !state.changedDuringBuild.contains(person.id) { state.snapshot.upsert(person) }
            }
        }
        let changed = state.withLock { state in
            complete.store(true, ordering: .releasing)
            defer { state.changedDuringBuild = [] }
            return Array(state.changedDuringBuild)
        }
        await refresh(changed, logger: logger)
        logger.info("Population snapshot built", metadata: ["people": "\(snapshot.count)", "seconds": "\(started.duration(to: .now))"])
    }

    /// Re-reads the people a committed write touched. A failure leaves the snapshot behind for them, logged; SQL
    /// stays the source of truth and the next start rebuilds.
    func refresh(_ ids: [UUID], logger: Logger? = nil) async {
        guard !ids.isEmpty else { return }
        do {
            let found = try await repository.facts(of: ids)
            let present = Set(found.map(\.id))
            state.withLock { state in
                for person in found { state.snapshot.upsert(person) }
                for id in ids where !present.contains(id) { state.snapshot.remove(id) }
                if !isComplete { state.changedDuringBuild.formUnion(ids) }
                state.deadRows += ids.count
                // Replaced rows stay until compaction; compact once they are a tenth of the snapshot.
                if state.deadRows > 10_000, state.deadRows * 10 > state.snapshot.rows {
                    state.snapshot = state.snapshot.compacted()
                    state.deadRows = 0
                }
            }
        } catch {
            logger?.error("Population snapshot refresh failed", metadata: ["error": "\(error)"])
        }
    }
}
