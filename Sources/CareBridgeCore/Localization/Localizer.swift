import Foundation

/// Renders messages, plurals, dates and numbers in one language, falling back to English for a
/// missing key and, if English lacks it too, showing the key in double brackets so tests catch it.
public struct Localizer: Sendable {
    public let catalog: MessageCatalog
    let fallback: MessageCatalog?

    public init(catalog: MessageCatalog, fallback: MessageCatalog?) {
        self.catalog = catalog
        self.fallback = fallback
    }

    public var language: String { catalog.language }
    public var isRightToLeft: Bool { catalog.direction == .rtl }

    /// The message for `key` with `{name}` placeholders filled from `arguments`.
    public func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        switch catalog.messages[key] ?? fallback?.messages[key] {
        case .text(let text)?: return Self.fill(text, arguments)
        case .plural(let forms)?: return Self.fill(forms[.other] ?? forms.values.first ?? "", arguments)
        case nil: return "[[\(key)]]"
        }
    }

    /// The plural form of `key` for `count`, with `{count}` formatted for the language.
    public func plural(_ key: String, count: Int, _ arguments: [String: String] = [:]) -> String {
        var arguments = arguments
        arguments["count"] = number(count)
        let message = catalog.messages[key].map { ($0, language) } ?? fallback?.messages[key].map { ($0, "en") }
        switch message {
        case (.plural(let forms), let lang)?:
            let category = PluralRules.category(for: count, language: lang)
            return Self.fill(forms[category] ?? forms[.other] ?? "", arguments)
        case (.text(let text), _)?: return Self.fill(text, arguments)
        case nil: return "[[\(key)]]"
        }
    }

    public func number(_ value: Int) -> String {
        value.formatted(.number.locale(locale))
    }

    /// Date and time in the language's conventions, in UTC (the audit log's time zone).
    public func dateTime(_ date: Date) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .shortened).locale(locale)
        style.timeZone = TimeZone(identifier: "UTC")!
        return date.formatted(style)
    }

    public var locale: Locale { Locale(identifier: language) }

    static func fill(_ text: String, _ arguments: [String: String]) -> String {
        guard text.contains("{") else { return text }
        var result = text
        for (name, value) in arguments { result = result.replacingOccurrences(of: "{\(name)}", with: value) }
        return result
    }
}
