import AsyncHTTPClient
import CareBridgeCore
import CareBridgeStore
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization

/// Sends the queued webhook deliveries: at least once, signed, with retries by the core's RetrySchedule. A delivery
/// is written in the same transaction as the referral step it tells of, so a receiver that is down delays only its
/// own deliveries, never a step. Runs as a service beside the HTTP server, looking for due deliveries every
/// `webhookPollInterval` and whenever a step has queued one.
///
/// Each attempt resolves the target's host itself, refuses it when any address is loopback, private, link-local or
/// otherwise not public (unless the configuration allows private networks), and pins the connection to the address it
/// checked, so a DNS answer that changes between the check and the connection cannot redirect the request. Redirects
/// are not followed: a 3xx answer is a failed attempt.
public final class WebhookSender: Service, Sendable {
    let repository: WebhookRepository
    let allowPrivateNetworks: Bool
    let pollInterval: TimeInterval
    let enabled: Bool
    let connectTimeout: TimeAmount
    let schedule: RetrySchedule
    let now: @Sendable () -> Date
    let logger: Logger
    /// At most this many deliveries are sent at once.
    static let concurrency = 8
    /// How long a claimed delivery is this sender's before another may try it (longer than an attempt can take).
    static let lease: TimeInterval = 60
    static let requestTimeout: TimeAmount = .seconds(15)

    private struct RunState { var started = false; var running = false; var again = false }
    private let state = Mutex(RunState())

    init(repository: WebhookRepository, configuration: AppConfiguration, now: @escaping @Sendable () -> Date, logger: Logger) {
        (self.repository, self.allowPrivateNetworks, self.pollInterval) = (repository, configuration.webhooksAllowPrivateNetworks, configuration.webhookPollInterval)
        (self.now, self.logger, self.enabled) = (now, logger, configuration.sendsWebhooks)
        connectTimeout = .milliseconds(Int64(configuration.webhookConnectTimeout * 1000))
        schedule = configuration.webhookRetrySchedule
    }

    public func run() async throws {
        guard enabled else {
            // A service that returned would stop the application; this one idles until shutdown.
            try? await gracefulShutdown()
            return
        }
        state.withLock { $0.started = true }
        defer { state.withLock { $0.started = false } }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                self.wake()
                try? await Task.sleep(for: .seconds(self.pollInterval))
            }
        }
    }

    /// Sends what is due soon, without waiting: called after a step queues deliveries. Calls that come while a round
    /// is running make one more round after it, so nothing queued meanwhile waits for the next poll. Does nothing
    /// unless the service runs (tests send with `sendDue`).
    func wake() {
        let start = state.withLock { s -> Bool in
            guard s.started else { return false }
            if s.running { s.again = true; return false }
            (s.running, s.again) = (true, false)
            return true
        }
        guard start else { return }
        Task {
            repeat {
                do { _ = try await self.sendDue() } catch { self.logger.error("Webhook round failed", metadata: ["error": "\(error)"]) }
            } while state.withLock { s in
                if s.again { s.again = false; return true }
                s.running = false
                return false
            }
        }
    }

    /// One round: the oldest due delivery of each target is claimed and attempted (up to `limit` due deliveries are
    /// looked at); returns how many were attempted. One per target per round keeps a target's messages in order and
    /// lets a target that is down hold only one of the `concurrency` slots, for at most the connect timeout; what it
    /// leaves waits for the next round, which starts at once when anything was left.
    @discardableResult
    public func sendDue(limit: Int = 100) async throws -> Int {
        let found = try await repository.due(at: now(), limit: limit)
        guard !found.isEmpty else { return 0 }
        var seen = Set<UUID>()
        let due = found.filter { seen.insert($0.value.targetID).inserted }
        if due.count < found.count { state.withLock { if $0.running { $0.again = true } } }
        var targets: [UUID: WebhookTarget] = [:]
        for id in Set(due.map(\.value.targetID)) { targets[id] = try await repository.target(id: id) }
        return await withTaskGroup(of: Bool.self) { group in
            var attempted = 0
            var started = 0
            for delivery in due {
                if started >= Self.concurrency, let done = await group.next() { attempted += done ? 1 : 0 }
                let target = targets[delivery.value.targetID]
                group.addTask { await self.send(delivery, to: target) }
                started += 1
            }
            for await done in group { attempted += done ? 1 : 0 }
            return attempted
        }
    }

    /// Claims, attempts and records one delivery; false if another sender had it.
    func send(_ delivery: Versioned<WebhookDelivery>, to target: WebhookTarget?) async -> Bool {
        do {
            guard let version = try await repository.claim(delivery, leaseUntil: now().addingTimeInterval(Self.lease)) else { return false }
            let attempt: WebhookAttempt
            if let target, target.isActive {
                attempt = await self.attempt(delivery.value.event, to: target)
            } else {
                attempt = WebhookAttempt(at: now(), error: "The target was removed; nothing more is sent to it.", durationMs: 0)
            }
            var rng = SystemRandomNumberGenerator()
            var next = delivery.value.recording(attempt, schedule: schedule, using: &rng)
            if target?.isActive != true { (next.state, next.nextAttemptAt) = (.abandoned, nil) }
            try await repository.save(next, expectedVersion: version)
            if !attempt.succeeded {
                logger.notice("Webhook delivery failed", metadata: ["delivery": "\(next.id.text)", "target": "\(next.targetID.text)",
                                                                     "status": "\(attempt.statusCode.map(String.init) ?? "-")", "error": "\(attempt.error ?? "")",
                                                                     "state": "\(next.state.rawValue)"])
            }
            return true
        } catch {
            logger.error("Webhook delivery could not be recorded", metadata: ["delivery": "\(delivery.value.id.text)", "error": "\(error)"])
            return false
        }
    }

    /// One POST of the event to the target, signed now.
    func attempt(_ event: WebhookEvent, to target: WebhookTarget) async -> WebhookAttempt {
        let at = now()
        let clock = ContinuousClock.now
        func finish(status: Int? = nil, error: String? = nil) -> WebhookAttempt {
            let elapsed = ContinuousClock.now - clock
            return WebhookAttempt(at: at, statusCode: status, error: error, durationMs: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
        }
        let url: URL
        let address: String
        do {
            url = try WebhookTarget.parseURL(target.url)
            address = try await checkedAddress(of: url.host!)
        } catch let error as CareBridgeError {
            return finish(error: error.detail)
        } catch {
            return finish(error: "\(error)")
        }
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: connectTimeout, read: Self.requestTimeout))
        configuration.dnsOverride = [url.host!: address]
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let body = event.body()
        var request = HTTPClientRequest(url: target.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "CareBridge-Webhooks/\(CareBridgeVersion.current)")
        request.headers.add(name: WebhookSignature.idHeader, value: event.id.text)
        request.headers.add(name: "Webhook-Event", value: event.type.rawValue)
        request.headers.add(name: WebhookSignature.header, value: WebhookSignature.sign(body: body, secret: target.secret, timestamp: Int(at.timeIntervalSince1970)))
        request.body = .bytes(ByteBuffer(bytes: body))
        let result: WebhookAttempt
        do {
            let response = try await client.execute(request, timeout: Self.requestTimeout)
            // Read a little of the answer so the connection closes cleanly; its content is never kept.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            let code = Int(response.status.code)
            result = finish(status: code, error: (300...399).contains(code) ? "The target answered with a redirect; redirects are not followed." : nil)
        } catch {
            result = finish(error: Self.describe(error))
        }
        try? await client.shutdown()
        return result
    }

    /// The address to connect to for `host`: its first resolved address, once every address it resolves to is public
    /// (or private networks are allowed).
    func checkedAddress(of host: String) async throws -> String {
        let addresses: [[UInt8]]
        if let literal = NetworkAddress.parse(host) {
            addresses = [literal]
        } else {
            addresses = try await Self.resolve(host)
        }
        guard let first = addresses.first else {
            throw CareBridgeError.invalid("url", "The host \(host) has no address.")
        }
        if !allowPrivateNetworks, let bad = addresses.first(where: { NetworkAddress.scope($0) != .global }) {
            throw CareBridgeError(.forbidden, title: "Target not allowed",
                                  detail: "Refused: \(host) is a \(NetworkAddress.scope(bad).rawValue) address (\(NetworkAddress.text(bad))); webhooks go only to public addresses.",
                                  reason: "private-address")
        }
        return NetworkAddress.text(first)
    }

    /// The host's addresses from the system resolver, looked up off the cooperative threads (getaddrinfo blocks).
    static func resolve(_ host: String) async throws -> [[UInt8]] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                var hints = addrinfo()
                hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
                var list: UnsafeMutablePointer<addrinfo>?
                let status = getaddrinfo(host, nil, &hints, &list)
                guard status == 0 else {
                    continuation.resume(throwing: CareBridgeError.invalid("url", "The host \(host) could not be resolved: \(String(cString: gai_strerror(status)))."))
                    return
                }
                defer { freeaddrinfo(list) }
                var found: [[UInt8]] = []
                var node = list
                while let info = node?.pointee {
                    if info.ai_family == AF_INET, let sa = info.ai_addr {
                        sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { var a = $0.pointee.sin_addr; found.append(withUnsafeBytes(of: &a) { Array($0) }) }
                    } else if info.ai_family == AF_INET6, let sa = info.ai_addr {
                        sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { var a = $0.pointee.sin6_addr; found.append(withUnsafeBytes(of: &a) { Array($0) }) }
                    }
                    node = info.ai_next
                }
                var seen = Set<[UInt8]>()
                continuation.resume(returning: found.filter { seen.insert($0).inserted })
            }
        }
    }

    /// A short, readable reason for a failed connection.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "Timed out connecting."
            case .readTimeout, .deadlineExceeded: return "Timed out waiting for the answer."
            case .remoteConnectionClosed: return "The target closed the connection."
            default: return "\(error)"
            }
        }
        let text = "\(error)"
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "Connection refused." }
        return text
    }
}
