import CareBridgeCore
import CareBridgeStore
import Foundation

/// The synthetic population's health records (issue 7): screening by the shipped rules, results, cases, treatments
/// with outcomes, HIV viral loads, immunizations and TB contacts, in proportions chosen to be plausible for newly
/// arrived migrants, not to reproduce any country's figures. Seeded, so the same seed stores the same records.
///
/// Proportions, per 1,000: of those recommended TB screening, 650 screened by chest X-ray and 500 by IGRA; IGRA
/// positive 200, X-ray abnormal 10, of whom 600 notified as TB cases; TB cases treated 950, resistance DS 800,
/// RR/MDR 150, pre-XDR 40, XDR 10; of those treated over six months ago, outcomes cured 550, completed 200, failed 30,
/// died 50, lost 120, not evaluated 50; each TB case names 1 to 3 contacts (the next people in the registry),
/// household first. HIV: those recommended 400 tested, everyone else 100; 20 positive, all notified, 850 of them on
/// treatment, with a viral load: 750 suppressed. Hepatitis C: 150 tested, 30 positive, half treated. 300 have a
/// measles-mumps-rubella dose on record.
struct DemoHealth: Sendable {
    let engine: ScreeningEngine
    let today: CalendarDay
    let now: Date
    let seed: UInt64
    let count: Int

    /// The id DemoRecord gives person `index` (the same derivation), to name them as a contact.
    static func personID(index: Int, seed: UInt64, now: Date) -> UUID {
        var random = DemoRecord.generator(index: index, seed: seed)
        return .timeOrdered(millis: DemoRecord.millis(index: index, now: now), using: &random)
    }

    func records(for person: Person, index: Int, organization: UUID) throws -> [HealthRecord] {
        var random = SplitMix(seed: seed ^ 0x5EED_4EA1 ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
        func chance(_ perThousand: UInt64) -> Bool { random.next() % 1000 < perThousand }
        func days(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
        var out: [HealthRecord] = []
        let millis = UInt64(now.timeIntervalSince1970 * 1000)
        func make(_ kind: HealthRecord.Kind, on date: CalendarDay) -> HealthRecord {
            HealthRecord(id: .timeOrdered(millis: millis, using: &random), personID: person.id, kind: kind, organizationID: organization,
                         recordedBy: nil, recordedAt: now, date: min(date, today))
        }
        let arrived = person.arrival?.earliestDay ?? today.adding(days: -365)
        let assessed = min(today, max(arrived, today.adding(days: -5 * 365)).adding(days: days(0...60)))
        let region = person.region ?? "BY-HM"
        let subject = ScreeningSubject(countryOfBirth: person.countryOfBirth, citizenship: person.citizenship, arrival: person.arrival, birth: person.birthDate)
        let offered = Set(engine.recommend(for: subject, on: today).filter { $0.status == .recommended }.map(\.condition))
        var assessment: UUID?
        func test(_ code: String, display: String, for condition: ScreeningCondition?, disease: Disease?, positive: Bool?, value: Double? = nil, on day: CalendarDay) {
            if assessment == nil {
                var visit = make(.assessment, on: assessed)
                visit.assessment = Assessment(reason: .arrival)
                out.append(visit)
                assessment = visit.id
            }
            var record = make(.test, on: day)
            let resulted = min(today, day.adding(days: days(1...10)))
            record.test = LabTest(code: code, display: display, screensFor: condition, disease: disease, assessmentID: assessment,
                                  result: .init(resultedOn: resulted, interpretation: positive.map { $0 ? .positive : .negative }, value: value,
                                                unit: value == nil ? nil : "{copies}/mL", recordedBy: nil))
            out.append(record)
        }
        func notify(_ disease: Disease, icd10: String, classification: CaseClassification, on day: CalendarDay) -> UUID {
            var record = make(.notification, on: day)
            record.notification = CaseReport(disease: disease, icd10: icd10, classification: classification, onset: day.adding(days: -days(7...60)),
                                             diagnosedOn: min(day, today), region: region, notifiedTo: nil)
            out.append(record)
            return record.id
        }
        func treat(_ disease: Disease, caseID: UUID, from day: CalendarDay, resistance: DrugResistance? = nil, outcome: TreatmentOutcome? = nil) {
            var record = make(.treatment, on: day)
            let started = min(day, today)
            var treatment = Treatment(disease: disease, caseID: caseID, startedOn: started, treatingOrganizationID: organization, resistance: resistance)
            if let outcome, started.days(until: today) > 180 {
                (treatment.outcome, treatment.outcomeOn) = (outcome, min(today, started.adding(days: resistance == .drugSusceptible ? 183 : 540)))
            }
            record.treatment = treatment
            out.append(record)
        }

        // Tuberculosis.
        if offered.contains(.activeTuberculosis) || offered.contains(.latentTuberculosis) {
            var abnormal = false
            if chance(650) {
                abnormal = chance(10)
                test("chest-x-ray", display: "Chest X-ray for tuberculosis screening", for: .activeTuberculosis, disease: .tuberculosis, positive: abnormal, on: assessed)
            }
            if chance(500) {
                test("71773-6", display: "Mycobacterium tuberculosis stimulated gamma interferon [Interpretation] in Blood Qualitative",
                     for: .latentTuberculosis, disease: .tuberculosis, positive: chance(200), on: assessed)
            }
            if abnormal, chance(600) {
                let notified = assessed.adding(days: days(3...20))
                var diagnosis = make(.diagnosis, on: notified)
                diagnosis.diagnosis = Diagnosis(icd10: "A15.0", display: "Tuberculosis of lung, confirmed by sputum microscopy with or without culture", onset: nil)
                out.append(diagnosis)
                let caseID = notify(.tuberculosis, icd10: "A15.0", classification: chance(850) ? .confirmed : .probable, on: notified)
                if chance(950) {
                    let r = random.next() % 1000
                    let resistance: DrugResistance = r < 800 ? .drugSusceptible : r < 950 ? .rifampicinOrMultidrugResistant : r < 990 ? .preExtensivelyDrugResistant : .extensivelyDrugResistant
                    let o = random.next() % 1000
                    let outcome: TreatmentOutcome = o < 550 ? .cured : o < 750 ? .completed : o < 780 ? .failed : o < 830 ? .died : o < 950 ? .lostToFollowUp : .notEvaluated
                    treat(.tuberculosis, caseID: caseID, from: notified.adding(days: days(0...7)), resistance: resistance, outcome: outcome)
                }
                for offset in 1...(1 + Int(random.next() % 3)) where index + offset < count {
                    var contact = make(.contact, on: notified)
                    contact.contact = Contact(caseID: caseID, personID: Self.personID(index: index + offset, seed: seed, now: now),
                                              exposure: offset == 1 ? .household : .close, exposedFrom: nil, lastExposure: min(notified, today),
                                              followUps: Contact.schedule(for: .tuberculosis, lastExposure: min(notified, today)).map { due in
                                                  due.due <= today ? Contact.FollowUp(due: due.due, doneOn: due.due, outcome: .screenedNegative) : due
                                              })
                    out.append(contact)
                }
            }
        }
        // HIV.
        if chance(offered.contains(.hiv) ? 400 : 100) {
            let positive = chance(20)
            test("56888-1", display: "HIV 1+2 Ab+HIV1 p24 Ag [Presence] in Serum or Plasma by Immunoassay", for: .hiv, disease: .hiv, positive: positive, on: assessed)
            if positive {
                let notified = assessed.adding(days: days(7...30))
                let caseID = notify(.hiv, icd10: "B20", classification: .confirmed, on: notified)
                if chance(850) {
                    let started = notified.adding(days: days(0...30))
                    treat(.hiv, caseID: caseID, from: started)
                    if started.adding(days: 180) <= today {
                        test("20447-9", display: "HIV 1 RNA [#/volume] (viral load) in Serum or Plasma by NAA with probe detection", for: nil, disease: .hiv,
                             positive: nil, value: chance(750) ? Double(days(0...199)) : Double(days(1000...90000)), on: started.adding(days: 180))
                    }
                }
            }
        }
        // Hepatitis C.
        if chance(150) {
            let positive = chance(30)
            test("13955-0", display: "Hepatitis C virus Ab [Presence] in Serum or Plasma by Immunoassay", for: .hepatitisC, disease: .hepatitisC, positive: positive, on: assessed)
            if positive {
                let notified = assessed.adding(days: days(14...40))
                let caseID = notify(.hepatitisC, icd10: "B18.2", classification: .confirmed, on: notified)
                if chance(500) { treat(.hepatitisC, caseID: caseID, from: notified.adding(days: days(14...60)), outcome: chance(900) ? .cured : .lostToFollowUp) }
            }
        }
        // Vaccination on record.
        if chance(300) {
            var dose = make(.immunization, on: assessed)
            dose.immunization = Immunization(vaccine: "03", display: "measles, mumps and rubella virus vaccine", antigens: ["measles", "mumps", "rubella"], doseNumber: 1)
            out.append(dose)
        }
        return out
    }
}
