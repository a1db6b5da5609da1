import CareBridgeCore
import Foundation
import Testing

@Suite("Message catalogs and plural rules")
struct CatalogTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/CareBridgeServer/Resources/l10n").standardized

    static func load(_ file: String) throws -> MessageCatalog {
        try JSONDecoder().decode(MessageCatalog.self, from: Data(contentsOf: folder.appendingPathComponent(file)))
    }

    static let languages = ["en", "ru", "be", "uk", "uz", "tk", "zh", "ar", "fa-AF"]

    @Test("every catalog has every English key, with the same placeholders and its language's plural forms", arguments: languages)
    func catalogMatchesEnglish(language: String) throws {
        let english = try Self.load("en.json")
        let catalog = try Self.load("\(language).json")
        #expect(catalog.language == language)
        let missing = Set(english.messages.keys).subtracting(catalog.messages.keys)
        #expect(missing.isEmpty, "\(language) lacks \(missing.sorted())")
        let extra = Set(catalog.messages.keys).subtracting(english.messages.keys)
        #expect(extra.isEmpty, "\(language) has keys English does not: \(extra.sorted())")
        for (key, message) in english.messages {
            guard let translated = catalog.messages[key] else { continue }
            #expect(translated.placeholders == message.placeholders, "\(language) \(key): placeholders \(translated.placeholders.sorted()) vs \(message.placeholders.sorted())")
            if case .plural(let forms) = translated {
                #expect(Set(forms.keys) == Set(PluralRules.categories(for: language)), "\(language) \(key): plural forms \(forms.keys.map(\.rawValue).sorted())")
            }
        }
        #expect(catalog.direction == (["ar", "fa-AF"].contains(language) ? .rtl : .ltr))
    }

    @Test func slavicPluralsHaveFewAndMany() {
        let forms = [1, 2, 5, 11, 12, 21, 22, 25, 101, 111].map { PluralRules.category(for: $0, language: "ru") }
        #expect(forms == [.one, .few, .many, .many, .many, .one, .few, .many, .one, .many])
        #expect(PluralRules.category(for: 3, language: "be") == .few)
        #expect(PluralRules.category(for: 14, language: "uk") == .many)
    }

    @Test func arabicHasSixForms() {
        let forms = [0, 1, 2, 3, 10, 11, 99, 100, 102].map { PluralRules.category(for: $0, language: "ar") }
        #expect(forms == [.zero, .one, .two, .few, .few, .many, .many, .other, .other])
    }

    @Test func localizerFillsPlaceholdersAndFallsBackToEnglish() {
        let english = MessageCatalog(language: "en", name: "English", direction: .ltr, messages: [
            "greet": .text("Hello, {name}"), "events": .plural([.one: "{count} event", .other: "{count} events"]), "only.en": .text("English only"),
        ])
        let russian = MessageCatalog(language: "ru", name: "Русский", direction: .ltr, messages: [
            "greet": .text("Здравствуйте, {name}"),
            "events": .plural([.one: "{count} событие", .few: "{count} события", .many: "{count} событий", .other: "{count} события"]),
        ])
        let l = Localizer(catalog: russian, fallback: english)
        #expect(l("greet", ["name": "Айгуль"]) == "Здравствуйте, Айгуль")
        #expect(l.plural("events", count: 3) == "3 события")
        #expect(l.plural("events", count: 5) == "5 событий")
        #expect(l("only.en") == "English only")
        #expect(l("nowhere") == "[[nowhere]]")
    }
}
