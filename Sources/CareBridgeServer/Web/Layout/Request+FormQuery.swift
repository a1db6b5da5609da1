import Hummingbird

extension Request {
    /// The query string as an HTML GET form sends it: `+` is a space (application/x-www-form-urlencoded), which
    /// `uri.queryParameters` leaves as a plus, so a two-word search would look for "a+b".
    var formQuery: [String: String] { FormFields(uri.query ?? "").values }
}
