import ArgumentParser
import CareBridgeServer
import Hummingbird

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the server (migrates and loads reference data on a fresh database).",
        discussion: "Database from DATABASE_URL; without it, carebridge.sqlite in the working directory.")

    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port).") var port = 8080

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, not \(port).") }
    }

    func run() async throws {
        try await CommandErrors.report {
            var configuration = try AppConfiguration.fromEnvironment()
            configuration.hostname = hostname
            configuration.port = port
            let (app, _) = try await buildApplication(configuration)
            try await app.runService()
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")

    func run() async throws {
        try await CommandErrors.report {
            let applied = try await Admin.migrate(AppConfiguration.fromEnvironment())
            print(applied.isEmpty ? "The database is up to date." : "Applied: \(applied.joined(separator: ", "))")
        }
    }
}
