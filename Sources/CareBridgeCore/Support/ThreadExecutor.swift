import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A task executor over its own threads. Tasks run here through `withTaskExecutorPreference`; call `shutdown()` when
/// done, and the threads end once idle. Two uses:
/// - bulk work that feeds one latency-bound consumer in the same process (the demo's generators feed the SQLite
///   writer) runs with `nice` 10, so the consumer keeps its core when both are runnable and the bulk work takes what
///   is left. On Linux the nice value belongs to each thread (raising it needs no privilege); elsewhere a positive
///   `nice` means the utility quality of service;
/// - one thread per SQLite connection (`SQLiteLane`, `nice` 0): a database body and every statement in it run there.
public final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var next = 0
    private var stopped = false
    /// Threads still running; a job that arrives after shutdown, when all have ended, gets a new one, so no task that
    /// prefers this executor is ever stranded.
    private var alive = 0
    private let nice: Int32
    private let name: String

    public init(threads count: Int, nice: Int32 = 0, name: String = "cb-executor") {
        self.nice = nice
        self.name = name
        condition.lock()
        alive = max(1, count)
        condition.unlock()
        for _ in 0..<max(1, count) { startThread() }
    }

    private func startThread() {
        let thread = Thread { [self] in
            #if canImport(Glibc)
            // PRIO_PROCESS with 0 sets the calling thread's own nice value on Linux.
            if nice != 0 { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice) }
            #endif
            Thread.current.name = name  // set from the thread itself, so the system's thread name (top, perf) shows it too
            run()
        }
        #if !canImport(Glibc)
        if nice > 0 { thread.qualityOfService = .utility }
        #endif
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        let revive = alive == 0
        if revive { alive = 1 }
        condition.signal()
        condition.unlock()
        if revive { startThread() }
    }

    /// Lets the threads end once every job enqueued so far has run.
    public func shutdown() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func run() {
        while let job = take() { job.runSynchronously(on: asUnownedTaskExecutor()) }
    }

    /// The oldest job waiting, or nil once stopped with none left (the thread then ends).
    private func take() -> UnownedJob? {
        condition.lock()
        defer { condition.unlock() }
        while next == jobs.count && !stopped { condition.wait() }
        guard next < jobs.count else {
            alive -= 1
            return nil
        }
        let job = jobs[next]
        next += 1
        if next == jobs.count { jobs.removeAll(keepingCapacity: true); next = 0 }
        return job
    }
}
