import Synchronization

/// A fair (first come, first served) queue of leased resources: the pool behind SQLite's reader connections, and the
/// lock around its single writer connection. A lock, not an actor: leasing a free resource and giving it back cost no
/// hop to another executor.
final class ConnectionQueue<Resource: Sendable>: Sendable {
    private struct State: ~Copyable {
        var available: [Resource]
        var waiters: [CheckedContinuation<Resource, Never>] = []
    }

    private let state: Mutex<State>

    init(_ resources: [Resource]) {
        state = Mutex(State(available: resources))
    }

    func lease() async -> Resource {
        if let resource = state.withLock({ $0.available.popLast() }) { return resource }
        return await withCheckedContinuation { waiter in
            let resource: Resource? = state.withLock { state in
                if let resource = state.available.popLast() { return resource }
                state.waiters.append(waiter)
                return nil
            }
            if let resource { waiter.resume(returning: resource) }
        }
    }

    func release(_ resource: Resource) {
        let waiter: CheckedContinuation<Resource, Never>? = state.withLock { state in
            if state.waiters.isEmpty {
                state.available.append(resource)
                return nil
            }
            return state.waiters.removeFirst()
        }
        waiter?.resume(returning: resource)
    }

    /// Takes every resource out of the queue once all leases have returned (for closing).
    func drain(count: Int) async -> [Resource] {
        var drained: [Resource] = []
        while drained.count < count { drained.append(await lease()) }
        return drained
    }

    func with<T: Sendable>(_ body: (Resource) async throws -> T) async throws -> T {
        let resource = await lease()
        defer { release(resource) }
        return try await body(resource)
    }
}
