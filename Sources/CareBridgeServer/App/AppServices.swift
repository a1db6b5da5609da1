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
    public let statuses: LegalStatusRepository
    public let consents: ConsentRepository
    public let merges: MergeRepository
    /// In-memory blocking index over every person, for duplicate checks and name search in any script.
    public let peopleIndex: PeopleIndex
    public let population: PopulationStore
    public let ruleSets: RuleSetRegistry
    public let simulations: SimulationRepository
    public let directory: DirectoryCatalog
    public let referrals: ReferralRepository
    public let webhooks: WebhookRepository
    public let notifications: NotificationRepository
    /// Sends queued webhook deliveries; runs as a service of the application.
    public let webhookSender: WebhookSender
    /// Live outbreak detection runs one at a time, in order.
    public let detectionQueue = SerialQueue()
    public let countries: CountryTable
    /// Screening rules, the country table and clinical code tables; the clinical records.
    public let health: HealthReference
    public let healthRecords: HealthRepository
    /// The equity indicators' definitions and their DHIS2 mapping.
    public let indicators: IndicatorReference
    public let cipher: FieldCipher
    public let audit: AuditRepository
    public let auditLog: AuditLog
    public let metrics: AppMetrics
    public let hasher: PasswordHasher
    let throttle: LoginThrottle
    let identities: IdentityCache
    /// The clock, a parameter so tests can move time.
    public let now: @Sendable () -> Date

    public init(configuration: AppConfiguration, database: Database, hasher: PasswordHasher = PasswordHasher(),
                now: @escaping @Sendable () -> Date = Date.init) throws {
        let cipher = try DataKey.cipher(for: configuration)
        self.cipher = cipher
        let countries = try ReferenceData.countryTable()
        self.countries = countries
        self.health = try HealthReference.shipped(countries: Set(countries.countries.keys))
        self.healthRecords = HealthRepository(database)
        self.indicators = try IndicatorReference.shipped()
        self.statuses = LegalStatusRepository(database, cipher: cipher)
        self.consents = ConsentRepository(database)
        self.merges = MergeRepository(database)
        self.peopleIndex = PeopleIndex()
        self.population = PopulationStore(PopulationRepository(database))
        self.ruleSets = RuleSetRegistry(RuleSetRepository(database), countries: Set(countries.countries.keys))
        self.simulations = SimulationRepository(database)
        self.directory = DirectoryCatalog(DirectoryRepository(database))
        self.referrals = ReferralRepository(database)
        self.webhooks = WebhookRepository(database, cipher: cipher)
        self.notifications = NotificationRepository(database)
        self.webhookSender = WebhookSender(repository: webhooks, configuration: configuration, now: now,
                                           logger: makeLogger(level: configuration.logLevel, label: "carebridge.webhooks"))
        self.configuration = configuration
        self.database = database
        self.organizations = OrganizationRepository(database)
        self.users = UserRepository(database)
        self.tokens = TokenRepository(database)
        self.people = PersonRepository(database, cipher: cipher)
        self.audit = AuditRepository(database)
        self.auditLog = AuditLog(database: database)
        self.metrics = AppMetrics()
        self.hasher = hasher
        self.identities = IdentityCache(enabled: configuration.checksTokensAlongside ?? (database.kind == .postgres))
        self.throttle = LoginThrottle(limit: configuration.maxFailedLogins, window: configuration.loginWindow)
        self.now = now
    }

    /// Today's date, as status episodes and entitlements are dated.
    public var today: CalendarDay { CalendarDay(now()) }
    public var personRules: PersonRules { PersonRules(today: today, countries: countries) }

    var accounts: AccountService { AccountService(services: self) }
    var gate: AccessGate { AccessGate(services: self) }
}
