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

    /// Index in 0..<n favouring the front (u^1.5: the first of 20 names gets ~14%, the last ~3%), so the catalog's
    /// first names are the common ones and different people often share a name.
    mutating func skewed(_ n: Int) -> Int {
        let u = unit()
        return min(n - 1, Int(u * u.squareRoot() * Double(n)))
    }
}

/// A discrete distribution sampled by a linear scan; the tables are short (at most a few dozen rows).
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
        for i in 0 ..< cumulative.count where target < cumulative[i] { return values[i] }
        return values[values.count - 1]
    }
}
