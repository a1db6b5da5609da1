import Foundation

/// How common each name word is in the index, so agreeing on "Muhammad" counts for less than agreeing on a rare name
/// (frequency-based u, Fellegi & Sunter 1969 section 3.3.2; Winkler 1989).
extension MatchIndex {
    mutating func countWords(_ b: Blob.Bytes, _ delta: Int32) {
        for hash in Self.distinctWords(b) {
            let updated = (wordCounts[hash] ?? 0) + delta
            wordCounts[hash] = updated > 0 ? updated : nil
        }
    }

    mutating func countYear(_ f: FixedFields, _ delta: Int32) {
        guard f.year != 0 else { return }
        let updated = (yearCounts[f.year] ?? 0) + delta
        yearCounts[f.year] = updated > 0 ? updated : nil
    }

    static func distinctWords(_ b: Blob.Bytes) -> [UInt64] {
        var hashes: [UInt64] = []
        forEachPart(b) { _, part in
            var t = part + 1
            for _ in 0..<Int(b[part]) {
                hashes.append(wordHash(b, t))
                t += Blob.tokenSize(b, t)
            }
        }
        BlockingKeys.sortUnique(&hashes)
        return hashes
    }

    /// The agreement weights of each name part of `b` (given and family of every spelling), by its rarest word,
    /// of each spelling's given+family pair, by the size of its word-pair block, and of its birth year.
    func partWeights(_ b: Blob.Bytes, _ f: FixedFields) -> PartWeights {
        var result = PartWeights()
        let population = Double(max(count, 1))
        if f.year != 0 {
            result.birthYear = model.birthYearBits(share: Self.share(yearCounts[f.year] ?? 0, population, MatchModel.birthYearU))
        }
        var offset = 1
        for _ in 0..<Int(b[0]) {
            let given = offset, family = offset + Blob.partSize(b, offset)
            offset = family + Blob.partSize(b, family)
            for (part, isGiven) in [(given, true), (family, false)] where b[part] > 0 {
                var t = part + 1
                var rarest = Int32.max
                for _ in 0..<Int(b[part]) {
                    rarest = min(rarest, wordCounts[Self.wordHash(b, t)] ?? 0)
                    t += Blob.tokenSize(b, t)
                }
                let prior = isGiven ? MatchModel.givenAgreeU : MatchModel.familyAgreeU
                result.parts.append((part, model.nameAgreeWeight(share: Self.share(rarest, population, prior), given: isGiven)))
            }
            if b[given] > 0 && b[family] > 0 {
                let people = blocks[BlockingKeys.pairKey(b, given + 1, family + 1)]?.count ?? 0
                let prior = MatchModel.givenAgreeU * MatchModel.familyAgreeU
                result.pairs.append((given, family, model.pairAgreeWeight(share: Self.share(Int32(people), population, prior))))
            }
        }
        return result
    }

    /// The share of people with a name, pulled towards the table's u by a prior worth 2,000 people,
    /// so a small index (a new deployment, a test) does not make every name look common or unique.
    /// One holder is left out: the record being compared is no evidence of how often strangers share its name.
    static func share(_ people: Int32, _ population: Double, _ prior: Double) -> Double {
        let weight = 2_000.0
        return (Double(max(people - 1, 0)) + weight * prior) / (max(population - 1, 0) + weight)
    }

    static func forEachPart(_ b: Blob.Bytes, _ body: (Int, Int) -> Void) {
        var offset = 1
        for spelling in 0..<Int(b[0]) {
            for _ in 0..<2 {
                body(spelling, offset)
                offset += Blob.partSize(b, offset)
            }
        }
    }

    @inline(__always) static func wordHash(_ b: Blob.Bytes, _ token: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Blob.letters(b, token) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}

/// Name agreement weights of one query, looked up by the offsets of the parts compared.
struct PartWeights {
    var parts: [(offset: Int, weight: Double)] = []
    var pairs: [(given: Int, family: Int, weight: Double)] = []
    var birthYear = 0.0

    @inline(__always) func part(_ offset: Int) -> Double? {
        for p in parts where p.offset == offset { return p.weight }
        return nil
    }

    @inline(__always) func names(_ score: NameScore) -> MatchModel.NameWeights {
        var pair: Double? = nil
        for p in pairs where p.given == score.givenParts.a && p.family == score.familyParts.a { pair = p.weight }
        return MatchModel.NameWeights(given: part(score.givenParts.a), family: part(score.familyParts.a), pair: pair, birthYear: birthYear)
    }
}
