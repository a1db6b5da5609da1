import Foundation

/// Whether an indicator is on its way from the baseline to the target: the live value against the straight line from
/// the baseline (on the day the measure starts) to the target (on its date).
public struct TargetProgress: Codable, Sendable, Hashable {
    public enum Standing: String, Codable, Sendable, CaseIterable, Comparable {
        /// At or past the target.
        case achieved
        /// At least where the straight line says it should be by now (less a tenth of the way, for noise).
        case onTrack = "on-track"
        /// Short of that.
        case behind
        /// The date passed and the target was not reached.
        case missed
        /// No live value: suppressed (fewer than five people), or nobody counted.
        case noData = "no-data"

        /// Worst first when a measure has several targets: missed, behind, no data, on track, achieved.
        var severity: Int { [.missed: 0, .behind: 1, .noData: 2, .onTrack: 3, .achieved: 4][self]! }
        public static func < (a: Standing, b: Standing) -> Bool { a.severity < b.severity }
    }

    public var standing: Standing
    /// The value the straight line gives for `on`.
    public var expected: Double
    /// The share of the way from baseline to target covered (may be negative or above 1).
    public var progress: Double?

    public static let tolerance = 0.1

    public init(_ target: IndicatorTarget, from start: CalendarDay, on day: CalendarDay, value: Double?) {
        let due = target.targetDate ?? day
        let span = Double(max(due.dayNumber - start.dayNumber, 1))
        let elapsed = min(max(Double(day.dayNumber - start.dayNumber) / span, 0), 1)
        let gap = target.target - target.baseline
        expected = target.baseline + gap * elapsed
        guard let value, gap != 0 else {
            (standing, progress) = (.noData, nil)
            return
        }
        let covered = (value - target.baseline) / gap
        progress = covered
        if covered >= 1 { standing = .achieved }
        // Before the measure starts nothing is expected of it yet: a figure below the baseline then is not "behind".
        else if day < start { standing = .onTrack }
        else if day > due { standing = .missed }
        else if covered >= elapsed - Self.tolerance { standing = .onTrack }
        else { standing = .behind }
    }

    /// One standing for several targets: the worst of them; nil when there are none.
    public static func overall(_ standings: [Standing]) -> Standing? { standings.min() }
}
