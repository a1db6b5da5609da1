import Foundation

extension MeasureContent {
    /// The fields that differ from `other`, by their API names, in a fixed order.
    public func changedFields(from other: MeasureContent) -> [String] {
        var fields: [String] = []
        if title != other.title { fields.append("title") }
        if text != other.text { fields.append("text") }
        if problem != other.problem { fields.append("problem") }
        if responsibleOrganizationID != other.responsibleOrganizationID { fields.append("responsibleOrganizationId") }
        if Set(contributingOrganizationIDs) != Set(other.contributingOrganizationIDs) { fields.append("contributingOrganizationIds") }
        if start != other.start || end != other.end { fields.append("timeline") }
        if simulationID != other.simulationID { fields.append("simulationId") }
        if indicators != other.indicators { fields.append("indicators") }
        if legalActs != other.legalActs { fields.append("legalActs") }
        return fields
    }
}

/// What changed in a plan between two moments: measures proposed, versions made (with the fields they changed),
/// status changes; oldest first. "What did the March round table change?" is the same list for one meeting.
public struct PlanChangelog: Sendable, Hashable {
    public enum Kind: String, Codable, Sendable { case proposed, version, status }
    public struct Entry: Sendable, Hashable {
        public var measureID: UUID
        public var measureNumber: Int
        public var kind: Kind
        public var at: Date
        public var by: MeasureActor
        /// The version made (proposed: 1).
        public var version: Int?
        public var changedFields: [String]
        public var from: MeasureStatus?
        public var to: MeasureStatus?
        public var note: String?
        public var meetingID: UUID?
        public var amendmentID: UUID?
    }

    public var from: Date
    public var to: Date
    public var entries: [Entry]

    /// Changes in (`from`, `to`].
    public init(_ measures: [Measure], from: Date, to: Date) {
        (self.from, self.to) = (from, to)
        var entries: [Entry] = []
        func inRange(_ d: Date) -> Bool { d > from && d <= to }
        for m in measures {
            for v in m.versions where inRange(v.by.at) {
                let previous = m.version(v.number - 1)?.content
                entries.append(Entry(measureID: m.id, measureNumber: m.number, kind: v.number == 1 ? .proposed : .version, at: v.by.at, by: v.by,
                                     version: v.number, changedFields: previous.map { v.content.changedFields(from: $0) } ?? [],
                                     note: v.note, meetingID: v.meetingID, amendmentID: v.amendmentID))
            }
            for s in m.statusHistory where inRange(s.by.at) {
                entries.append(Entry(measureID: m.id, measureNumber: m.number, kind: .status, at: s.by.at, by: s.by, version: nil, changedFields: [],
                                     from: s.from, to: s.to, note: s.note, meetingID: s.meetingID))
            }
        }
        self.entries = entries.sorted { ($0.at, $0.measureNumber) < ($1.at, $1.measureNumber) }
    }
}
