import Foundation

extension MatchIndex {
    /// Free-text name search for the "find" page: any script, any order; a birth year, when given, allows ±1.
    /// Score: the mean, over the query's words, of each word's best similarity to any word of any of the person's spellings.
    public func searchName(_ query: String, birthYear: Int? = nil, limit: Int = 50) -> [(id: ID, score: Double)] {
        let words = Array(NameNormalizer.folded(query, dropPatronymics: true).prefix(PreparedRecord.maxTokensPerPart))
        guard !words.isEmpty else { return [] }
        var blob: [UInt8] = [1]
        PreparedRecord.appendPart(words, to: &blob)
        PreparedRecord.appendPart([], to: &blob)
        blob.append(0)  // no documents
        blob.append(0)  // no phones
        blob.append(0)  // no patronymics
        var queryFixed = FixedFields()
        if let y = birthYear, (1...9999).contains(y) { queryFixed.year = Int16(y) }
        var keys: [UInt64] = []
        var pool: [Int32] = []
        var hits: [(slot: Int32, score: Double)] = []
        blob.withUnsafeBufferPointer { qb in
            BlockingKeys.probeKeys(qb, queryFixed, wordsAlone: true, into: &keys)
            gather(keys, into: &pool)
            arena.withUnsafeBufferPointer { ab in
                for slot in pool {
                    let year = Int(fixed[Int(slot)].year)
                    if let y = birthYear, year != 0, abs(year - y) > 1 { continue }
                    let score = Self.wordScore(qb, words.count, record(ab, Int(slot)))
                    if score >= Self.searchThreshold { hits.append((slot, score)) }
                }
            }
        }
        hits.sort { $0.score != $1.score ? $0.score > $1.score : $0.slot < $1.slot }
        return hits.prefix(limit).map { (ids[Int($0.slot)]!, $0.score) }
    }

    static var searchThreshold: Double { 0.85 }

    static func wordScore(_ q: Blob.Bytes, _ wordCount: Int, _ r: Blob.Bytes) -> Double {
        var total = 0.0
        var qt = 2
        for _ in 0..<wordCount {
            var best = 0.0
            var offset = 1
            for _ in 0..<Int(r[0]) {
                for _ in 0..<2 {
                    var t = offset + 1
                    for _ in 0..<Int(r[offset]) {
                        best = max(best, NameComparison.tokenSimilarity(q, qt, r, t, wholeNames: false))
                        t += Blob.tokenSize(r, t)
                    }
                    offset += Blob.partSize(r, offset)
                }
            }
            total += best
            qt += Blob.tokenSize(q, qt)
        }
        return total / Double(wordCount)
    }
}
