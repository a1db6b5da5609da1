import CareBridgeCore
import CareBridgeStore
import Foundation

/// A demonstration action plan, "Belarus 2027-2029 (demo)", marked as demo, from the themes of the seminar the project
/// comes from (IOM, Ministry of Health, Ministry of Internal Affairs, State Border Committee, public associations):
/// free TB treatment whatever the status, interpreters, referral to screening without sharing health data, information
/// in migrants' languages; one seminar and one round table. Stored once: a database that has it keeps it.
enum DemoPlan {
    static let title: LocalizedText = ["en": "Belarus 2027-2029 (demo)", "ru": "Беларусь 2027–2029 (демо)", "be": "Беларусь 2027–2029 (дэма)"]

    struct Draft {
        var title: LocalizedText
        var problem: LocalizedText
        var text: LocalizedText
        var responsible: String
        var contributing: [String]
        var indicators: [IndicatorTarget]
        var acts: [LegalAct]
        var status: [MeasureStatus]
    }

    static func day(_ s: String) -> CalendarDay { try! CalendarDay(parsing: s, field: "day") }

    static let drafts: [Draft] = [
        Draft(title: ["en": "Free TB treatment for every migrant, whatever the legal status or insurance",
                      "ru": "Бесплатное лечение туберкулёза для всех мигрантов независимо от правового статуса и страховки"],
              problem: ["en": "Temporary residents without insurance pay for TB treatment, delay it or stop it, and the disease spreads.",
                        "ru": "Временно пребывающие без страховки платят за лечение ТБ, откладывают или прерывают его, и болезнь распространяется."],
              text: ["en": "Amend the rules so that diagnosis and full treatment of tuberculosis, including drug-resistant TB, are free of charge for all foreign citizens and stateless persons on the territory of Belarus, regardless of their legal status and insurance.",
                     "ru": "Изменить правила так, чтобы диагностика и полный курс лечения туберкулёза, включая лекарственно-устойчивый, были бесплатными для всех иностранных граждан и лиц без гражданства на территории Беларуси независимо от их правового статуса и страховки."],
              responsible: "by-ministry-of-health", contributing: ["iom-belarus", "by-red-cross"],
              indicators: [IndicatorTarget(indicatorId: "tb-treatment-success", baseline: 0.7, target: 0.85, targetDate: day("2029-12-31"))],
              acts: [LegalAct(title: "Law of the Republic of Belarus \"On health care\" (No. 2435-XII), article 5", url: "https://pravo.by/document/?guid=3871&p0=v19302435")],
              status: [.underDiscussion, .agreed, .inProgress]),
        Draft(title: ["en": "Interpreters and health mediators in TB and HIV services", "ru": "Переводчики и медиаторы здоровья в службах ТБ и ВИЧ"],
              problem: ["en": "Patients who do not speak Russian or Belarusian miss appointments and do not understand their treatment.",
                        "ru": "Пациенты, не владеющие русским или белорусским, пропускают приёмы и не понимают своё лечение."],
              text: ["en": "Fund a pool of interpreters (remote and in person) and train health mediators from migrant communities with the Red Cross, available to every TB dispensary and HIV department.",
                     "ru": "Финансировать пул переводчиков (дистанционных и очных) и обучить медиаторов здоровья из сообществ мигрантов вместе с Красным Крестом, доступных каждому противотуберкулёзному диспансеру и отделению ВИЧ."],
              responsible: "by-red-cross", contributing: ["iom-belarus", "by-ministry-of-health"],
              indicators: [IndicatorTarget(indicatorId: "referral-completion", baseline: 0.5, target: 0.8, targetDate: day("2028-12-31"))],
              acts: [], status: [.underDiscussion]),
        Draft(title: ["en": "Referral to a health assessment at the border without sharing health data",
                      "ru": "Направление на медицинское обследование на границе без передачи медицинских данных"],
              problem: ["en": "Migrants fear that a screening result reaches the migration authorities, so they avoid screening.",
                        "ru": "Мигранты опасаются, что результат обследования попадёт в органы миграции, и избегают его."],
              text: ["en": "The State Border Committee and the Ministry of Internal Affairs refer people to a free health assessment and learn only whether it took place; results stay with the health service.",
                     "ru": "Госпогранкомитет и МВД направляют людей на бесплатное медицинское обследование и узнают только, состоялось ли оно; результаты остаются в системе здравоохранения."],
              responsible: "by-state-border-committee", contributing: ["by-ministry-of-internal-affairs-migration", "by-republican-center-hygiene-epidemiology"],
              indicators: [IndicatorTarget(indicatorId: "screening-coverage", baseline: 0.4, target: 0.7, targetDate: day("2029-06-30"))],
              acts: [], status: []),
        Draft(title: ["en": "Information on entitlements in migrants' languages", "ru": "Информация о правах на медицинскую помощь на языках мигрантов"],
              problem: ["en": "Migrants do not know what care they may get free or where to go.", "ru": "Мигранты не знают, какую помощь могут получить бесплатно и куда обратиться."],
              text: ["en": "Publish the care navigator's answers and leaflets in Uzbek, Tajik, Turkmen, Dari, Arabic and Chinese, and hand them out at the border and at registration.",
                     "ru": "Опубликовать ответы навигатора и листовки на узбекском, таджикском, туркменском, дари, арабском и китайском языках и раздавать их на границе и при регистрации."],
              responsible: "iom-belarus", contributing: ["by-red-cross"], indicators: [], acts: [], status: []),
    ]

    /// Stores the demo plan unless one is there; returns whether it did.
    @discardableResult
    static func seed(services: AppServices) async throws -> Bool {
        let repository = MeasureRepository(services.database)
        if try await repository.plans(limit: 200, after: nil).items.contains(where: { $0.demo }) { return false }
        var ids: [String: UUID] = [:]
        for slug in Set(drafts.flatMap { [$0.responsible] + $0.contributing }) {
            guard let found = try await services.organizations.find(slug: slug) else { return false }
            ids[slug] = found.value.id
        }
        guard let ministry = ids["by-ministry-of-health"] else { return false }
        let seminarDay = Date(timeIntervalSince1970: 1_732_000_000)
        func actor(_ org: UUID, _ at: Date) -> MeasureActor { MeasureActor(userID: nil, username: "demo", organizationID: org, at: at) }
        let plan = try ActionPlan(title: title, summary: ["en": "Demonstration: measures drafted at the IOM seminar on migrants' access to medical care, to be improved at later round tables.",
                                                          "ru": "Демонстрация: меры, подготовленные на семинаре МОМ о доступе мигрантов к медицинской помощи, дорабатываются на круглых столах."],
                                  country: "BY", start: day("2027-01-01"), end: day("2029-12-31"), demo: true, createdBy: actor(ministry, seminarDay))
        let seminar = try Meeting(planID: plan.id, kind: .seminar, title: "IOM seminar: improving migrants' access to medical care", date: CalendarDay(seminarDay),
                                  participantIDs: Array(Set(ids.values)).sorted { $0.uuidString < $1.uuidString }, measureIDs: [], notes: nil, createdBy: actor(ministry, seminarDay))
        let roundDay = seminarDay.addingTimeInterval(120 * 86_400)
        var measures: [Measure] = []
        for (i, d) in drafts.enumerated() {
            let content = MeasureContent(title: d.title, text: d.text, problem: d.problem, responsibleOrganizationID: ids[d.responsible]!,
                                         contributingOrganizationIDs: d.contributing.compactMap { ids[$0] }, start: day("2027-01-01"), end: day("2029-12-31"),
                                         indicators: d.indicators, legalActs: d.acts)
            var m = try Measure(planID: plan.id, number: i + 1, content: content, by: actor(ids[d.responsible]!, seminarDay.addingTimeInterval(Double(i) * 60)))
            for (k, status) in d.status.enumerated() {
                try m.changeStatus(to: status, by: actor(ids[d.responsible]!, roundDay.addingTimeInterval(Double(k) * 60)), note: nil, meetingID: nil)
            }
            measures.append(m)
        }
        let stored = measures
        let round = try Meeting(planID: plan.id, kind: .roundTable, title: "Round table on measure 1 and 2", date: CalendarDay(roundDay),
                                participantIDs: [ministry, ids["by-red-cross"]!, ids["iom-belarus"]!], measureIDs: [measures[0].id, measures[1].id],
                                notes: "Demo data.", createdBy: actor(ministry, roundDay))
        try await services.database.write { db in
            try await repository.insert(plan, in: db)
            try await repository.insert(Meeting(planID: plan.id, kind: seminar.kind, title: seminar.title, date: seminar.date, participantIDs: seminar.participantIDs,
                                                measureIDs: stored.map(\.id), notes: "Demo data: the measures drafted on the second day.", createdBy: seminar.createdBy), in: db)
            try await repository.insert(round, in: db)
            for m in stored { try await repository.insert(m, in: db) }
            try await services.audit.append([AuditDraft(occurredAt: services.now(), actorUserID: nil, actorUsername: "system", category: .aggregate,
                                                        action: "plan.demo", outcome: .succeeded, reason: plan.id.text)], in: db)
        }
        return true
    }
}
