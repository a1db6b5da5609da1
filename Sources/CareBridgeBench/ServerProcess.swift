import AsyncHTTPClient
import Foundation
import NIOCore

/// A `carebridge serve` child process: the server under test runs apart from the load generator.
final class ServerProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched from the benchmark's one sequential flow.
    let process = Process()
    let port: Int

    init(executable: String, port: Int, environment: [String: String]) throws {
        self.port = port
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve", "--port", String(port)]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Seconds from now until /healthz answers 200.
    func waitUntilHealthy(client: HTTPClient, timeout: Double = 60) async throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        while Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < timeout {
            if let response = try? await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz"), timeout: .seconds(1)),
               response.status == .ok {
                return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }
            if !process.isRunning { throw BenchError("the server exited with status \(process.terminationStatus)") }
            try await Task.sleep(nanoseconds: 2_000_000)
        }
        throw BenchError("the server did not answer /healthz within \(timeout) s")
    }

    /// SIGTERM, then wait: the server shuts down gracefully.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A free loopback port, found by binding port 0.
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw BenchError("could not find a free port") }
    return Int(UInt16(bigEndian: address.sin_port))
}
