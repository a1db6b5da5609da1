import NIOCore

/// A task executor that runs a task's jobs on one NIO event loop: the loop of an HTTP connection for its requests
/// (`OnItsLoop` in the server), or of the PostgreSQL connection a brief body holds. Each query's answer then resumes the body on the thread that read it, and each next query is written from
/// that thread too, so a statement costs the database's round trip and no hand-off between threads (two wake-ups of
/// another thread per statement otherwise, which on two cores were most of a statement's time).
public final class EventLoopExecutor: TaskExecutor {
    public let eventLoop: any EventLoop

    public init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // From the loop itself, `execute` queues the job for this turn of the loop without waking anything.
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
