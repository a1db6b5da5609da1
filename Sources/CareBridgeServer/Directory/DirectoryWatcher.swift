import Foundation
import Logging
import ServiceLifecycle

/// Keeps this server's directory index in step with directory writes made elsewhere (another server on the same
/// PostgreSQL database, or the import command): every `interval` it compares the stored directory's fingerprint with
/// the one its index was built from, and rebuilds the index when they differ. Writes through this server refresh the
/// index at once; this covers the rest within `interval`.
struct DirectoryWatcher: Service {
    let catalog: DirectoryCatalog
    let interval: TimeInterval
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(interval))
                guard !Task.isCancelled else { return }
                do {
                    if try await catalog.refreshIfChanged() { logger.info("Directory index rebuilt after a change made elsewhere") }
                } catch {
                    logger.warning("Directory change check failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
