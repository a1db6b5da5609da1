import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@testable import CareBridgeCore

@Suite("Thread executor")
struct ThreadExecutorTests {
    @Test("work preferring the executor runs on its lower-priority threads, child tasks included, in order of results")
    func runsChildTasksAtLowerPriority() async throws {
        let executor = ThreadExecutor(threads: 2, nice: 10)
        defer { executor.shutdown() }
        let squares = try await withTaskExecutorPreference(executor) {
            try await Array(0..<1_000).concurrentMap(parts: 8) { $0 * $0 }
        }
        #expect(squares == (0..<1_000).map { $0 * $0 })
        #if canImport(Glibc)
        let nice = await withTaskExecutorPreference(executor) {
            await withTaskGroup(of: Int32.self) { group in
                for _ in 0..<4 { group.addTask { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) } }
                return await group.reduce(into: [Int32]()) { $0.append($1) }
            }
        }
        #expect(nice == [10, 10, 10, 10])
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) != 10)  // the caller's own thread is untouched
        #endif
    }

    @Test("with nice 0 the thread keeps the process's priority, and the body runs on it throughout, after suspensions too")
    func normalPriorityThread() async throws {
        let executor = ThreadExecutor(threads: 1)
        defer { executor.shutdown() }
        let threads = await withTaskExecutorPreference(executor) { () async -> [UInt] in
            var threads: [UInt] = []
            for _ in 0..<3 {
                threads.append(currentThread())
                await Task.yield()
            }
            return threads
        }
        #expect(Set(threads).count == 1)
        #expect(threads.first != currentThread())
        #if canImport(Glibc)
        let nice = await withTaskExecutorPreference(executor) { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }
        #expect(nice == getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0))
        #endif
    }

    @Test("a job that arrives after shutdown, once the threads have ended, still runs")
    func lateJobsRun() async throws {
        let executor = ThreadExecutor(threads: 1)
        executor.shutdown()
        try await Task.sleep(for: .milliseconds(50))  // the thread sees the stop and ends
        let value = await withTaskExecutorPreference(executor) { await withTaskGroup(of: Int.self) { group in
            group.addTask { 41 + 1 }
            return await group.reduce(0, +)
        } }
        #expect(value == 42)
    }
}

/// The calling thread's identity (a synchronous function, so async code reads the thread it is running on).
private func currentThread() -> UInt { UInt(bitPattern: Int(bitPattern: pthread_self())) }
