import Foundation

/// The keys a record is filed under and a query looks up, so a search compares a few hundred records, not a million.
///
/// Name keys use the first four letters of a word's consonant skeleton, so محمد (mhmd) and Mukhammad (muhamad -> mhmd)
/// meet, and a vowel slip (Oleksandr/Aleksandr) does not split a block. The top byte of a key is its kind.
enum BlockingKeys {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    enum Kind: UInt8 {
        /// Name word with birth year (0 when unknown); queries probe the year, its neighbours and 0.
        case wordYear = 1
        /// Name word alone; only probed by queries without a year and by name search, and only when small.
        case word = 2
        /// Two name words of one spelling, in either order: survives a wrong birth date.
        case wordPair = 3
        /// Full birth date: survives spelling that defeats the name keys.
        case birthDate = 4
        case document = 5
        /// A phone number; shared by a household, so it only finds pairs that the weights then judge.
        case phone = 6
    }

    static let prefixLength = 4
    static let wordsPerSpelling = 4

    static func kind(_ key: UInt64) -> Kind { Kind(rawValue: UInt8(key >> 56)) ?? .word }

    /// Keys a record is filed under; sorted, without duplicates.
    static func recordKeys(_ b: Bytes, _ f: FixedFields, into keys: inout [UInt64]) {
        keys.removeAll(keepingCapacity: true)
        forEachSpelling(b) { words in
            for i in 0..<words.count {
                let w = words[i]
                keys.append(wordKey(.wordYear, b, w, year: Int(f.year)))
                keys.append(wordKey(.word, b, w, year: 0))
            }
            appendPairs(b, words, into: &keys)
        }
        if f.day != 0 { keys.append(dateKey(Int(f.year), Int(f.month), Int(f.day))) }
        appendDocuments(b, into: &keys)
        sortUnique(&keys)
    }

    /// Keys a query looks up: neighbouring years and year-unknown for each word, swapped day and month, and
    /// the word-alone keys only when the query has no year (otherwise the year keys and pairs are enough).
    static func probeKeys(_ b: Bytes, _ f: FixedFields, wordsAlone: Bool, into keys: inout [UInt64]) {
        keys.removeAll(keepingCapacity: true)
        forEachSpelling(b) { words in
            for i in 0..<words.count {
                let w = words[i]
                keys.append(wordKey(.wordYear, b, w, year: 0))
                if f.year != 0 {
                    for y in (Int(f.year) - 1)...(Int(f.year) + 1) { keys.append(wordKey(.wordYear, b, w, year: y)) }
                }
                if wordsAlone || f.year == 0 { keys.append(wordKey(.word, b, w, year: 0)) }
            }
            appendPairs(b, words, into: &keys)
        }
        if f.day != 0 {
            keys.append(dateKey(Int(f.year), Int(f.month), Int(f.day)))
            if f.day <= 12 && f.day != f.month { keys.append(dateKey(Int(f.year), Int(f.day), Int(f.month))) }
        }
        appendDocuments(b, into: &keys)
        sortUnique(&keys)
    }

    /// Calls `body` with the token offsets of each spelling's words (given and family together, at most four).
    @inline(__always)
    static func forEachSpelling(_ b: Bytes, _ body: (FixedWords) -> Void) {
        var offset = 1
        for _ in 0..<Int(b[0]) {
            var words = FixedWords()
            for _ in 0..<2 {
                let n = Int(b[offset])
                var t = offset + 1
                for _ in 0..<n {
                    words.append(t)
                    t += Blob.tokenSize(b, t)
                }
                offset += Blob.partSize(b, offset)
            }
            body(words)
        }
    }

    /// Up to four token offsets without an allocation.
    struct FixedWords {
        var storage = (0, 0, 0, 0)
        var count = 0
        mutating func append(_ offset: Int) {
            switch count {
            case 0: storage.0 = offset
            case 1: storage.1 = offset
            case 2: storage.2 = offset
            case 3: storage.3 = offset
            default: return
            }
            count += 1
        }
        subscript(i: Int) -> Int {
            switch i {
            case 0: storage.0
            case 1: storage.1
            case 2: storage.2
            default: storage.3
            }
        }
    }

    static func appendPairs(_ b: Bytes, _ words: FixedWords, into keys: inout [UInt64]) {
        guard words.count > 1 else { return }
        for i in 0..<(words.count - 1) {
            for j in (i + 1)..<words.count {
                keys.append(pairKey(b, words[i], words[j]))
            }
        }
    }

    /// The word-pair key of two words; its block size is how many people share that pair.
    static func pairKey(_ b: Bytes, _ first: Int, _ second: Int) -> UInt64 {
        let x = prefixHash(b, first), y = prefixHash(b, second)
        return tagged(.wordPair, mix(min(x, y) &* 31 &+ max(x, y)))
    }

    /// Document and phone keys: each finds the records sharing it, whatever their names and dates.
    static func appendDocuments(_ b: Bytes, into keys: inout [UInt64]) {
        let docs = Blob.documents(b)
        for i in 0..<docs.count { keys.append(tagged(.document, mix(Blob.document(b, docs.offset, i)))) }
        let phones = Blob.phones(b, after: docs)
        for i in 0..<phones.count { keys.append(tagged(.phone, mix(Blob.document(b, phones.offset, i)))) }
    }

    @inline(__always) static func wordKey(_ kind: Kind, _ b: Bytes, _ token: Int, year: Int) -> UInt64 {
        tagged(kind, mix(prefixHash(b, token) &+ UInt64(bitPattern: Int64(year)) &* 0x9E37_79B9_7F4A_7C15))
    }

    static func dateKey(_ y: Int, _ m: Int, _ d: Int) -> UInt64 {
        tagged(.birthDate, mix(UInt64(y * 10_000 + m * 100 + d)))
    }

    /// FNV-1a of the skeleton's first letters, or of the word's when it has no consonants.
    @inline(__always) static func prefixHash(_ b: Bytes, _ token: Int) -> UInt64 {
        let skeleton = Blob.skeleton(b, token)
        let source = skeleton.isEmpty ? Blob.letters(b, token) : skeleton
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in source.prefix(prefixLength) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always) static func tagged(_ kind: Kind, _ hash: UInt64) -> UInt64 {
        (hash & 0x00FF_FFFF_FFFF_FFFF) | UInt64(kind.rawValue) << 56
    }

    static func sortUnique(_ keys: inout [UInt64]) {
        keys.sort()
        var write = 0
        for read in keys.indices where read == 0 || keys[read] != keys[write - 1] {
            keys[write] = keys[read]
            write += 1
        }
        keys.removeLast(keys.count - write)
    }
}
