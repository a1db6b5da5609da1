import CareBridgeCore
import CareBridgeStore
import Foundation
import Logging
import Synchronization

/// The server's population snapshot (DESIGN.md): built from the database at start, and kept current as writes commit.
/// A write names the people it touched (`changed`) and returns at once; the snapshot catches up in the background,
/// gathering changes for up to `gatherFor` and then reading everyone changed meanwhile in one query. A scan asks for
/// `current()`, which ends the gathering at once and waits until every change named before the call is in (usually
/// none is pending), then takes the snapshot by value (O(1)) and never waits on writers.
/// Measured (session 19): re-reading a person before answering was five statements on every referral step.
public final class PopulationStore: Sendable {
    private let state = Mutex(State())
    private let complete = Atomic<Bool>(false)
    let repository: PopulationRepository
    private let logger = Logger(label: "carebridge.population")

    struct State {
        var snapshot = PopulationSnapshot()
        /// People written while the initial build ran: re-read once it ends, so the build cannot put back an older row.
        var changedDuringBuild: Set<UUID> = []
        var deadRows = 0
        /// People whose change is not yet read into the snapshot, the count of `changed` calls so far, and the count
        /// the snapshot is current up to.
        var pending: Set<UUID> = []
        var named: UInt64 = 0
        var applied: UInt64 = 0
        var catchingUp = false
        var waiters: [(upTo: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
        /// The catch-up while it gathers changes, resumed by its timer or by a scan that wants the snapshot now.
        var gathering: CheckedContinuation<Void, Never>?
    }

    /// How long changes are gathered before they are read (a burst of writes is then one read). No reader waits for it:
    /// a scan ends the gathering. So it is as long as a change may sit unread, and it sets how often the five-statement
    /// re-read competes with requests for the processors. At 20 ms, one re-read ran for every two referral steps
    /// (counted on PostgreSQL, session 22).
    static let gatherFor = Duration.milliseconds(250)

    init(_ repository: PopulationRepository) { self.repository = repository }

    public var isComplete: Bool { complete.load(ordering: .acquiring) }

    /// The snapshot with every change named before this call in it.
    public func current() async -> PopulationSnapshot {
        let ready = state.withLock { $0.applied >= $0.named }
        if !ready {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.applied >= state.named { return true }
                    state.waiters.append((state.named, continuation))
                    return false
                }
                if now { continuation.resume() } else { endGathering() }
            }
        }
        return state.withLock { $0.snapshot }
    }

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
        await reread(changed)
        logger.info("Population snapshot built", metadata: ["people": "\(state.withLock { $0.snapshot.count })", "seconds": "\(started.duration(to: .now))"])
    }

    /// A committed write touched these people: the snapshot re-reads them soon, without holding up the caller.
    func changed(_ ids: [UUID]) {
        guard !ids.isEmpty else { return }
        let start = state.withLock { state -> Bool in
            state.pending.formUnion(ids)
            state.named += 1
            if state.catchingUp { return false }
            state.catchingUp = true
            return true
        }
        if start {
            Task {
                await gather()
                await catchUp()
            }
        }
    }

    /// Waits `gatherFor`, or less if a scan ends it.
    private func gather() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            state.withLock { $0.gathering = continuation }
            Task {
                try? await Task.sleep(for: Self.gatherFor)
                endGathering()
            }
        }
    }

    private func endGathering() {
        state.withLock { state in
            defer { state.gathering = nil }
            return state.gathering
        }?.resume()
    }

    /// Re-reads everyone pending, round after round, until nobody is; then wakes the scans waiting for those rounds.
    private func catchUp() async {
        while case let (ids, upTo)? = state.withLock({ state -> ([UUID], UInt64)? in
            guard !state.pending.isEmpty else {
                state.catchingUp = false
                return nil
            }
            defer { state.pending = [] }
            return (Array(state.pending), state.named)
        }) {
            await reread(ids)
            let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.applied = upTo
                let (ready, waiting) = (state.waiters.filter { $0.upTo <= upTo }, state.waiters.filter { $0.upTo > upTo })
                state.waiters = waiting
                return ready.map(\.continuation)
            }
            for continuation in woken { continuation.resume() }
        }
    }

    /// Reads the people's current facts into the snapshot. A failure leaves the snapshot behind for them, logged; SQL
    /// stays the source of truth and the next start rebuilds.
    private func reread(_ ids: [UUID]) async {
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
            logger.error("Population snapshot refresh failed", metadata: ["error": "\(error)"])
        }
    }
}
