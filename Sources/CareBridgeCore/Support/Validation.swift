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

    /// ISO 3166-2 subdivision code (`BY-HM`) or a bare ISO 3166-1 alpha-2 code (`BY`).
    public static func regionCode(_ value: String, field: String) throws {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard let country = parts.first, country.count == 2, country.allSatisfy({ $0.isASCII && $0.isUppercase }),
              parts.count <= 2, parts.dropFirst().allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) } }) else {
            throw CareBridgeError.invalid(field, "'\(value)' is not a region code such as BY or BY-HM (ISO 3166-2).")
        }
    }
}
