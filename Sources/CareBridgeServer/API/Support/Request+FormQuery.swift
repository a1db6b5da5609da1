import Hummingbird

extension Request {
    /// The query string decoded as application/x-www-form-urlencoded, the way browsers' GET forms and most HTTP
    /// libraries (Python's requests, curl --data-urlencode -G) send it: `+` is a space, which `uri.queryParameters`
    /// leaves as a plus, so a two-word search would look for "a+b". A literal plus is sent as %2B. Used by the
    /// searches (directory API, HSDS, navigator, pages); parameters that may hold a plus (timestamps) are read raw.
    var formQuery: [String: String] { FormFields(uri.query ?? "").values }
}
