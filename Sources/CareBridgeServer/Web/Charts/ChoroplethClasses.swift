import Foundation

/// Five classes of equal width from zero, with round bounds (0–10, 10–20, … 40–50), or bounds the caller gives; a
/// region's class picks its shade on the map.
struct ChoroplethClasses: Sendable, Equatable {
    static let count = 5

    /// The four inner bounds: a value below `bounds[0]` is in class 0, one at or above `bounds[3]` in class 4.
    var bounds: [Double]
    /// The top of the last class, for its legend label.
    var top: Double

    init(values: [Double], bounds: [Double]? = nil) {
        let largest = values.filter(\.isFinite).max() ?? 0
        if let bounds, bounds.count == Self.count - 1 {
            self.bounds = bounds.sorted()
            self.top = max(largest, self.bounds[Self.count - 2])
            return
        }
        let raw = max(largest, 1e-9) / Double(Self.count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 * (1 + 1e-9) >= raw } ?? 10 * magnitude
        self.bounds = (1..<Self.count).map { Double($0) * step }
        self.top = Double(Self.count) * step
    }

    func index(of value: Double) -> Int { bounds.firstIndex { value < $0 } ?? Self.count - 1 }

    /// Each class's range as the legend writes it ("10–20").
    func ranges(_ format: ChartFormat) -> [String] {
        let edges = [0] + bounds + [top]
        return (0..<Self.count).map { "\(format.value(edges[$0]))–\(format.value(edges[$0 + 1]))" }
    }
}
