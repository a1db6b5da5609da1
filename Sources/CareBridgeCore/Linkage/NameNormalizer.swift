import Foundation

/// One name word ready for comparison: folded Latin letters and their consonant skeleton.
struct FoldedToken: Equatable {
    var bytes: [UInt8]
    /// The consonants only, so an Arabic-script name written without vowels meets its vowelled Latin spelling.
    var skeleton: [UInt8]
    var abjad: Bool
}

public enum NameNormalizer {
    /// Folded Latin tokens used for comparison: transliterated, lower-cased, diacritics and punctuation removed,
    /// passport variants folded (kh/h, g/h, ya/ia/ja, yu/iu/ju, yo/e, zh/j, dzh/j, ts/c, shch/sh, ou/u, w/v, double letters...),
    /// patronymic tokens (-ovich/-evich/-ovna/-evna/-ich/-ichna, ogly/ugli/kyzy/qizi...) dropped.
    public static func tokens(_ raw: String) -> [String] {
        folded(raw, dropPatronymics: true).map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// Used to reject "a name with no letters".
    public static func hasLetters(_ raw: String) -> Bool {
        raw.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    /// Longest token kept; the bit-mask Jaro-Winkler works up to 64 letters and no name word is longer.
    static let maxTokenLength = 64

    static func folded(_ raw: String, dropPatronymics: Bool) -> [FoldedToken] {
        var tokens = Transliteration.words(raw).compactMap { word -> FoldedToken? in
            let bytes = fold(Array(word.latin.utf8))
            guard !bytes.isEmpty else { return nil }
            return FoldedToken(bytes: bytes, skeleton: skeleton(bytes), abjad: word.abjad)
        }
        if dropPatronymics { dropPatronymicTokens(&tokens) }
        return tokens
    }

    /// Drops Turkic "son/daughter of" markers with the father's name before them, and one Slavic patronymic
    /// when at least two other words remain (so a surname like Abramovich in "Ivan Abramovich" stays).
    static func dropPatronymicTokens(_ tokens: inout [FoldedToken]) {
        if let marker = tokens.lastIndex(where: { turkicMarkers.contains($0.bytes) }) {
            tokens.removeSubrange((marker > 0 ? marker - 1 : marker)...marker)
        }
        guard tokens.count >= 3,
              let index = tokens.lastIndex(where: { t in slavicSuffixes.contains { t.bytes.count > $0.count + 2 && t.bytes.ends(with: $0) } })
        else { return }
        tokens.remove(at: index)
    }

    // Folded spellings of ogly, oglu, ogli, ugli, uly, uulu, kyzy, kizi, qizi, gyzy (g folds to h).
    static let turkicMarkers: Set<[UInt8]> = Set(["ohli", "ohlu", "uhli", "uli", "ulu", "kizi", "hizi"].map { Array($0.utf8) })
    // Russian -ovich/-evna, Ukrainian -ivna/-ovych (y folds to i), Belarusian -avich/-auna, and -ich/-ichna.
    static let slavicSuffixes: [[UInt8]] = ["ovich", "evich", "avich", "ovna", "evna", "avna", "auna", "ivna", "ichna", "ich"].map { Array($0.utf8) }

    /// Folds spelling variants of one lower-case a-z word to one form: digraphs first, then i/y glides, then doubles.
    ///
    /// g and h are one letter: Ukrainian and Belarusian г is h in their passports and g in Russian ones, and many
    /// Ukrainian names have no letter that tells the language (Головко is Holovko, Галина is Halyna or Galina); Central
    /// Asian and Caucasian names swing between г, х and h the same way (Гасан/Хасан/Hasan, Гусейн/Husein).
    /// Chinese names in Russian Cyrillic follow Palladius, whose чж is pinyin zh (Чжан/Zhang) and о after a consonant
    /// pinyin uo (Го/Guo, Ло/Luo).
    static func fold(_ w: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(w.count)
        let n = w.count
        var i = 0
        @inline(__always) func has(_ s: StaticString) -> Bool {
            let len = s.utf8CodeUnitCount
            guard i + len <= n else { return false }
            let p = s.utf8Start
            for k in 0..<len where w[i + k] != p[k] { return false }
            return true
        }
        while i < n {
            if has("shch") { out += [ch.s, ch.h]; i += 4; continue }
            if has("chzh") { out.append(ch.j); i += 4; continue }
            if has("sch") || has("tch") { out += [w[i] == ch.s ? ch.s : ch.c, ch.h]; i += 3; continue }
            if has("dzh") { out.append(ch.j); i += 3; continue }
            if has("dj") || has("zh") { out.append(ch.j); i += 2; continue }
            if has("kh") { out.append(ch.h); i += 2; continue }
            if has("gh") { out.append(ch.h); i += 2; continue }
            if has("ph") { out.append(ch.f); i += 2; continue }
            if has("ts") || has("tz") { out.append(ch.c); i += 2; continue }
            if has("ck") { out.append(ch.k); i += 2; continue }
            if has("ou") || has("oo") { out.append(ch.u); i += 2; continue }
            if has("uo") { out.append(ch.o); i += 2; continue }
            if has("ee") { out.append(ch.i); i += 2; continue }
            let c = w[i]
            switch c {
            case ch.q: out.append(ch.k)
            case ch.g: out.append(ch.h)
            case ch.w: out.append(ch.v)
            case ch.x:
                // Uzbek Latin x is kh (Xurshid, Baxtiyor); elsewhere x between vowels or at the end is ks (Aleksandr, Maxim).
                let next = i + 1 < n ? w[i + 1] : 0
                if i == 0 || (next != 0 && !isVowel(next) && next != ch.y && next != ch.i) { out.append(ch.h) } else { out += [ch.k, ch.s] }
            default: out.append(c)
            }
            i += 1
        }
        return collapseDoubles(glides(out))
    }

    /// A run of i/y before a vowel is the glide y (ia, iya, yа -> ya); elsewhere it is the vowel i (iy, ii, y -> i).
    /// Glide and o is ё, which Russian passports write e and other spellings yo (Артём/Artem/Artyom, Элёр/Elyor,
    /// Ёллыев/Ýollyýew, Uzbek Ёқуб/Yoqub): both fold to e.
    static func glides(_ w: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(w.count)
        var i = 0
        while i < w.count {
            let c = w[i]
            guard c == ch.i || c == ch.y else { out.append(c); i += 1; continue }
            var end = i
            while end < w.count, w[end] == ch.i || w[end] == ch.y { end += 1 }
            let next = end < w.count ? w[end] : 0
            // After a vowel, Russian е is written e or ye (Ataev/Atayev): the glide is dropped.
            if next == ch.e, let previous = out.last, isVowel(previous) { i = end; continue }
            if next == ch.o { out.append(ch.e); i = end + 1; continue }
            out.append(isVowel(next) ? ch.y : ch.i)
            i = end
        }
        // Word-initial ye- is plain e- in ICAO spellings (Yelena/Elena, Yevgeniy/Evgenii).
        if out.count > 2, out[0] == ch.y, out[1] == ch.e { out.removeFirst() }
        return out
    }

    static func collapseDoubles(_ w: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(w.count)
        for c in w where out.last != c { out.append(c) }
        if out.count > maxTokenLength { out.removeLast(out.count - maxTokenLength) }
        return out
    }

    /// f is v too: Russian final -ov is written with ف in Arabic script and sounds f anyway.
    static func skeleton(_ w: [UInt8]) -> [UInt8] {
        collapseDoubles(w.compactMap { isVowel($0) || $0 == ch.i || $0 == ch.y ? nil : $0 == ch.f ? ch.v : $0 })
    }

    /// a, e, o, u: the vowels a glide can precede (i is handled as part of the glide run).
    @inline(__always) static func isVowel(_ c: UInt8) -> Bool {
        c == ch.a || c == ch.e || c == ch.o || c == ch.u
    }

    enum ch {
        static let a = UInt8(ascii: "a"), c = UInt8(ascii: "c"), e = UInt8(ascii: "e"), f = UInt8(ascii: "f")
        static let g = UInt8(ascii: "g"), h = UInt8(ascii: "h"), i = UInt8(ascii: "i"), j = UInt8(ascii: "j")
        static let k = UInt8(ascii: "k"), o = UInt8(ascii: "o"), q = UInt8(ascii: "q"), s = UInt8(ascii: "s")
        static let u = UInt8(ascii: "u"), v = UInt8(ascii: "v"), w = UInt8(ascii: "w"), x = UInt8(ascii: "x")
        static let y = UInt8(ascii: "y")
    }
}

extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}
