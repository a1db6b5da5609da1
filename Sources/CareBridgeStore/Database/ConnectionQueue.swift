/// A fair (first come, first served) queue of leased resources: the pool behind SQLite's
/// reader connections, and the lock around its single writer connection.
actor ConnectionQueue<Resource: Sendable> {
    private var available: [Resource]
    private var waiters: [CheckedContinuation<Resource, Never>] = []

    init(_ resources: [Resource]) {
        self.available = resources
    }

    func lease() async -> Resource {
        if let resource = available.popLast() { return resource }
        return await withCheckedContinuation { waiters.append($0) }
    }

    func release(_ resource: Resource) {
        if waiters.isEmpty {
            available.append(resource)
        } else {
            waiters.removeFirst().resume(returning: resource)
        }
    }

    /// Takes every resource out of the queue once all leases have returned (for closing).
    func drain(count: Int) async -> [Resource] {
        var drained: [Resource] = []
        while drained.count < count { drained.append(await lease()) }
        return drained
    }

    func with<T: Sendable>(_ body: (Resource) async throws -> T) async throws -> T {
        let resource = await lease()
        do {
            let result = try await body(resource)
            release(resource)
            return result
        } catch {
            release(resource)
            throw error
        }
    }
}
