import Foundation

/// An in-memory blocking index of people for duplicate search: struct-of-arrays, one byte arena for all names,
/// so a million people take a few hundred megabytes and a search allocates little beyond its result.
public struct MatchIndex<ID: Hashable & Sendable>: Sendable {
    public let model: MatchModel
    /// Per slot; nil for a removed slot awaiting reuse.
    var ids: [ID?] = []
    var fixed: [FixedFields] = []
    var blobStart: [UInt32] = []
    var blobLength: [UInt16] = []
    /// Every slot's blob, back to back; removal leaves garbage that `compact` reclaims.
    var arena: [UInt8] = []
    var garbage = 0
    var slotOf: [ID: Int32] = [:]
    var freeSlots: [Int32] = []
    var blocks: [UInt64: [Int32]] = [:]
    /// People per folded name word (FNV-1a of its letters), for frequency-based name weights.
    var wordCounts: [UInt64: Int32] = [:]
    /// People per birth year, for frequency-based birth date weights.
    var yearCounts: [Int16: Int32] = [:]

    /// Blocks larger than this are skipped (other keys of the same person still find it): a common name in a common year.
    static var blockCap: Int { 4_000 }
    /// Word-alone blocks are probed only by name search and by queries without a birth year.
    static var wordBlockCap: Int { 20_000 }
    /// A number shared by more people than this is an office's or a shelter's, not one person's.
    static var phoneBlockCap: Int { 50 }

    public init(model: MatchModel = .standard) {
        self.model = model
    }

    public var count: Int { slotOf.count }

    /// Replaces an existing entry for `id`.
    public mutating func insert(_ id: ID, _ input: MatchInput) {
        insert(id, prepared: Self.prepare(input))
    }

    /// Folds a record for the index (transliteration, normalization): the costly half of an insert, pure, so a bulk
    /// load can prepare records on every core and insert them one by one.
    public static func prepare(_ input: MatchInput) -> PreparedMatch {
        PreparedMatch(record: PreparedRecord(input))
    }

    public mutating func insert(_ id: ID, prepared: PreparedMatch) {
        remove(id)
        let record = prepared.record
        let slot: Int32
        if let reused = freeSlots.popLast() {
            slot = reused
            ids[Int(slot)] = id
            fixed[Int(slot)] = record.fixed
            blobStart[Int(slot)] = UInt32(arena.count)
            blobLength[Int(slot)] = UInt16(record.blob.count)
        } else {
            slot = Int32(ids.count)
            ids.append(id)
            fixed.append(record.fixed)
            blobStart.append(UInt32(arena.count))
            blobLength.append(UInt16(record.blob.count))
        }
        arena.append(contentsOf: record.blob)
        slotOf[id] = slot
        var keys: [UInt64] = []
        record.blob.withUnsafeBufferPointer { b in
            BlockingKeys.recordKeys(b, record.fixed, into: &keys)
            countWords(b, 1)
        }
        countYear(record.fixed, 1)
        for key in keys { blocks[key, default: []].append(slot) }
    }

    public mutating func remove(_ id: ID) {
        guard let slot = slotOf.removeValue(forKey: id) else { return }
        var keys: [UInt64] = []
        let blob = arena.withUnsafeBufferPointer { Array(record($0, Int(slot))) }
        blob.withUnsafeBufferPointer { b in
            BlockingKeys.recordKeys(b, fixed[Int(slot)], into: &keys)
            countWords(b, -1)
        }
        countYear(fixed[Int(slot)], -1)
        for key in keys {
            guard var block = blocks.removeValue(forKey: key) else { continue }
            if let at = block.firstIndex(of: slot) { block.swapAt(at, block.count - 1); block.removeLast() }
            if !block.isEmpty { blocks[key] = block }
        }
        ids[Int(slot)] = nil
        fixed[Int(slot)].live = 0
        garbage += Int(blobLength[Int(slot)])
        blobLength[Int(slot)] = 0
        freeSlots.append(slot)
        if garbage > 1 << 20 && garbage > arena.count / 2 { compact() }
    }

    /// Copies live blobs into a fresh arena.
    mutating func compact() {
        var fresh: [UInt8] = []
        fresh.reserveCapacity(arena.count - garbage)
        for slot in ids.indices where ids[slot] != nil {
            let start = Int(blobStart[slot])
            blobStart[slot] = UInt32(fresh.count)
            fresh.append(contentsOf: arena[start..<(start + Int(blobLength[slot]))])
        }
        arena = fresh
        garbage = 0
    }

    @inline(__always)
    func record(_ arena: Blob.Bytes, _ slot: Int) -> Blob.Bytes {
        let start = Int(blobStart[slot])
        return Blob.Bytes(rebasing: arena[start..<(start + Int(blobLength[slot]))])
    }

    /// People above `model.candidateThreshold`, best first, with the evidence per field.
    public func candidates(for input: MatchInput, excluding: ID? = nil, limit: Int = 20) -> [MatchCandidate<ID>] {
        let query = PreparedRecord(input)
        let excluded = excluding.flatMap { slotOf[$0] } ?? -1
        var keys: [UInt64] = []
        var pool: [Int32] = []
        var scored: [(slot: Int32, weight: Double)] = []
        return query.blob.withUnsafeBufferPointer { qb in
            BlockingKeys.probeKeys(qb, query.fixed, wordsAlone: false, into: &keys)
            gather(keys, into: &pool)
            let frequencies = partWeights(qb, query.fixed)
            return arena.withUnsafeBufferPointer { ab in
                for slot in pool where slot != excluded {
                    let d = model.breakdown(qb, query.fixed, record(ab, Int(slot)), fixed[Int(slot)])
                    let w = model.weight(d, names: frequencies.names(d.names))
                    if w >= model.candidateThreshold { scored.append((slot, w)) }
                }
                scored.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.slot < $1.slot }
                return scored.prefix(limit).map { hit in
                    MatchCandidate(id: ids[Int(hit.slot)]!,
                                   result: model.result(qb, query.fixed, record(ab, Int(hit.slot)), fixed[Int(hit.slot)],
                                                        frequencies: frequencies.names))
                }
            }
        }
    }

    /// The slots filed under `keys`, each once; oversized blocks are skipped unless nothing else is found.
    func gather(_ keys: [UInt64], into pool: inout [Int32]) {
        pool.removeAll(keepingCapacity: true)
        var smallestSkipped: [Int32]? = nil
        for key in keys {
            guard let block = blocks[key] else { continue }
            let kind = BlockingKeys.kind(key)
            let cap = kind == .word ? Self.wordBlockCap : kind == .phone ? Self.phoneBlockCap : Self.blockCap
            if block.count > cap {
                if block.count < smallestSkipped?.count ?? .max { smallestSkipped = block }
                continue
            }
            pool.append(contentsOf: block)
        }
        if pool.isEmpty, let block = smallestSkipped { pool.append(contentsOf: block.prefix(Self.blockCap)) }
        pool.sort()
        var write = 0
        for read in pool.indices where read == 0 || pool[read] != pool[write - 1] {
            pool[write] = pool[read]
            write += 1
        }
        pool.removeLast(pool.count - write)
    }
}

/// A record already folded for the index; see `MatchIndex.prepare`.
public struct PreparedMatch: Sendable {
    let record: PreparedRecord
}
