import CareBridgeCore
import Foundation

/// A measure's content as sent: every field optional, so an edit or an amendment names only what it changes and the
/// rest comes from the version it was written on.
struct MeasureContentInput: Decodable, Sendable {
    var title: LocalizedText?
    var text: LocalizedText?
    var problem: LocalizedText?
    var responsibleOrganizationId: UUID?
    var contributingOrganizationIds: [UUID]?
    var start: CalendarDay?
    var end: CalendarDay?
    /// A JSON null removes the link; absent keeps it.
    var simulationId: Optional<UUID?>
    var indicators: [IndicatorTarget]?
    var legalActs: [LegalAct]?

    enum CodingKeys: String, CodingKey {
        case title, text, problem, responsibleOrganizationId, contributingOrganizationIds, start, end, simulationId, indicators, legalActs
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(LocalizedText.self, forKey: .title)
        text = try c.decodeIfPresent(LocalizedText.self, forKey: .text)
        problem = try c.decodeIfPresent(LocalizedText.self, forKey: .problem)
        responsibleOrganizationId = try c.decodeIfPresent(UUID.self, forKey: .responsibleOrganizationId)
        contributingOrganizationIds = try c.decodeIfPresent([UUID].self, forKey: .contributingOrganizationIds)
        start = try c.decodeIfPresent(CalendarDay.self, forKey: .start)
        end = try c.decodeIfPresent(CalendarDay.self, forKey: .end)
        simulationId = c.contains(.simulationId) ? .some(try c.decodeIfPresent(UUID.self, forKey: .simulationId)) : .none
        indicators = try c.decodeIfPresent([IndicatorTarget].self, forKey: .indicators)
        legalActs = try c.decodeIfPresent([LegalAct].self, forKey: .legalActs)
    }

    /// A whole new content; the responsible organization is required.
    func content() throws -> MeasureContent {
        guard let responsible = responsibleOrganizationId else {
            throw CareBridgeError.invalid("responsibleOrganizationId", "Name the organization responsible for the measure.")
        }
        return MeasureContent(title: title ?? [:], text: text ?? [:], problem: problem ?? [:], responsibleOrganizationID: responsible,
                              contributingOrganizationIDs: contributingOrganizationIds ?? [], start: start, end: end,
                              simulationID: simulationId ?? nil, indicators: indicators ?? [], legalActs: legalActs ?? [])
    }

    /// `base` with the fields given replaced; a language given as "" is removed from a text.
    func applied(to base: MeasureContent) -> MeasureContent {
        func merge(_ old: LocalizedText, _ new: LocalizedText?) -> LocalizedText {
            guard let new else { return old }
            var out = old
            for (language, text) in new { out[language] = text.trimmed.isEmpty ? nil : text }
            return out
        }
        var c = base
        c.title = merge(c.title, title)
        c.text = merge(c.text, text)
        c.problem = merge(c.problem, problem)
        if let responsibleOrganizationId { c.responsibleOrganizationID = responsibleOrganizationId }
        if let contributingOrganizationIds { c.contributingOrganizationIDs = contributingOrganizationIds }
        if let start { c.start = start }
        if let end { c.end = end }
        if case .some(let link) = simulationId { c.simulationID = link }
        if let indicators { c.indicators = indicators }
        if let legalActs { c.legalActs = legalActs }
        return c
    }
}

/// A measure as the API returns it: the current version's content at the top level, then the deliberation.
struct MeasureBody: Encodable {
    struct VersionSummary: Encodable {
        var number: Int
        var by: MeasureActor
        var note: String?
        var amendmentId: UUID?
        var meetingId: UUID?
        var changedFields: [String]
    }
    var id: UUID
    var planId: UUID
    var number: Int
    var status: MeasureStatus
    var nextStatuses: [MeasureStatus]
    /// The content version (1, 2, ...); amendments name it as `baseVersion`.
    var version: Int
    /// The record's revision, also its ETag: every change bumps it.
    var revision: Int
    var content: MeasureContent
    var proposedBy: MeasureActor
    var versions: [VersionSummary]
    var statusHistory: [MeasureStatusChange]
    var amendments: [MeasureAmendment]
    var positions: [MeasurePosition]
    var comments: [MeasureComment]

    init(_ m: Measure) {
        (id, planId, number, status, nextStatuses) = (m.id, m.planID, m.number, m.status, m.status.next)
        (version, revision, content, proposedBy) = (m.currentVersion, m.revision, m.current, m.proposedBy)
        versions = m.versions.map { v in
            VersionSummary(number: v.number, by: v.by, note: v.note, amendmentId: v.amendmentID, meetingId: v.meetingID,
                           changedFields: m.version(v.number - 1).map { v.content.changedFields(from: $0.content) } ?? [])
        }
        (statusHistory, amendments, positions, comments) = (m.statusHistory, m.amendments, m.positions, m.comments)
    }
}

/// A measure in a list: number, title in every language, status, version.
struct MeasureSummary: Encodable {
    var id: UUID
    var planId: UUID
    var number: Int
    var title: LocalizedText
    var status: MeasureStatus
    var version: Int
    var responsibleOrganizationId: UUID
    init(_ m: Measure) {
        (id, planId, number, title, status, version, responsibleOrganizationId) = (m.id, m.planID, m.number, m.current.title, m.status, m.currentVersion,
                                                                                     m.current.responsibleOrganizationID)
    }
}

/// Two versions compared in one language: the fields that changed, and word-level diffs of the texts.
struct MeasureDiffBody: Encodable {
    var from: Int
    var to: Int
    var language: String
    var changedFields: [String]
    var title: [WordDiff.Segment]
    var text: [WordDiff.Segment]
    var problem: [WordDiff.Segment]

    init(_ a: MeasureVersion, _ b: MeasureVersion, language: String) {
        (from, to, self.language) = (a.number, b.number, language)
        changedFields = b.content.changedFields(from: a.content)
        title = WordDiff.diff(a.content.title.text(in: language), b.content.title.text(in: language))
        text = WordDiff.diff(a.content.text.text(in: language), b.content.text.text(in: language))
        problem = WordDiff.diff(a.content.problem.text(in: language), b.content.problem.text(in: language))
    }
}

struct PlanInput: Decodable {
    var title: LocalizedText
    var summary: LocalizedText?
    var country: String?
    var start: CalendarDay
    var end: CalendarDay
}

struct MeetingInput: Decodable {
    var planId: UUID
    var kind: String
    var title: String
    var date: CalendarDay
    var participantIds: [UUID]
    var measureIds: [UUID]?
    var notes: String?
}

/// A meeting with what it changed, measure by measure.
struct MeetingBody: Encodable {
    struct Outcome: Encodable {
        var measureId: UUID
        var versions: [Int]
        var statusChanges: [MeasureStatusChange]
        var amendments: [MeasureAmendment]
    }
    var meeting: Meeting
    var outcomes: [Outcome]
    init(_ meeting: Meeting, measures: [Measure]) {
        self.meeting = meeting
        outcomes = meeting.outcomes(measures).map { Outcome(measureId: $0.measureID, versions: $0.versions.map(\.number), statusChanges: $0.statusChanges, amendments: $0.amendments) }
    }
}

/// A changelog entry as the API returns it.
struct ChangelogEntryBody: Encodable {
    var measureId: UUID
    var measureNumber: Int
    var kind: PlanChangelog.Kind
    var at: Date
    var by: MeasureActor
    var version: Int?
    var changedFields: [String]
    var from: MeasureStatus?
    var to: MeasureStatus?
    var note: String?
    var meetingId: UUID?
    var amendmentId: UUID?
    init(_ e: PlanChangelog.Entry) {
        (measureId, measureNumber, kind, at, by, version, changedFields) = (e.measureID, e.measureNumber, e.kind, e.at, e.by, e.version, e.changedFields)
        (from, to, note, meetingId, amendmentId) = (e.from, e.to, e.note, e.meetingID, e.amendmentID)
    }
}
