import Foundation

/// Birth date, sex and citizenship in 8 bytes; 0 is "not recorded".
struct FixedFields: Sendable, Hashable {
    var year: Int16 = 0
    var month: UInt8 = 0
    var day: UInt8 = 0
    /// 1 female, 2 male, 3 other; "unknown" is 0 like nil, since it says nothing about a match.
    var sex: UInt8 = 0
    var live: UInt8 = 1
    /// Two ASCII upper-case letters, first in the high byte.
    var citizenship: UInt16 = 0

    init() {}

    init(_ input: MatchInput) {
        if let y = input.birthYear, (1...9999).contains(y) {
            year = Int16(y)
            if let m = input.birthMonth, (1...12).contains(m) {
                month = UInt8(m)
                if let d = input.birthDay, (1...31).contains(d) { day = UInt8(d) }
            }
        }
        switch input.sex?.lowercased() {
        case "female": sex = 1
        case "male": sex = 2
        case "other": sex = 3
        default: sex = 0
        }
        if let code = input.citizenship?.uppercased().utf8, code.count == 2 {
            citizenship = UInt16(code.first!) << 8 | UInt16(code[code.index(after: code.startIndex)])
        }
    }
}

/// A record's names and documents, folded once at insert time into one byte blob that comparisons walk without allocating.
///
/// Layout: `[spellings]` then per spelling a given part and a family part, each `[tokens] token... [joined token if tokens > 1]`;
/// a token is `[flags][length][skeleton length] letters skeleton` (flag 1: from Arabic script);
/// then `[documents]` and 8 bytes (FNV-1a of the key) per document; then `[phones]` and 8 bytes per phone the same way;
/// then `[patronymics]` and a token per distinct patronymic.
struct PreparedRecord: Sendable {
    var blob: [UInt8]
    var fixed: FixedFields

    static let maxSpellings = 8
    static let maxTokensPerPart = 6
    static let maxDocuments = 16
    static let maxPhones = 8
    static let maxPatronymics = 4

    init(_ input: MatchInput) {
        fixed = FixedFields(input)
        var spellings: [([FoldedToken], [FoldedToken])] = []
        for name in input.names {
            var given = NameNormalizer.folded(name.given, dropPatronymics: false)
            var family = NameNormalizer.folded(name.family, dropPatronymics: false)
            Self.dropPatronymics(given: &given, family: &family)
            guard !(given.isEmpty && family.isEmpty) else { continue }
            let spelling = (Array(given.prefix(Self.maxTokensPerPart)), Array(family.prefix(Self.maxTokensPerPart)))
            if spellings.contains(where: { $0.0 == spelling.0 && $0.1 == spelling.1 }) { continue }
            spellings.append(spelling)
            if spellings.count == Self.maxSpellings { break }
        }
        var blob: [UInt8] = [UInt8(spellings.count)]
        for (given, family) in spellings {
            Self.appendPart(given, to: &blob)
            Self.appendPart(family, to: &blob)
        }
        let documents = Array(Set(input.documentKeys.filter { !$0.isEmpty })).sorted().prefix(Self.maxDocuments)
        blob.append(UInt8(documents.count))
        for key in documents { withUnsafeBytes(of: Self.fnv1a(key).littleEndian) { blob.append(contentsOf: $0) } }
        let phones = Array(Set(input.phoneKeys.filter { !$0.isEmpty })).sorted().prefix(Self.maxPhones)
        blob.append(UInt8(phones.count))
        for key in phones { withUnsafeBytes(of: Self.fnv1a(key).littleEndian) { blob.append(contentsOf: $0) } }
        var patronymics: [FoldedToken] = []
        for name in input.names {
            guard let patronymic = name.patronymic,
                  let token = NameNormalizer.folded(patronymic, dropPatronymics: false).first, !patronymics.contains(token) else { continue }
            patronymics.append(token)
        }
        blob.append(UInt8(min(patronymics.count, Self.maxPatronymics)))
        for token in patronymics.prefix(Self.maxPatronymics) { Self.appendToken(token, to: &blob) }
        self.blob = blob
    }

    /// A patronymic typed into the given-name field (Иван Иванович) and "Kamil ogly" in either field are not names to compare.
    static func dropPatronymics(given: inout [FoldedToken], family: inout [FoldedToken]) {
        for part in [0, 1] {
            var tokens = part == 0 ? given : family
            if let marker = tokens.lastIndex(where: { NameNormalizer.turkicMarkers.contains($0.bytes) }), tokens.count > 1 {
                tokens.removeSubrange((marker > 0 ? marker - 1 : marker)...marker)
            }
            if part == 0 { given = tokens } else { family = tokens }
        }
        if given.count >= 2, !family.isEmpty, let last = given.last,
           NameNormalizer.slavicSuffixes.contains(where: { last.bytes.count > $0.count + 2 && last.bytes.ends(with: $0) }) {
            given.removeLast()
        }
    }

    static func appendPart(_ tokens: [FoldedToken], to blob: inout [UInt8]) {
        blob.append(UInt8(tokens.count))
        for token in tokens { appendToken(token, to: &blob) }
        if tokens.count > 1 {
            let limit = NameNormalizer.maxTokenLength
            appendToken(FoldedToken(bytes: Array(tokens.flatMap(\.bytes).prefix(limit)),
                                    skeleton: Array(tokens.flatMap(\.skeleton).prefix(limit)),
                                    abjad: tokens.contains(where: \.abjad)), to: &blob)
        }
    }

    static func appendToken(_ token: FoldedToken, to blob: inout [UInt8]) {
        blob.append(token.abjad ? 1 : 0)
        blob.append(UInt8(token.bytes.count))
        blob.append(UInt8(token.skeleton.count))
        blob.append(contentsOf: token.bytes)
        blob.append(contentsOf: token.skeleton)
    }

    static func fnv1a(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}

/// Walking a blob: offsets of tokens, parts and spellings.
enum Blob {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    @inline(__always) static func tokenSize(_ b: Bytes, _ at: Int) -> Int { 3 + Int(b[at + 1]) + Int(b[at + 2]) }

    @inline(__always) static func letters(_ b: Bytes, _ at: Int) -> Bytes {
        Bytes(rebasing: b[(at + 3)..<(at + 3 + Int(b[at + 1]))])
    }

    @inline(__always) static func skeleton(_ b: Bytes, _ at: Int) -> Bytes {
        let start = at + 3 + Int(b[at + 1])
        return Bytes(rebasing: b[start..<(start + Int(b[at + 2]))])
    }

    @inline(__always) static func partSize(_ b: Bytes, _ at: Int) -> Int {
        let n = Int(b[at])
        var offset = at + 1
        for _ in 0..<(n > 1 ? n + 1 : n) { offset += tokenSize(b, offset) }
        return offset - at
    }

    /// The whole part as one token: its joined token, or its only token.
    @inline(__always) static func joinedToken(_ b: Bytes, _ at: Int) -> Int {
        let n = Int(b[at])
        var offset = at + 1
        if n > 1 { for _ in 0..<n { offset += tokenSize(b, offset) } }
        return offset
    }

    /// Offset of the document count.
    static func documentsOffset(_ b: Bytes) -> Int {
        var offset = 1
        for _ in 0..<Int(b[0]) { offset += partSize(b, offset); offset += partSize(b, offset) }
        return offset
    }

    static func documents(_ b: Bytes) -> (offset: Int, count: Int) {
        let at = documentsOffset(b)
        return (at + 1, Int(b[at]))
    }

    /// Phone keys follow the documents; like them, 8 bytes each.
    @inline(__always) static func phones(_ b: Bytes) -> (offset: Int, count: Int) {
        phones(b, after: documents(b))
    }

    @inline(__always) static func phones(_ b: Bytes, after d: (offset: Int, count: Int)) -> (offset: Int, count: Int) {
        let at = d.offset + 8 * d.count
        return (at + 1, Int(b[at]))
    }

    /// Offset of the first patronymic token and their number; a blob built without the section has none.
    @inline(__always) static func patronymics(_ b: Bytes) -> (offset: Int, count: Int) {
        let p = phones(b)
        let at = p.offset + 8 * p.count
        return at < b.count ? (at + 1, Int(b[at])) : (at, 0)
    }

    /// The `index`th 8-byte key of a document or phone section.
    @inline(__always) static func document(_ b: Bytes, _ offset: Int, _ index: Int) -> UInt64 {
        var value: UInt64 = 0
        for k in 0..<8 { value |= UInt64(b[offset + index * 8 + k]) << (8 * UInt64(k)) }
        return value
    }

    /// The part's words, space-separated, for evidence.
    static func partText(_ b: Bytes, _ at: Int) -> String {
        var words: [String] = []
        var offset = at + 1
        for _ in 0..<Int(b[at]) {
            words.append(String(decoding: letters(b, offset), as: UTF8.self))
            offset += tokenSize(b, offset)
        }
        return words.joined(separator: " ")
    }
}
