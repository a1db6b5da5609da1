import HTTPTypes
import Hummingbird

/// Every page route, registered in one place.
enum WebRoutes {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        StaticAssets.register(on: router)
        HomePage.register(on: router, services: services)
        NavigatorPage.register(on: router, services: services)
        ServicesPage.register(on: router, services: services)
        LoginPage.register(on: router, services: services)
        OrganizationsPage.register(on: router, services: services)
        UsersPage.register(on: router, services: services)
        AuditPage.register(on: router, services: services)
        PeopleSearchPage.register(on: router, services: services)
        PersonRegisterPage.register(on: router, services: services)
        PersonEditPage.register(on: router, services: services)
        PersonPage.register(on: router, services: services)
        PatientSummaryPage.register(on: router, services: services)
        ReferPage.register(on: router, services: services)
        ReferralsPage.register(on: router, services: services)
        ReferralPage.register(on: router, services: services)
        DirectoryEditPage.register(on: router, services: services)
        SimulationsPage.register(on: router, services: services)
        RuleSetsPage.register(on: router, services: services)
        WebhooksPage.register(on: router, services: services)
        NotificationsPage.register(on: router, services: services)
        PersonHealthRoutes.register(on: router, services: services)
        CasesPage.register(on: router, services: services)
        CasePage.register(on: router, services: services)
        AlertsPage.register(on: router, services: services)
        CascadePage.register(on: router, services: services)
        OutbreakAlertsPage.register(on: router, services: services)
        SurveillanceDashboardPage.register(on: router, services: services)
        IndicatorsPage.register(on: router, services: services)
        PlansPage.register(on: router, services: services)
        PlanPage.register(on: router, services: services)
        PlanDocumentPage.register(on: router, services: services)
        MeasureFormPage.register(on: router, services: services)
        MeasurePage.register(on: router, services: services)
        MeetingPage.register(on: router, services: services)
    }
}
