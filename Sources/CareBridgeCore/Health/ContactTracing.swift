import Foundation

/// A contact of a case: who, how and when they were exposed, and their follow-up.
public struct Contact: Codable, Sendable, Hashable {
    /// Exposure types as TB contact investigation distinguishes them (WHO, Recommendations for investigating contacts
    /// of persons with infectious tuberculosis in low- and middle-income countries, 2012).
    public enum Exposure: String, Codable, Sendable, CaseIterable { case household, close, casual, healthcare, institutional, other }
    public enum FollowUpOutcome: String, Codable, Sendable, CaseIterable {
        case wellNoSymptoms = "well"
        case symptomatic
        case screenedNegative = "screened-negative"
        case screenedPositive = "screened-positive"
        case becameCase = "became-case"
        case lostToFollowUp = "lost-to-follow-up"
        case declined
    }
    public enum FollowUpStatus: String, Codable, Sendable { case scheduled, due, completed }
    public struct FollowUp: Codable, Sendable, Hashable {
        public var due: CalendarDay
        public var doneOn: CalendarDay?
        public var outcome: FollowUpOutcome?
        public var note: String?
        public init(due: CalendarDay, doneOn: CalendarDay? = nil, outcome: FollowUpOutcome? = nil, note: String? = nil) {
            (self.due, self.doneOn, self.outcome, self.note) = (due, doneOn, outcome, note)
        }
    }

    public var caseID: UUID
    /// The contact (a registered person; new people are registered first).
    public var personID: UUID
    public var exposure: Exposure
    public var exposedFrom: CalendarDay?
    public var lastExposure: CalendarDay
    public var followUps: [FollowUp]

    enum CodingKeys: String, CodingKey {
        case caseID = "caseId", personID = "personId", exposure, exposedFrom, lastExposure, followUps
    }

    public init(caseID: UUID, personID: UUID, exposure: Exposure, exposedFrom: CalendarDay?, lastExposure: CalendarDay, followUps: [FollowUp]) {
        (self.caseID, self.personID, self.exposure, self.exposedFrom, self.lastExposure, self.followUps) = (caseID, personID, exposure, exposedFrom, lastExposure, followUps)
    }

    /// Completed when every follow-up is done; due when one is past its day undone; otherwise scheduled.
    public var followUpStatus: FollowUpStatus { status(on: nil) }

    public func status(on today: CalendarDay?) -> FollowUpStatus {
        if followUps.allSatisfy({ $0.doneOn != nil }) { return .completed }
        if let today, followUps.contains(where: { $0.doneOn == nil && $0.due <= today }) { return .due }
        return .scheduled
    }

    /// Follow-up visits after the last exposure, at the days a disease's schedule gives: TB at 0, 3 and 12 months (WHO
    /// 2012 recommends following contacts for at least two years, with checks early and when symptoms appear); measles
    /// daily-to-weekly through its 21-day incubation; others at 0 and 6 weeks.
    public static func schedule(for disease: Disease, lastExposure: CalendarDay) -> [FollowUp] {
        let days: [Int]
        switch disease {
        case .tuberculosis: days = [0, 91, 365]
        case .measles: days = [0, 7, 14, 21]
        default: days = [0, 42]
        }
        return days.map { FollowUp(due: lastExposure.adding(days: $0)) }
    }

    /// Refuses the case's own person as a contact, exposures out of order or in the future, and follow-ups done before exposure.
    public func validate(casePersonID: UUID, today: CalendarDay) throws {
        if personID == casePersonID {
            throw CareBridgeError.invalid("personId", "A contact cannot be the case itself: name another person who was exposed.")
        }
        if lastExposure > today { throw CareBridgeError.invalid("lastExposure", "lastExposure \(lastExposure) is in the future.") }
        if let from = exposedFrom, from > lastExposure {
            throw CareBridgeError.invalid("exposedFrom", "exposedFrom \(from) is after lastExposure \(lastExposure).")
        }
        for (index, followUp) in followUps.enumerated() {
            if let done = followUp.doneOn {
                if done > today { throw CareBridgeError.invalid("followUps[\(index)].doneOn", "followUps[\(index)].doneOn \(done) is in the future.") }
                if done < (exposedFrom ?? lastExposure) {
                    throw CareBridgeError.invalid("followUps[\(index)].doneOn", "followUps[\(index)].doneOn \(done) is before the exposure.")
                }
            }
            if followUp.outcome != nil, followUp.doneOn == nil {
                throw CareBridgeError.invalid("followUps[\(index)].doneOn", "followUps[\(index)] has an outcome but no doneOn date.")
            }
        }
    }
}

/// Transmission chains: cases linked to the people they exposed, and onward when a contact became a case.
public struct TransmissionGraph: Sendable, Hashable {
    public struct Node: Sendable, Hashable {
        public var personID: UUID
        public var caseID: UUID?
        public var disease: Disease?
        public var classification: CaseClassification?
        /// Generation from the index case (0) and position within it, for drawing.
        public var generation: Int
        public var position: Int
    }
    public struct Edge: Sendable, Hashable {
        public var from: UUID
        public var to: UUID
        public var exposure: Contact.Exposure
    }
    public var nodes: [Node]
    public var edges: [Edge]

    /// The chain reachable from `start` (a case's person), following contacts to people and, where a contact is a case
    /// too, their contacts; back to the case that exposed the start when one is known. Cycles are visited once.
    public static func build(from start: UUID, cases: [UUID: (caseID: UUID, disease: Disease, classification: CaseClassification)],
                             contacts: [(casePersonID: UUID, contactPersonID: UUID, exposure: Contact.Exposure)]) -> TransmissionGraph {
        let outgoing = Dictionary(grouping: contacts, by: \.casePersonID)
        let incoming = Dictionary(grouping: contacts, by: \.contactPersonID)
        // Walk up to the earliest known source, then lay the chain out from there.
        var root = start, seenUp: Set<UUID> = [start]
        while let parent = incoming[root]?.first?.casePersonID, !seenUp.contains(parent) { seenUp.insert(parent); root = parent }
        var generation: [UUID: Int] = [root: 0], order: [UUID] = [root], queue = [root], edges: [Edge] = []
        var head = 0
        while head < queue.count {
            let person = queue[head]; head += 1
            for link in outgoing[person] ?? [] {
                edges.append(Edge(from: person, to: link.contactPersonID, exposure: link.exposure))
                if generation[link.contactPersonID] == nil {
                    generation[link.contactPersonID] = generation[person]! + 1
                    order.append(link.contactPersonID)
                    queue.append(link.contactPersonID)
                }
            }
        }
        var positions: [Int: Int] = [:]
        let nodes = order.map { person -> Node in
            let g = generation[person]!
            let p = positions[g, default: 0]
            positions[g] = p + 1
            let c = cases[person]
            return Node(personID: person, caseID: c?.caseID, disease: c?.disease, classification: c?.classification, generation: g, position: p)
        }
        return TransmissionGraph(nodes: nodes, edges: edges)
    }
}
