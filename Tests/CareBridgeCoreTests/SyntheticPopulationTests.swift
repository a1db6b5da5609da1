@testable import CareBridgeCore
import Foundation
import Testing

@Suite("Synthetic population")
struct SyntheticPopulationTests {
    static let sample = (0 ..< 20_000).map(SyntheticPopulation(seed: 2026).person)
    static let reference = SyntheticCalendar.day(2026, 11, 29)

    @Test func sameSeedGivesTheSamePeople() {
        // setup
        let again = SyntheticPopulation(seed: 2026)
        // MUT + validation
        for index in [0, 1, 17, 999, 19_999] { #expect(again.person(index) == Self.sample[index]) }
    }

    @Test func personDependsOnlyOnSeedAndIndexNotOnOrder() {
        let population = SyntheticPopulation(seed: 2026)
        let backwards = (0 ..< 300).reversed().map(population.person)
        #expect(Array(backwards.reversed()) == Array(Self.sample.prefix(300)))
    }

    @Test func differentSeedGivesDifferentPeople() {
        let other = (0 ..< 200).map(SyntheticPopulation(seed: 2027).person)
        let same = zip(other, Self.sample).filter { $0 == $1 }.count
        #expect(same == 0)
        #expect(Set(other.map(\.names[0])) != Set(Self.sample.prefix(200).map(\.names[0])))
    }

    @Test func duplicatesPointBackToAnOriginalThatIsNotADuplicate() {
        let population = SyntheticPopulation(seed: 2026)
        for person in Self.sample {
            guard let original = person.duplicateOf else { continue }
            #expect(original < person.index)
            #expect(Self.sample[original].duplicateOf == nil)
            #expect(population.isDuplicate(person.index))
        }
        #expect(Self.sample[0].duplicateOf == nil)
    }

    @Test func duplicateShareIsAboutTheRequestedShare() {
        let observed = Double(Self.sample.filter { $0.duplicateOf != nil }.count) / Double(Self.sample.count)
        #expect(abs(observed - 0.02) < 0.005)
        let heavy = SyntheticPopulation(seed: 5, duplicateShare: 0.1)
        let heavyShare = Double((0 ..< 20_000).filter { heavy.person($0).duplicateOf != nil }.count) / 20_000
        #expect(abs(heavyShare - 0.1) < 0.01)
        let none = SyntheticPopulation(seed: 5, duplicateShare: 0)
        #expect((0 ..< 2_000).allSatisfy { none.person($0).duplicateOf == nil })
    }

    @Test func duplicatesAreNearDuplicatesNotCopies() {
        let duplicates = Self.sample.filter { $0.duplicateOf != nil }
        let differing = duplicates.filter { $0.names != Self.sample[$0.duplicateOf!].names }
        #expect(Double(differing.count) >= 0.8 * Double(duplicates.count))
        // They still describe the same person: same origin and the same birth year.
        for duplicate in duplicates {
            let original = Self.sample[duplicate.duplicateOf!]
            #expect(duplicate.citizenship == original.citizenship)
            #expect(duplicate.birthYear == original.birthYear)
        }
    }

    @Test func commonNamesAreSharedByDifferentPeople() {
        let originals = Self.sample.filter { $0.duplicateOf == nil }
        var counts: [String: Int] = [:]
        for person in originals { counts["\(person.names[0].given) \(person.names[0].family)", default: 0] += 1 }
        // With surnames spread as in life (the top one a few percent of its origin) the commonest full name in one
        // spelling is held by about five of 20,000 people; 10 was only reached with the former over-concentrated catalog.
        #expect(counts.values.contains { $0 >= 5 })
    }

    @Test func statusesComeFromTheListAndEAEUStatusesOnlyForEAEUCitizens() {
        let allowed = Set(SyntheticPopulation.statuses)
        for person in Self.sample {
            #expect(allowed.contains(person.status))
            if let previous = person.previousStatus { #expect(allowed.contains(previous)) }
            if SyntheticPopulation.eaeuStatuses.contains(person.status) {
                #expect(person.citizenship.map(SyntheticPopulation.eaeuCountries.contains) == true)
            }
        }
        #expect(Set(Self.sample.map(\.status)) == allowed)
    }

    @Test func codesFollowTheirStandards() throws {
        let regions = Set(SyntheticPopulation.regions)
        let documentTypes: Set = ["passport", "residence-permit", "refugee-certificate", "asylum-seeker-certificate",
                                  "stateless-person-travel-document"]
        for person in Self.sample {
            #expect(regions.contains(person.region))
            try Validation.regionCode(person.region, field: "region")
            for language in person.languages { try Validation.languageTag(language, field: "language") }
            #expect(["female", "male", "unknown"].contains(person.sex))
            if let citizenship = person.citizenship { #expect(citizenship.count == 2 && citizenship.allSatisfy(\.isUppercase)) }
            if let document = person.document {
                #expect(documentTypes.contains(document.type))
                #expect(!document.number.isEmpty && document.number.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) })
                if document.type == "passport" { #expect(document.issuingCountry == person.citizenship) }
            }
            if let phone = person.phone { #expect(phone.hasPrefix("+375") && phone.count == 13) }
            #expect(person.interpreterNeeded == !person.languages.contains("ru"))
        }
    }

    @Test func everyNameHasLettersInItsScript() {
        for person in Self.sample {
            #expect((1...3).contains(person.names.count))
            for name in person.names {
                #expect(["latin", "cyrillic", "arabic", "han"].contains(name.script))
                for part in [name.given, name.family] + (name.patronymic.map { [$0] } ?? []) {
                    #expect(part.contains { $0.isLetter })
                }
                if name.patronymic != nil { #expect(name.script == "cyrillic") }
            }
        }
    }

    @Test func everyCatalogEntryHasEverySpellingOfItsGroup() {
        let groups: [SyntheticNameGroup] = [.russian, .ukrainian, .belarusian, .turkmen, .uzbek, .tajik, .kyrgyz, .kazakh,
                                   .azerbaijani, .armenian, .georgian, .moldovan, .turkish, .chinese, .arabic,
                                   .persian, .urdu, .indian, .sinhala, .vietnamese, .nigerian]
        let given = groups.reduce(0) { $0 + $1.male.count + $1.female.count }
        let family = groups.reduce(0) { $0 + $1.family.count }
        #expect(given >= 80 && family >= 60)
        for group in groups {
            for entry in group.male + group.female + group.family {
                #expect(entry.forms.count == group.scripts.count)
                #expect(entry.forms.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.contains { $0.isLetter } } })
            }
        }
    }

    @Test func surnamesAreSpreadLikeRealOnes() {
        // The most common surname of an origin holds its stated share and no more (Ivanov: about 1.3% of Russians).
        for (group, top) in [(SyntheticNameGroup.russian, 0.013), (.turkmen, 0.035), (.chinese, 0.07)] {
            var rng = SyntheticRandom(seed: 9, index: 0)
            let draws = 200_000
            let first = (0 ..< draws).filter { _ in group.familyRanks.sample(&rng) == 0 }.count
            #expect(abs(Double(first) / Double(draws) - top) < 0.003)
            #expect(group.family.count >= 80 && group.male.count >= 59 && group.female.count >= 59)
        }
    }

    @Test func feminineSurnamesFollowEachLanguage() {
        #expect(SyntheticNameGroup.feminineSurname("Рахимов", .cyrillic) == "Рахимова")
        #expect(SyntheticNameGroup.feminineSurname("Öwezow", .latin) == "Öwezowa")
        #expect(SyntheticNameGroup.feminineSurname("Ковальський", .cyrillic) == "Ковальська")
        #expect(SyntheticNameGroup.feminineSurname("Шевченко", .cyrillic) == "Шевченко")
    }

    @Test func datesAreValidAndInOrder() throws {
        for person in Self.sample {
            let from = try #require(SyntheticCalendar.parse(person.statusFrom))
            #expect(from <= Self.reference)
            if let until = person.statusUntil { #expect(try #require(SyntheticCalendar.parse(until)) >= from) }
            if person.previousStatus != nil {
                let previousFrom = try #require(person.previousStatusFrom.flatMap(SyntheticCalendar.parse))
                let previousUntil = try #require(person.previousStatusUntil.flatMap(SyntheticCalendar.parse))
                #expect(previousFrom <= previousUntil && previousUntil < from)
            }
            let birth = SyntheticCalendar.day(person.birthYear, person.birthMonth ?? 1, person.birthDay ?? 1)
            #expect(birth <= Self.reference)
            if let month = person.birthMonth {
                #expect((1...12).contains(month))
                if let day = person.birthDay { #expect((1...SyntheticCalendar.daysInMonth(person.birthYear, month)).contains(day)) }
            } else {
                #expect(person.birthDay == nil)
            }
            #expect(person.arrivalYear >= person.birthYear)
            #expect(SyntheticCalendar.day(person.arrivalYear, person.arrivalMonth, 1) <= Self.reference)
            if let insurance = person.insurance {
                let start = try #require(SyntheticCalendar.parse(insurance.from))
                #expect(start <= (try #require(SyntheticCalendar.parse(insurance.until))))
            }
        }
    }

    @Test func birthPrecisionIsOftenOnlyTheYear() {
        let originals = Self.sample.filter { $0.duplicateOf == nil }
        let yearOnly = Double(originals.filter { $0.birthMonth == nil }.count) / Double(originals.count)
        #expect(abs(yearOnly - 0.15) < 0.02)
    }

    @Test func originsFollowTheLabourFigures() {
        var counts: [String: Int] = [:]
        for person in Self.sample { counts[person.citizenship ?? "stateless", default: 0] += 1 }
        let ranked = counts.sorted { $0.value > $1.value }.map(\.key)
        #expect(ranked.first == "TM")
        #expect(counts["TM", default: 0] > 3 * counts["RU", default: 0])
        #expect(counts.count >= 20)
    }

    @Test func minskCityIsTheLargestRegion() {
        var counts: [String: Int] = [:]
        for person in Self.sample { counts[person.region, default: 0] += 1 }
        #expect(counts.max { $0.value < $1.value }?.key == "BY-HM")
    }

    @Test func referenceDateMovesTheCalendar() {
        let earlier = SyntheticPopulation(seed: 2026, referenceDate: Date(timeIntervalSince1970: 0))
        let person = earlier.person(3)
        #expect(person.birthYear <= 1970)
        #expect(SyntheticCalendar.parse(person.statusFrom)! <= 0)
    }

    @Test func calendarRoundTrips() {
        for day in stride(from: -50_000, to: 50_000, by: 37) {
            let civil = SyntheticCalendar.civil(day)
            #expect(SyntheticCalendar.day(civil.year, civil.month, civil.day) == day)
            #expect(SyntheticCalendar.parse(SyntheticCalendar.text(day)) == day)
        }
        #expect(SyntheticCalendar.text(SyntheticCalendar.day(2024, 2, 29)) == "2024-02-29")
    }
}
