import CareBridgeCore
import CareBridgeStore
import Foundation
import Logging
import ServiceLifecycle

/// Live outbreak detection: weekly series of notified cases per disease, for the whole country and for each region,
/// through the last complete ISO week, each run with the method its history allows (LiveDetectionSettings); an
/// alarm in the latest week becomes an alert to the public-health service, once per series, week and method.
public struct OutbreakDetector: Sendable {
    let services: AppServices
    var settings = LiveDetectionSettings()

    /// One live series: its disease and region (nil: the whole country) with its weekly counts.
    public struct Series: Sendable {
        public var disease: Disease
        public var region: String?
        public var counts: CaseSeries
        public var firstWeek: EpiWeek
    }

    /// The weekly series, from the week of the first notified case (any disease: when surveillance data begins) to
    /// the last complete week, at most `years` years and a window back.
    public func series(through lastWeek: EpiWeek? = nil) async throws -> [Series] {
        let cases = try await services.healthRecords.notifiedCases()
        let through = lastWeek ?? EpiWeek(services.today, system: .iso).adding(weeks: -1)
        guard let earliest = cases.map(\.day).min() else { return [] }
        let limit = through.adding(weeks: -(52 * settings.years + settings.window + 52))
        let from = Swift.max(EpiWeek(earliest, system: .iso), limit)
        guard from <= through else { return [] }
        var days: [String: [CalendarDay]] = [:]
        for c in cases {
            days["\(c.disease.rawValue)|", default: []].append(c.day)
            days["\(c.disease.rawValue)|\(c.region)", default: []].append(c.day)
        }
        return try days.keys.sorted().map { key in
            let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let disease = Disease(rawValue: parts[0])!
            let region = parts[1].isEmpty ? nil : parts[1]
            return Series(disease: disease, region: region,
                          counts: try CaseCounts.weekly(days[key]!, from: from, through: through, name: key), firstWeek: from)
        }
    }

    /// Runs detection and stores the new alerts (refreshing the figures of open ones); returns the new ones. Runs
    /// take turns in the order they were asked for, so the last one asked for (after the last case) writes last.
    @discardableResult
    public func run(through lastWeek: EpiWeek? = nil) async throws -> [OutbreakAlert] {
        try await services.detectionQueue.serial { try await runNow(through: lastWeek) }
    }

    func runNow(through lastWeek: EpiWeek?) async throws -> [OutbreakAlert] {
        let all = try await series(through: lastWeek)
        var alerts: [OutbreakAlert] = []
        let now = services.now()
        for s in all {
            guard let method = settings.method(forWeeks: s.counts.count) else { continue }
            for row in try method.detect(s.counts) where row.alarm == true {
                alerts.append(OutbreakAlert(disease: s.disease, region: s.region, week: s.firstWeek.adding(weeks: row.t - 1),
                                            method: method.name, row: row, raisedAt: now))
            }
        }
        guard !alerts.isEmpty else { return [] }
        let found = alerts
        let repository = OutbreakAlertRepository(services.database)
        return try await services.database.write { db in
            var stored: [OutbreakAlert] = []
            for alert in found where try await repository.record(alert, in: db) { stored.append(alert) }
            return stored
        }
    }

    /// Runs detection in the background, logging rather than failing (after a notification, after an import).
    func runSoon(logger: Logger) {
        Task { [self] in
            do {
                let raised = try await run()
                if !raised.isEmpty { logger.info("Outbreak detection raised alerts", metadata: ["count": "\(raised.count)"]) }
            } catch {
                logger.warning("Outbreak detection failed", metadata: ["error": "\(error)"])
            }
        }
    }
}

/// Runs work one piece at a time, in the order it was submitted (FIFO, unlike an actor's re-entrant calls).
public actor SerialQueue {
    private var last: Task<Void, Never>?
    public init() {}

    public func serial<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = last
        let task = Task { () async throws -> T in
            await previous?.value
            return try await body()
        }
        last = Task { _ = try? await task.value }
        return try await task.value
    }
}

/// Runs live detection every `configuration.detectionInterval` seconds.
struct DetectionSchedule: Service {
    let detector: OutbreakDetector
    let interval: TimeInterval
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let raised = try await detector.run()
                    if !raised.isEmpty { logger.info("Outbreak detection raised alerts", metadata: ["count": "\(raised.count)"]) }
                } catch {
                    logger.warning("Outbreak detection failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: .seconds(interval))
            }
        }
    }
}
