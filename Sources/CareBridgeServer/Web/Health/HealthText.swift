import CareBridgeCore
import Foundation

/// How health records and screening read on the pages, in the reader's language: every word comes from the catalogs;
/// codes, their titles from the code tables, and sources' names are shown as given.
struct HealthText {
    var l: Localizer
    var countries: CountryTable
    var codes: ClinicalCodes

    func disease(_ d: Disease) -> String { l("disease.\(d.rawValue)") }
    func condition(_ c: ScreeningCondition) -> String { l("condition.\(c.rawValue)") }
    func stage(_ s: CascadeStage) -> String { l("stage.\(s.rawValue)") }
    func kind(_ k: HealthRecord.Kind) -> String { l("record.kind.\(k.rawValue)") }
    func classification(_ c: CaseClassification) -> String { l("classification.\(c.rawValue)") }
    func outcome(_ o: TreatmentOutcome) -> String { l("treatment-outcome.\(o.rawValue)") }
    func resistance(_ r: DrugResistance) -> String { l("resistance.\(r.rawValue)") }
    func exposure(_ e: Contact.Exposure) -> String { l("exposure.\(e.rawValue)") }
    func followUpOutcome(_ o: Contact.FollowUpOutcome) -> String { l("follow-up.\(o.rawValue)") }
    func interpretation(_ i: LabTest.Interpretation) -> String { l("interpretation.\(i.rawValue)") }
    func trigger(_ t: ContinuityTrigger) -> String { l("trigger.\(t.rawValue)") }
    func region(_ code: String) -> String { countries.regions[code]?.name(language: l.language) ?? code }
    func day(_ d: CalendarDay?) -> String { d?.description ?? "—" }

    /// A number as the reader writes it, with at most one decimal (180; 1.5 or 1,5).
    func number(_ value: Double) -> String {
        value.formatted(.number.precision(.fractionLength(0...(value >= 10 ? 0 : 1))).locale(l.locale))
    }

    /// The ICD-10 title in Russian where the register gives one and the reader reads Russian, else the WHO title.
    func icd10Title(_ code: String, stored: String) -> String {
        l.language == "ru" ? codes.icd10Russian[code] ?? stored : stored
    }

    /// The code a record is written in and its title.
    func code(of record: HealthRecord) -> (code: String, title: String)? {
        switch record.kind {
        case .test: record.test.map { ($0.code, $0.display) }
        case .diagnosis: record.diagnosis.map { ($0.icd10, icd10Title($0.icd10, stored: $0.display)) }
        case .immunization: record.immunization.map { ($0.vaccine, $0.display) }
        case .notification: record.notification.map { report in
            (report.icd10 ?? "", [disease(report.disease), report.icd10.map { icd10Title($0, stored: codes.icd10[$0] ?? "") }].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · "))
        }
        case .treatment: record.treatment.map { ("", disease($0.disease)) }
        case .contact: record.contact.map { ("", exposure($0.exposure)) }
        case .alert: record.alert.map { ("", disease($0.disease)) }
        case .assessment: record.assessment.map { ("", l("assessment.\($0.reason.rawValue)")) }
        }
    }

    /// The record's state in words (ordered, resulted, a classification, ongoing or an outcome, ...).
    func status(of record: HealthRecord, today: CalendarDay) -> String {
        switch record.kind {
        case .test: l(record.test?.result == nil ? "record.status.ordered" : "record.status.resulted")
        case .notification: record.notification.map { classification($0.classification) } ?? ""
        case .treatment: record.treatment?.outcome.map(outcome) ?? l("record.status.ongoing")
        case .contact: record.contact.map { l("follow-up-status.\($0.status(on: today).rawValue)") } ?? ""
        case .alert: l(record.alert?.acknowledgedOn == nil ? "record.status.open" : "record.status.acknowledged")
        case .diagnosis: l(record.diagnosis?.resolvedOn == nil ? "record.status.active" : "record.status.resolved")
        case .assessment, .immunization: l("record.status.recorded")
        }
    }

    /// What came of it: a test's result, a treatment's outcome and its day, a dose, a case's onset and diagnosis.
    func result(of record: HealthRecord) -> String {
        switch record.kind {
        case .test:
            guard let result = record.test?.result else { return "—" }
            return l("record.result-on", ["result": self.result(result), "date": result.resultedOn.description])
        case .treatment:
            guard let t = record.treatment else { return "—" }
            var parts: [String] = []
            if let regimen = t.regimen { parts.append(regimen) }
            if let r = t.resistance { parts.append(resistance(r)) }
            if let o = t.outcome, let on = t.outcomeOn { parts.append(l("record.result-on", ["result": outcome(o), "date": on.description])) }
            return parts.isEmpty ? "—" : parts.joined(separator: " · ")
        case .immunization:
            return record.immunization?.doseNumber.map { l("record.dose", ["number": String($0)]) } ?? "—"
        case .notification:
            guard let report = record.notification else { return "—" }
            return l("record.case-summary", ["diagnosed": report.diagnosedOn.description, "region": region(report.region)])
        case .diagnosis:
            return record.diagnosis?.onset.map { l("record.onset", ["date": $0.description]) } ?? "—"
        case .alert:
            return record.alert.map { trigger($0.trigger) } ?? "—"
        case .contact, .assessment:
            return "—"
        }
    }

    func result(_ r: LabTest.Result) -> String {
        var parts: [String] = []
        if let i = r.interpretation { parts.append(interpretation(i)) }
        if let v = r.value { parts.append([number(v), r.unit].compactMap { $0 }.joined(separator: " ")) }
        return parts.joined(separator: ", ")
    }

    /// Why a test is recommended, in the reader's language, from the figures the recommendation carries:
    /// "born in Afghanistan, where TB incidence is 180 per 100,000 (2023, WHO); threshold 40 (ECDC 2018); arrived 4 months ago".
    func reason(_ r: ScreeningRecommendation) -> String {
        var parts: [String] = []
        let country = r.origin.map { countries.name(of: $0, language: l.language) } ?? l("reason.unknown-country")
        let who = l(r.originBasis == .birth ? "reason.born" : "reason.citizen", ["country": country])
        switch (r.measure, r.status) {
        case (.noVaccinationRecord, _):
            parts.append(l("reason.no-vaccination"))
        case (_, .noData):
            parts.append(l("reason.no-figure", ["who": who, "condition": condition(r.condition)]))
        case (_, .recommended):
            if let figure = r.figure {
                let cited = [figure.year.map(String.init), r.figureSource?.publisher].compactMap { $0 }.joined(separator: ", ")
                let measure = l("measure.\(r.measure.rawValue)", ["value": number(figure.value)])
                parts.append(cited.isEmpty ? l("reason.where", ["who": who, "figure": measure])
                                           : l("reason.where-cited", ["who": who, "figure": measure, "cited": cited]))
            } else {
                parts.append(who)
            }
            if let threshold = r.threshold {
                let source = [r.ruleSource.publisher ?? r.ruleSource.title, r.ruleSource.year.map(String.init)].compactMap { $0 }.joined(separator: " ")
                parts.append(l("reason.threshold", ["value": number(threshold), "source": source]))
            }
        }
        if let months = r.monthsSinceArrival { parts.append(l.plural("reason.arrived", count: months)) }
        if let age = r.age, r.measure == .noVaccinationRecord || age < 18 { parts.append(l("reason.aged", ["age": l.number(age)])) }
        return parts.joined(separator: "; ")
    }
}
