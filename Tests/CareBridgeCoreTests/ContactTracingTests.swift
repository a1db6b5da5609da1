@testable import CareBridgeCore
import Foundation
import Testing

private typealias F = HealthFixtures

@Suite("Contact tracing: contacts, their follow-up, and transmission chains")
struct ContactTracingTests {
    static let casePerson = UUID(), contactPerson = UUID(), today = F.day("2026-11-15")

    static func contact(from: String? = "2026-09-01", last: String = "2026-10-01", followUps: [Contact.FollowUp] = [], person: UUID = contactPerson) -> Contact {
        Contact(caseID: UUID(), personID: person, exposure: .household, exposedFrom: from.map(F.day), lastExposure: F.day(last), followUps: followUps)
    }

    @Test("a sound contact passes")
    func sound() throws {
        try Self.contact(followUps: [.init(due: F.day("2026-10-01"), doneOn: F.day("2026-10-02"), outcome: .wellNoSymptoms)])
            .validate(casePersonID: Self.casePerson, today: Self.today)
        try Self.contact(from: nil).validate(casePersonID: Self.casePerson, today: Self.today)
    }

    @Test("the case cannot be its own contact")
    func caseIsNotItsContact() throws {
        let error = try #require(#expect(throws: CareBridgeError.self) {
            try Self.contact(person: Self.casePerson).validate(casePersonID: Self.casePerson, today: Self.today)
        })
        #expect(error.field == "personId" && error.detail.contains("cannot be the case itself"))
    }

    @Test("exposure dates in order and not in the future")
    func exposureDates() throws {
        let error = try #require(#expect(throws: CareBridgeError.self) {
            try Self.contact(from: "2026-10-02", last: "2026-10-01").validate(casePersonID: Self.casePerson, today: Self.today)
        })
        #expect(error.field == "exposedFrom" && error.detail.contains("after lastExposure"))
        try Self.contact(from: "2026-10-01", last: "2026-10-01").validate(casePersonID: Self.casePerson, today: Self.today)
        #expect(#expect(throws: CareBridgeError.self) {
            try Self.contact(from: nil, last: "2026-11-16").validate(casePersonID: Self.casePerson, today: Self.today)
        }?.field == "lastExposure")
    }

    @Test("a follow-up cannot be done before the exposure began, nor carry an outcome without being done")
    func followUpDates() throws {
        // Exposure began 2026-09-01: a visit on 2026-08-31 cannot be a follow-up of it.
        let early = Self.contact(followUps: [.init(due: F.day("2026-10-01"), doneOn: F.day("2026-10-01")), .init(due: F.day("2026-10-01"), doneOn: F.day("2026-08-31"))])
        let error = try #require(#expect(throws: CareBridgeError.self) { try early.validate(casePersonID: Self.casePerson, today: Self.today) })
        #expect(error.field == "followUps[1].doneOn" && error.detail.contains("before the exposure"))
        // Without a start of exposure, the last exposure is the bound.
        let noStart = Self.contact(from: nil, followUps: [.init(due: F.day("2026-10-01"), doneOn: F.day("2026-09-30"))])
        #expect(#expect(throws: CareBridgeError.self) { try noStart.validate(casePersonID: Self.casePerson, today: Self.today) }?.field == "followUps[0].doneOn")
        let outcomeOnly = Self.contact(followUps: [.init(due: F.day("2026-10-01"), outcome: .symptomatic)])
        #expect(#expect(throws: CareBridgeError.self) { try outcomeOnly.validate(casePersonID: Self.casePerson, today: Self.today) }?.field == "followUps[0].doneOn")
        let future = Self.contact(followUps: [.init(due: F.day("2026-10-01"), doneOn: F.day("2026-11-16"))])
        #expect(#expect(throws: CareBridgeError.self) { try future.validate(casePersonID: Self.casePerson, today: Self.today) }?.field == "followUps[0].doneOn")
    }

    @Test("TB contacts are followed up on the day of last exposure, 91 days and a year after")
    func tbSchedule() {
        let last = F.day("2026-01-10")
        let schedule = Contact.schedule(for: .tuberculosis, lastExposure: last)
        #expect(schedule.map { last.days(until: $0.due) } == [0, 91, 365])
        // Counted on the calendar: 21 days left of January, 28 of February, 31 of March and 11 of April make 91; 2026 is not a leap year.
        #expect(schedule.map(\.due) == [F.day("2026-01-10"), F.day("2026-04-11"), F.day("2027-01-10")])
        #expect(schedule.allSatisfy { $0.doneOn == nil && $0.outcome == nil })
        // Measles through its 21-day incubation.
        #expect(Contact.schedule(for: .measles, lastExposure: last).map { last.days(until: $0.due) } == [0, 7, 14, 21])
    }

    @Test("follow-up is due when a visit is past its day undone, completed when all are done, scheduled otherwise")
    func followUpStatus() {
        var contact = Self.contact(last: "2026-01-10", followUps: Contact.schedule(for: .tuberculosis, lastExposure: F.day("2026-01-10")))
        #expect(contact.status(on: F.day("2026-01-09")) == .scheduled)
        #expect(contact.status(on: F.day("2026-01-10")) == .due)
        contact.followUps[0].doneOn = F.day("2026-01-12")
        #expect(contact.status(on: F.day("2026-04-10")) == .scheduled)
        #expect(contact.status(on: F.day("2026-04-11")) == .due)
        #expect(contact.followUpStatus == .scheduled)   // without a day, nothing is overdue
        contact.followUps[1].doneOn = F.day("2026-04-11")
        contact.followUps[2].doneOn = F.day("2027-01-11")
        #expect(contact.status(on: F.day("2027-02-01")) == .completed && contact.followUpStatus == .completed)
        var record = F.record(.contact, "2026-01-10")
        record.contact = contact
        #expect(record.status == "completed" && record.otherPersonID == Self.contactPerson)
    }
}

@Suite("Transmission chains")
struct TransmissionGraphTests {
    typealias Cases = [UUID: (caseID: UUID, disease: Disease, classification: CaseClassification)]
    static let a = UUID(), b = UUID(), c = UUID(), d = UUID()
    static let cases: Cases = [a: (UUID(), .tuberculosis, .confirmed), b: (UUID(), .tuberculosis, .probable)]

    static func generations(_ graph: TransmissionGraph) -> [UUID: Int] {
        Dictionary(graph.nodes.map { ($0.personID, $0.generation) }, uniquingKeysWith: { x, _ in x })
    }

    @Test("from the last contact of a chain, the graph walks up to the index case and lays it out by generation")
    func chain() throws {
        // A exposed B (household); B, a case too, exposed C (close) and D (casual).
        let contacts: [(casePersonID: UUID, contactPersonID: UUID, exposure: Contact.Exposure)] =
            [(Self.a, Self.b, .household), (Self.b, Self.c, .close), (Self.b, Self.d, .casual)]
        let graph = TransmissionGraph.build(from: Self.c, cases: Self.cases, contacts: contacts)
        #expect(graph.nodes.first?.personID == Self.a)
        #expect(Self.generations(graph) == [Self.a: 0, Self.b: 1, Self.c: 2, Self.d: 2])
        #expect(graph.nodes.count == 4)
        #expect(Set(graph.edges.map { "\($0.from)>\($0.to) \($0.exposure.rawValue)" })
                == ["\(Self.a)>\(Self.b) household", "\(Self.b)>\(Self.c) close", "\(Self.b)>\(Self.d) casual"])
        // Cases carry their case; people who are only contacts do not.
        let byPerson = Dictionary(graph.nodes.map { ($0.personID, $0) }, uniquingKeysWith: { x, _ in x })
        #expect(byPerson[Self.b]?.caseID == Self.cases[Self.b]?.caseID && byPerson[Self.b]?.classification == .probable)
        #expect(byPerson[Self.c]?.caseID == nil && byPerson[Self.c]?.disease == nil)
        // Positions number the people of one generation from 0.
        #expect(Set(graph.nodes.filter { $0.generation == 2 }.map(\.position)) == [0, 1])
        // Starting from the middle gives the same chain.
        #expect(Self.generations(TransmissionGraph.build(from: Self.b, cases: Self.cases, contacts: contacts)) == Self.generations(graph))
    }

    @Test("a cycle of exposures is visited once and the walk ends")
    func cycle() {
        let contacts: [(casePersonID: UUID, contactPersonID: UUID, exposure: Contact.Exposure)] =
            [(Self.a, Self.b, .household), (Self.b, Self.c, .close), (Self.c, Self.a, .close)]
        let graph = TransmissionGraph.build(from: Self.c, cases: Self.cases, contacts: contacts)
        #expect(graph.nodes.count == 3 && Set(graph.nodes.map(\.personID)) == [Self.a, Self.b, Self.c])
        #expect(Set(graph.nodes.map(\.generation)) == [0, 1, 2])
        #expect(graph.edges.count == 3)
        // A person alone is a chain of one.
        let alone = TransmissionGraph.build(from: Self.d, cases: [:], contacts: contacts)
        #expect(alone.nodes.map(\.personID) == [Self.d] && alone.edges.isEmpty)
    }
}
