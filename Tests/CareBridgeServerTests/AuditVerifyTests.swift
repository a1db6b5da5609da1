import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import SQLKit
import Testing

@Suite("carebridge audit verify")
struct AuditVerifyTests {
    @Test("verify passes after real traffic, and names the event someone altered in the database", arguments: TestDatabase.kinds)
    func verifyNamesTheAlteredEvent(kind: DatabaseKind) async throws {
        let (url, cleanup) = try await TestDatabase.freshURL(kind)
        var configuration = AppConfiguration()
        configuration.dataKey = FieldCipher.generateMaster()
        configuration.databaseURL = url
        configuration.adminPassword = TestApp.adminPassword
        // setup: traffic through the server, which audits logins, account creation and person access
        let (app, services) = try await buildApplication(configuration, hasher: PasswordHasher(cost: 4))
        _ = app
        let database = services.database
        let admin = try #require(try await services.users.credentials(username: "admin")?.user)
        for n in 0..<5 {
            try await services.auditLog.record(AuditDraft(occurredAt: Date(), actorUserID: admin.id, actorUsername: "admin",
                                                          action: "identity.read", outcome: .allowed, reason: "own-record \(n)"))
        }
        // MUT: the command's own entry point, on the database the server wrote
        let intact = try await Admin.verifyAudit(configuration)
        #expect(intact.isIntact)
        #expect(intact.eventsChecked == 6)
        // An intruder with database access removes the trigger and edits event 4.
        try await database.write { db in
            switch kind {
            case .sqlite: try await db.raw("DROP TRIGGER audit_events_no_update").run()
            case .postgres: try await db.raw("DROP TRIGGER audit_events_append_only ON audit_events").run()
            }
            try await db.update("audit_events").set("reason", to: SQLBind("nothing to see")).where("seq", .equal, 4).run()
        }
        let broken = try await Admin.verifyAudit(configuration)
        // validation
        #expect(broken.firstBreak?.sequence == 4)
        #expect(broken.eventsChecked == 3)
        #expect(broken.firstBreak?.description.contains("altered") == true)
        await database.close()
        try await cleanup()
    }
}
