import Foundation

/// Who did something to a measure: the user, their organization, when.
public struct MeasureActor: Codable, Sendable, Hashable {
    enum CodingKeys: String, CodingKey { case userID = "userId", username, organizationID = "organizationId", at }
    public var userID: UUID?
    public var username: String
    public var organizationID: UUID
    public var at: Date
    public init(userID: UUID?, username: String, organizationID: UUID, at: Date) {
        (self.userID, self.username, self.organizationID, self.at) = (userID, username, organizationID, at)
    }
}

/// One kept version of a measure's content: every edit and every accepted amendment adds one; none is ever changed.
public struct MeasureVersion: Codable, Sendable, Hashable {
    enum CodingKeys: String, CodingKey { case number, content, by, note, amendmentID = "amendmentId", meetingID = "meetingId" }
    /// From 1, without gaps.
    public var number: Int
    public var content: MeasureContent
    public var by: MeasureActor
    public var note: String?
    /// The amendment this version came from, if any.
    public var amendmentID: UUID?
    /// The meeting at which it was made, if any ("what did the March round table change?").
    public var meetingID: UUID?
}

/// A status change, kept in order.
public struct MeasureStatusChange: Codable, Sendable, Hashable {
    enum CodingKeys: String, CodingKey { case from, to, by, note, meetingID = "meetingId" }
    public var from: MeasureStatus
    public var to: MeasureStatus
    public var by: MeasureActor
    public var note: String?
    public var meetingID: UUID?
}

/// An organization's position on a measure, about the version it read.
public struct MeasurePosition: Codable, Sendable, Hashable {
    enum CodingKeys: String, CodingKey { case organizationID = "organizationId", stance, reason, version, by }
    public enum Stance: String, Codable, Sendable, CaseIterable {
        case supports
        case supportsWithChanges = "supports-with-changes"
        case objects
    }
    public var organizationID: UUID
    public var stance: Stance
    public var reason: String?
    public var version: Int
    public var by: MeasureActor
}

public struct MeasureComment: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    public var text: String
    public var version: Int
    public var by: MeasureActor
}

/// A proposed change of a measure's content, against the version it was written on.
public struct MeasureAmendment: Codable, Sendable, Hashable, Identifiable {
    enum CodingKeys: String, CodingKey { case id, baseVersion, proposed, reason, state, by, decidedBy, decisionNote, resultingVersion, meetingID = "meetingId" }
    public enum State: String, Codable, Sendable, CaseIterable { case open, accepted, rejected, withdrawn }
    public var id: UUID
    public var baseVersion: Int
    public var proposed: MeasureContent
    public var reason: String?
    public var state: State
    public var by: MeasureActor
    public var decidedBy: MeasureActor?
    public var decisionNote: String?
    /// The version accepting it made.
    public var resultingVersion: Int?
    public var meetingID: UUID?
}

/// A measure of an action plan: its versions, status, and the deliberation around it.
public struct Measure: Codable, Sendable, Hashable, Identifiable {
    enum CodingKeys: String, CodingKey { case id, planID = "planId", number, status, proposedBy, versions, statusHistory, amendments, positions, comments, revision }
    public var id: UUID
    public var planID: UUID
    /// Its place in the plan (1, 2, ...), shown as the measure's number.
    public var number: Int
    public var status: MeasureStatus
    public var proposedBy: MeasureActor
    public var versions: [MeasureVersion]
    public var statusHistory: [MeasureStatusChange] = []
    public var amendments: [MeasureAmendment] = []
    /// The latest position of each organization (earlier ones stay in the audit log).
    public var positions: [MeasurePosition] = []
    public var comments: [MeasureComment] = []
    /// Bumped by every change of this record (the ETag); content versions are `versions`.
    public var revision: Int

    public init(id: UUID = .timeOrdered(), planID: UUID, number: Int, content: MeasureContent, by actor: MeasureActor, note: String? = nil) throws {
        try content.validate()
        (self.id, self.planID, self.number, self.status, self.proposedBy) = (id, planID, number, .proposed, actor)
        versions = [MeasureVersion(number: 1, content: content, by: actor, note: note)]
        revision = 1
    }

    public var current: MeasureContent { versions[versions.count - 1].content }
    public var currentVersion: Int { versions.count }
    public var updatedAt: Date {
        ([versions.last?.by.at, statusHistory.last?.by.at, amendments.last?.by.at, comments.last?.by.at] + positions.map { $0.by.at })
            .compactMap { $0 }.max() ?? proposedBy.at
    }

    /// The organizations taking part: the proposer's, the responsible and the contributing ones.
    public var organizationIDs: Set<UUID> {
        Set([proposedBy.organizationID, current.responsibleOrganizationID] + current.contributingOrganizationIDs)
    }

    public func version(_ number: Int) -> MeasureVersion? { versions.indices.contains(number - 1) ? versions[number - 1] : nil }

    /// The version in force at a moment (nil before the measure existed).
    public func version(at date: Date) -> MeasureVersion? { versions.last { $0.by.at <= date } }

    /// The status at a moment.
    public func status(at date: Date) -> MeasureStatus? {
        guard proposedBy.at <= date else { return nil }
        return statusHistory.last { $0.by.at <= date }?.to ?? .proposed
    }

    static func conflict(_ detail: String, reason: String, field: String? = nil) -> CareBridgeError {
        var error = CareBridgeError.conflict(detail, reason: reason)
        error.field = field
        return error
    }

    func requireOpen() throws {
        if status.isFinal { throw Self.conflict("The measure is \(status.rawValue); it no longer changes.", reason: "measure-closed") }
    }
}
