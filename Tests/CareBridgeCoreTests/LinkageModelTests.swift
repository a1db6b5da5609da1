import Foundation
import Testing
@testable import CareBridgeCore

/// The Fellegi-Sunter model: which pairs reach the candidate threshold, and the evidence shown for them.
@Suite struct LinkageModelTests {
    let model = MatchModel.standard

    func person(_ given: String, _ family: String, _ y: Int? = 1990, _ m: Int? = 5, _ d: Int? = 12, sex: String? = "male",
                citizenship: String? = "UZ", documents: [String] = [], phones: [String] = []) -> MatchInput {
        MatchInput(names: [MatchName(given: given, family: family)], birthYear: y, birthMonth: m, birthDay: d,
                   sex: sex, citizenship: citizenship, documentKeys: documents, phoneKeys: phones)
    }

    @Test func samePersonInThreeScriptsIsACandidate() {
        let border = person("Мухаммад", "Каримов")
        let clinic = person("Mukhammad", "Karimov")
        let ngo = MatchInput(names: [MatchName(given: "محمد", family: "كريموف")], birthYear: 1990, birthMonth: 5, birthDay: 12, sex: "male")
        #expect(model.compare(border, clinic).weight >= model.candidateThreshold)
        #expect(model.compare(clinic, ngo).weight >= model.candidateThreshold)
        #expect(model.compare(border, ngo).probability > 0.9)
    }

    @Test func differentPeopleWithCommonNamesAndDifferentBirthDatesStayBelowThreshold() {
        let a = person("Muhammad", "Karimov", 1990, 5, 12)
        let b = person("Mukhammad", "Karimov", 1978, 11, 3)
        #expect(model.compare(a, b).weight < model.candidateThreshold)
        let c = person("Alisher", "Usmonov", 1985, 1, 1)
        let d = person("Alisher", "Usmanov", 1992, 7, 30)
        #expect(model.compare(c, d).weight < model.candidateThreshold)
    }

    @Test func differentNamesSameBirthDateStayBelowThreshold() {
        #expect(model.compare(person("Rustam", "Nazarov"), person("Farrukh", "Saidov")).weight < model.candidateThreshold)
    }

    @Test func evidenceListsEveryFieldInOrder() {
        let result = model.compare(person("Mukhammad", "Karimov", documents: ["k1"]), person("Muhammad", "Karimov", 1990, 12, 5, documents: ["k1"]))
        #expect(result.fields.map(\.field) == MatchField.allCases)
        #expect(result.fields[0].detail == "muhamad ~ muhamad (1.00)")
        #expect(result.fields[0].level == .agree)
        #expect(result.fields[2].level == .partial)  // day and month swapped
        #expect(result.fields[2].detail.contains("swapped"))
        #expect(result.fields[3].detail == "male = male")
        #expect(result.fields[4].detail == "UZ = UZ")
        #expect(result.fields[5].level == .agree)
        #expect(result.fields[6].field == .phone && result.fields[6].level == .missing)
        #expect(abs(result.weight - result.fields.map(\.weight).reduce(0, +)) < 1e-9)
    }

    @Test func birthDateComparesAtItsPrecision() {
        func date(_ a: MatchInput, _ b: MatchInput) -> FieldEvidence { model.compare(a, b).fields[2] }
        #expect(date(person("A", "B", 1990, 5, 12), person("A", "B", 1990, 5, 12)).level == .agree)
        #expect(date(person("A", "B", 1990, nil, nil), person("A", "B", 1990, 5, 12)).level == .partial)
        #expect(date(person("A", "B", 1990, 5, 12), person("A", "B", 1990, 5, 13)).level == .partial)  // one digit
        #expect(date(person("A", "B", 1990, 5, 12), person("A", "B", 1909, 5, 12)).level == .partial)  // adjacent digits swapped
        #expect(date(person("A", "B", 1990, 5, 12), person("A", "B", 1990, 12, 5)).level == .partial)  // day and month swapped
        #expect(date(person("A", "B", 1990, 5, 12), person("A", "B", 1984, 2, 27)).level == .disagree)
        #expect(date(person("A", "B", nil, nil, nil), person("A", "B", 1990, 5, 12)).level == .missing)
        #expect(date(person("A", "B", nil, nil, nil), person("A", "B", 1990, 5, 12)).weight == 0)
        // Without days a one-digit slip is no evidence: 05 and 06 differ in one digit like most months do.
        #expect(date(person("A", "B", 1990, 5, nil), person("A", "B", 1990, 6, nil)).level == .disagree)
        #expect(date(person("A", "B", 1990, nil, nil), person("A", "B", 1991, nil, nil)).level == .disagree)
        #expect(date(person("A", "B", 1990, 5, nil), person("A", "B", 1990, 11, nil)).level == .disagree)
    }

    @Test func sharedDocumentIsStrongAndDifferentDocumentsMild() {
        let a = person("Dilnoza", "Karimova", sex: "female", documents: ["doc-1"])
        let shared = model.compare(a, person("Zarina", "Saidova", 1970, 1, 1, sex: "female", documents: ["doc-1"])).fields[5]
        let different = model.compare(a, person("Dilnoza", "Karimova", sex: "female", documents: ["doc-2"])).fields[5]
        #expect(shared.level == .agree && shared.weight > 15)
        #expect(different.level == .disagree && different.weight > -2 && different.weight < 0)
        // A renewed passport does not hide an otherwise exact match.
        #expect(model.compare(a, person("Dilnoza", "Karimova", sex: "female", documents: ["doc-2"])).weight >= model.candidateThreshold)
    }

    @Test func otherSpellingsAreComparedToo() {
        let a = MatchInput(names: [MatchName(given: "Aziz", family: "Rahimov"), MatchName(given: "Азиз", family: "Абдуллаев")],
                           birthYear: 1988, birthMonth: 3, birthDay: 9, sex: "male")
        let b = MatchInput(names: [MatchName(given: "Aziz", family: "Abdullayev")], birthYear: 1988, birthMonth: 3, birthDay: 9, sex: "male")
        let result = model.compare(a, b)
        #expect(result.fields[1].level == .agree)
        #expect(result.weight >= model.candidateThreshold)
    }

    @Test func sexDisagreementLowersTheWeight() {
        let same = model.compare(person("Sasha", "Petrenko", sex: "female"), person("Sasha", "Petrenko", sex: "female")).weight
        let different = model.compare(person("Sasha", "Petrenko", sex: "female"), person("Sasha", "Petrenko", sex: "male")).weight
        #expect(different < same - 5)
    }

    @Test func patronymicsCountWithTheGivenNameWhenBothRecordsHaveOne() {
        func named(_ patronymic: String?) -> MatchInput {
            MatchInput(names: [MatchName(given: "Сергей", family: "Иванов", patronymic: patronymic)], birthYear: 1980,
                       sex: "male", citizenship: "RU")
        }
        let plain = model.compare(named(nil), named("Петрович"))
        let same = model.compare(named("Петрович"), named("Петрович"))
        let other = model.compare(named("Петрович"), named("Николаевич"))
        #expect(same.weight > plain.weight + 4 && other.weight < plain.weight - 3)
        #expect(same.fields[0].detail.contains("; patronymic "))
        #expect(!plain.fields[0].detail.contains("patronymic"))
        #expect(abs(other.weight - other.fields.map(\.weight).reduce(0, +)) < 1e-9)
    }

    @Test func phoneAgreementLiftsABorderlinePairAboveTheThreshold() {
        // A birth year only, a new passport and no citizenship on one side: the names alone leave it just below.
        let clinic = person("Aman", "Jumayev", 1991, nil, nil, documents: ["doc-1"], phones: ["375291234567"])
        let ngo = { (phones: [String]) in person("Аман", "Джумаев", 1991, nil, nil, citizenship: nil, documents: ["doc-2"], phones: phones) }
        let without = model.compare(clinic, ngo([]))
        let shared = model.compare(clinic, ngo(["375291234567"]))
        let other = model.compare(clinic, ngo(["375447654321"]))
        #expect(without.weight < model.candidateThreshold)
        #expect(shared.weight >= model.candidateThreshold)
        #expect(shared.fields[6].level == .agree && shared.fields[6].weight > 10)
        // Weaker than a shared document: households share one number.
        #expect(shared.fields[6].weight < model.weights.documentAgree)
        // A new SIM card is common: a different number is mild evidence against.
        #expect(other.fields[6].level == .disagree && other.fields[6].weight > -2 && other.fields[6].weight < 0)
        #expect(without.fields[6].level == .missing && without.fields[6].weight == 0)
    }

    @Test func aMotherAndSonSharingAPhoneAndSurnameAreNotACandidate() {
        let mother = person("Gulnora", "Rahimova", 1968, 3, 2, sex: "female", documents: ["doc-m"], phones: ["375291234567"])
        let son = person("Jamshed", "Rahimov", 1992, 7, 15, documents: ["doc-s"], phones: ["375291234567"])
        let result = model.compare(mother, son)
        #expect(result.fields[6].level == .agree)
        #expect(result.weight < model.candidateThreshold)
    }

    @Test func phoneEvidenceDoesNotShowTheNumber() {
        let result = model.compare(person("Aziz", "Karimov", phones: ["375291234567", "375447654321"]),
                                   person("Aziz", "Karimov", phones: ["375447654321"]))
        let phone = result.fields.first { $0.field == .phone }
        #expect(phone?.level == .agree)
        #expect(phone.map { !$0.detail.contains("375") } == true)
        #expect(abs(result.weight - result.fields.map(\.weight).reduce(0, +)) < 1e-9)
    }
}
