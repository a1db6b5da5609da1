import CareBridgeCore
import Foundation

/// Every page address, named once.
enum SiteURL {
    static let publicHome = "/"
    static let services = "/services"
    static let login = "/login"
    static let logout = "/logout"
    static let home = "/app"
    static let organizations = "/app/admin/organizations"
    static func organization(_ id: String) -> String { "/app/admin/organizations/\(id)" }
    static let users = "/app/admin/users"
    static func user(_ id: String) -> String { "/app/admin/users/\(id)" }
    static let audit = "/app/admin/audit"
    static let people = "/app/people"
    static let newPerson = "/app/people/new"
    static func person(_ id: UUID) -> String { "/app/people/\(Hex.uuid(id))" }
    static func editPerson(_ id: UUID) -> String { "/app/people/\(Hex.uuid(id))/edit" }
    static func personPart(_ id: UUID, _ part: String) -> String { personPart(Hex.uuid(id), part) }
    /// A person sub-page by id text (":id" for a route pattern).
    static func personPart(_ id: String, _ part: String) -> String { "/app/people/\(id)/\(part)" }
    static func refer(_ personID: UUID) -> String { "/app/people/\(Hex.uuid(personID))/refer" }
    static let referrals = "/app/referrals"
    static func referrals(box: String) -> String { "/app/referrals?box=\(box)" }
    static func referralSteps(_ id: UUID) -> String { "/app/referrals/\(Hex.uuid(id))/steps" }
    static let directory = "/app/directory"
    static let newDirectoryService = "/app/directory/services/new"
    static func directoryService(_ id: UUID) -> String { "/app/directory/services/\(Hex.uuid(id))" }
    static let simulations = "/app/simulations"
    static func simulation(_ id: UUID) -> String { "/app/simulations/\(Hex.uuid(id))" }
    static let ruleSets = "/app/rulesets"
    static func ruleSet(_ id: UUID) -> String { "/app/rulesets/\(Hex.uuid(id))" }
    static let webhooks = "/app/webhooks"
    static func webhook(_ id: UUID) -> String { "/app/webhooks/\(Hex.uuid(id))" }
    static let notifications = "/app/notifications"
    static func referral(_ id: UUID) -> String { "/app/referrals/\(Hex.uuid(id))" }
    static let cases = "/app/cases"
    static func healthCase(_ id: UUID) -> String { "/app/cases/\(Hex.uuid(id))" }
    static func healthCasePart(_ id: UUID, _ part: String) -> String { "/app/cases/\(Hex.uuid(id))/\(part)" }
    static let alerts = "/app/alerts"
    static let cascade = "/app/cascade"
    static let indicators = "/app/indicators"
    static func indicator(_ id: String) -> String { "/app/indicators?indicator=\(id)" }
    static let stylesheet = "/static/app.css"
    static let favicon = "/static/favicon.svg"
}
