import CareBridgeCore
import Foundation
import Testing

@Suite("Input validation")
struct ValidationTests {
    @Test(arguments: ["minsk-clinic-5", "by-red-cross", "a1"])
    func goodSlugsPass(slug: String) throws { try Validation.slug(slug, field: "slug") }

    @Test(arguments: ["", "A", "Minsk", "-lead", "trail-", "spaces here", "кириллица"])
    func badSlugsNameTheField(slug: String) {
        let error = #expect(throws: CareBridgeError.self) { try Validation.slug(slug, field: "slug") }
        #expect(error?.field == "slug")
        #expect(error?.kind == .validation)
    }

    @Test(arguments: ["en", "ru", "uz-Latn", "zh-Hans", "fa-AF"])
    func languageTagsPass(tag: String) throws { try Validation.languageTag(tag, field: "lang") }

    @Test(arguments: ["EN", "english", "", "u"])
    func badLanguageTagsFail(tag: String) {
        #expect(throws: CareBridgeError.self) { try Validation.languageTag(tag, field: "lang") }
    }

    @Test func regionCodesFollowISO3166_2() throws {
        try Validation.regionCode("BY-HM", field: "region")
        try Validation.regionCode("BY", field: "region")
        #expect(throws: CareBridgeError.self) { try Validation.regionCode("by-hm", field: "region") }
        #expect(throws: CareBridgeError.self) { try Validation.regionCode("Minsk", field: "region") }
    }

    @Test func shortPasswordsAreRefused() {
        #expect(throws: CareBridgeError.self) { try User.validatePassword("short") }
        #expect(throws: CareBridgeError.self) { try User.validatePassword(String(repeating: "ж", count: 40)) }
    }

    @Test func withdrawnConsentIsInactiveFromTheMomentOfWithdrawal() {
        let start = Date(timeIntervalSince1970: 1_000)
        let consent = Consent(grantee: .organizationKind(.ngo), purposes: [.careCoordination], categories: [.identity],
                              validFrom: start, withdrawnAt: start.addingTimeInterval(100))
        #expect(consent.isActive(at: start.addingTimeInterval(99)))
        #expect(!consent.isActive(at: start.addingTimeInterval(100)))
        #expect(!consent.isActive(at: start.addingTimeInterval(-1)))
    }
}
