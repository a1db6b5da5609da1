import CareBridgeCore
@testable import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// A real HTTP endpoint that records what it is sent and answers with the status it is told to.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        var path: String
        var headers: [String: String]
        var body: Data
    }
    let received = Mutex<[Received]>([])
    let status = Mutex<HTTPResponse.Status>(.noContent)

    var all: [Received] { received.withLock { $0 } }

    /// Runs the receiver on a free port of loopback for the duration of `body`.
    func serve(_ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let data = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            self.received.withLock { $0.append(Received(path: "/hook", headers: headers, body: Data(buffer: data))) }
            return Response(status: self.status.withLock { $0 })
        }
        router.post("/moved") { _, _ -> Response in
            self.received.withLock { $0.append(Received(path: "/moved", headers: [:], body: Data())) }
            return Response(status: .found, headers: [.location: "/hook"])
        }
        try await Application(router: router).test(.live) { client in try await body(try #require(client.port)) }
    }
}

@Suite("Webhooks and notifications")
struct WebhooksAPITests {
    /// A referral from a border officer to a clinic that has a consent behind it; returns its id and the tokens.
    struct Scene {
        var admin: String, officer: String, clinician: String, clinicID: String, referralID: String
    }

    static func scene(_ client: TestClient) async throws -> Scene {
        let admin = try await client.token("admin", TestApp.adminPassword)
        let (officer, _) = try await client.userToken(admin: admin, kind: .borderService, role: .migrationOfficer, name: "border.officer")
        let (clinician, clinicID) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "clinic.doctor")
        let service = try await client.send(.post, "/api/v1/services", token: admin, json: [
            "organizationId": clinicID, "names": ["en": "Health assessment"], "categories": ["polyclinic"], "care": ["cd-diagnosis"], "languages": ["ru"],
            "locations": [["name": "Clinic", "address": "Lenina 1", "city": "Brest", "region": "BY-BR", "latitude": 52.1, "longitude": 23.7]]])
        let serviceID = try #require(try service.json()["id"] as? String, "\(service.text)")
        let person = try await client.send(.post, "/api/v1/people", token: officer, json: [
            "givenName": "Dilshod", "familyName": "Karimov", "birthDate": "1994", "citizenship": "UZ", "registerDespiteMatches": true])
        let personID = try #require(try person.json()["id"] as? String, "\(person.text)")
        let consent = try await client.send(.post, "/api/v1/people/\(personID)/consents", token: officer, json: [
            "organizationId": clinicID, "purposes": ["COC", "TREAT"], "categories": ["identity", "referral-metadata"], "explainedInLanguage": "uz"])
        let consentID = try #require(try consent.json()["id"] as? String, "\(consent.text)")
        return Scene(admin: admin, officer: officer, clinician: clinician, clinicID: clinicID, referralID: personID + "|" + serviceID + "|" + consentID)
    }

    static func send(_ client: TestClient, _ scene: Scene) async throws -> String {
        let parts = scene.referralID.split(separator: "|").map(String.init)
        let sent = try await client.send(.post, "/api/v1/referrals", token: scene.officer, json: [
            "personId": parts[0], "serviceId": parts[1], "reason": "Health assessment on arrival", "consentBasis": ["type": "consent", "consentID": parts[2]]])
        #expect(sent.status == .created, "\(sent.text)")
        return try #require(try sent.json()["id"] as? String)
    }

    @Test("a clinic's endpoint gets each step signed with its idempotency id; one that fails or is down never holds a step, is retried, and 'send again' delivers it", arguments: TestDatabase.kinds)
    func deliveredSignedAndRetried(_ kind: DatabaseKind) async throws {
        let receiver = WebhookReceiver()
        try await receiver.serve { port in
            // Retries an hour apart: under load this test has taken over three minutes, and a retry of the target that
            // is down, falling due at the standard 24-36 s, changed what `sendDue` counted.
            try await TestApp.run(kind, configure: {
                ($0.webhooksAllowPrivateNetworks, $0.sendsWebhooks) = (true, false)
                $0.webhookRetrySchedule = RetrySchedule(base: 3600)
            }) { client, services in
                let scene = try await Self.scene(client)
                // Only administrators register targets, and only http(s) URLs.
                let refused = try await client.send(.post, "/api/v1/webhooks", token: scene.clinician, json: ["url": "http://127.0.0.1:\(port)/hook"])
                #expect(refused.status == .forbidden)
                let ftp = try await client.send(.post, "/api/v1/webhooks", token: scene.admin, json: ["url": "ftp://example.org/x", "organizationId": scene.clinicID])
                #expect(ftp.status == .unprocessableContent && ftp.text.contains("http"))
                let made = try await client.send(.post, "/api/v1/webhooks", token: scene.admin, json: [
                    "url": "http://127.0.0.1:\(port)/hook", "description": "Clinic case system", "organizationId": scene.clinicID])
                #expect(made.status == .created, "\(made.text)")
                let targetID = try #require(try made.json()["id"] as? String)
                let secret = try #require(try made.json()["secret"] as? String)
                let down = try await client.send(.post, "/api/v1/webhooks", token: scene.admin, json: ["url": "http://127.0.0.1:1/hook", "organizationId": scene.clinicID])
                let downID = try #require(try down.json()["id"] as? String)
                let listed = try await client.send(.get, "/api/v1/webhooks?organization=\(scene.clinicID)", token: scene.admin)
                #expect(listed.status == .ok && listed.text.contains(targetID) && !listed.text.contains(secret))

                // The step is stored whatever the targets do; sending happens after.
                let referralID = try await Self.send(client, scene)
                #expect(receiver.all.isEmpty)
                #expect(try await services.webhookSender.sendDue() == 2)
                let first = try #require(receiver.all.first)
                let signature = try #require(first.headers["webhook-signature"])
                #expect(WebhookSignature.verify(header: signature, body: first.body, secret: secret, now: Date()))
                #expect(!WebhookSignature.verify(header: signature, body: first.body, secret: WebhookSecret.generate(), now: Date()))
                let event = try #require(try JSONSerialization.jsonObject(with: first.body) as? [String: Any])
                #expect(event["type"] as? String == "referral.sent" && event["referralId"] as? String == referralID)
                #expect(first.headers["webhook-id"] == event["id"] as? String)
                // No person or reason travels in a webhook.
                #expect(!String(decoding: first.body, as: UTF8.self).contains("Dilshod") && !String(decoding: first.body, as: UTF8.self).contains("arrival"))

                let downLog = try await client.send(.get, "/api/v1/webhooks/\(downID)/deliveries", token: scene.admin)
                let downDelivery = try #require((try downLog.json()["items"] as? [[String: Any]])?.first)
                #expect(downDelivery["state"] as? String == "retrying")
                let downAttempt = try #require((downDelivery["attempts"] as? [[String: Any]])?.first)
                #expect((downAttempt["error"] as? String)?.isEmpty == false && downAttempt["statusCode"] == nil)

                // The receiver fails the next step: retried later, not now.
                receiver.status.withLock { $0 = .serviceUnavailable }
                let accepted = try await client.send(.post, "/api/v1/referrals/\(referralID)/actions", token: scene.clinician, json: ["action": "accept"])
                #expect(accepted.status == .ok)
                // The accept is the clinic's own step: the clinic's targets are not told of it, the officer's side has none.
                #expect(try await services.webhookSender.sendDue() == 0)
                let officerNotices = try await client.send(.get, "/api/v1/notifications", token: scene.officer)
                #expect(try officerNotices.json()["unread"] as? Int == 1 && officerNotices.text.contains("referral.accepted"))

                let cancelled = try await client.send(.post, "/api/v1/referrals/\(referralID)/actions", token: scene.officer, json: ["action": "cancel", "reason": "moved"])
                #expect(cancelled.status == .ok, "\(cancelled.text)")
                #expect(try await services.webhookSender.sendDue() == 2)
                #expect(receiver.all.count == 2)
                let log = try await client.send(.get, "/api/v1/webhooks/\(targetID)/deliveries", token: scene.admin)
                let failed = try #require((try log.json()["items"] as? [[String: Any]])?.first)
                #expect(failed["state"] as? String == "retrying" && failed["type"] as? String == "referral.cancelled")
                #expect(((failed["attempts"] as? [[String: Any]])?.first?["statusCode"] as? Int) == 503)
                // Not due yet: the schedule waits (here) about an hour.
                #expect(try await services.webhookSender.sendDue() == 0)

                // The receiver is back; "send again" delivers at once, with the same idempotency id.
                receiver.status.withLock { $0 = .ok }
                let failedID = try #require(failed["id"] as? String)
                let again = try await client.send(.post, "/api/v1/webhooks/\(targetID)/deliveries/\(failedID)/resend", token: scene.admin)
                #expect(again.status == .accepted, "\(again.text)")
                #expect(try await services.webhookSender.sendDue() == 1)
                let resent = receiver.all
                #expect(resent.count == 3 && resent[2].headers["webhook-id"] == resent[1].headers["webhook-id"])
                let after = try await client.send(.get, "/api/v1/webhooks/\(targetID)/deliveries", token: scene.admin)
                let delivered = try #require((try after.json()["items"] as? [[String: Any]])?.first)
                #expect(delivered["state"] as? String == "delivered" && (delivered["attempts"] as? [Any])?.count == 2)

                // The clinic's users see the notice of the referral and the cancellation; marking them seen clears the count.
                let notices = try await client.send(.get, "/api/v1/notifications", token: scene.clinician)
                #expect(try notices.json()["unread"] as? Int == 2 && notices.text.contains("referral.sent") && notices.text.contains("referral.cancelled"))
                #expect(try await client.send(.post, "/api/v1/notifications/seen", token: scene.clinician).status == .noContent)
                #expect(try await client.send(.get, "/api/v1/notifications", token: scene.clinician).json()["unread"] as? Int == 0)

                // A removed target gets nothing more; its log stays.
                #expect(try await client.send(.delete, "/api/v1/webhooks/\(targetID)", token: scene.admin).status == .noContent)
                _ = try await Self.send(client, scene)
                #expect(try await services.webhookSender.sendDue() == 1)  // the down target only
                #expect(receiver.all.count == 3)
                #expect(try await client.send(.get, "/api/v1/webhooks/\(targetID)/deliveries", token: scene.admin).text.contains(failedID))
                // Another organization's administrator does not see the target.
                let (other, _) = try await client.userToken(admin: scene.admin, kind: .ngo, role: .admin, name: "ngo.admin")
                #expect(try await client.send(.get, "/api/v1/webhooks/\(targetID)/deliveries", token: other).status == .notFound)
            }
        }
    }

    @Test("by default a webhook cannot reach the server's own network: private addresses are refused at registration and at sending; redirects are not followed")
    func privateAddressesAndRedirects() async throws {
        let receiver = WebhookReceiver()
        try await receiver.serve { port in
            try await TestApp.run(.sqlite, configure: { $0.sendsWebhooks = false }) { client, services in
                let scene = try await Self.scene(client)
                for url in ["http://127.0.0.1:\(port)/hook", "http://localhost:\(port)/hook", "http://[::1]/hook", "http://10.1.2.3/hook", "http://169.254.169.254/latest"] {
                    let reply = try await client.send(.post, "/api/v1/webhooks", token: scene.admin, json: ["url": url, "organizationId": scene.clinicID])
                    #expect(reply.status == .unprocessableContent && reply.text.contains("public"), "\(url): \(reply.text)")
                }
                // A target stored before the rule (or whose name resolves to loopback) is refused when sending.
                let organization = try #require(UUID(uuidString: scene.clinicID))
                let target = WebhookTarget(organizationID: organization, url: "http://127.0.0.1:\(port)/hook", createdAt: Date())
                let redirecting = WebhookTarget(organizationID: organization, url: "http://127.0.0.1:\(port)/moved", createdAt: Date())
                try await services.database.write { db in
                    try await services.webhooks.insert(target, createdBy: UUID(), in: db)
                    try await services.webhooks.insert(redirecting, createdBy: UUID(), in: db)
                }
                _ = try await Self.send(client, scene)
                #expect(try await services.webhookSender.sendDue() == 2)
                #expect(receiver.all.isEmpty)
                let log = try await services.webhooks.deliveries(targetID: target.id, limit: 5)
                #expect(log.first?.attempts.first?.error?.contains("loopback") == true)
            }
        }
        // With private networks allowed (an internal deployment), the redirect is answered but not followed.
        try await receiver.serve { port in
            try await TestApp.run(.sqlite, configure: { ($0.webhooksAllowPrivateNetworks, $0.sendsWebhooks) = (true, false) }) { client, services in
                let scene = try await Self.scene(client)
                let made = try await client.send(.post, "/api/v1/webhooks", token: scene.admin, json: ["url": "http://127.0.0.1:\(port)/moved", "organizationId": scene.clinicID])
                let madeID = try #require(try made.json()["id"] as? String, "\(made.text)")
                let targetID = try #require(UUID(uuidString: madeID))
                _ = try await Self.send(client, scene)
                #expect(try await services.webhookSender.sendDue() == 1)
                #expect(receiver.all.map(\.path) == ["/moved"])
                let delivery = try #require(try await services.webhooks.deliveries(targetID: targetID, limit: 1).first)
                #expect(delivery.state == .retrying && delivery.attempts.first?.statusCode == 302 && delivery.attempts.first?.error?.contains("redirect") == true)
            }
        }
    }

    @Test("a target gets its messages one per round, oldest first, so one that is down holds one sending slot at a time")
    func onePerTargetPerRound() async throws {
        let receiver = WebhookReceiver()
        try await receiver.serve { port in
            try await TestApp.run(.sqlite, configure: { ($0.webhooksAllowPrivateNetworks, $0.sendsWebhooks) = (true, false) }) { client, services in
                let scene = try await Self.scene(client)
                let made = try await client.send(.post, "/api/v1/webhooks", token: scene.admin, json: ["url": "http://127.0.0.1:\(port)/hook", "organizationId": scene.clinicID])
                #expect(made.status == .created)
                let first = try await Self.send(client, scene)
                let second = try await Self.send(client, scene)
                #expect(try await services.webhookSender.sendDue() == 1)
                #expect(try await services.webhookSender.sendDue() == 1)
                #expect(try await services.webhookSender.sendDue() == 0)
                let order = try receiver.all.map { try #require(try JSONSerialization.jsonObject(with: $0.body) as? [String: Any])["referralId"] as? String }
                #expect(order == [first, second])
            }
        }
    }

    @Test("on a running server a step is delivered at once, without waiting for the next poll")
    func deliveredInTheBackground() async throws {
        let receiver = WebhookReceiver()
        try await receiver.serve { port in
            try await TestApp.run(.sqlite, configure: { ($0.webhooksAllowPrivateNetworks, $0.webhookPollInterval) = (true, 600) }) { client, _ in
                let scene = try await Self.scene(client)
                let made = try await client.send(.post, "/api/v1/webhooks", token: scene.admin, json: ["url": "http://127.0.0.1:\(port)/hook", "organizationId": scene.clinicID])
                #expect(made.status == .created)
                _ = try await Self.send(client, scene)
                let deadline = ContinuousClock.now + .seconds(10)
                while receiver.all.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
                #expect(receiver.all.count == 1)
            }
        }
    }
}

@Suite("Webhook and notification pages")
struct WebhookPagesTests {
    @Test("a clinic administrator adds an address in the page, sees the secret once, reads the delivery log and sends one again; the clinician reads the notification and marks it read")
    func pages() async throws {
        let receiver = WebhookReceiver()
        try await receiver.serve { port in
            try await TestApp.run(.sqlite, configure: { ($0.webhooksAllowPrivateNetworks, $0.sendsWebhooks) = (true, false) }) { client, services in
                let scene = try await WebhooksAPITests.scene(client)
                let added = try await client.send(.post, "/api/v1/users", token: scene.admin,
                                                  json: ["username": "clinic.admin", "password": "password-clinic.admin", "organizationId": scene.clinicID, "role": "admin"])
                #expect(added.status == .created)
                let (cookie, csrf) = try await WebPagesTests.signIn(client, "clinic.admin", "password-clinic.admin")
                let empty = try await client.send(.get, "/app/webhooks", headers: [.cookie: cookie])
                #expect(empty.status == .ok && empty.text.contains("No addresses yet"))

                let bad = try await client.send(.post, "/app/webhooks", headers: [.cookie: cookie], raw: "_csrf=\(csrf)&url=ftp%3A%2F%2Fexample.org&description=x",
                                                contentType: "application/x-www-form-urlencoded")
                #expect(bad.status == .unprocessableContent && bad.text.contains("Only http and https") && bad.text.contains("ftp://example.org"))
                let url = "http://127.0.0.1:\(port)/hook"
                let made = try await client.send(.post, "/app/webhooks", headers: [.cookie: cookie],
                                                 raw: "_csrf=\(csrf)&url=\(url.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&description=Case+system",
                                                 contentType: "application/x-www-form-urlencoded")
                #expect(made.status == .ok)
                let clinic = try #require(UUID(uuidString: scene.clinicID))
                let target = try #require(try await services.webhooks.targets(organizationID: clinic).first)
                #expect(made.text.contains(target.secret) && made.text.contains("not shown again"))
                let again = try await client.send(.get, "/app/webhooks", headers: [.cookie: cookie])
                #expect(again.text.contains(url) && !again.text.contains(target.secret))

                receiver.status.withLock { $0 = .internalServerError }
                let referralID = try await WebhooksAPITests.send(client, scene)
                try await services.webhookSender.sendDue()
                let log = try await client.send(.get, "/app/webhooks/\(target.id.text)", headers: [.cookie: cookie])
                #expect(log.status == .ok && log.text.contains("Failed; will retry") && log.text.contains("HTTP 500") && log.text.contains(referralID.prefix(8)))
                let delivery = try #require(try await services.webhooks.deliveries(targetID: target.id, limit: 1).first)
                receiver.status.withLock { $0 = .ok }
                let resent = try await client.send(.post, "/app/webhooks/\(target.id.text)/deliveries/\(delivery.id.text)/resend", headers: [.cookie: cookie],
                                                   raw: "_csrf=\(csrf)", contentType: "application/x-www-form-urlencoded")
                #expect(resent.status == .ok && resent.text.contains("will be sent again"))
                try await services.webhookSender.sendDue()
                #expect(try await client.send(.get, "/app/webhooks/\(target.id.text)", headers: [.cookie: cookie]).text.contains("Delivered"))
                // A clinician is not an administrator: no webhook pages.
                let (doctorCookie, doctorCSRF) = try await WebPagesTests.signIn(client, "clinic.doctor", "password-clinic.doctor")
                #expect(try await client.send(.get, "/app/webhooks", headers: [.cookie: doctorCookie, .accept: "text/html"]).status == .forbidden)

                let notices = try await client.send(.get, "/app/notifications", headers: [.cookie: doctorCookie])
                #expect(notices.status == .ok && notices.text.contains("Referral sent") && notices.text.contains("Unread: 1") && notices.text.contains("Org border.officer"))
                let seen = try await client.send(.post, "/app/notifications/seen", headers: [.cookie: doctorCookie], raw: "_csrf=\(doctorCSRF)",
                                                 contentType: "application/x-www-form-urlencoded")
                #expect(seen.status == .seeOther)
                #expect(try await client.send(.get, "/app/notifications", headers: [.cookie: doctorCookie]).text.contains("Unread: 0"))
            }
        }
    }
}
