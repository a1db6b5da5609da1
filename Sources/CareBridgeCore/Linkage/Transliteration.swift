import Foundation

/// Names in Cyrillic, Arabic and Latin scripts spelled in plain lower-case Latin, one word at a time.
///
/// Cyrillic follows the passport romanizations: Russia, ICAO Doc 9303 part 3 table (used in Russian passports
/// since FMS Order No. 320 of 2014); Ukraine, Cabinet of Ministers Resolution No. 55 of 27 January 2010;
/// Belarus, the national romanization used in passports (Instruction on transliteration of Belarusian names,
/// 2007/2008), which likewise writes г as h. Uzbek, Tajik, Turkmen and Kazakh Cyrillic letters take the
/// values of their official Latin alphabets (Uzbek 1995, Turkmen 1993). Arabic uses a basic consonantal
/// romanization close to the ALA-LC table, with Central Asian readings (ض as z, ث as s). ICU's `.toLatin`
/// is kept for everything else (Han, Greek...), because for Cyrillic it produces ISO 9 (ž, č, â) whose
/// diacritics, once stripped, lose ж/з, ч/ц and я/а, and it leaves Tajik ҷ and ҳ untouched.
enum Transliteration {
    struct Word: Equatable {
        var latin: String
        /// Written in Arabic script, where short vowels are usually not written.
        var abjad: Bool
    }

    /// The words of `raw`, transliterated; apostrophes (Uzbek o', Ukrainian м'я) join, anything else that is not a letter splits.
    static func words(_ raw: String) -> [Word] {
        let lower = raw.lowercased()
        let variant = CyrillicVariant.detect(lower)
        var result: [Word] = []
        var current = ""
        var abjad = false
        var needsICU = false
        func flush() {
            if !current.isEmpty {
                var text = current
                if needsICU {
                    text = text.applyingTransform(.toLatin, reverse: false) ?? text
                    text = text.applyingTransform(.stripDiacritics, reverse: false) ?? text
                }
                let ascii = String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0.value >= 0x61 && $0.value <= 0x7A }))
                if !ascii.isEmpty { result.append(Word(latin: ascii, abjad: abjad)) }
            }
            current = ""; abjad = false; needsICU = false
        }
        for scalar in lower.unicodeScalars {
            if apostrophes.contains(scalar) { continue }
            let properties = scalar.properties
            let isMark = properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
            guard properties.isAlphabetic || isMark else { flush(); continue }
            switch scalar.value {
            case 0x61...0x7A:
                current.unicodeScalars.append(scalar)
            case 0x400...0x52F:
                current += cyrillic(scalar, variant)
            case 0x600...0x6FF, 0x750...0x77F, 0xFB50...0xFDFF, 0xFE70...0xFEFF:
                abjad = true
                current += arabic(scalar, wordStart: current.isEmpty)
            default:
                if let mapped = latinLetters[scalar] {
                    current += mapped
                } else {
                    current.unicodeScalars.append(scalar)
                    needsICU = true
                }
            }
        }
        flush()
        return result
    }

    static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{2018}", "\u{02BB}", "\u{02BC}", "`", "\u{00B4}", "\u{02B9}"]

    /// Which Slavic or Turkic reading applies to г, и and ў, decided from the letters only one language uses.
    enum CyrillicVariant {
        case russian, ukrainian, belarusian, turkic

        static func detect(_ lower: String) -> CyrillicVariant {
            var seen = Set<Unicode.Scalar>()
            for s in lower.unicodeScalars where s.value >= 0x400 && s.value <= 0x52F { seen.insert(s) }
            let turkic: Set<Unicode.Scalar> = ["ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "ҳ", "ҷ", "ӣ", "ӯ", "җ", "ҹ"]
            if !seen.isDisjoint(with: turkic) { return .turkic }
            if seen.contains("ў") { return seen.contains("і") || seen.contains("ы") ? .belarusian : .turkic }
            if seen.contains("є") || seen.contains("ї") || seen.contains("ґ") { return .ukrainian }
            if seen.contains("і") && !seen.contains("ы") && !seen.contains("э") && !seen.contains("ё") { return .ukrainian }
            return .russian
        }
    }

    static func cyrillic(_ s: Unicode.Scalar, _ variant: CyrillicVariant) -> String {
        switch s {
        case "г": return variant == .ukrainian || variant == .belarusian ? "h" : "g"
        case "и": return variant == .ukrainian ? "y" : "i"
        case "ў": return variant == .belarusian ? "u" : "o"  // Uzbek ў is Latin o'
        default: return cyrillicTable[s] ?? ""
        }
    }

    static let cyrillicTable: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "й": "y", "к": "k",
        "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
        "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
        // ё is yo here; folding makes yo and e one letter, so the ICAO e (Artem) and yo (Artyom, Uzbek Baxtiyor) both meet it.
        // Ukrainian (Resolution No. 55): є ye, і i, ї yi, ґ g.
        "є": "ye", "і": "i", "ї": "yi", "ґ": "g",
        // Uzbek қ q, ғ g', ҳ h; Tajik ҷ j, ӣ i, ӯ u; Kazakh, Kyrgyz, Turkmen, Azerbaijani extras.
        "қ": "q", "ғ": "g", "ҳ": "h", "ҷ": "j", "ӣ": "i", "ӯ": "u", "ә": "a", "ң": "n", "ө": "o", "ұ": "u",
        "ү": "u", "һ": "h", "җ": "j", "ҹ": "j", "ҝ": "g", "ј": "y", "ӏ": "",
    ]

    /// و and ي are consonants (w, y) at the start of a word and long vowels (u, i) elsewhere.
    static func arabic(_ s: Unicode.Scalar, wordStart: Bool) -> String {
        switch s {
        case "و": return wordStart ? "v" : "u"
        case "ي", "ی", "ې": return wordStart ? "y" : "i"
        default: return arabicTable[s] ?? ""
        }
    }

    static let arabicTable: [Unicode.Scalar: String] = [
        "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "i", "ب": "b", "ت": "t", "ث": "s",
        "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "z", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s",
        "ض": "z", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ک": "k", "ل": "l",
        "م": "m", "ن": "n", "ه": "h", "ة": "a", "ى": "a", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ڭ": "ng",
        // Harakat, when written: fatha, damma, kasra, superscript alif; shadda and sukun add nothing once doubles fold.
        "\u{064E}": "a", "\u{064F}": "u", "\u{0650}": "i", "\u{0670}": "a",
    ]

    /// Latin letters of the Turkic alphabets and common European ones, spelled as passports do (ş sh, ç ch, ž zh).
    static let latinLetters: [Unicode.Scalar: String] = [
        "ş": "sh", "ș": "sh", "š": "sh", "ç": "ch", "č": "ch", "ć": "ch", "ž": "zh", "ý": "y", "ň": "n", "ñ": "n",
        "ä": "a", "ö": "o", "ü": "u", "ğ": "g", "ı": "i", "ə": "a", "æ": "ae", "ø": "o", "ß": "ss", "ł": "l", "đ": "d",
        "ŋ": "n",
    ]
}
