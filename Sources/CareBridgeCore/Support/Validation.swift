/// Shared checks for identifiers typed by people, each throwing a validation error that names the field.
public enum Validation {
    static let slugCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-")

    public static func slug(_ value: String, field: String) throws {
        guard (2...64).contains(value.count), value.allSatisfy(slugCharacters.contains),
              value.first != "-", value.last != "-" else {
            throw CareBridgeError.invalid(field, "\(field) must be 2 to 64 lowercase letters, digits or hyphens, not starting or ending with a hyphen.")
        }
    }

    public static func username(_ value: String) throws {
        let allowed = slugCharacters.union("._")
        guard (3...64).contains(value.count), value.allSatisfy(allowed.contains) else {
            throw CareBridgeError.invalid("username", "A username must be 3 to 64 lowercase letters, digits, dots, hyphens or underscores.")
        }
    }

    /// A simple BCP 47 shape check: `ru`, `uz-Latn`, `zh-Hans`, `fa-AF`.
    public static func languageTag(_ value: String, field: String) throws {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLowercase }),
              parts.dropFirst().allSatisfy({ (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) else {
            throw CareBridgeError.invalid(field, "'\(value)' is not a language tag such as en, ru or uz-Latn.")
        }
    }

    /// A named value given as text (an environment variable, a query parameter, a URL's parameter): nil when absent or
    /// empty, else `parse`'s reading of it. One that `parse` cannot read is refused, naming it and what was expected
    /// ("X must be ..., not 'y'."), rather than passed over for a default. A secret (`shown: false`) is never repeated.
    public static func named<T>(_ text: String?, _ name: String, expected: String, shown: Bool = true,
                                _ parse: (String) -> T?) throws -> T? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = parse(text) else {
            throw CareBridgeError.invalid(name, "\(name) must be \(expected)" + (shown ? ", not '\(text.prefix(40))'." : "."))
        }
        return value
    }

    /// Yes or no, in any case: `true`, `1`, `yes`, `on`, or `false`, `0`, `no`, `off`; nil for anything else.
    public static func yesNo(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: return nil
        }
    }

    /// A whole number above 0.
    public static func positive<T: FixedWidthInteger>(_ text: String) -> T? { T(text).flatMap { $0 > 0 ? $0 : nil } }

    /// ISO 3166-2 subdivision code (`BY-HM`) or a bare ISO 3166-1 alpha-2 code (`BY`).
    public static func regionCode(_ value: String, field: String) throws {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard let country = parts.first, country.count == 2, country.allSatisfy({ $0.isASCII && $0.isUppercase }),
              parts.count <= 2, parts.dropFirst().allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) } }) else {
            throw CareBridgeError.invalid(field, "'\(value)' is not a region code such as BY or BY-HM (ISO 3166-2).")
        }
    }
}
