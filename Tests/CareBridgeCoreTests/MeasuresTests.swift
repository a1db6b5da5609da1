@testable import CareBridgeCore
import Foundation
import Testing

@Suite("Measures of an action plan: status machine, versions, amendments, positions, word diff, progress, changelog")
struct MeasuresTests {
    static let ministry = UUID(), ngo = UUID(), border = UUID(), plan = UUID()
    static func day(_ s: String) -> CalendarDay { try! CalendarDay(parsing: s, field: "day") }
    static func actor(_ org: UUID, _ at: String = "2027-03-01T10:00:00Z") -> MeasureActor {
        MeasureActor(userID: UUID(), username: "u", organizationID: org, at: ISO8601DateFormatter().date(from: at)!)
    }
    static func content(_ text: String = "Extend free TB treatment to temporary residents.") -> MeasureContent {
        MeasureContent(title: ["en": "Free TB treatment", "ru": "Бесплатное лечение ТБ"], text: ["en": text], responsibleOrganizationID: ministry,
                       contributingOrganizationIDs: [ngo], start: day("2027-01-01"), end: day("2029-12-31"),
                       indicators: [IndicatorTarget(indicatorId: "tb-treatment-success", baseline: 0.6, target: 0.85, targetDate: day("2029-12-31"))])
    }
    static func measure() throws -> Measure { try Measure(planID: plan, number: 1, content: content(), by: actor(ngo)) }

    @Test("a measure moves one step at a time, may be dropped from any open state, and an illegal step is a conflict naming both states")
    func statusMachine() throws {
        var m = try Self.measure()
        let error = #expect(throws: CareBridgeError.self) { try m.changeStatus(to: .agreed, by: Self.actor(Self.ministry), note: nil) }
        #expect(error?.kind == .conflict && error?.reason == "illegal-transition" && error?.detail.contains("proposed") == true && error?.detail.contains("agreed") == true)
        for next in [MeasureStatus.underDiscussion, .agreed, .inProgress, .done] { try m.changeStatus(to: next, by: Self.actor(Self.ministry), note: nil) }
        #expect(m.status == .done && m.statusHistory.count == 4 && m.revision == 5)
        #expect(throws: CareBridgeError.self) { try m.changeStatus(to: .dropped, by: Self.actor(Self.ministry), note: nil) }
        for state in MeasureStatus.allCases where !state.isFinal { #expect(state.next.contains(.dropped)) }
        #expect(MeasureStatus.done.next.isEmpty && MeasureStatus.dropped.next.isEmpty)
    }

    @Test("an indicator target without a date is refused, naming the field; so are a title in no language and an end before the start")
    func contentValidation() {
        var c = Self.content()
        c.indicators[0].targetDate = nil
        let error = #expect(throws: CareBridgeError.self) { try c.validate() }
        #expect(error?.field == "indicators[0].targetDate" && error?.kind == .validation)
        var untitled = Self.content(); untitled.title = ["en": "  "]
        #expect((#expect(throws: CareBridgeError.self) { try untitled.validate() })?.field == "title")
        var backwards = Self.content(); backwards.end = Self.day("2026-01-01")
        #expect((#expect(throws: CareBridgeError.self) { try backwards.validate() })?.field == "end")
        var badURL = Self.content(); badURL.legalActs = [LegalAct(title: "Law on health care, art. 3", url: "ftp://x")]
        #expect((#expect(throws: CareBridgeError.self) { try badURL.validate() })?.field == "legalActs[0].url")
    }

    @Test("every edit keeps the earlier version; an amendment written on an outdated version is refused naming both versions")
    func versionsAndOutdatedAmendments() throws {
        var m = try Self.measure()
        let a1 = try m.propose(Self.content("Extend free TB and HIV treatment to temporary residents."), baseVersion: 1, reason: "HIV too", by: Self.actor(Self.ngo))
        try m.edit(Self.content("Extend free TB treatment to all temporary residents."), baseVersion: 1, by: Self.actor(Self.ministry), note: "all")
        #expect(m.currentVersion == 2 && m.version(1)?.content.text["en"] == "Extend free TB treatment to temporary residents.")
        let stale = #expect(throws: CareBridgeError.self) { try m.propose(Self.content("x y"), baseVersion: 1, reason: nil, by: Self.actor(Self.ngo)) }
        #expect(stale?.kind == .conflict && stale?.reason == "outdated-version" && stale?.field == "baseVersion")
        #expect(stale?.detail.contains("version 1") == true && stale?.detail.contains("version 2") == true && stale?.extensions["currentVersion"] != nil)
        // The open amendment on version 1 cannot be accepted any more: accepting it would silently undo version 2.
        #expect((#expect(throws: CareBridgeError.self) { try m.decide(amendment: a1.id, accept: true, by: Self.actor(Self.ministry), note: nil) })?.reason == "outdated-version")
        let a2 = try m.propose(Self.content("Extend free TB and HIV treatment to all temporary residents."), baseVersion: 2, reason: nil, by: Self.actor(Self.ngo))
        try m.decide(amendment: a2.id, accept: true, by: Self.actor(Self.ministry), note: nil)
        #expect(m.currentVersion == 3 && m.versions[2].amendmentID == a2.id && m.amendments.first { $0.id == a2.id }?.resultingVersion == 3)
        #expect(throws: CareBridgeError.self) { try m.decide(amendment: a2.id, accept: false, by: Self.actor(Self.ministry), note: nil) }
        #expect(throws: CareBridgeError.self) { try m.propose(m.current, baseVersion: 3, reason: nil, by: Self.actor(Self.ngo)) }
    }

    @Test("once agreed, the text changes only by an accepted amendment, which makes a new version")
    func agreedChangesOnlyByAmendment() throws {
        var m = try Self.measure()
        try m.changeStatus(to: .underDiscussion, by: Self.actor(Self.ministry), note: nil)
        try m.changeStatus(to: .agreed, by: Self.actor(Self.ministry), note: nil)
        let error = #expect(throws: CareBridgeError.self) { try m.edit(Self.content("changed"), baseVersion: 1, by: Self.actor(Self.ministry), note: nil) }
        #expect(error?.reason == "agreed-changes-by-amendment" && m.currentVersion == 1)
        let a = try m.propose(Self.content("changed by amendment"), baseVersion: 1, reason: nil, by: Self.actor(Self.border))
        try m.decide(amendment: a.id, accept: true, by: Self.actor(Self.ministry), note: nil)
        #expect(m.currentVersion == 2 && m.current.text["en"] == "changed by amendment")
    }

    @Test("an organization has one position, about the version it read; objecting or supporting with changes needs a reason")
    func positions() throws {
        var m = try Self.measure()
        #expect((#expect(throws: CareBridgeError.self) { try m.setPosition(.objects, reason: " ", by: Self.actor(Self.border)) })?.field == "reason")
        try m.setPosition(.objects, reason: "No budget line", by: Self.actor(Self.border))
        try m.setPosition(.supportsWithChanges, reason: "With a budget line", by: Self.actor(Self.border))
        try m.setPosition(.supports, reason: nil, by: Self.actor(Self.ngo))
        #expect(m.positions.count == 2 && m.positionCounts() == [.supportsWithChanges: 1, .supports: 1])
        #expect(m.positions.allSatisfy { $0.version == 1 })
    }

    @Test("the word diff keeps, removes and adds whole words, and both texts come back from it")
    func wordDiff() {
        let old = "Extend free TB treatment to temporary residents.", new = "Extend free TB and HIV treatment to all temporary residents from 2028."
        let d = WordDiff.diff(old, new)
        #expect(WordDiff.old(d) == old && WordDiff.new(d) == new)
        #expect(d.filter { $0.kind == .added }.map(\.text) == ["and HIV ", "all ", "residents from 2028."])
        #expect(d.filter { $0.kind == .removed }.map(\.text) == ["residents."])
        #expect(WordDiff.diff("same text", "same text") == [.init(.same, "same text")])
        #expect(WordDiff.diff("", "new words") == [.init(.added, "new words")])
        #expect(WordDiff.diff("Бесплатное лечение ТБ", "Бесплатное лечение ВИЧ") == [.init(.same, "Бесплатное лечение "), .init(.removed, "ТБ"), .init(.added, "ВИЧ")])
        // Beyond the limit the middle is shown as removed then added, still exact.
        let big = WordDiff.diff("a b c d", "a x y d", limit: 1)
        #expect(WordDiff.old(big) == "a b c d" && WordDiff.new(big) == "a x y d")
    }

    @Test("a target is on track, behind, reached or missed by the straight path from baseline to target; no figure is no data")
    func progress() {
        let t = IndicatorTarget(indicatorId: "x", baseline: 0.6, target: 0.8, targetDate: Self.day("2029-01-01"))
        let start = Self.day("2027-01-01"), halfway = Self.day("2028-01-01")
        #expect(TargetProgress(t, from: start, on: halfway, value: 0.7).standing == .onTrack)
        #expect(TargetProgress(t, from: start, on: halfway, value: 0.66).standing == .behind)
        #expect(TargetProgress(t, from: start, on: halfway, value: 0.81).standing == .achieved)
        #expect(TargetProgress(t, from: start, on: Self.day("2029-06-01"), value: 0.75).standing == .missed)
        #expect(TargetProgress(t, from: start, on: halfway, value: nil).standing == .noData)
        // Before the measure starts, a figure below the baseline is not held against it.
        let early = CalendarDay(dayNumber: start.dayNumber - 30)
        #expect(TargetProgress(t, from: start, on: early, value: t.baseline - 0.2).standing == .onTrack)
        #expect(TargetProgress(t, from: start, on: CalendarDay(dayNumber: start.dayNumber + 1), value: t.baseline - 0.2).standing == .behind)
        let down = IndicatorTarget(indicatorId: "days", baseline: 30, target: 10, targetDate: Self.day("2029-01-01"))
        #expect(TargetProgress(down, from: start, on: halfway, value: 19).standing == .onTrack)
        #expect(TargetProgress(down, from: start, on: halfway, value: 28).standing == .behind)
        #expect(TargetProgress.overall([.onTrack, .behind, .achieved]) == .behind && TargetProgress.overall([]) == nil)
    }

    @Test("the changelog lists what changed between two moments; a meeting's outcome is the versions and status changes made at it")
    func changelogAndMeetings() throws {
        var m = try Self.measure()
        let meeting = try Meeting(planID: Self.plan, kind: .roundTable, title: "March round table", date: Self.day("2027-03-15"),
                                  participantIDs: [Self.ministry, Self.ngo], measureIDs: [m.id], notes: nil, createdBy: Self.actor(Self.ministry))
        try m.changeStatus(to: .underDiscussion, by: Self.actor(Self.ministry, "2027-03-15T10:00:00Z"), note: nil, meetingID: meeting.id)
        var c = Self.content("Extend free TB treatment to all temporary residents.")
        c.end = Self.day("2028-12-31")
        try m.edit(c, baseVersion: 1, by: Self.actor(Self.ministry, "2027-03-15T12:00:00Z"), note: nil, meetingID: meeting.id)
        try m.changeStatus(to: .agreed, by: Self.actor(Self.ministry, "2027-05-01T10:00:00Z"), note: nil)
        let march = PlanChangelog([m], from: ISO8601DateFormatter().date(from: "2027-03-10T00:00:00Z")!, to: ISO8601DateFormatter().date(from: "2027-03-31T00:00:00Z")!)
        #expect(march.entries.map(\.kind) == [.status, .version])
        #expect(march.entries[1].changedFields == ["text", "timeline"] && march.entries[1].version == 2)
        let all = PlanChangelog([m], from: .distantPast, to: .distantFuture)
        #expect(all.entries.map(\.kind) == [.proposed, .status, .version, .status])
        let outcome = try #require(meeting.outcomes([m]).first)
        #expect(outcome.versions.map(\.number) == [2] && outcome.statusChanges.map(\.to) == [.underDiscussion])
        #expect(m.status(at: ISO8601DateFormatter().date(from: "2027-04-01T00:00:00Z")!) == .underDiscussion)
        #expect((#expect(throws: CareBridgeError.self) {
            try Meeting(planID: Self.plan, kind: .seminar, title: "x", date: Self.day("2027-01-01"), participantIDs: [], measureIDs: [], notes: nil, createdBy: Self.actor(Self.ngo))
        })?.field == "participantIds")
    }
}
