import Foundation

/// Jaro-Winkler similarity (Winkler 1990): Jaro's matching-characters score raised for a common prefix of up to
/// four letters, scaling factor 0.1, the values in the record-linkage literature (MARTHA/MARHTA 0.961).
public enum JaroWinkler {
    public static func similarity(_ a: String, _ b: String) -> Double {
        let x = a.unicodeScalars.map(\.value), y = b.unicodeScalars.map(\.value)
        return x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { yp in similarity(xp, yp) } }
    }

    /// The fast path used on folded tokens: no allocation while both are at most 64 long (matched flags in bit masks).
    @inline(__always)
    static func similarity<T: Equatable>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>, prefixBonus: Bool = true) -> Double {
        let la = a.count, lb = b.count
        if la == 0 || lb == 0 { return 0 }
        if la > 64 || lb > 64 { return slowSimilarity(Array(a), Array(b), prefixBonus: prefixBonus) }
        let window = max(0, max(la, lb) / 2 - 1)
        var matchedA: UInt64 = 0, matchedB: UInt64 = 0
        var matches = 0
        for i in 0..<la {
            let lo = max(0, i - window), hi = min(lb - 1, i + window)
            if lo > hi { continue }
            let ai = a[i]
            for j in lo...hi where matchedB & (1 << UInt64(j)) == 0 && b[j] == ai {
                matchedA |= 1 << UInt64(i)
                matchedB |= 1 << UInt64(j)
                matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var halfTranspositions = 0
        var restA = matchedA, restB = matchedB
        while restA != 0 {
            let i = restA.trailingZeroBitCount, j = restB.trailingZeroBitCount
            if a[i] != b[j] { halfTranspositions += 1 }
            restA &= restA - 1
            restB &= restB - 1
        }
        let plain = jaro(matches, halfTranspositions / 2, la, lb)
        return prefixBonus ? winkler(jaro: plain, a, b) : plain
    }

    @inline(__always)
    static func jaro(_ m: Int, _ t: Int, _ la: Int, _ lb: Int) -> Double {
        let md = Double(m)
        return (md / Double(la) + md / Double(lb) + (md - Double(t)) / md) / 3
    }

    @inline(__always)
    static func winkler<C: Collection>(jaro: Double, _ a: C, _ b: C) -> Double where C.Element: Equatable {
        var prefix = 0
        for (x, y) in zip(a, b) { if x == y && prefix < 4 { prefix += 1 } else { break } }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    static func slowSimilarity<T: Equatable>(_ a: [T], _ b: [T], prefixBonus: Bool = true) -> Double {
        let la = a.count, lb = b.count
        let window = max(0, max(la, lb) / 2 - 1)
        var usedA = [Bool](repeating: false, count: la), usedB = [Bool](repeating: false, count: lb)
        var matches = 0
        for i in 0..<la {
            let lo = max(0, i - window), hi = min(lb - 1, i + window)
            if lo > hi { continue }
            for j in lo...hi where !usedB[j] && b[j] == a[i] {
                usedA[i] = true; usedB[j] = true; matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var half = 0, j = 0
        for i in 0..<la where usedA[i] {
            while !usedB[j] { j += 1 }
            if a[i] != b[j] { half += 1 }
            j += 1
        }
        let plain = jaro(matches, half / 2, la, lb)
        return prefixBonus ? winkler(jaro: plain, a, b) : plain
    }
}
