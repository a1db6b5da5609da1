import Foundation

/// An inter-agency action plan ("Belarus 2027-2029"): the measures the organizations agree on for a period.
public struct ActionPlan: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    public var title: LocalizedText
    public var summary: LocalizedText
    /// ISO 3166-1 alpha-2.
    public var country: String
    public var start: CalendarDay
    public var end: CalendarDay
    /// Demo data is marked so nobody mistakes it for an agreed plan.
    public var demo: Bool
    public var createdBy: MeasureActor
    public var version: Int

    public init(id: UUID = .timeOrdered(), title: LocalizedText, summary: LocalizedText = [:], country: String, start: CalendarDay, end: CalendarDay,
                demo: Bool = false, createdBy: MeasureActor) throws {
        (self.id, self.title, self.summary, self.country, self.start, self.end) = (id, title, summary, country, start, end)
        (self.demo, self.createdBy, self.version) = (demo, createdBy, 1)
        try validate()
    }

    public func validate() throws {
        guard title.values.contains(where: { !$0.trimmed.isEmpty }) else { throw CareBridgeError.invalid("title", "Give the plan a title in at least one language.") }
        for (language, text) in title {
            try Validation.languageTag(language, field: "title.\(language)")
            if text.count > MeasureContent.maxTitle { throw CareBridgeError.invalid("title.\(language)", "The title is longer than \(MeasureContent.maxTitle) characters.") }
        }
        for (language, text) in summary {
            try Validation.languageTag(language, field: "summary.\(language)")
            if text.count > MeasureContent.maxText { throw CareBridgeError.invalid("summary.\(language)", "The summary is longer than \(MeasureContent.maxText) characters.") }
        }
        try Validation.regionCode(country, field: "country")
        if country.contains("-") { throw CareBridgeError.invalid("country", "The country is an ISO 3166-1 code such as BY.") }
        if end < start { throw CareBridgeError.invalid("end", "The plan ends (\(end)) before it starts (\(start)).") }
    }
}

/// A seminar, round table or working meeting where organizations discussed measures; the versions and status
/// changes made there point back at it.
public struct Meeting: Codable, Sendable, Hashable, Identifiable {
    enum CodingKeys: String, CodingKey { case id, planID = "planId", kind, title, date, participantIDs = "participantIds", measureIDs = "measureIds", notes, createdBy, version }
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case seminar
        case roundTable = "round-table"
        case workingGroup = "working-group"
    }
    public var id: UUID
    public var planID: UUID
    public var kind: Kind
    public var title: String
    public var date: CalendarDay
    public var participantIDs: [UUID]
    public var measureIDs: [UUID]
    public var notes: String?
    public var createdBy: MeasureActor
    public var version: Int

    public init(id: UUID = .timeOrdered(), planID: UUID, kind: Kind, title: String, date: CalendarDay, participantIDs: [UUID], measureIDs: [UUID],
                notes: String?, createdBy: MeasureActor) throws {
        (self.id, self.planID, self.kind, self.title, self.date) = (id, planID, kind, title.trimmed, date)
        (self.participantIDs, self.measureIDs, self.notes, self.createdBy, self.version) = (participantIDs, measureIDs, try Measure.note(notes, field: "notes"), createdBy, 1)
        guard !self.title.isEmpty, self.title.count <= MeasureContent.maxTitle else {
            throw CareBridgeError.invalid("title", "Give the meeting a title of 1 to \(MeasureContent.maxTitle) characters.")
        }
        if participantIDs.isEmpty { throw CareBridgeError.invalid("participantIds", "Name the organizations that took part.") }
    }

    /// What the meeting changed, per measure it discussed or changed: the versions and status changes made at it,
    /// and the amendments decided at it.
    public struct Outcome: Sendable, Hashable {
        public var measureID: UUID
        public var versions: [MeasureVersion]
        public var statusChanges: [MeasureStatusChange]
        public var amendments: [MeasureAmendment]
        public var changedNothing: Bool { versions.isEmpty && statusChanges.isEmpty && amendments.isEmpty }
    }

    public func outcomes(_ measures: [Measure]) -> [Outcome] {
        measures.compactMap { m in
            let outcome = Outcome(measureID: m.id, versions: m.versions.filter { $0.meetingID == id },
                                  statusChanges: m.statusHistory.filter { $0.meetingID == id }, amendments: m.amendments.filter { $0.meetingID == id })
            return measureIDs.contains(m.id) || !outcome.changedNothing ? outcome : nil
        }
    }
}
