import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// Latency samples and how many requests failed.
struct LoadResult: Sendable {
    var latenciesNanos: [UInt64]
    var failures: Int
    var seconds: Double

    var requestsPerSecond: Double { Double(latenciesNanos.count) / seconds }
    func percentile(_ p: Double) -> Double {
        guard !latenciesNanos.isEmpty else { return .nan }
        let sorted = latenciesNanos.sorted()
        let index = min(sorted.count - 1, Int((p / 100) * Double(sorted.count - 1)).clamped(to: 0...sorted.count - 1))
        return Double(sorted[index]) / 1e6
    }
}

extension Int {
    func clamped(to range: ClosedRange<Int>) -> Int { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}

/// Drives an HTTP server over loopback with keep-alive connections.
struct LoadClient: Sendable {
    let client: HTTPClient
    let url: String
    let headers: HTTPHeaders

    /// Open loop: requests are scheduled at `rate` per second whatever the server does, and latency
    /// is measured from the scheduled time, so a stalled server cannot hide its queueing (no coordinated omission).
    func fixedRate(rate: Double, seconds: Double, concurrency: Int) async -> LoadResult {
        let total = Int(rate * seconds)
        let next = SlotCounter()
        let start = DispatchTime.now().uptimeNanoseconds + 50_000_000
        let interval = 1e9 / rate
        let results = await withTaskGroup(of: ([UInt64], Int).self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var samples: [UInt64] = []
                    var failures = 0
                    while true {
                        let slot = next.take()
                        if slot >= total { break }
                        let due = start + UInt64(Double(slot) * interval)
                        let now = DispatchTime.now().uptimeNanoseconds
                        if due > now { try? await Task.sleep(nanoseconds: due - now) }
                        if await send() { samples.append(DispatchTime.now().uptimeNanoseconds - due) } else { failures += 1 }
                    }
                    return (samples, failures)
                }
            }
            var all: ([UInt64], Int) = ([], 0)
            for await (samples, failures) in group { all.0 += samples; all.1 += failures }
            return all
        }
        return LoadResult(latenciesNanos: results.0, failures: results.1, seconds: seconds)
    }

    /// Closed loop: `concurrency` clients send back to back for `seconds`; measures the most the server serves.
    func saturate(seconds: Double, concurrency: Int) async -> LoadResult {
        let begin = DispatchTime.now().uptimeNanoseconds
        let end = begin + UInt64(seconds * 1e9)
        let results = await withTaskGroup(of: ([UInt64], Int).self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var samples: [UInt64] = []
                    var failures = 0
                    while DispatchTime.now().uptimeNanoseconds < end {
                        let sent = DispatchTime.now().uptimeNanoseconds
                        if await send() { samples.append(DispatchTime.now().uptimeNanoseconds - sent) } else { failures += 1 }
                    }
                    return (samples, failures)
                }
            }
            var all: ([UInt64], Int) = ([], 0)
            for await (samples, failures) in group { all.0 += samples; all.1 += failures }
            return all
        }
        return LoadResult(latenciesNanos: results.0, failures: results.1,
                          seconds: Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9)
    }

    func send() async -> Bool {
        var request = HTTPClientRequest(url: url)
        request.headers = headers
        guard let response = try? await client.execute(request, timeout: .seconds(10)) else { return false }
        _ = try? await response.body.collect(upTo: 1 << 20)
        return response.status == .ok
    }
}

/// Hands out request slots to the workers, each exactly once.
final class SlotCounter: Sendable {
    private let value = Atomic<Int>(0)
    func take() -> Int { value.wrappingAdd(1, ordering: .relaxed).oldValue }
}
