import CareBridgeCore
@testable import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Logging
import PostgresNIO
import SQLKit
import Testing

/// `DATABASE_URL` reaches a PostgreSQL server on the same machine through its Unix-domain socket, in libpq's notation.
@Suite("DATABASE_URL")
struct DatabaseURLTests {
    @Test("a directory host names the server's socket, .s.PGSQL.<port>; a network host does not")
    func socketForms() {
        let query = DatabaseURL.socket("postgresql://care:secret@/carebridge?host=/var/run/postgresql&port=5433")
        #expect(query?.path == "/var/run/postgresql/.s.PGSQL.5433")
        #expect(query?.username == "care")
        #expect(query?.password == "secret")
        #expect(query?.database == "carebridge")
        let encoded = DatabaseURL.socket("postgres://care@%2Ftmp%2Fpg%2F/carebridge")
        #expect(encoded?.path == "/tmp/pg/.s.PGSQL.5432")
        #expect(encoded?.database == "carebridge")
        #expect(encoded?.password == nil)
        #expect(DatabaseURL.socket("postgresql:///carebridge?host=/tmp&user=care")?.username == "care")
        #expect(DatabaseURL.socket("postgres://care@127.0.0.1:5432/carebridge") == nil)
        #expect(DatabaseURL.socket("postgres://care@db.example.org/carebridge?host=db2.example.org") == nil)
    }

    @Test("the pool keeps idle connections alive only when the URL asks, with keepalives_idle=SECONDS, in either form")
    func keepAlive() throws {
        func options(_ text: String) throws -> PostgresClient.Configuration.Options? {
            guard case .postgres(let configuration, _) = try DatabaseURL(text) else { return nil }
            return configuration.options
        }
        let plain = try #require(try options("postgres://care@db.example.org:5432/carebridge"))
        #expect(plain.keepAliveBehavior == nil)
        #expect(plain.maximumConnections == DatabaseURL.maximumConnections)
        #expect(try options("postgres://care@db.example.org/carebridge?keepalives_idle=45")?.keepAliveBehavior?.frequency == .seconds(45))
        #expect(try options("postgresql://care@/carebridge?host=/tmp&keepalives_idle=7")?.keepAliveBehavior?.frequency == .seconds(7))
        #expect(try options("postgresql://care@/carebridge?host=/tmp")?.keepAliveBehavior == nil)
        // Empty is unset, as every setting is.
        #expect(try options("postgres://care@db.example.org/carebridge?keepalives_idle=")?.keepAliveBehavior == nil)
        for bad in ["0", "-5", "soon"] {
            #expect(throws: CareBridgeError.self, "keepalives_idle=\(bad)") { try DatabaseURL("postgres://care@db.example.org/carebridge?keepalives_idle=\(bad)") }
        }
    }

    static var postgres: [DatabaseKind] { TestDatabase.kinds.filter { $0 == .postgres } }

    @Test("on PostgreSQL, a socket URL opens a database whose statements run over the socket",
          .enabled(if: !postgres.isEmpty, "CAREBRIDGE_TEST_POSTGRES_URL names no server"))
    func opensOverTheSocket() async throws {
        try await TestDatabase.with(.postgres) { (tcp: Database) async throws in
            let (directories, port, name) = try await tcp.read { db in
                let row = try await db.raw("SELECT current_setting('unix_socket_directories') AS d, current_setting('port') AS p, current_database() AS n").first()!
                return (try row.string("d"), try row.string("p"), try row.string("n"))
            }
            let directory = try #require(directories.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix("/") },
                                         "the test server listens on no Unix-domain socket (unix_socket_directories = '\(directories)')")
            let url = "postgresql://postgres@/\(name)?host=\(directory)&port=\(port)"
            let socket = try await Database.open(url: url, logger: Logger(label: "test"))
            do {
                // inet_server_addr() is NULL exactly when the connection is not over the network.
                let (local, people) = try await socket.read(.brief) { db in
                    let row = try await db.raw("SELECT inet_server_addr() IS NULL AS local, (SELECT count(*) FROM people) AS people").first()!
                    return (try row.bool("local"), try row.int("people"))
                }
                #expect(local)
                #expect(people == 0, "the migrated test database, reached by its socket")
                await socket.close()
            } catch {
                await socket.close()
                throw error
            }
        }
    }
}
