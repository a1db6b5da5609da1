import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A task executor over its own threads, run at a lower scheduling priority than the rest of the process: for bulk
/// work that feeds one latency-bound consumer in the same process (the demo's generators feed the SQLite writer), so
/// the consumer keeps its core when both are runnable and the bulk work takes what is left. On Linux the threads get
/// `nice` +10 (a thread's own nice value; raising it needs no privilege); elsewhere the utility quality of service.
/// Tasks run here through `withTaskExecutorPreference`; call `shutdown()` when done, and the threads end once idle.
public final class YieldingExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var next = 0
    private var stopped = false
    /// Threads still running; a job that arrives after shutdown, when all have ended, gets a new one, so no task that
    /// prefers this executor is ever stranded.
    private var alive = 0

    public init(threads count: Int) {
        condition.lock()
        alive = max(1, count)
        condition.unlock()
        for _ in 0..<max(1, count) { startThread() }
    }

    private func startThread() {
        let thread = Thread { [self] in
            #if canImport(Glibc)
            // On Linux the nice value belongs to each thread, and PRIO_PROCESS with 0 sets the calling thread's.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            #endif
            run()
        }
        #if !canImport(Glibc)
        thread.qualityOfService = .utility
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
