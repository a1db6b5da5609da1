import CareBridgeCore
@testable import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import SQLKit
import Testing

/// A referral step's writes as one PostgreSQL statement (`OneStatementWrite`): the referral's update, its audit events,
/// the notification and the webhook deliveries are all written, or, when any condition no longer holds, none is.
@Suite("One-statement writes", .enabled(if: TestDatabase.kinds.contains(.postgres), "CAREBRIDGE_TEST_POSTGRES_URL names no server"))
struct OneStatementWriteTests {
    /// What a step leaves in the database, to compare before and after a statement that must write nothing.
    struct Stored: Equatable {
        var version: Int64
        var state: String
        var auditEvents: Int64
        var head: Int64
        var notifications: Int64
        var deliveries: [String]
    }

    static func stored(_ db: Database, _ referral: UUID) async throws -> Stored {
        try await db.read { db in
            let row = try #require(try await db.raw("""
                SELECT r.version, r.state, (SELECT count(*) FROM audit_events) AS events, (SELECT seq FROM audit_head) AS head,
                       (SELECT count(*) FROM notifications) AS notifications
                FROM referrals r WHERE r.id = \(bind: referral.text)
                """).first())
            let deliveries = try await db.raw("SELECT target_id FROM webhook_deliveries ORDER BY target_id").all().map { try $0.string("target_id") }
            return Stored(version: try row.int("version"), state: try row.string("state"), auditEvents: try row.int("events"),
                          head: try row.int("head"), notifications: try row.int("notifications"), deliveries: deliveries)
        }
    }

    static func draft(_ action: String) -> AuditDraft {
        AuditDraft(occurredAt: Date(), actorUserID: UUID(), actorUsername: "clinician", organizationKind: .healthFacility, role: .clinician,
                   purpose: .careCoordination, personID: nil, category: .referralMetadata, action: action, outcome: .allowed, reason: "party")
    }

    /// A clinic (`BulkLoadTests.setUp`), an NGO, a person of the clinic and `count` referrals of them sent by the NGO to
    /// the clinic, stored.
    static func referrals(_ count: Int, in db: Database) async throws -> (clinic: UUID, ngo: Organization, referrals: [Referral]) {
        let (people, clinic) = try await BulkLoadTests.setUp(db)
        let ngo = Organization(slug: "red-cross", kind: .ngo, names: ["en": "Red Cross"], region: "BY-HM", createdAt: Date())
        let person = BulkLoadTests.person(1, organization: clinic)
        let referrals = (0..<count).map { _ in
            Referral.sent(personID: person.id, fromOrganizationID: ngo.id, fromUserID: UUID(), toOrganizationID: clinic, serviceID: UUID(),
                          reason: "assessment", urgency: .routine, consentBasis: .notifiableDisease, at: Date())
        }
        try await db.write { tx in
            try await OrganizationRepository(db).create(ngo, in: tx)
            try await people.insertMany([person], in: tx)
            for referral in referrals { try await ReferralRepository(db).insert(referral, in: tx) }
        }
        return (clinic, ngo, referrals)
    }

    /// The step `next` from `version` as one statement, through the repositories' own parts, as ReferralService builds it.
    static func step(_ next: Referral, from version: Int64, on db: Database, webhooks: WebhookRepository) async throws -> (written: Bool, deliveries: Int) {
        var write = OneStatementWrite()
        try ReferralRepository(db).update(next, expectedVersion: version, into: &write)
        #expect(AuditRepository(db).append([draft("referral.\(next.state.rawValue)")], into: &write) != nil)
        let notifications = ReferralNotification.forLatestStep(of: next, at: Date())
        NotificationRepository(db).insert(notifications, into: &write)
        let deliveries = try webhooks.enqueue(WebhookEvent(latestStepOf: next), for: notifications.map(\.organizationID), at: Date(), into: &write)
        let written = try await db.autocommit(.brief) { [write] sql in try await write.run(in: sql) }
        return (written, deliveries.count)
    }

    @Test("a step is written whole; a stale version, an audit head moved by another process, or changed webhook targets write nothing, and the targets are learnt")
    func allOrNothing() async throws {
        try await AuditRepositoryTests.withTwoProcesses(.postgres) { db, other in
            let (clinic, ngo, referrals) = try await Self.referrals(1, in: db)
            let sent = referrals[0]
            let audit = AuditRepository(db)
            try await db.write { tx in _ = try await audit.append([Self.draft("referral.send")], in: tx) }   // this process now knows the head
            let webhooks = WebhookRepository(db, cipher: try FieldCipher(master: FieldCipher.generateMaster()))
            let accepted = try sent.applying(.accept, side: .receiver, organizationID: clinic, userID: UUID(), at: Date())

            // Whole: the referral at version 2, one more audit event and head, the sender told; no targets, no deliveries.
            let before = try await Self.stored(db, sent.id)
            #expect(try await Self.step(accepted, from: 1, on: db, webhooks: webhooks) == (true, 0))
            let after = try await Self.stored(db, sent.id)
            #expect(after == Stored(version: 2, state: "accepted", auditEvents: before.auditEvents + 1, head: before.head + 1,
                                    notifications: before.notifications + 1, deliveries: []))
            #expect(try await audit.verify().isIntact)

            // A stale version: nothing.
            let booked = try accepted.applying(.book(Date().addingTimeInterval(86_400)), side: .receiver, organizationID: clinic, userID: UUID(), at: Date())
            #expect(try await Self.step(booked, from: 1, on: db, webhooks: webhooks).written == false)
            #expect(try await Self.stored(db, sent.id) == after)

            // Another process appended: this one's head is stale, nothing is written; the transaction's append still chains.
            _ = try await AuditRepository(other).commit([Self.draft("person.read")], span: .brief)
            let moved = try await Self.stored(db, sent.id)
            #expect(try await Self.step(booked, from: 2, on: db, webhooks: webhooks).written == false)
            #expect(try await Self.stored(db, sent.id) == moved)
            try await db.write { tx in _ = try await audit.append([Self.draft("audit.resync")], in: tx) }

            // The sender registers a target: the first step after it writes nothing and learns it; the next delivers to it.
            let target = WebhookTarget(organizationID: ngo.id, url: "https://ngo.example.org/hook", createdAt: Date())
            try await db.write { try await webhooks.insert(target, createdBy: UUID(), in: $0) }
            let learnt = try await Self.stored(db, sent.id)
            #expect(try await Self.step(booked, from: 2, on: db, webhooks: webhooks).written == false)
            #expect(try await Self.stored(db, sent.id) == learnt)
            #expect(try await Self.step(booked, from: 2, on: db, webhooks: webhooks) == (true, 1))
            #expect(try await Self.stored(db, sent.id).deliveries == [target.id.text])

            // The target removed: again one step writes nothing, and the next queues no delivery.
            #expect(try await db.write { try await webhooks.disable(id: target.id, at: Date(), in: $0) })
            let attended = try booked.applying(.attend, side: .receiver, organizationID: clinic, userID: UUID(), at: Date())
            let removed = try await Self.stored(db, sent.id)
            #expect(try await Self.step(attended, from: 3, on: db, webhooks: webhooks).written == false)
            #expect(try await Self.stored(db, sent.id) == removed)
            #expect(try await Self.step(attended, from: 3, on: db, webhooks: webhooks) == (true, 0))
            let last = try await Self.stored(db, sent.id)
            #expect(last.version == 4 && last.state == "attended" && last.deliveries == [target.id.text])
            #expect(try await audit.verify().isIntact)
        }
    }

    @Test("steps at once from two processes, on one referral and on two, each from the version it read: every written step and its event are stored, the others leave nothing, the chain stays whole")
    func concurrentSteps() async throws {
        try await AuditRepositoryTests.withTwoProcesses(.postgres) { db, other in
            let (clinic, _, referrals) = try await Self.referrals(2, in: db)
            let processes = [db, other]
            let webhooks = try processes.map { WebhookRepository($0, cipher: try FieldCipher(master: FieldCipher.generateMaster())) }
            var current = referrals.map { ($0, Int64(1)) }
            var written = 0
            for round in 0..<30 {
                // Each process knows the head (a transaction's append reads it when stale).
                for process in processes { try await process.write { tx in _ = try await AuditRepository(process).append([Self.draft("sync")], in: tx) } }
                let events = try await AuditRepository(db).count()
                // Rounds alternate: both processes step the same referral, or each its own; every step is a booking.
                let picks = round % 2 == 0 ? [0, 0] : [0, 1]
                let steps = try picks.map { pick in
                    let (referral, version) = current[pick]
                    let next = referral.state == .sent
                        ? try referral.applying(.accept, side: .receiver, organizationID: clinic, userID: UUID(), at: Date())
                        : try referral.applying(.book(Date().addingTimeInterval(Double(round) * 3600)), side: .receiver, organizationID: clinic, userID: UUID(), at: Date())
                    return (pick, next, version)
                }
                let results = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                    for (index, step) in steps.enumerated() {
                        group.addTask { (index, try await Self.step(step.1, from: step.2, on: processes[index], webhooks: webhooks[index]).written) }
                    }
                    return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
                }
                var madeNow = 0
                for (index, (pick, next, version)) in steps.enumerated() where results[index] == true {
                    #expect(current[pick].1 == version, "two steps from one version were both written")
                    current[pick] = (next, version + 1)
                    madeNow += 1
                }
                written += madeNow
                #expect(try await AuditRepository(db).count() == events + Int64(madeNow))
                for (referral, version) in current {
                    let stored = try #require(try await ReferralRepository(db).find(id: referral.id))
                    #expect(stored.version == version && stored.value.state == referral.state)
                }
            }
            #expect(written >= 30)
            #expect(try await AuditRepository(db).verify().isIntact)
        }
    }
}
