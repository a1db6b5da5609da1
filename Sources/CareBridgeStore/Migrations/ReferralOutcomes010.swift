import CareBridgeCore
import Foundation
import SQLKit

/// What the equity indicators read of each referral without opening its document: the coded reason a receiver
/// declined it for (cost, capacity, not eligible, other) and when the person first attended. Referrals already
/// stored get their first attendance from their history; their decline code stays unknown (null).
enum ReferralOutcomes010 {
    static func apply(_ db: any SQLDatabase, _ kind: DatabaseKind) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await db.alter(table: "referrals").column("decline_code", type: .text).run()
        try await db.alter(table: "referrals").column("attended_at", type: .bigint).run()
        let attended = try await db.select().columns("id", "document").from("referrals")
            .where("state", .in, [ReferralState.attended, .completed].map(\.rawValue)).all()
        for row in attended {
            let referral = try JSONColumn.decode(Referral.self, try row.string("document"))
            guard let at = referral.firstAttendedAt else { continue }
            try await db.update("referrals").set("attended_at", to: SQLBind(at.millis)).where("id", .equal, try row.string("id")).run()
        }
    }
}
