import Foundation

/// A detection method with its settings: what `carebridge detect`, the benchmarks and the live alerting run.
public enum DetectionMethod: Sendable, Hashable {
    case ears(EARSControl)
    case farrington(FarringtonControl)

    /// `ears-c1`, `ears-c2`, `ears-c3` or `farrington`: the CLI's and the alerts' name for it.
    public var name: String {
        switch self {
        case .ears(let c): "ears-\(c.method.rawValue.lowercased())"
        case .farrington: "farrington"
        }
    }

    public var isFarrington: Bool { if case .farrington = self { true } else { false } }

    public func detect(_ series: CaseSeries) throws -> [DetectionRow] {
        switch self {
        case .ears(let c): try EARS.detect(series, c)
        case .farrington(let c): try Farrington.detect(series, c)
        }
    }
}

public enum OutbreakDetection {
    /// Every series, in parallel; the results in the order given. The first series that cannot be run stops all,
    /// with its error (naming the series).
    public static func run(_ series: [CaseSeries], _ method: DetectionMethod) throws -> [[DetectionRow]] {
        let results = Results(count: series.count)
        DispatchQueue.concurrentPerform(iterations: series.count) { i in
            results.set(i, Result { try method.detect(series[i]) })
        }
        return try results.values.map { try $0!.get() }
    }

    private final class Results: @unchecked Sendable {
        private(set) var values: [Result<[DetectionRow], any Error>?]
        private let lock = NSLock()
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: Result<[DetectionRow], any Error>) { lock.withLock { values[i] = r } }
    }
}
