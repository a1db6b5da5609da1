import CareBridgeCore
import CareBridgeStore
import Foundation

/// Everything a handler needs, built once per server and passed to every controller.
public struct AppServices: Sendable {
    public let configuration: AppConfiguration
    public let database: Database
    public let organizations: OrganizationRepository
    public let users: UserRepository
    public let tokens: TokenRepository
    public let people: PersonRepository
    public let audit: AuditRepository
    public let auditLog: AuditLog
    public let metrics: AppMetrics
    public let hasher: PasswordHasher
    let throttle: LoginThrottle
    /// The clock, a parameter so tests can move time.
    public let now: @Sendable () -> Date

    public init(configuration: AppConfiguration, database: Database, hasher: PasswordHasher = PasswordHasher(),
                now: @escaping @Sendable () -> Date = Date.init) {
        self.configuration = configuration
        self.database = database
        self.organizations = OrganizationRepository(database)
        self.users = UserRepository(database)
        self.tokens = TokenRepository(database)
        self.people = PersonRepository(database)
        self.audit = AuditRepository(database)
        self.auditLog = AuditLog(database: database)
        self.metrics = AppMetrics()
        self.hasher = hasher
        self.throttle = LoginThrottle(limit: configuration.maxFailedLogins, window: configuration.loginWindow)
        self.now = now
    }

    var accounts: AccountService { AccountService(services: self) }
    var gate: AccessGate { AccessGate(services: self) }
}
