import ArgumentParser
import CareBridgeServer

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the benchmarks; with --markdown, write BENCHMARKS.md.")
    @Flag(help: "Write BENCHMARKS.md.") var markdown = false

    func run() async throws {
        throw ValidationError("not yet")
    }
}
