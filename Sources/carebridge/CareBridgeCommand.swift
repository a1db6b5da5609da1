import ArgumentParser
import CareBridgeServer

@main
struct CareBridgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "carebridge",
        abstract: "CareBridge: fair access to medical care for migrants.",
        subcommands: [Serve.self, Migrate.self, UserCommand.self, Demo.self, ImportCommand.self, ExportCommand.self, AuditCommand.self, RulesCommand.self, DetectCommand.self, Bench.self])
}
