import Foundation

/// One language's messages: key to text with `{named}` placeholders, or to plural forms.
public struct MessageCatalog: Decodable, Sendable {
    public enum Direction: String, Decodable, Sendable {
        case ltr, rtl
    }

    public enum Message: Decodable, Sendable, Equatable {
        case text(String)
        case plural([PluralCategory: String])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .text(text)
                return
            }
            let forms = try container.decode([String: String].self)
            var plural: [PluralCategory: String] = [:]
            for (key, value) in forms {
                guard let category = PluralCategory(rawValue: key) else {
                    throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(key)' is not a CLDR plural category")
                }
                plural[category] = value
            }
            self = .plural(plural)
        }

        /// Every `{name}` placeholder the message uses, in all its forms.
        public var placeholders: Set<String> {
            switch self {
            case .text(let text): MessageCatalog.placeholders(in: text)
            case .plural(let forms): forms.values.reduce(into: Set()) { $0.formUnion(MessageCatalog.placeholders(in: $1)) }
            }
        }
    }

    /// BCP 47 tag, e.g. `ru`, `fa-AF`.
    public var language: String
    /// The language's name for itself, shown in the language switcher.
    public var name: String
    public var direction: Direction
    public var messages: [String: Message]

    public init(language: String, name: String, direction: Direction, messages: [String: Message]) {
        self.language = language
        self.name = name
        self.direction = direction
        self.messages = messages
    }

    public static func placeholders(in text: String) -> Set<String> {
        var names = Set<String>()
        var current: String?
        for character in text {
            if character == "{" { current = "" } else if character == "}", let name = current {
                names.insert(name)
                current = nil
            } else if current != nil { current?.append(character) }
        }
        return names
    }
}
