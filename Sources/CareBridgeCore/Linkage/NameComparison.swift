import Foundation

/// The best agreement of two records' names: every spelling against every spelling, given/family either way round.
struct NameScore {
    /// Similarity in 0...1, or -1 when one side has no such part.
    var given: Double = -1
    var family: Double = -1
    var swapped = false
    /// Offsets, in each blob, of the parts compared for `given` and `family` (for the evidence text).
    var givenParts = (a: 0, b: 0)
    var familyParts = (a: 0, b: 0)
}

enum NameComparison {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    static func compare(_ a: Bytes, _ b: Bytes) -> NameScore {
        var best = NameScore()
        var bestTotal = -1.0
        var sa = 1
        for _ in 0..<Int(a[0]) {
            let givenA = sa, familyA = sa + Blob.partSize(a, sa)
            sa = familyA + Blob.partSize(a, familyA)
            var sb = 1
            for _ in 0..<Int(b[0]) {
                let givenB = sb, familyB = sb + Blob.partSize(b, sb)
                sb = familyB + Blob.partSize(b, familyB)
                let gg = partSimilarity(a, givenA, b, givenB), ff = partSimilarity(a, familyA, b, familyB)
                let straight = max(gg, 0) + max(ff, 0)
                if straight > bestTotal {
                    bestTotal = straight
                    best = NameScore(given: gg, family: ff, swapped: false, givenParts: (givenA, givenB), familyParts: (familyA, familyB))
                }
                if straight >= 1.9 { continue }  // both parts already agree; a swap cannot do better enough to matter
                let gf = partSimilarity(a, givenA, b, familyB), fg = partSimilarity(a, familyA, b, givenB)
                let swapped = max(gf, 0) + max(fg, 0)
                if swapped > bestTotal + 1e-9 {
                    bestTotal = swapped
                    best = NameScore(given: gf, family: fg, swapped: true, givenParts: (givenA, familyB), familyParts: (familyA, givenB))
                }
            }
        }
        return best
    }

    /// Multi-word parts: the mean best match of the shorter part's words, or the parts run together (Abdul Aziz / Abdulaziz).
    @inline(__always)
    static func partSimilarity(_ a: Bytes, _ pa: Int, _ b: Bytes, _ pb: Int) -> Double {
        let na = Int(a[pa]), nb = Int(b[pb])
        if na == 0 || nb == 0 { return -1 }
        if na == 1 && nb == 1 { return tokenSimilarity(a, pa + 1, b, pb + 1) }
        let (short, ps, ns, long, pl, nl) = na <= nb ? (a, pa, na, b, pb, nb) : (b, pb, nb, a, pa, na)
        var total = 0.0
        var ts = ps + 1
        for _ in 0..<ns {
            var bestToken = 0.0
            var tl = pl + 1
            for _ in 0..<nl {
                bestToken = max(bestToken, tokenSimilarity(short, ts, long, tl))
                tl += Blob.tokenSize(long, tl)
            }
            total += bestToken
            ts += Blob.tokenSize(short, ts)
        }
        let joined = tokenSimilarity(a, Blob.joinedToken(a, pa), b, Blob.joinedToken(b, pb))
        return max(total / Double(ns), joined)
    }

    /// Arabic-script words are compared by consonants only, since short vowels are not written;
    /// two words that differ only in vowels and both start with one (Uktam/O'ktam, Oleksandr/Aleksandr) count as agreeing.
    /// `wholeNames`: the words are whole names (matching), not what a clerk typed into the search box, where
    /// "Gurban" finding Gurbanmyrat is wanted.
    @inline(__always)
    static func tokenSimilarity(_ a: Bytes, _ ta: Int, _ b: Bytes, _ tb: Int, wholeNames: Bool = true) -> Double {
        if (a[ta] | b[tb]) & 1 != 0, a[ta + 2] > 0, b[tb + 2] > 0 {
            return JaroWinkler.similarity(Blob.skeleton(a, ta), Blob.skeleton(b, tb))
        }
        let la = Int(a[ta + 1]), lb = Int(b[tb + 1])
        let s = JaroWinkler.similarity(Blob.letters(a, ta), Blob.letters(b, tb), prefixBonus: !wholeNames || abs(la - lb) <= maxLengthDifferenceForPrefixBonus)
        if s < vowelOnlyAgreement, a[ta + 2] >= 3, a[ta + 2] == b[tb + 2],
           NameNormalizer.isVowel(a[ta + 3]) || a[ta + 3] == NameNormalizer.ch.i,
           NameNormalizer.isVowel(b[tb + 3]) || b[tb + 3] == NameNormalizer.ch.i,
           Blob.skeleton(a, ta).elementsEqual(Blob.skeleton(b, tb)) {
            return vowelOnlyAgreement
        }
        return s
    }

    static let vowelOnlyAgreement = 0.93

    /// Winkler's prefix bonus is for slips towards the end of one name (a typo changes the length by at most one,
    /// a romanization variant by one or two once folded). A word three or more letters longer that starts the same way
    /// is another name built on it (Gurbanov/Gurbanmuradov, Gurban/Gurbanmyrat: compound Turkic names): plain Jaro.
    static let maxLengthDifferenceForPrefixBonus = 2
}
