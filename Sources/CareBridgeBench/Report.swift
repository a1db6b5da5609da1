import Foundation

/// The benchmark table, for the terminal and for BENCHMARKS.md, with the machine it ran on.
public enum BenchReport {
    public static func table(_ rows: [Benchmarks.Row]) -> String {
        var lines = ["| Benchmark | Database | Result | Target |", "|---|---|---|---|"]
        for row in rows { lines.append("| \(row.benchmark) | \(row.database) | \(row.result) | \(row.target) |") }
        return lines.joined(separator: "\n")
    }

    public static func machine() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last?
            .trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let memory = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("MemTotal") }
            .flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Double($0) } }
            .map { String(format: "%.0f GiB", $0 / 1_048_576) } ?? "unknown"
        #if DEBUG
        let build = "debug build"
        #else
        let build = "release build"
        #endif
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores (\(cpu)), \(memory) memory, Linux, \(build); load generator and server are separate processes on the same cores, over loopback."
    }

    public static func markdown(_ rows: [Benchmarks.Row], date: Date = Date()) -> String {
        """
        # CareBridge benchmarks

        Measured by `carebridge bench --markdown` on \(date.formatted(.iso8601.year().month().day())).
        Machine: \(machine())

        \(table(rows))

        How: `carebridge bench` creates its own data (an organization, a clinician, a person), starts
        `carebridge serve` as a child process on a fresh database, stops it, and starts it again on the
        now-existing database (the start-up figure). The load generator runs in the bench process with
        keep-alive connections. The open-loop run schedules requests at a fixed rate and measures each from
        its scheduled time, so queueing in the server counts against it. Each GET is authenticated with a
        bearer token, decided by the access policy, and audited (committed) before it is answered.
        Audit appends are measured in process: many concurrent writers record events through the
        group-committing audit log; the chain is verified afterwards.
        PostgreSQL rows appear when DATABASE_URL names a PostgreSQL server.

        """
    }
}
