import Foundation

/// A signal from live detection, raised to the public-health service for review: which series (disease, and region
/// or the whole country), which week, what the method expected and allowed, and, once reviewed, the outcome.
public struct OutbreakAlert: Codable, Sendable, Hashable, Identifiable {
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        /// An outbreak: investigated and confirmed.
        case outbreak
        /// A real rise, already known and being handled.
        case knownCluster = "known-cluster"
        /// Late or batched reporting, a change of case definition or of testing: not more disease.
        case reportingArtefact = "reporting-artefact"
        /// Nothing found on review.
        case noOutbreak = "no-outbreak"
    }

    public var id: UUID
    public var disease: Disease
    /// ISO 3166-2 region; nil for the whole country.
    public var region: String?
    /// The ISO week the signal is for.
    public var week: String
    public var weekStart: CalendarDay
    /// `farrington` or `ears-c2` (DetectionMethod.name).
    public var method: String
    public var observed: Int
    public var upperbound: Double
    public var expected: Double?
    public var pvalue: Double?
    public var raisedAt: Date
    public var closedAt: Date?
    public var closedBy: UUID?
    public var outcome: Outcome?
    public var note: String?
    public var version: Int

    public init(id: UUID = UUID(), disease: Disease, region: String?, week: EpiWeek, method: String, row: DetectionRow, raisedAt: Date) {
        (self.id, self.disease, self.region, self.week, self.weekStart, self.method) = (id, disease, region, week.description, week.start, method)
        (self.observed, self.upperbound, self.expected, self.pvalue) = (row.observed, row.upperbound ?? 0, row.expected, row.pvalue)
        (self.raisedAt, self.version) = (raisedAt, 1)
    }

    public var isOpen: Bool { closedAt == nil }

    /// Closing needs an outcome; the note is free text, at most 2,000 characters.
    public mutating func close(outcome: Outcome, note: String?, by user: UUID?, at time: Date) throws {
        guard isOpen else { throw CareBridgeError.conflict("This alert was already closed.") }
        if let note, note.count > 2000 { throw CareBridgeError.invalid("note", "The note is longer than 2,000 characters.") }
        (self.outcome, self.note, self.closedBy, self.closedAt) = (outcome, note.map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 }, user, time)
        version += 1
    }
}
