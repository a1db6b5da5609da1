import CareBridgeCore
import CareBridgeStore
import Foundation
import Logging
import Synchronization

/// The identity matcher's blocking index over everyone registered, held in memory (DESIGN.md, "The population
/// snapshot"): built from the database at start, kept current as writes commit. SQL stays the source of truth.
/// Each server holds its own; with several servers on one PostgreSQL, a record registered on another server is
/// found by this one after its next restart (see the session note: LISTEN/NOTIFY would close that gap).
public final class PeopleIndex: Sendable {
    /// The index, and the ids written by requests while the initial build runs: the build must not put back an
    /// older row of a record changed (or merged away) after its page was read.
    private let state = Mutex(State())
    private let complete = Atomic<Bool>(false)

    struct State {
        var index = MatchIndex<UUID>()
        var changedDuringBuild: Set<UUID> = []
    }

    public init() {}

    /// Whether the initial build has finished; until then searches see only part of the registry.
    public var isComplete: Bool { complete.load(ordering: .acquiring) }
    public var count: Int { state.withLock { $0.index.count } }

    /// Loads every person not merged away; a write that commits meanwhile is applied on top.
    public func build(from people: PersonRepository, logger: Logger) async throws {
        let started = ContinuousClock.now
        try await people.forEachMatchInput { page in
            // Folding names is the costly part: done on every core, then inserted under the lock in one go.
            let prepared = try await page.concurrentMap { ($0.0, MatchIndex<UUID>.prepare($0.1)) }
            state.withLock { state in
                for (id, record) in prepared where !state.changedDuringBuild.contains(id) { state.index.insert(id, prepared: record) }
            }
        }
        state.withLock { state in
            complete.store(true, ordering: .releasing)
            state.changedDuringBuild = []
        }
        logger.info("Identity index built", metadata: ["people": "\(count)", "seconds": "\(started.duration(to: .now))"])
    }

    public func upsert(_ id: UUID, _ input: MatchInput) {
        let prepared = MatchIndex<UUID>.prepare(input)
        state.withLock { state in
            state.index.insert(id, prepared: prepared)
            if !isComplete { state.changedDuringBuild.insert(id) }
        }
    }

    public func remove(_ id: UUID) {
        state.withLock { state in
            state.index.remove(id)
            if !isComplete { state.changedDuringBuild.insert(id) }
        }
    }

    public func candidates(for input: MatchInput, excluding: UUID? = nil, limit: Int = 10) -> [MatchCandidate<UUID>] {
        state.withLock { $0.index.candidates(for: input, excluding: excluding, limit: limit) }
    }

    public func searchName(_ query: String, birthYear: Int?, limit: Int) -> [(id: UUID, score: Double)] {
        state.withLock { $0.index.searchName(query, birthYear: birthYear, limit: limit) }
    }

    public func compare(_ a: MatchInput, _ b: MatchInput) -> MatchResult {
        MatchModel.standard.compare(a, b)
    }
}
