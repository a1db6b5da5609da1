import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird

/// Each indicator target of a measure against the live data: the figure now (suppressed where small, as published),
/// a few earlier figures along the measure's timeline for the chart, and whether it is on track.
struct MeasureMonitoring: Sendable {
    struct Point: Codable, Sendable, Hashable {
        var date: CalendarDay
        /// Nil where suppressed or undefined.
        var value: Double?
        var suppressed: Bool
    }
    struct Target: Codable, Sendable, Hashable {
        var target: IndicatorTarget
        /// The catalog's title key and measure (a share or days).
        var title: String
        var measure: IndicatorDefinition.Measure
        var start: CalendarDay
        var latest: Point
        var points: [Point]
        var progress: TargetProgress
    }
    var targets: [Target]
    /// The worst standing of the targets; nil when the measure has none.
    var standing: TargetProgress.Standing? { TargetProgress.overall(targets.map(\.progress.standing)) }

    /// How many earlier figures the chart shows at most.
    static let points = 6

    /// Computes over the population snapshot (`population.current()`, one for all the measures of a page); the caller
    /// has passed the access gate for aggregates. Nil while the snapshot is still being built after a start.
    static func compute(_ measure: Measure, plan: ActionPlan, services: AppServices, snapshot: PopulationSnapshot, chart: Bool = true) -> MeasureMonitoring? {
        guard services.population.isComplete else { return nil }
        let catalog = services.indicators.catalog
        let today = services.today
        let home = services.configuration.country
        func figure(_ definition: IndicatorDefinition, _ target: IndicatorTarget, on day: CalendarDay) -> Point {
            let parts = target.breakdown.map { $0.split(separator: ":").map(String.init) }
            let dimension = parts.flatMap { IndicatorDimension(rawValue: $0[0]) }
            guard let query = try? IndicatorQuery(dimensions: dimension.map { [$0] } ?? [], to: day, home: home) else {
                return Point(date: day, value: nil, suppressed: false)
            }
            let result = IndicatorResult.compute(definition, catalog: catalog, snapshot: snapshot, engine: services.health.engine, query: query)
            var f = result.overall
            if let parts, let dimension {
                guard let row = result.breakdowns.first(where: { $0.dimension == dimension })?.rows.first(where: { $0.code == parts[1] }) else {
                    return Point(date: day, value: nil, suppressed: false)
                }
                f = row.figure
            }
            return Point(date: day, value: f.suppressed ? nil : f.value, suppressed: f.suppressed)
        }
        let targets: [Target] = measure.current.indicators.compactMap { target in
            guard let definition = catalog.indicator(target.indicatorId) else { return nil }
            let start = measure.current.start ?? plan.start
            let latest = figure(definition, target, on: today)
            var points: [Point] = []
            if chart, start < today {
                let span = today.dayNumber - start.dayNumber
                let steps = min(Self.monthly(span), Self.points)
                points = (0..<steps).map { figure(definition, target, on: CalendarDay(dayNumber: start.dayNumber + span * $0 / steps)) }
            }
            points.append(latest)
            return Target(target: target, title: definition.title, measure: definition.measure, start: start, latest: latest, points: points,
                          progress: TargetProgress(target, from: start, on: today, value: latest.value))
        }
        return MeasureMonitoring(targets: targets)
    }

    /// One earlier point a month, at most `points`.
    static func monthly(_ days: Int) -> Int { max(days / 30, 1) }
}
