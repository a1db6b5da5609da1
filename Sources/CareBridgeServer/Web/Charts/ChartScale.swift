import Foundation

/// A value axis from zero to a round maximum with round steps (0, 5, 10, … or 0, 0.2, 0.4, …), about `target` of them.
struct ChartScale: Sendable, Equatable {
    var maximum: Double
    var step: Double

    init(upTo largest: Double, target: Int = 5, integers: Bool = true) {
        let top = largest.isFinite && largest > 0 ? largest : 1
        let raw = top / Double(max(target, 1))
        let magnitude = pow(10, floor(log10(raw)))
        // Counts step by 1, 2 or 5 times a power of ten (never 2.5, which would round to 3).
        let factors: [Double] = integers && magnitude < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10]
        let step = factors.map { $0 * magnitude }.first { $0 >= raw * (1 - 1e-9) } ?? 10 * magnitude
        self.step = integers ? max(step.rounded(.up), 1) : step
        self.maximum = (top / self.step).rounded(.up) * self.step
    }

    var ticks: [Double] {
        let count = Int((maximum / step).rounded())
        return (0...count).map { Double($0) * step }
    }

    /// Where `value` falls between `low` (zero) and `high` (the maximum) on the page.
    func position(_ value: Double, from low: Double, to high: Double) -> Double {
        low + (high - low) * min(max(value / maximum, 0), 1)
    }
}
