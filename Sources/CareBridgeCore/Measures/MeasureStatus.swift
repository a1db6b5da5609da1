import Foundation

/// Where a measure stands: proposed, discussed, agreed by the organizations, carried out, done; dropped from any
/// state that is not final. One step at a time, so "agreed" always means it was discussed first.
public enum MeasureStatus: String, Codable, Sendable, CaseIterable {
    case proposed
    case underDiscussion = "under-discussion"
    case agreed
    case inProgress = "in-progress"
    case done
    case dropped

    public var isFinal: Bool { self == .done || self == .dropped }

    /// Agreed, in progress or done: the text was agreed, so it changes only by an accepted amendment (a new version).
    public var isAgreed: Bool { [.agreed, .inProgress, .done].contains(self) }

    /// The states reachable in one step.
    public var next: [MeasureStatus] {
        switch self {
        case .proposed: [.underDiscussion, .dropped]
        case .underDiscussion: [.agreed, .dropped]
        case .agreed: [.inProgress, .dropped]
        case .inProgress: [.done, .dropped]
        case .done, .dropped: []
        }
    }

    /// Checks one step; an illegal one names both states and the legal ones.
    public func transition(to target: MeasureStatus) throws -> MeasureStatus {
        guard next.contains(target) else {
            let allowed = next.isEmpty ? "none: \(rawValue) is final" : next.map(\.rawValue).joined(separator: ", ")
            throw CareBridgeError(.conflict, title: "Illegal status change",
                                  detail: "A measure that is \(rawValue) cannot become \(target.rawValue); it can become: \(allowed).",
                                  reason: "illegal-transition", field: "status")
        }
        return target
    }

    public static func parse(_ text: String, field: String = "status") throws -> MeasureStatus {
        guard let status = MeasureStatus(rawValue: text) else {
            throw CareBridgeError.invalid(field, "'\(text)' is not a status; one of \(allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return status
    }
}
