extension Array where Element: Sendable {
    /// `map` split into `parts` contiguous slices run as concurrent tasks, results in the original order: for bulk work
    /// (generating, folding names) that is pure per element and worth spreading over the cores. The slices run on
    /// `executor`: by default Swift's global pool, even when the caller runs on one thread (a request on its
    /// connection's event loop, `OnItsLoop`), which would otherwise run them one after another.
    public func concurrentMap<Result: Sendable>(parts: Int = 8, on executor: any TaskExecutor = globalConcurrentExecutor,
                                                _ transform: @escaping @Sendable (Element) throws -> Result) async throws -> [Result] {
        let size = Swift.max(1, (count + parts - 1) / Swift.max(1, parts))
        return try await withThrowingTaskGroup(of: (Int, [Result]).self) { group in
            for (part, start) in stride(from: 0, to: count, by: size).enumerated() {
                let slice = self[start..<Swift.min(count, start + size)]
                group.addTask(executorPreference: executor) { (part, try slice.map(transform)) }
            }
            var chunks: [(Int, [Result])] = []
            for try await chunk in group { chunks.append(chunk) }
            return chunks.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
