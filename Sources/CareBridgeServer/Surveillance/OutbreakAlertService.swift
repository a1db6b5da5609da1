import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird

/// Outbreak alerts for the people who review them: reading an alert is an aggregate read (counts, thresholds); the
/// cases behind it are person-level health data, each shown only where the access policy allows and audited;
/// closing an alert and running detection on demand are for public-health officers and administrators of the
/// public-health service or the ministry.
struct OutbreakAlertService {
    let services: AppServices
    var repository: OutbreakAlertRepository { OutbreakAlertRepository(services.database) }
    var gate: AccessGate { services.gate }

    /// An alert under review: the alert, its series up to its week (two years at most), and the cases behind it.
    struct Review {
        var alert: OutbreakAlert
        var weeks: [EpiWeek]
        var observed: [Int]
        /// The threshold and alarms detection gives over the same weeks, where its method has an answer.
        var rows: [DetectionRow?]
        var cases: [HealthRecord]
        /// Cases in the week the user may not see (counted, not shown).
        var hiddenCases: Int
    }

    func list(open: Bool?, request: Request, context: AppRequestContext) async throws -> [OutbreakAlert] {
        try await gate.authorizeRead(.aggregate, of: AccessGate.Target(), request: request, context: context)
        return try await repository.list(open: open)
    }

    func alert(_ id: UUID, request: Request, context: AppRequestContext) async throws -> OutbreakAlert {
        try await gate.authorizeRead(.aggregate, of: AccessGate.Target(), request: request, context: context)
        guard let alert = try await repository.find(id: id) else { throw CareBridgeError.notFound("The alert") }
        return alert
    }

    func review(_ id: UUID, request: Request, context: AppRequestContext) async throws -> Review {
        let alert = try await self.alert(id, request: request, context: context)
        let week = try EpiWeek(parsing: alert.week, system: .iso)
        let detector = OutbreakDetector(services: services)
        let series = try await detector.series(through: week).first { $0.disease == alert.disease && $0.region == alert.region }
        var weeks: [EpiWeek] = [], observed: [Int] = [], rows: [DetectionRow?] = []
        if let series {
            let shown = Swift.min(series.counts.count, 104)
            let start = series.counts.count - shown
            weeks = (start..<series.counts.count).map { series.firstWeek.adding(weeks: $0) }
            observed = Array(series.counts.observed[start...])
            var answers: [Int: DetectionRow] = [:]
            var settings = detector.settings
            settings.lookback = shown
            if let method = settings.method(forWeeks: series.counts.count) {
                for row in (try? method.detect(series.counts)) ?? [] { answers[row.t - 1] = row }
            }
            rows = (start..<series.counts.count).map { answers[$0] }
        }
        let inWeek = try await services.healthRecords.notifications(of: alert.disease, from: week.start, through: week.end)
            .filter { alert.region == nil || $0.notification?.region == alert.region }
        let visible = try await HealthService(services: services).permitted(inWeek, request: request, context: context)
        return Review(alert: alert, weeks: weeks, observed: observed, rows: rows, cases: visible, hiddenCases: inWeek.count - visible.count)
    }

    func close(_ id: UUID, outcome: OutbreakAlert.Outcome, note: String?, expectedVersion: Int?, request: Request, context: AppRequestContext) async throws -> OutbreakAlert {
        let identity = try reviewer(context)
        guard var alert = try await repository.find(id: id) else { throw CareBridgeError.notFound("The alert") }
        if let expectedVersion, expectedVersion != alert.version { throw HealthRepository.staleVersion }
        let before = alert.version
        try alert.close(outcome: outcome, note: note, by: identity.user.id, at: services.now())
        let closed = alert
        try await services.database.write { db in try await repository.update(closed, expectedVersion: before, in: db) }
        return closed
    }

    func detectNow(request: Request, context: AppRequestContext) async throws -> [OutbreakAlert] {
        _ = try reviewer(context)
        return try await OutbreakDetector(services: services).run()
    }

    /// Public-health officers and administrators of the public-health service or the ministry.
    func reviewer(_ context: AppRequestContext) throws -> Identity {
        let identity = try context.requireIdentity()
        let kinds: [OrganizationKind] = [.publicHealthService, .healthMinistry]
        guard kinds.contains(identity.organization.kind), [.publicHealthOfficer, .admin].contains(identity.user.role) else {
            throw CareBridgeError(.forbidden, title: "Not allowed",
                                  detail: "Outbreak alerts are reviewed and closed by public-health officers of the public-health service or the ministry of health.",
                                  reason: "outbreak-reviewers-only")
        }
        return identity
    }
}
