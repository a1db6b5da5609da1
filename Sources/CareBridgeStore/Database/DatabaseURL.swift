import CareBridgeCore
import Foundation
import PostgresKit
import PostgresNIO

/// Parses `DATABASE_URL`: `postgres://user:pass@host:port/db`, `sqlite:PATH`, or a plain path.
/// A PostgreSQL server on the same machine can be reached through its Unix-domain socket, in libpq's notation (the
/// same URL works for `psql`): a host that is a directory, `postgresql://user@/db?host=/var/run/postgresql` or
/// `postgresql://user@%2Fvar%2Frun%2Fpostgresql/db`, names the directory of the server's socket, `.s.PGSQL.<port>`
/// (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS). A socket spares each statement
/// the loopback TCP stack: BENCHMARKS.md, "PostgreSQL: bulk inserts as arrays, and the Unix-domain socket".
enum DatabaseURL {
    case sqlite(path: String)
    /// The pool's configuration, and the same server and credentials for one connection of its own: `PostgresBackend`
    /// opens that first, so that a wrong database, user or port fails at start-up with the server's own words (the
    /// pool reports only that its circuit breaker tripped, after retrying for 15 seconds).
    case postgres(PostgresClient.Configuration, probe: PostgresConnection.Configuration)

    init(_ text: String) throws {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            if let socket = Self.socket(text) {
                var configuration = PostgresClient.Configuration(unixSocketPath: socket.path, username: socket.username,
                                                                 password: socket.password, database: socket.database)
                configuration.options = try Self.poolOptions(text, configuration.options)
                self = .postgres(configuration, probe: .init(unixSocketPath: socket.path, username: socket.username,
                                                             password: socket.password, database: socket.database))
                return
            }
            let sqlConfiguration: SQLPostgresConfiguration
            do { sqlConfiguration = try SQLPostgresConfiguration(url: text) } catch {
                throw CareBridgeError(.badRequest, title: "Bad DATABASE_URL",
                                      detail: "DATABASE_URL is not a valid PostgreSQL URL (postgres://user:password@host:5432/database).")
            }
            let core = sqlConfiguration.coreConfiguration
            guard let host = core.host else {
                throw CareBridgeError(.badRequest, title: "Bad DATABASE_URL", detail: "DATABASE_URL names no PostgreSQL host.")
            }
            var configuration = PostgresClient.Configuration(
                host: host, port: core.port ?? 5432, username: core.username, password: core.password,
                database: core.database, tls: .disable)
            var probe = PostgresConnection.Configuration(host: host, port: core.port ?? 5432, username: core.username,
                                                         password: core.password, database: core.database, tls: .disable)
            if text.contains("sslmode=require") {
                configuration.tls = .require(.makeClientConfiguration())
                probe.tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            configuration.options = try Self.poolOptions(text, configuration.options)
            self = .postgres(configuration, probe: probe)
        } else if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count)).replacingOccurrences(of: "//", with: "", options: .anchored)
            guard !path.isEmpty else { throw CareBridgeError(.badRequest, title: "Bad DATABASE_URL", detail: "sqlite: URL names no file.") }
            self = .sqlite(path: path)
        } else if text.contains("://") {
            throw CareBridgeError(.badRequest, title: "Bad DATABASE_URL",
                                  detail: "DATABASE_URL '\(text.prefix(40))...' is neither postgres:// nor sqlite:PATH.")
        } else {
            self = .sqlite(path: text)
        }
    }

    static let maximumConnections = 16

    /// The pool's size, and its keep-alive: off unless the URL asks for it with `keepalives_idle=SECONDS` (libpq's
    /// parameter name; here an idle connection runs `SELECT 1` after that many seconds, for a firewall or proxy
    /// between server and database that drops quiet connections).
    ///
    /// Off by default because PostgresNIO schedules an idle connection's keep-alive as a timer task each time the
    /// connection goes back to its pool, and cancels it at the next lease: two more jobs on Swift's global executor,
    /// and a thread woken, for every statement a request runs. BENCHMARKS.md, "The connection pool's timers".
    static func poolOptions(_ text: String, _ defaults: PostgresClient.Configuration.Options) throws -> PostgresClient.Configuration.Options {
        var options = defaults
        options.maximumConnections = maximumConnections
        options.keepAliveBehavior = nil
        let value = URLComponents(string: text)?.queryItems?.last(where: { $0.name == "keepalives_idle" })?.value
        if let seconds: Int = try Validation.named(value, "keepalives_idle", expected: "a whole number of seconds above 0", Validation.positive) {
            options.keepAliveBehavior = .init(frequency: .seconds(seconds))
        }
        return options
    }

    /// The socket a libpq-style URL names by a directory host (query `host=`, or the authority percent-encoded), with
    /// the port (default 5432) naming the file; nil for a TCP host. Without a user name, libpq's default: the
    /// operating system's user.
    static func socket(_ text: String) -> (path: String, username: String, password: String?, database: String?)? {
        guard let url = URLComponents(string: text) else { return nil }
        let query = url.queryItems ?? []
        func parameter(_ name: String) -> String? { query.last(where: { $0.name == name })?.value }
        guard let directory = [parameter("host"), url.host].compactMap({ $0 }).first(where: { $0.hasPrefix("/") }) else { return nil }
        let port = url.port ?? parameter("port").flatMap(Int.init) ?? 5432
        let database = parameter("dbname") ?? (url.path.count > 1 ? String(url.path.dropFirst()) : nil)
        let trimmed = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        return ("\(trimmed)/.s.PGSQL.\(port)", url.user ?? parameter("user") ?? ProcessInfo.processInfo.userName, url.password ?? parameter("password"), database)
    }
}
