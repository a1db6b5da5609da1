import Foundation

extension MatchIndex {
    /// Every pair above the candidate threshold, each once, for a full de-duplication pass.
    public func duplicatePairs(parallelism: Int = 2) -> [(ID, ID, MatchResult)] {
        let workers = max(1, parallelism)
        let sink = PairSink()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var keys: [UInt64] = []
            var pool: [Int32] = []
            var found: [PairSink.Pair] = []
            arena.withUnsafeBufferPointer { ab in
                // Interleaved slots balance the workers without coordination.
                for i in stride(from: worker, to: ids.count, by: workers) where ids[i] != nil {
                    let a = record(ab, i), fa = fixed[i]
                    BlockingKeys.probeKeys(a, fa, wordsAlone: false, into: &keys)
                    gather(keys, into: &pool)
                    let frequencies = partWeights(a, fa)
                    for slot in pool {
                        let j = Int(slot)
                        // Probing is symmetric except for year-unknown records, so those pairs are kept from both sides and deduplicated.
                        guard j != i, j > i || fa.year == 0 || fixed[j].year == 0 else { continue }
                        let d = model.breakdown(a, fa, record(ab, j), fixed[j])
                        let w = model.weight(d, names: frequencies.names(d.names))
                        if w >= model.candidateThreshold { found.append(PairSink.Pair(low: Int32(i), high: Int32(j))) }
                    }
                }
            }
            sink.add(found)
        }
        // Name frequencies make the weight depend on which side asks; a pair found from both sides keeps the lower slot's view.
        var seen = Set<PairSink.Pair>()
        let pairs = sink.pairs.sorted { (min($0.low, $0.high), $0.low) < (min($1.low, $1.high), $1.low) }.filter {
            seen.insert(PairSink.Pair(low: min($0.low, $0.high), high: max($0.low, $0.high))).inserted
        }
        return arena.withUnsafeBufferPointer { ab in
            pairs.map { p in
                let i = Int(p.low), j = Int(p.high)
                let a = record(ab, i)
                let frequencies = partWeights(a, fixed[i])
                return (ids[i]!, ids[j]!, model.result(a, fixed[i], record(ab, j), fixed[j], frequencies: frequencies.names))
            }
        }
    }
}

/// Collects the workers' pairs. @unchecked Sendable: `pairs` is only touched under `lock`.
final class PairSink: @unchecked Sendable {
    struct Pair: Hashable { var low: Int32; var high: Int32 }
    private let lock = NSLock()
    private(set) var pairs: [Pair] = []

    func add(_ found: [Pair]) {
        lock.lock()
        pairs.append(contentsOf: found)
        lock.unlock()
    }
}
