import CareBridgeCore
import CareBridgeServer
import Foundation
import Testing

@Suite("The action plan pages")
struct MeasuresPageTests {
    static func form(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
    }

    @Test("an administrator opens a plan, proposes a measure with its evidence through the forms (a target without a date is shown as an error), amends it, states a position, comments, records a meeting, and reads the measure, meeting, printable document and changelog; in Russian too")
    func planPagesWalkthrough() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let (cookie, csrf) = try await WebPagesTests.signIn(client, "admin", TestApp.adminPassword)
            let post = { (path: String, fields: [(String, String)]) in
                try await client.send(.post, path, headers: [.cookie: cookie], raw: Self.form([("_csrf", csrf)] + fields), contentType: "application/x-www-form-urlencoded")
            }
            let home = try await client.send(.get, "/app", headers: [.cookie: cookie])
            #expect(home.text.contains("href=\"/app/plans\""))
            let badPlan = try await post("/app/plans", [("title", "Belarus 2027-2029"), ("start", "2029-01-01"), ("end", "2027-01-01")])
            #expect(badPlan.status == .unprocessableContent && badPlan.text.contains("role=\"alert\"") && badPlan.text.contains("ends"))
            let created = try await post("/app/plans", [("title", "Belarus 2027-2029"), ("start", "2027-01-01"), ("end", "2029-12-31")])
            #expect(created.status == .seeOther)
            let planPath = try #require(created.headers[.location])
            let plan = try await client.send(.get, planPath, headers: [.cookie: cookie])
            #expect(plan.status == .ok && plan.text.contains("<h1>Belarus 2027-2029</h1>") && plan.text.contains("No measure proposed yet."))

            let redCross = try #require(try await services.organizations.find(slug: "by-red-cross")).value
            let fields: [(String, String)] = [("title", "Free TB treatment for temporary residents"), ("problem", "They pay and stop treatment."),
                                              ("text", "Extend free TB treatment to temporary residents."), ("responsible", redCross.id.text),
                                              ("start", "2027-01-01"), ("end", "2029-12-31"), ("indicator-0", "tb-treatment-success"),
                                              ("baseline-0", "60"), ("target-0", "85"), ("act-0", "Law on health care, art. 3"), ("act-url-0", "https://pravo.by/")]
            let noDate = try await post(planPath + "/measures", fields)
            #expect(noDate.status == .unprocessableContent && noDate.text.contains("has no date"), "\(noDate.text.prefix(300))")
            #expect(noDate.text.contains("value=\"Free TB treatment for temporary residents\""), "the form keeps what was typed")
            let proposed = try await post(planPath + "/measures", fields + [("targetDate-0", "2029-12-31")])
            #expect(proposed.status == .seeOther, "\(proposed.text.prefix(500))")
            let measurePath = try #require(proposed.headers[.location])
            let measure = try await client.send(.get, measurePath, headers: [.cookie: cookie])
            #expect(measure.status == .ok)
            for text in ["1. Free TB treatment for temporary residents", "They pay and stop treatment.", "class=\"data evidence-targets\"", "85%",
                         "class=\"chart-svg target-chart\"", "Law on health care, art. 3", "Proposed", "Version history"] {
                #expect(measure.text.contains(text), "\(text)")
            }

            let amended = try await post(measurePath + "/amend", [("baseVersion", "1"), ("language", "en"), ("title", "Free TB treatment for temporary residents"),
                                                                  ("problem", "They pay and stop treatment."), ("text", "Extend free TB and HIV treatment to temporary residents."),
                                                                  ("reason", "HIV too"), ("action", "amend")])
            #expect(amended.status == .seeOther)
            let withAmendment = try await client.send(.get, measurePath, headers: [.cookie: cookie])
            #expect(withAmendment.text.contains("<ins>and HIV </ins>"), "the diff is shown")
            let amendmentID = try #require(withAmendment.text.firstMatch(of: /amendments\/([0-9a-f-]{36})\/accept/)?.1)
            let outdated = try await post(measurePath + "/amend", [("baseVersion", "1"), ("language", "en"), ("text", "Something else entirely."), ("action", "edit")])
            #expect(outdated.status == .seeOther, "a direct edit by the responsible side (platform admin) while proposed")
            let stale = try await post(measurePath + "/amendments/\(amendmentID)/accept", [])
            #expect(stale.status == .conflict && stale.text.contains("version 1") && stale.text.contains("role=\"alert\""))
            #expect(try await post(measurePath + "/position", [("stance", "objects")]).status == .unprocessableContent)
            #expect(try await post(measurePath + "/position", [("stance", "supports-with-changes"), ("reason", "Add a budget line")]).status == .seeOther)
            #expect(try await post(measurePath + "/comment", [("text", "Agreed with the ministry.")]).status == .seeOther)
            // The evidence changes by amendment too: a target without a date is refused, one with a date is shown.
            let evidence: [(String, String)] = [("evidence", "1"), ("baseVersion", "2"), ("action", "amend"), ("start", "2027-01-01"), ("end", "2029-12-31"),
                                                ("indicator-0", "tb-treatment-success"), ("baseline-0", "60"), ("target-0", "90")]
            let undated = try await post(measurePath + "/amend", evidence)
            #expect(undated.status == .unprocessableContent && undated.text.contains("has no date"))
            #expect(try await post(measurePath + "/amend", evidence + [("targetDate-0", "2028-12-31")]).status == .seeOther)
            let proposedEvidence = try await client.send(.get, measurePath, headers: [.cookie: cookie])
            #expect(proposedEvidence.text.contains("90% (2028-12-31)"), "the amendment says what it proposes for the evidence")
            #expect(proposedEvidence.text.contains("value=\"2029-12-31\""), "the evidence form starts from the current version")
            let status = try await post(measurePath + "/status", [("status", "under-discussion")])
            #expect(status.status == .seeOther)

            let measureID = String(measurePath.split(separator: "/").last!)
            let meeting = try await post(planPath + "/meetings", [("kind", "round-table"), ("title", "March round table"), ("date", "2027-03-15"),
                                                                   ("org-\(redCross.id.text)", "on"), ("measure-\(measureID)", "on")])
            #expect(meeting.status == .seeOther, "\(meeting.text.prefix(400))")
            let meetingPage = try await client.send(.get, try #require(meeting.headers[.location]), headers: [.cookie: cookie])
            #expect(meetingPage.text.contains("<h1>March round table</h1>") && meetingPage.text.contains("round table, 2027-03-15"))

            let page = try await client.send(.get, measurePath, headers: [.cookie: cookie])
            for text in ["Supports with changes", "Add a budget line", "Agreed with the ministry.", "Under discussion", "Something else entirely."] {
                #expect(page.text.contains(text), "\(text)")
            }
            let compare = try await client.send(.get, measurePath + "?from=1&to=2", headers: [.cookie: cookie])
            #expect(compare.text.contains("Version 1 → version 2") && compare.text.contains("<del>"))
            let overview = try await client.send(.get, planPath, headers: [.cookie: cookie])
            #expect(overview.text.contains("class=\"data plan-overview\"") && overview.text.contains("Under discussion") && overview.text.contains("March round table"))
            let document = try await client.send(.get, planPath + "/document", headers: [.cookie: cookie])
            #expect(document.text.contains("class=\"plan-document\"") && document.text.contains("class=\"data document-evidence\"") && document.text.contains("Something else entirely."))
            #expect(document.text.contains("download=true"), "the document offers itself as a file")
            let file = try await client.send(.get, planPath + "/document?download=true", headers: [.cookie: cookie])
            #expect(file.status == .ok && file.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"action-plan-") == true)
            #expect(file.text.contains("<style>") && file.text.contains(".plan-document") && !file.text.contains("href=\"/static/app.css\""),
                    "the file carries its stylesheet, so it reads and prints offline")
            #expect(file.text.contains("Something else entirely."))
            let before = try await client.send(.get, planPath + "/document?at=2020-01-01", headers: [.cookie: cookie])
            #expect(before.status == .ok && !before.text.contains("class=\"document-measure\""), "the plan as it stood before the measure was proposed")
            let changelog = try await client.send(.get, planPath + "/changelog?from=2020-01-01", headers: [.cookie: cookie])
            #expect(changelog.status == .ok && changelog.text.contains("version 2: text"), "\(changelog.text.prefix(200))")
            let russian = try await client.send(.get, measurePath + "?lang=ru", headers: [.cookie: cookie])
            #expect(russian.text.contains("История версий") && russian.text.contains("Обоснование"))
            let css = try await client.send(.get, "/static/app.css")
            #expect(css.text.contains(".plan-document"))
        }
    }
}
