import Foundation

/// Every change of a measure. Content never changes in place: an edit or an accepted amendment appends a version,
/// and once the organizations have agreed a measure its text changes only by an accepted amendment.
extension Measure {
    public static let maxNote = 4000

    static func note(_ text: String?, field: String) throws -> String? {
        guard let text = text?.trimmed, !text.isEmpty else { return nil }
        if text.count > maxNote { throw CareBridgeError.invalid(field, "The \(field) is longer than \(maxNote) characters.") }
        return text
    }

    /// The error for a change written on an older version: it names the version it was written on and the current one.
    public static func outdated(base: Int, current: Int, field: String = "baseVersion") -> CareBridgeError {
        var error = CareBridgeError(.conflict, title: "Outdated version",
                                    detail: "This was written on version \(base) of the measure, but it is now at version \(current); read version \(current) and write the change again.",
                                    reason: "outdated-version", field: field)
        error = error.adding("currentVersion", current).adding("baseVersion", base)
        return error
    }

    func requireCurrent(_ base: Int) throws {
        guard base == currentVersion else { throw Self.outdated(base: base, current: currentVersion) }
    }

    /// A direct edit by the responsible organization while the measure is still being drafted or discussed.
    public mutating func edit(_ content: MeasureContent, baseVersion: Int, by actor: MeasureActor, note: String?, meetingID: UUID? = nil) throws {
        try requireOpen()
        guard !status.isAgreed else {
            throw Self.conflict("The measure was agreed; its text changes only by an amendment, accepted by the responsible organization, which makes a new version.",
                                reason: "agreed-changes-by-amendment")
        }
        try requireCurrent(baseVersion)
        try content.validate()
        guard content != current else { throw CareBridgeError.invalid("content", "Nothing changed from version \(currentVersion).") }
        versions.append(MeasureVersion(number: currentVersion + 1, content: content, by: actor, note: try Self.note(note, field: "note"), meetingID: meetingID))
        revision += 1
    }

    public mutating func changeStatus(to target: MeasureStatus, by actor: MeasureActor, note: String?, meetingID: UUID? = nil) throws {
        let from = status
        status = try status.transition(to: target)
        statusHistory.append(MeasureStatusChange(from: from, to: target, by: actor, note: try Self.note(note, field: "note"), meetingID: meetingID))
        revision += 1
    }

    /// Proposes a change; it must be written on the current version and change something.
    public mutating func propose(_ proposed: MeasureContent, baseVersion: Int, reason: String?, by actor: MeasureActor, id: UUID = .timeOrdered()) throws -> MeasureAmendment {
        try requireOpen()
        try requireCurrent(baseVersion)
        try proposed.validate()
        guard proposed != current else { throw CareBridgeError.invalid("text", "The amendment changes nothing in version \(currentVersion).") }
        let amendment = MeasureAmendment(id: id, baseVersion: baseVersion, proposed: proposed, reason: try Self.note(reason, field: "reason"),
                                         state: .open, by: actor)
        amendments.append(amendment)
        revision += 1
        return amendment
    }

    /// Accepts (a new version from the amendment) or rejects an open amendment. One accepted on an older version than
    /// the current is refused: another change came first, and the amendment must be written again on it.
    public mutating func decide(amendment id: UUID, accept: Bool, by actor: MeasureActor, note: String?, meetingID: UUID? = nil) throws {
        try requireOpen()
        guard let index = amendments.firstIndex(where: { $0.id == id }) else { throw CareBridgeError.notFound("The amendment") }
        guard amendments[index].state == .open else {
            throw Self.conflict("The amendment was already \(amendments[index].state.rawValue).", reason: "amendment-decided")
        }
        let note = try Self.note(note, field: "note")
        if accept {
            try requireCurrent(amendments[index].baseVersion)
            try amendments[index].proposed.validate()
            versions.append(MeasureVersion(number: currentVersion + 1, content: amendments[index].proposed, by: actor, note: note ?? amendments[index].reason,
                                           amendmentID: id, meetingID: meetingID))
            amendments[index].resultingVersion = currentVersion
        }
        amendments[index].state = accept ? .accepted : .rejected
        (amendments[index].decidedBy, amendments[index].decisionNote, amendments[index].meetingID) = (actor, note, meetingID)
        revision += 1
    }

    /// The proposer takes back an open amendment.
    public mutating func withdraw(amendment id: UUID, by actor: MeasureActor) throws {
        guard let index = amendments.firstIndex(where: { $0.id == id }) else { throw CareBridgeError.notFound("The amendment") }
        guard amendments[index].state == .open else { throw Self.conflict("The amendment was already \(amendments[index].state.rawValue).", reason: "amendment-decided") }
        guard amendments[index].by.organizationID == actor.organizationID else {
            throw CareBridgeError(.forbidden, title: "Not allowed", detail: "Only the organization that proposed an amendment withdraws it.", reason: "not-proposer")
        }
        amendments[index].state = .withdrawn
        amendments[index].decidedBy = actor
        revision += 1
    }

    /// Records an organization's position on the current version, replacing its earlier one. Supporting with changes
    /// or objecting needs a reason: the others must know what would change their mind.
    public mutating func setPosition(_ stance: MeasurePosition.Stance, reason: String?, by actor: MeasureActor) throws {
        try requireOpen()
        let reason = try Self.note(reason, field: "reason")
        if stance != .supports, reason == nil {
            throw CareBridgeError.invalid("reason", "Say why: a position of \(stance.rawValue) needs a reason.")
        }
        let position = MeasurePosition(organizationID: actor.organizationID, stance: stance, reason: reason, version: currentVersion, by: actor)
        positions.removeAll { $0.organizationID == actor.organizationID }
        positions.append(position)
        revision += 1
    }

    public mutating func comment(_ text: String, by actor: MeasureActor, id: UUID = .timeOrdered()) throws -> MeasureComment {
        guard let text = try Self.note(text, field: "text") else { throw CareBridgeError.invalid("text", "The comment is empty.") }
        let comment = MeasureComment(id: id, text: text, version: currentVersion, by: actor)
        comments.append(comment)
        revision += 1
        return comment
    }

    /// Positions counted by stance, for the current version and for older ones (which may no longer hold).
    public func positionCounts() -> [MeasurePosition.Stance: Int] {
        Dictionary(grouping: positions, by: \.stance).mapValues(\.count)
    }
}
