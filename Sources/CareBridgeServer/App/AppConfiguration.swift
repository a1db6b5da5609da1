import CareBridgeCore
import Foundation
import Logging

/// Settings for one server: command line first, then environment, then defaults.
public struct AppConfiguration: Sendable {
    public var hostname: String = "127.0.0.1"
    public var port: Int = 8080
    /// `postgres://...`, `sqlite:PATH` or a file path; default the embedded `carebridge.sqlite`.
    public var databaseURL: String = "carebridge.sqlite"
    /// Password for the first `admin`; generated and printed once when nil.
    public var adminPassword: String?
    /// Largest request body accepted, in bytes.
    public var maxBodySize: Int = 1 << 20
    public var apiTokenLifetime: TimeInterval = 12 * 3600
    public var sessionLifetime: TimeInterval = 8 * 3600
    /// Failed logins allowed per account and per address within `loginWindow` before throttling.
    public var maxFailedLogins: Int = 5
    public var loginWindow: TimeInterval = 15 * 60
    /// Whether to load the shipped reference data on a fresh database.
    public var loadReferenceData: Bool = true
    public var logLevel: String = "info"
    /// The country whose rule set in force answers entitlement questions (ISO 3166-1 alpha-2).
    public var country: String = "BY"
    /// The 32-byte master key for encrypted fields (base64 in `CAREBRIDGE_DATA_KEY`). When nil on SQLite, a key file
    /// beside the database is used (made on first start); PostgreSQL deployments must set it.
    public var dataKey: Data?
    /// The time zone of opening hours in the directory (IANA name); default the country's (`CAREBRIDGE_TIMEZONE`).
    public var timeZone: String?
    /// Whether webhook deliveries may go to loopback, private and link-local addresses. Off by default, so a target's
    /// URL cannot make the server reach into its own network; a ministry whose receivers sit on an internal network
    /// turns it on (`CAREBRIDGE_WEBHOOKS_ALLOW_PRIVATE=1`).
    public var webhooksAllowPrivateNetworks: Bool = false
    /// How often the webhook sender looks for due deliveries (it is also woken by each referral step).
    public var webhookPollInterval: TimeInterval = 5
    /// Whether this server sends webhook deliveries in the background. Tests that drive sending step by step
    /// (`WebhookSender.sendDue`) turn it off.
    public var sendsWebhooks: Bool = true
    /// How often a server checks whether the directory was changed elsewhere (another server, the import command).
    public var directoryCheckInterval: TimeInterval = 10
    /// How often live outbreak detection runs over the notified cases (it also runs after each notification and import).
    public var detectionInterval: TimeInterval = 6 * 3600
    /// How long a webhook delivery may take to connect (the client retries a refused connection until then).
    public var webhookConnectTimeout: TimeInterval = 5
    /// When a failed webhook delivery is tried again (tests lengthen it, so that a slow run never sees a retry fall due).
    public var webhookRetrySchedule: RetrySchedule = .standard
    /// Whether a request with an API token that checked out before starts on that token's identity while the token is
    /// checked again beside it (AuthMiddleware, `IdentityCache`), on PostgreSQL within the request's first read when it
    /// can (`CredentialCheck`). Nil: on PostgreSQL, where a look-up of its own is a round trip; on SQLite it is a read of
    /// tens of microseconds on the calling thread. Tests turn it on for both.
    public var checksTokensAlongside: Bool?

    public init() {}

    /// Opening hours are local time: the configured zone, else the country's capital's.
    public var zone: TimeZone {
        timeZone.flatMap(TimeZone.init(identifier:)) ?? Self.capitalZones[country].flatMap(TimeZone.init(identifier:)) ?? .gmt
    }
    static let capitalZones = ["BY": "Europe/Minsk", "RU": "Europe/Moscow", "UA": "Europe/Kyiv", "KZ": "Asia/Almaty", "UZ": "Asia/Tashkent",
                               "PL": "Europe/Warsaw", "LT": "Europe/Vilnius", "DE": "Europe/Berlin", "TJ": "Asia/Dushanbe", "TM": "Asia/Ashgabat"]

    /// Reads `DATABASE_URL`, `CAREBRIDGE_ADMIN_PASSWORD`, `CAREBRIDGE_MAX_BODY_BYTES`, `LOG_LEVEL`, `CAREBRIDGE_DATA_KEY`,
    /// `CAREBRIDGE_COUNTRY`, `CAREBRIDGE_DETECTION_INTERVAL`, `CAREBRIDGE_TIMEZONE`, `CAREBRIDGE_WEBHOOKS_ALLOW_PRIVATE`.
    /// An empty variable is as good as unset; a value that cannot be read stops start-up with what was expected, rather
    /// than being passed over for the default (a time zone misspelt would otherwise put every opening hour off).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfiguration {
        var configuration = AppConfiguration()
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        func read<T>(_ name: String, expected: String, shown: Bool = true, _ parse: (String) -> T?) throws -> T? {
            try Validation.named(environment[name], name, expected: expected, shown: shown, parse)
        }
        if let url = value("DATABASE_URL") { configuration.databaseURL = url }
        if let password = value("CAREBRIDGE_ADMIN_PASSWORD") { configuration.adminPassword = password }
        if let size: Int = try read("CAREBRIDGE_MAX_BODY_BYTES", expected: "a whole number of bytes above 0", Validation.positive) {
            configuration.maxBodySize = size
        }
        if let level = try read("LOG_LEVEL", expected: "one of " + Logger.Level.allCases.map(\.rawValue).joined(separator: ", "),
                                { Logger.Level(rawValue: $0.lowercased())?.rawValue }) {
            configuration.logLevel = level
        }
        if let country = value("CAREBRIDGE_COUNTRY") { configuration.country = country.uppercased() }
        if let seconds = try read("CAREBRIDGE_DETECTION_INTERVAL", expected: "a number of seconds above 0",
                                  { TimeInterval($0).flatMap { $0 > 0 && $0.isFinite ? $0 : nil } }) {
            configuration.detectionInterval = seconds
        }
        configuration.timeZone = try read("CAREBRIDGE_TIMEZONE", expected: "an IANA time zone such as Europe/Minsk",
                                          { TimeZone(identifier: $0) != nil ? $0 : nil })
        if let allow = try read("CAREBRIDGE_WEBHOOKS_ALLOW_PRIVATE", expected: "true or false", Validation.yesNo) {
            configuration.webhooksAllowPrivateNetworks = allow
        }
        // The key itself is never repeated in a message; its length is checked where it is used (FieldCipher).
        configuration.dataKey = try read("CAREBRIDGE_DATA_KEY", expected: "32 random bytes in base64 (`openssl rand -base64 32`)",
                                         shown: false, { Data(base64Encoded: $0) })
        return configuration
    }
}
