import CareBridgeCore
import Foundation

/// The message catalogs shipped in Resources/l10n, loaded once.
enum Catalogs {
    static let all: [String: MessageCatalog] = {
        guard let folder = Bundle.module.url(forResource: "l10n", withExtension: nil, subdirectory: "Resources"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [:] }
        var catalogs: [String: MessageCatalog] = [:]
        for name in names where name.hasSuffix(".json") {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)),
                  let catalog = try? JSONDecoder().decode(MessageCatalog.self, from: data) else { continue }
            catalogs[catalog.language] = catalog
        }
        return catalogs
    }()

    /// The switcher's order: English, the region's languages, then the others.
    static let order = ["en", "ru", "be", "uk", "uz", "tk", "zh", "ar", "fa-AF"]
    static var languages: [MessageCatalog] { order.compactMap { all[$0] } }

    static func localizer(_ language: String) -> Localizer {
        Localizer(catalog: all[language] ?? all["en"] ?? MessageCatalog(language: "en", name: "English", direction: .ltr, messages: [:]),
                  fallback: all["en"])
    }

    /// The supported language closest to a tag: exact, then by base language (`uz-Latn-UZ` -> `uz`,
    /// `fa`/`prs` -> `fa-AF`, `zh-CN` -> `zh`).
    static func match(_ tag: String) -> String? {
        let lowered = tag.trimmingCharacters(in: .whitespaces).lowercased()
        if let exact = all.keys.first(where: { $0.lowercased() == lowered }) { return exact }
        let base = String(lowered.split(separator: "-").first ?? "")
        if base == "prs" || base == "fa" { return all["fa-AF"] == nil ? nil : "fa-AF" }
        return all.keys.first { $0.lowercased().split(separator: "-").first.map(String.init) == base }
    }

    /// The best supported language in an Accept-Language header, by q-value.
    static func negotiate(_ header: String) -> String? {
        let ranges = header.split(separator: ",").map { part -> (String, Double) in
            let pieces = part.split(separator: ";")
            let q = pieces.dropFirst().first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("q=") }
                .flatMap { Double($0.trimmingCharacters(in: .whitespaces).dropFirst(2)) } ?? 1
            return (String(pieces.first ?? "").trimmingCharacters(in: .whitespaces), q)
        }
        for (tag, _) in ranges.sorted(by: { $0.1 > $1.1 }) where tag != "*" {
            if let found = match(tag) { return found }
        }
        return nil
    }
}
