/// Every /api/v1 route, named once: handlers register these paths, and the OpenAPI test
/// compares them with the published document.
enum APIRoute: CaseIterable {
    case authToken
    case organizations, organization
    case users, user
    case people, person, personScreening
    case peopleMatches, personMatches, personMerges, personMergeUndo
    case personStatuses, personStatus, personInsurance, personStanding
    case personConsents, personConsentWithdraw
    case personEntitlements
    case ruleSets, ruleSet, ruleSetActivate, ruleSetSelection, ruleSetTable
    case simulations, simulation
    case services, service, servicesImport
    case referrals, referral, referralActions
    case webhooks, webhook, webhookDeliveries, webhookResend, notifications, notificationsSeen
    case personHealthRecords, healthRecord, healthRecordResult, healthRecordOutcome, healthRecordClassification
    case healthRecordContacts, healthRecordFollowUp, healthRecordAcknowledge, healthRecordChain
    case cases, continuityAlerts, cascade, countryEpidemiology
    case outbreakAlerts, outbreakAlertsDetect, outbreakAlert, outbreakAlertClose, caseSeries
    case indicators, indicator, indicatorDHIS2, indicatorCatalog, dhis2Mapping
    case plans, plan, planChangelog
    case measures, measure, measureVersions, measureDiff, measureStatus, measureAmendments, measureAmendmentDecision, measureAmendmentWithdraw
    case measurePositions, measureComments, measureMonitoring
    case meetings, meeting
    case audit
    case openAPI

    var path: String {
        switch self {
        case .authToken: "/api/v1/auth/token"
        case .organizations: "/api/v1/organizations"
        case .organization: "/api/v1/organizations/:id"
        case .users: "/api/v1/users"
        case .user: "/api/v1/users/:id"
        case .people: "/api/v1/people"
        case .person: "/api/v1/people/:id"
        case .personScreening: "/api/v1/people/:id/screening"
        case .peopleMatches: "/api/v1/people/matches"
        case .personMatches: "/api/v1/people/:id/matches"
        case .personMerges: "/api/v1/people/:id/merges"
        case .personMergeUndo: "/api/v1/people/:id/merges/:mergeId/undo"
        case .personStatuses: "/api/v1/people/:id/statuses"
        case .personStatus: "/api/v1/people/:id/statuses/:statusId"
        case .personInsurance: "/api/v1/people/:id/insurance"
        case .personStanding: "/api/v1/people/:id/standing"
        case .personConsents: "/api/v1/people/:id/consents"
        case .personConsentWithdraw: "/api/v1/people/:id/consents/:consentId/withdraw"
        case .personEntitlements: "/api/v1/people/:id/entitlements"
        case .ruleSets: "/api/v1/rulesets"
        case .ruleSet: "/api/v1/rulesets/:id"
        case .ruleSetActivate: "/api/v1/rulesets/:id/activate"
        case .ruleSetSelection: "/api/v1/rulesets/:id/selection"
        case .ruleSetTable: "/api/v1/rulesets/:id/table"
        case .simulations: "/api/v1/simulations"
        case .simulation: "/api/v1/simulations/:id"
        case .services: "/api/v1/services"
        case .service: "/api/v1/services/:id"
        case .servicesImport: "/api/v1/services/import"
        case .referrals: "/api/v1/referrals"
        case .referral: "/api/v1/referrals/:id"
        case .referralActions: "/api/v1/referrals/:id/actions"
        case .webhooks: "/api/v1/webhooks"
        case .webhook: "/api/v1/webhooks/:id"
        case .webhookDeliveries: "/api/v1/webhooks/:id/deliveries"
        case .webhookResend: "/api/v1/webhooks/:id/deliveries/:deliveryId/resend"
        case .notifications: "/api/v1/notifications"
        case .notificationsSeen: "/api/v1/notifications/seen"
        case .personHealthRecords: "/api/v1/people/:id/health-records"
        case .healthRecord: "/api/v1/health-records/:id"
        case .healthRecordResult: "/api/v1/health-records/:id/result"
        case .healthRecordOutcome: "/api/v1/health-records/:id/outcome"
        case .healthRecordClassification: "/api/v1/health-records/:id/classification"
        case .healthRecordContacts: "/api/v1/health-records/:id/contacts"
        case .healthRecordFollowUp: "/api/v1/health-records/:id/follow-ups/:index"
        case .healthRecordAcknowledge: "/api/v1/health-records/:id/acknowledge"
        case .healthRecordChain: "/api/v1/health-records/:id/chain"
        case .cases: "/api/v1/cases"
        case .continuityAlerts: "/api/v1/continuity-alerts"
        case .cascade: "/api/v1/cascade"
        case .countryEpidemiology: "/api/v1/reference/country-epidemiology"
        case .outbreakAlerts: "/api/v1/alerts"
        case .outbreakAlertsDetect: "/api/v1/alerts/detect"
        case .outbreakAlert: "/api/v1/alerts/:id"
        case .outbreakAlertClose: "/api/v1/alerts/:id/close"
        case .caseSeries: "/api/v1/case-series"
        case .indicators: "/api/v1/indicators"
        case .indicator: "/api/v1/indicators/:id"
        case .indicatorDHIS2: "/api/v1/indicators/:id/dhis2"
        case .indicatorCatalog: "/api/v1/reference/indicators"
        case .dhis2Mapping: "/api/v1/reference/dhis2-mapping"
        case .plans: "/api/v1/plans"
        case .plan: "/api/v1/plans/:id"
        case .planChangelog: "/api/v1/plans/:id/changelog"
        case .measures: "/api/v1/measures"
        case .measure: "/api/v1/measures/:id"
        case .measureVersions: "/api/v1/measures/:id/versions"
        case .measureDiff: "/api/v1/measures/:id/diff"
        case .measureStatus: "/api/v1/measures/:id/status"
        case .measureAmendments: "/api/v1/measures/:id/amendments"
        case .measureAmendmentDecision: "/api/v1/measures/:id/amendments/:amendmentId/decision"
        case .measureAmendmentWithdraw: "/api/v1/measures/:id/amendments/:amendmentId/withdraw"
        case .measurePositions: "/api/v1/measures/:id/positions"
        case .measureComments: "/api/v1/measures/:id/comments"
        case .measureMonitoring: "/api/v1/measures/:id/monitoring"
        case .meetings: "/api/v1/meetings"
        case .meeting: "/api/v1/meetings/:id"
        case .audit: "/api/v1/audit"
        case .openAPI: "/api/v1/openapi.json"
        }
    }

    /// A link to a resource of this route, e.g. `APIRoute.person.link(id)`.
    func link(_ id: String) -> String { path.replacingOccurrences(of: ":id", with: id) }
}
