@testable import CareBridgeServer
import Testing

/// `/metrics` read back (`MetricSample`): the benchmarks compute the server's own latency share from it, and tests
/// read what the server counted. A misread would print a wrong figure, not fail.
@Suite("Metric samples read back")
struct MetricSampleTests {
    @Test("the server's own exposition reads back: each counter and histogram series with its labels and value")
    func readsTheServersExposition() {
        let metrics = AppMetrics()
        for milliseconds in [1, 3, 4, 7] {
            metrics.observe(route: "/api/v1/referrals/{id}/actions", method: "POST", status: 200, duration: .milliseconds(milliseconds))
        }
        metrics.observe(route: "/api/v1/referrals", method: "POST", status: 201, duration: .milliseconds(2))
        metrics.tokenCheck(carried: true)
        metrics.tokenCheck(carried: true)
        metrics.referralWrite(oneStatement: false)
        let samples = MetricSample.parse(metrics.render())
        func value(_ name: String, _ labels: [String: String]) -> Double? {
            samples.first { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }?.value
        }
        let step = ["route": "/api/v1/referrals/{id}/actions", "method": "POST"]
        #expect(value("http_request_duration_seconds_count", step) == 4)
        #expect(value("http_request_duration_seconds_bucket", step.merging(["le": "0.005"]) { a, _ in a }) == 3)
        #expect(value("http_request_duration_seconds_bucket", step.merging(["le": "+Inf"]) { a, _ in a }) == 4)
        #expect(value("http_request_duration_seconds_count", ["route": "/api/v1/referrals", "method": "POST"]) == 1)
        #expect(value("http_requests_total", ["route": "/api/v1/referrals", "status": "201"]) == 1)
        #expect(value("carebridge_token_rechecks_total", ["how": "carried"]) == 2)
        #expect(value("carebridge_token_rechecks_total", ["how": "separate"]) == nil)
        #expect(value("carebridge_referral_writes_total", ["how": "transaction"]) == 1)
    }

    @Test("label values keep their commas, braces and escapes; special values, timestamps and comments are read as the format says; broken lines are skipped")
    func readsTheFormat() {
        let text = """
            # HELP odd A metric with awkward labels
            # TYPE odd counter
            odd{path="/a,b{c}",quote="say \\"hi\\"",slash="a\\\\b",line="x\\ny"} 3
              spaced { a = "1" , b="2" } 4.5 1700000000000
            bare 7
            infinite{le="+Inf"} +Inf
            unclosed{a="1} 2
            nolabelvalue{a=1} 2
            novalue{a="1"}
            """
        let samples = MetricSample.parse(text)
        #expect(samples.map(\.name) == ["odd", "spaced", "bare", "infinite"])
        #expect(samples[0].labels == ["path": "/a,b{c}", "quote": "say \"hi\"", "slash": "a\\b", "line": "x\ny"])
        #expect(samples[0].value == 3)
        #expect(samples[1].labels == ["a": "1", "b": "2"] && samples[1].value == 4.5)
        #expect(samples[2].labels.isEmpty && samples[2].value == 7)
        #expect(samples[3].value == .infinity)
    }
}
