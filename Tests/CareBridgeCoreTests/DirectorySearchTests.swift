import Foundation
import Testing

@testable import CareBridgeCore

@Suite("Service directory: search")
struct DirectorySearchTests {
    static let index: DirectoryIndex = { DirectoryIndex((try? DirectoryFixtures.shipped().entries) ?? []) }()

    @Test("each filter narrows to what it says: category, care, language, region, distance, open now")
    func filters() throws {
        let index = Self.index
        #expect(index.serviceCount >= 40)
        let tb = index.search(DirectoryQuery(categories: [.tbDispensary], limit: 500))
        #expect(tb.count >= 6 && tb.allSatisfy { $0.service.categories.contains(.tbDispensary) })
        let hiv = index.search(DirectoryQuery(care: [.hivTreatment], limit: 500))
        #expect(!hiv.isEmpty && hiv.allSatisfy { $0.service.care.contains(.hivTreatment) || $0.service.cost == .free })
        let uzbek = index.search(DirectoryQuery(language: "uz-Latn", limit: 500))
        #expect(!uzbek.isEmpty && uzbek.allSatisfy { $0.service.languages.contains("uz") })
        let brest = index.search(DirectoryQuery(region: "BY-BR", limit: 500))
        #expect(!brest.isEmpty && brest.allSatisfy { $0.location.address?.region == "BY-BR" })
        // Within 20 km of central Brest: every hit is, nearer ones first among equals, and Minsk is not.
        let near = index.search(DirectoryQuery(near: (52.0976, 23.7341), withinKm: 20, limit: 500))
        #expect(!near.isEmpty && near.allSatisfy { ($0.distanceKm ?? 99) <= 20 })
        #expect(near.map { $0.distanceKm ?? 0 } == near.map { $0.distanceKm ?? 0 }.sorted())
        // Sunday 03:00: only places open around the clock (emergency stations, inpatient wards, shelters).
        let night = index.search(DirectoryQuery(openAt: (.SU, 180), limit: 500))
        #expect(night.allSatisfy { hit in hit.openNow == true && hit.service.locations.contains { $0.hours.contains { $0.days.contains(.SU) && $0.opens == 0 } } })
        #expect(night.filter { $0.service.categories.contains(.emergency) }.count >= 6 && !night.contains { $0.service.categories.contains(.polyclinic) })
        #expect(night.count < index.search(DirectoryQuery(openAt: (.TU, 600), limit: 500)).count)
    }

    @Test("free for my status uses the person's outcomes per kind of care; free-for-all services always count")
    func freeForStatus() {
        var outcomes = Dictionary(uniqueKeysWithValues: CareType.allCases.map { ($0, OutcomeKind.paid) })
        outcomes[.tbTreatment] = .free
        let free = Self.index.search(DirectoryQuery(outcomes: outcomes, onlyFree: true, limit: 500))
        #expect(free.allSatisfy { $0.outcome == .free })
        #expect(free.contains { $0.service.cost == .free } && free.contains { $0.service.care.contains(.tbTreatment) && $0.service.cost == .entitlement })
        #expect(!free.contains { $0.service.cost == .entitlement && !$0.service.care.contains(.tbTreatment) })
        // Asked for one kind of care, that kind decides: a TB dispensary that also diagnoses is paid for diagnosis.
        let diagnosis = Self.index.search(DirectoryQuery(care: [.cdDiagnosis], outcomes: outcomes, limit: 500))
        #expect(diagnosis.contains { $0.service.care.contains(.tbTreatment) && $0.outcome == .paid })
    }

    @Test("words match in any script and rank name matches first; distances are great-circle kilometres")
    func wordsAndDistance() {
        let cyrillic = Set(Self.index.search(DirectoryQuery(text: "туберкул", limit: 500)).map(\.service.id))
        let latin = Set(Self.index.search(DirectoryQuery(text: "TUBERKUL", limit: 500)).map(\.service.id))
        #expect(!cyrillic.isEmpty && cyrillic == latin)
        let redCross = Self.index.search(DirectoryQuery(text: "red cross", limit: 500))
        #expect(redCross.first.map { $0.organization.slug.hasPrefix("by-red-cross") } == true)
        #expect(abs(DirectoryIndex.kilometres(53.9006, 27.5590, 52.0976, 23.7341) - 327) < 5)  // Minsk to Brest
    }
}
