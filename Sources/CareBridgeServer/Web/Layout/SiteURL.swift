/// Every page address, named once.
enum SiteURL {
    static let publicHome = "/"
    static let login = "/login"
    static let logout = "/logout"
    static let home = "/app"
    static let organizations = "/app/admin/organizations"
    static func organization(_ id: String) -> String { "/app/admin/organizations/\(id)" }
    static let users = "/app/admin/users"
    static func user(_ id: String) -> String { "/app/admin/users/\(id)" }
    static let audit = "/app/admin/audit"
    static let stylesheet = "/static/app.css"
    static let favicon = "/static/favicon.svg"
}
