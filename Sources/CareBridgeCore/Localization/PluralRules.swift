/// CLDR plural categories (https://cldr.unicode.org/index/cldr-spec/plural-rules).
public enum PluralCategory: String, CaseIterable, Codable, Sendable {
    case zero, one, two, few, many, other
}

/// CLDR cardinal plural rules for whole numbers, for the languages CareBridge ships.
/// Source: Unicode CLDR "Language Plural Rules" (plurals.xml), cardinal rules, integer operands.
public enum PluralRules {
    /// The categories a language's messages must provide.
    public static func categories(for language: String) -> [PluralCategory] {
        switch base(language) {
        case "ru", "uk", "be": [.one, .few, .many, .other]
        case "ar": [.zero, .one, .two, .few, .many, .other]
        case "zh": [.other]
        default: [.one, .other]
        }
    }

    public static func category(for count: Int, language: String) -> PluralCategory {
        let n = abs(count)
        let mod10 = n % 10, mod100 = n % 100
        switch base(language) {
        case "ru", "uk", "be":
            if mod10 == 1 && mod100 != 11 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        case "ar":
            switch n {
            case 0: return .zero
            case 1: return .one
            case 2: return .two
            default:
                if (3...10).contains(mod100) { return .few }
                if (11...99).contains(mod100) { return .many }
                return .other
            }
        case "zh":
            return .other
        case "fa":
            // Persian (and Dari): "one: i = 0 or n = 1".
            return n <= 1 ? .one : .other
        default:
            return n == 1 ? .one : .other
        }
    }

    static func base(_ language: String) -> String {
        String(language.split(separator: "-").first ?? Substring(language)).lowercased()
    }
}
