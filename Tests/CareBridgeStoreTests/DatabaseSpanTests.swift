import CareBridgeCore
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Logging
import SQLKit
import Synchronization
import Testing

/// `Database.Span.brief` runs a body on the calling thread (SQLite); what it stores, rolls back and waits for must be
/// exactly what the default span does.
@Suite("Brief reads and writes")
struct DatabaseSpanTests {
    static func organization(_ slug: String) -> Organization {
        Organization(slug: slug, kind: .healthFacility, names: ["en": "Clinic \(slug)"], region: "BY-MI", createdAt: Date())
    }

    @Test("a brief write commits, a brief read sees it, and a brief write that throws leaves nothing", arguments: TestDatabase.kinds)
    func briefWritesAndReads(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { (db: Database) async throws in
            let repository = OrganizationRepository(db)
            let kept = Self.organization("kept")
            try await db.write(.brief) { [kept] in try await repository.create(kept, in: $0) }
            let found = try await db.read(.brief) { [kept] in try await repository.find(id: kept.id, in: $0) }
            #expect(found?.value.slug == "kept")

            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await db.write(.brief) { db in
                    try await repository.create(Self.organization("rolled-back"), in: db)
                    throw Refused()
                }
            }
            #expect(try await repository.count() == 1)
            // The connection is usable after the rollback, in either span.
            try await db.write(.brief) { try await repository.create(Self.organization("after"), in: $0) }
            try await db.write { try await repository.create(Self.organization("after-default"), in: $0) }
            #expect(try await repository.count() == 3)
        }
    }

    /// Another process's write (here another `Database` on the same file, whose connections lock the file as another
    /// process's would) holds the write lock: a brief write must wait for it as any write does, neither going ahead
    /// nor failing with "database busy", and a later default write must still wait (the busy timeout is back after the
    /// brief attempt).
    @Test("on SQLite, a brief write waits for another process's write lock instead of failing")
    func briefWriteWaitsForAnotherProcess() async throws {
        let (url, cleanup) = try await TestDatabase.freshURL(.sqlite)
        let ours = try await Database.open(url: url, logger: Logger(label: "test"))
        let theirs = try await Database.open(url: url, logger: Logger(label: "test-other"))
        do {
            try await Migrations.run(on: ours)
            let repository = OrganizationRepository(ours)
            for (round, span) in [Database.Span.brief, .unbounded].enumerated() {
                let (locked, lockTaken) = AsyncStream.makeStream(of: Void.self)
                let (released, release) = AsyncStream.makeStream(of: Void.self)
                let holder = Task {
                    try await theirs.write { db in
                        try await OrganizationRepository(theirs).create(Self.organization("theirs-\(round)"), in: db)
                        lockTaken.yield()
                        for await _ in released { break }
                    }
                }
                for await _ in locked { break }
                let done = Atomic<Bool>(false)
                let write = Task {
                    try await ours.write(span) { try await repository.create(Self.organization("ours-\(round)"), in: $0) }
                    done.store(true, ordering: .sequentiallyConsistent)
                }
                try await Task.sleep(nanoseconds: 300_000_000)
                let wentAhead = done.load(ordering: .sequentiallyConsistent)
                #expect(!wentAhead, "the \(span) write went ahead while another process held the write lock")
                release.yield()
                try await holder.value
                try await write.value
            }
            let slugs = Set(try await repository.list(limit: 10, after: nil).items.map(\.slug))
            #expect(slugs == ["theirs-0", "ours-0", "theirs-1", "ours-1"])
        } catch {
            await theirs.close()
            await ours.close()
            try? await cleanup()
            throw error
        }
        await theirs.close()
        await ours.close()
        try await cleanup()
    }
}
