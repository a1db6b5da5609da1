import Foundation
import Testing
@testable import CareBridgeCore

/// The blocking index: what goes in can be found again, across scripts and with missing fields, and not after removal.
@Suite struct LinkageIndexTests {
    func person(_ given: String, _ family: String, _ y: Int? = 1990, _ m: Int? = 5, _ d: Int? = 12, sex: String = "male",
                citizenship: String? = "TJ", documents: [String] = [], phones: [String] = []) -> MatchInput {
        MatchInput(names: [MatchName(given: given, family: family)], birthYear: y, birthMonth: m, birthDay: d,
                   sex: sex, citizenship: citizenship, documentKeys: documents, phoneKeys: phones)
    }

    /// Blocking tests use a low threshold: they ask whether a record is reached at all, not how the model weighs it.
    static let lenient = {
        var model = MatchModel.standard
        model.candidateThreshold = 10
        return model
    }()

    func populated(_ model: MatchModel = .standard) -> MatchIndex<Int> {
        var index = MatchIndex<Int>(model: model)
        index.insert(1, person("Jamshed", "Rahimov"))
        index.insert(2, person("Hasan", "Nazarov", 1985, 2, 3))
        index.insert(3, person("Dilnoza", "Karimova", 1993, 8, 21, sex: "female", citizenship: "UZ"))
        index.insert(4, person("Oleksandr", "Shevchenko", 1979, 11, 30, citizenship: "UA"))
        index.insert(5, person("Muhammad", "Yusupov", nil, nil, nil))
        return index
    }

    @Test func insertRemoveAndReplace() {
        var index = populated()
        #expect(index.count == 5)
        #expect(index.candidates(for: person("Jamshed", "Rahimov")).map(\.id) == [1])
        index.remove(1)
        #expect(index.count == 4)
        #expect(index.candidates(for: person("Jamshed", "Rahimov")).isEmpty)
        index.remove(1)
        #expect(index.count == 4)
        // Replacing an entry: found by the new data only.
        index.insert(2, person("Farrukh", "Saidov", 1970, 1, 1))
        #expect(index.count == 4)
        #expect(index.candidates(for: person("Hasan", "Nazarov", 1985, 2, 3)).isEmpty)
        #expect(index.candidates(for: person("Farrukh", "Saidov", 1970, 1, 1)).map(\.id) == [2])
    }

    @Test func candidatesAreFoundAcrossScripts() {
        let index = populated(Self.lenient)
        #expect(index.candidates(for: person("Ҷамшед", "Раҳимов")).map(\.id) == [1])
        #expect(index.candidates(for: person("Ҳасан", "Назаров", 1985, 2, 3)).map(\.id) == [2])
        #expect(index.candidates(for: person("Олександр", "Шевченко", 1979, 11, 30, citizenship: "UA")).map(\.id) == [4])
        let arabic = MatchInput(names: [MatchName(given: "محمد", family: "يوسوپوف")], birthYear: 1990, sex: "male", citizenship: "TJ")
        #expect(index.candidates(for: arabic).map(\.id) == [5])
    }

    @Test func recordWithUnknownBirthYearIsFound() {
        let index = populated(Self.lenient)
        #expect(index.candidates(for: person("Мухаммад", "Юсупов", 1991, 4, 4)).map(\.id) == [5])
    }

    @Test func aWrongBirthYearStillFindsTheSamePersonByDocument() {
        let index = {
            var index = populated()
            index.insert(6, person("Rustam", "Aliev", 1960, 1, 1, documents: ["passport-hash"]))
            return index
        }()
        #expect(index.candidates(for: person("Rustem", "Alijev", 1999, 9, 9, documents: ["passport-hash"])).map(\.id) == [6])
    }

    @Test func candidateExcludesItself() {
        let index = populated()
        #expect(index.candidates(for: person("Jamshed", "Rahimov"), excluding: 1).isEmpty)
    }

    @Test func candidatesCarryEvidence() {
        let index = populated()
        let hit = index.candidates(for: person("Dzhamshed", "Rakhimov"))
        #expect(hit.count == 1)
        #expect(hit.first?.result.fields.count == MatchField.allCases.count)
        #expect(hit.first?.result.fields.first?.detail == "jamshed ~ jamshed (1.00)")
    }

    @Test func searchNameInCyrillicFindsTheLatinRegisteredPerson() {
        let index = populated()
        #expect(index.searchName("Шевченко Олександр").first?.id == 4)
        #expect(index.searchName("Рахимов").first?.id == 1)
        #expect(index.searchName("Karimova Dilnoza", birthYear: 1993).first?.id == 3)
        #expect(index.searchName("Karimova Dilnoza", birthYear: 1960).isEmpty)
        #expect(index.searchName("123").isEmpty)
    }

    @Test func duplicateScanReportsEachPairOnce() {
        var index = populated(Self.lenient)
        index.insert(10, person("Джамшед", "Рахимов"))
        index.insert(11, person("Mukhammad", "Yusupov", 1975, 6, 6))
        index.insert(12, person("Oleksandr", "Shevchenko", 1979, 11, 30, citizenship: "UA"))
        for parallelism in [1, 2] {
            let pairs = index.duplicatePairs(parallelism: parallelism).map { Set([$0.0, $0.1]) }
            #expect(Set(pairs) == [[1, 10], [5, 11], [4, 12]])
            #expect(pairs.count == 3)
        }
    }

    @Test func bigBlocksAreCappedButOtherKeysStillFind() {
        var index = MatchIndex<Int>(model: Self.lenient)
        // More same-name same-year people than a block holds; the birth-date key still finds the right one.
        for i in 0..<(MatchIndex<Int>.blockCap + 10) { index.insert(i, person("Muhammad", "Karimov", 1990, 1 + i % 12, 1 + (i / 12) % 28)) }
        index.insert(-1, person("Muhammad", "Karimov", 1990, 2, 30))
        let hits = index.candidates(for: person("Мухаммад", "Каримов", 1990, 2, 30), limit: 5)
        #expect(hits.first?.id == -1)
        #expect(index.blocks.values.contains { $0.count > MatchIndex<Int>.blockCap })
    }

    @Test func aCommonFullNameCountsForLessThanARareOne() {
        var index = MatchIndex<Int>()
        for i in 0..<3_000 { index.insert(i, person("Muhammad", "Karimov", 1950 + i % 50, 1 + i % 12, 1 + i % 28)) }
        index.insert(-1, person("Zafar", "Toshpulatov", 1980, nil, nil))
        index.insert(-2, person("Muhammad", "Karimov", 1980, nil, nil))
        let rare = index.candidates(for: person("Zafar", "Toshpulatov", 1980, 6, 1), excluding: nil)
        let common = index.candidates(for: person("Muhammad", "Karimov", 1980, 6, 1)).first { $0.id == -2 }
        #expect(rare.map(\.id) == [-1])
        #expect(common == nil)
    }

    @Test func aBirthYearFewPeopleShareCountsForMoreThanACommonOne() {
        // Mostly working-age people: agreeing on 1990 is weak evidence, on a child's 2019 much stronger.
        var index = MatchIndex<Int>(model: Self.lenient)
        for i in 0..<3_000 { index.insert(i, person("Given\(i)", "Family\(i)", 1985 + i % 10, 1 + i % 12, 1 + i % 28)) }
        index.insert(-1, person("Serdar", "Orazov", 1990, nil, nil))
        index.insert(-2, person("Batyr", "Gurbanov", 2019, nil, nil))
        let common = index.candidates(for: person("Serdar", "Orazov", 1990, 6, 1)).first { $0.id == -1 }
        let rare = index.candidates(for: person("Batyr", "Gurbanov", 2019, 6, 1)).first { $0.id == -2 }
        let commonDate = common?.result.fields.first { $0.field == .birthDate }
        let rareDate = rare?.result.fields.first { $0.field == .birthDate }
        let table = MatchModel.standard.weights.dateYear
        #expect(rareDate.map { $0.weight > table + 1 } == true)
        #expect(commonDate.map { $0.weight < table - 1 } == true)
        // The weight is still the sum of the evidence shown.
        for hit in [common, rare].compactMap({ $0 }) {
            #expect(abs(hit.result.weight - hit.result.fields.map(\.weight).reduce(0, +)) < 1e-9)
        }
    }

    @Test func sameNameWithOnlyABirthYearIsACandidateInASmallIndex() {
        // The registration page's case: one person known in Cyrillic with a passport, registered again in Latin.
        var index = MatchIndex<Int>()
        index.insert(1, person("Мухаммад", "Рахимов", 1991, 4, 12, documents: ["TJ:400123456"]))
        #expect(index.candidates(for: person("Mukhammad", "Rakhimov", 1991, 4, 12)).map(\.id) == [1])
        #expect(index.candidates(for: person("Muhammad", "Rahimov", 1991, 4, 12)).map(\.id) == [1])
        #expect(index.candidates(for: person("Muhammad", "Rahimov", 1991, nil, nil)).map(\.id) == [1])
        var latin = MatchIndex<Int>()
        latin.insert(2, person("Muhammad", "Rahimov", 1991, nil, nil))
        #expect(latin.candidates(for: person("Мухаммад", "Рахимов", 1991, 4, 12, documents: ["TJ:400123456"])).map(\.id) == [2])
    }

    @Test func aSharedFamilyPhoneAloneDoesNotMakeACandidate() {
        var index = populated()
        index.insert(20, person("Gulnora", "Rahimova", 1968, 3, 2, sex: "female", phones: ["375291234567"]))
        let son = person("Jamshed", "Rahimov", 1992, 7, 15, phones: ["375291234567"])
        #expect(index.candidates(for: son).isEmpty)
        index.insert(21, son)
        #expect(index.duplicatePairs().isEmpty)
    }

    @Test func aSharedPhoneFindsTheSamePersonWhoseNameAndDateKeysMiss() {
        var index = populated(Self.lenient)
        index.insert(6, person("Rustam", "Aliev", 1960, 1, 1, phones: ["375291234567"]))
        // A wrong year and a name spelled past the blocking keys: only the phone key reaches the record.
        #expect(index.candidates(for: person("Rustem", "Alijev", 1999, 9, 9)).isEmpty)
        let hits = index.candidates(for: person("Rustem", "Alijev", 1999, 9, 9, phones: ["375291234567"]))
        #expect(hits.map(\.id) == [6])
        #expect(hits.first?.result.fields.last?.field == .phone)
    }
}
