/// xoshiro256** (Blackman and Vigna, https://prng.di.unimi.it/) seeded through SplitMix64 as its authors advise.
/// Each (seed, index, stream) gets its own generator, so person i never depends on person i-1.
struct SyntheticRandom {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    init(seed: UInt64, index: Int, stream: UInt64 = 0) {
        var state = SyntheticRandom.mix(seed)
            ^ SyntheticRandom.mix(UInt64(bitPattern: Int64(index)) &* 0xD1B5_4A32_D192_ED03 &+ stream &* 0x8CB9_2BA7_2F3D_8DD7)
        s0 = SyntheticRandom.splitMix(&state)
        s1 = SyntheticRandom.splitMix(&state)
        s2 = SyntheticRandom.splitMix(&state)
        s3 = SyntheticRandom.splitMix(&state)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in 0..<n.
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform in the closed range.
    mutating func between(_ low: Int, _ high: Int) -> Int { low + below(high - low + 1) }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
}

/// A discrete distribution sampled by bisection over the cumulative weights.
struct SyntheticWeightedTable<Value: Sendable>: Sendable {
    let values: [Value]
    private let cumulative: [Double]

    init(_ rows: [(Value, Double)]) {
        values = rows.map(\.0)
        var total = 0.0
        cumulative = rows.map { total += $0.1; return total }
    }

    func sample(_ rng: inout SyntheticRandom) -> Value {
        let target = rng.unit() * cumulative[cumulative.count - 1]
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if target < cumulative[middle] { high = middle } else { low = middle + 1 }
        }
        return values[low]
    }
}

extension SyntheticWeightedTable where Value == Int {
    /// Ranks 0..<n with Zipf-Mandelbrot weights 1/(k + q) (Mandelbrot 1953; surname counts follow such a law with a
    /// flattened head), q chosen so that rank 0 gets `top` of the draws; uniform when `top` <= 1/n.
    static func ranks(_ n: Int, top: Double) -> SyntheticWeightedTable<Int> {
        precondition(n > 0)
        func head(_ q: Double) -> Double { (1 / (1 + q)) / (1 ... n).reduce(0) { $0 + 1 / (Double($1) + q) } }
        guard top > 1 / Double(n), head(0) > top else {
            return SyntheticWeightedTable((0 ..< n).map { ($0, top <= 1 / Double(n) ? 1 : 1 / Double($0 + 1)) })
        }
        var low = 0.0, high = 1e6
        for _ in 0 ..< 100 {
            let middle = (low + high) / 2
            if head(middle) > top { low = middle } else { high = middle }
        }
        return SyntheticWeightedTable((0 ..< n).map { ($0, 1 / (Double($0 + 1) + low)) })
    }
}
