import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle

/// Builds the whole server from a configuration; `carebridge serve` and the tests both call it.
public func buildApplication(_ configuration: AppConfiguration, logger: Logger? = nil,
                             hasher: PasswordHasher = PasswordHasher()) async throws -> (some ApplicationProtocol, AppServices) {
    let logger = logger ?? makeLogger(level: configuration.logLevel)
    let database = try await Database.open(url: configuration.databaseURL, logger: logger)
    let services: AppServices
    do {
        services = try AppServices(configuration: configuration, database: database, hasher: hasher)
        try await Bootstrap(services: services, logger: logger).run()
        try await loadPeopleIndex(services: services, logger: logger)
        try await loadImportedEpidemiology(services: services, logger: logger)
        try await loadImportedIndicators(services: services, logger: logger)
        try await loadPopulation(services: services, logger: logger)
    } catch {
        await database.close()
        throw error
    }
    let router = buildRouter(services: services)
    let app = Application(
        router: router,
        server: .http1OnItsLoop(),
        configuration: .init(address: .hostname(configuration.hostname, port: configuration.port), serverName: nil),
        services: [DatabaseService(database: database), services.webhookSender,
                   DirectoryWatcher(catalog: services.directory, interval: configuration.directoryCheckInterval, logger: logger),
                   DetectionSchedule(detector: OutbreakDetector(services: services), interval: configuration.detectionInterval, logger: logger)],
        onServerRunning: { channel in
            logger.info("CareBridge listening", metadata: ["address": "\(channel.localAddress?.description ?? "?")"])
        },
        logger: logger)
    return (app, services)
}

/// Fills the identity matcher's index from the registry: at once for a small registry, so the first duplicate check
/// sees everyone; in the background for a large one, so the server answers within its start-up target meanwhile
/// (writes made during the build are applied on top; `PeopleIndex.isComplete` says when it is whole).
func loadPeopleIndex(services: AppServices, logger: Logger) async throws {
    if try await services.people.count() <= 50_000 {
        try await services.peopleIndex.build(from: services.people, logger: logger)
    } else {
        Task { [people = services.people, index = services.peopleIndex] in
            do { try await index.build(from: people, logger: logger) } catch {
                logger.error("Identity index build failed; duplicate checks see only new registrations", metadata: ["error": "\(error)"])
            }
        }
    }
}

/// Puts in force a country table an administrator imported before this start, in place of the shipped one.
func loadImportedEpidemiology(services: AppServices, logger: Logger) async throws {
    guard let stored = try await services.healthRecords.referenceDocument(HealthReference.documentName) else { return }
    do {
        services.health.replace(try CountryEpidemiology.parse(Data(stored.utf8), knownCountries: Set(services.countries.countries.keys)))
        logger.info("Using the imported country table")
    } catch {
        logger.error("The imported country table no longer parses; using the shipped one", metadata: ["error": "\(error)"])
    }
}

/// Builds the population snapshot: at once for a small registry, in the background for a large one (a scan before it
/// completes says so).
func loadPopulation(services: AppServices, logger: Logger) async throws {
    if try await services.people.count() <= 50_000 {
        try await services.population.build(logger: logger)
    } else {
        Task { [population = services.population] in
            do { try await population.build(logger: logger) } catch {
                logger.error("Population snapshot build failed; simulations see only people written since start", metadata: ["error": "\(error)"])
            }
        }
    }
}

/// Every middleware and route, in order: observability outermost so it sees the final status.
func buildRouter(services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: ObservabilityMiddleware(metrics: services.metrics))
    router.add(middleware: SecurityHeadersMiddleware())
    // Language and identity come before the error middleware, so an error page speaks the
    // person's language and shows their navigation; neither of the two throws.
    router.add(middleware: LanguageMiddleware())
    router.add(middleware: AuthMiddleware(accounts: services.accounts))
    router.add(middleware: ErrorMiddleware(maxBodySize: services.configuration.maxBodySize, renderPage: ErrorPage.render))
    router.add(middleware: CredentialCheckMiddleware())
    router.add(middleware: BodyLimitMiddleware(maxBodySize: services.configuration.maxBodySize))
    router.add(middleware: CSRFMiddleware())
    router.add(middleware: IdempotencyMiddleware(repository: IdempotencyRepository(services.database), now: services.now))
    SystemController.register(on: router, services: services)
    AuthController.register(on: router, services: services)
    OrganizationsController.register(on: router, services: services)
    UsersController.register(on: router, services: services)
    PeopleController.register(on: router, services: services)
    EntitlementsController.register(on: router, services: services)
    SimulationsController.register(on: router, services: services)
    AuditController.register(on: router, services: services)
    HSDSController.register(on: router, services: services)
    IndicatorsController.register(on: router, services: services)
    ServicesController.register(on: router, services: services)
    DirectoryImportController.register(on: router, services: services)
    ReferralsController.register(on: router, services: services)
    HealthController.register(on: router, services: services)
    OutbreakAlertsController.register(on: router, services: services)
    CaseSeriesController.register(on: router, services: services)
    WebhooksController.register(on: router, services: services)
    FHIRController.register(on: router, services: services)
    MeasuresController.register(on: router, services: services)
    WebRoutes.register(on: router, services: services)
    return router
}

/// Closes the database after the HTTP server has finished its requests in flight and the webhook sender has stopped
/// (the service group stops services in reverse order, and this one is first).
struct DatabaseService: Service {
    let database: Database
    func run() async throws {
        try? await gracefulShutdown()
        await database.close()
    }
}

/// The registered /api/v1 routes as `METHOD /path/{param}`, for checking against the OpenAPI document.
public enum RouteInventory {
    public static func apiRoutes(services: AppServices) -> [String] {
        buildRouter(services: services).routes.compactMap { route in
            let path = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                .joined(separator: "/")
            let full = path.hasPrefix("/") ? path : "/" + path
            return full.hasPrefix("/api/v1/") ? "\(route.method.rawValue) \(full)" : nil
        }
    }
}
