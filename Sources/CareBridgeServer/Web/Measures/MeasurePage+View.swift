import CareBridgeCore
import Foundation
import Plot

extension MeasurePage {
    static func view(_ m: Model, page: PageContext, text: MeasureText, services: AppServices, compare: (Int, Int)?, notice: Notice?,
                     values: [String: String]) -> String {
        let l = page.l
        let measure = m.measure, c = measure.current
        let title = "\(measure.number). \(c.title.text(in: l.language))"
        return PageShell(title: title, page: page, current: SiteURL.plans, notice: notice).render {
            Paragraph { Link(m.plan.title.text(in: l.language), url: SiteURL.plan(m.plan.id)) }.class("breadcrumb")
            if !c.text.has(l.language) && !c.title.has(l.language) { Paragraph(l("measures.not-translated")).class("notice notice-info") }
            El("dl", [("class", "facts")]) {
                El("dt") { Text(l("plans.col.status")) }; El("dd") { text.statusBadge(measure.status) }
                El("dt") { Text(l("plans.col.version")) }; El("dd") { Text(String(measure.currentVersion)) }
                El("dt") { Text(l("plans.col.responsible")) }; El("dd") { Text(text.organization(c.responsibleOrganizationID)) }
                if !c.contributingOrganizationIDs.isEmpty {
                    El("dt") { Text(l("measures.contributing")) }; El("dd") { Text(c.contributingOrganizationIDs.map(text.organization).joined(separator: "; ")) }
                }
                El("dt") { Text(l("measures.timeline")) }
                El("dd") { Text("\(c.start?.description ?? "…") – \(c.end?.description ?? "…")") }
                El("dt") { Text(l("measures.proposed-by")) }; El("dd") { Text(text.actor(measure.proposedBy)) }
            }
            if c.problem.values.contains(where: { !$0.isEmpty }) {
                H2(l("measures.problem"))
                Paragraph(c.problem.text(in: l.language)).class("measure-problem")
            }
            H2(l("measures.text"))
            El("div", [("class", "measure-text")]) { Text(c.text.text(in: l.language)) }
            evidence(m, text: text, services: services)
            if let monitoring = m.monitoring, !monitoring.targets.isEmpty { charts(monitoring, text: text, services: services) }
            statusSection(m, page: page, text: text)
            positions(m, page: page, text: text, values: values)
            amendments(m, page: page, text: text, values: values, services: services)
            comments(m, page: page, text: text)
            history(m, page: page, text: text, compare: compare)
        }
    }

    static func evidence(_ m: Model, text: MeasureText, services: AppServices) -> Component {
        let l = text.l, c = m.measure.current
        return El("section", [("aria-labelledby", "evidence-h"), ("class", "evidence")]) {
            El("h2", [("id", "evidence-h")]) { Text(l("measures.evidence")) }
            if let sim = m.simulation {
                H3(l("measures.simulation"))
                Paragraph {
                    Link(sim.title, url: SiteURL.simulation(sim.id))
                    Text(" · \(l("measures.simulation-date", ["date": sim.date.description]))")
                }
                if sim.changes.isEmpty { Paragraph(l("measures.simulation-no-change")) }
                List(sim.changes.map { $0 }) { change in
                    ListItem(l("measures.simulation-covered", ["care": l("care.\(change.care)"),
                                                               "gained": change.gained.map { "+" + l.number($0) } ?? l("measures.fewer-than-five"),
                                                               "lost": change.lost.map { l.number($0) } ?? l("measures.fewer-than-five")]))
                }.class("simulation-effect")
            } else if m.simulationMissing {
                Paragraph(l("measures.simulation-missing")).class("notice notice-error")
            }
            if !c.indicators.isEmpty {
                ScrollRegion(label: l("measures.targets")) {
                    Table(caption: TableCaption(l("measures.targets")), header: TableRow {
                        for key in ["measures.col.indicator", "measures.col.group", "measures.col.baseline", "measures.col.target", "measures.col.target-date",
                                    "measures.col.latest", "measures.col.standing"] { TableHeaderCell(l(key)) }
                    }) {
                        for (i, t) in c.indicators.enumerated() {
                            let share = services.indicators.catalog.indicator(t.indicatorId)?.measure == .proportion
                            let live = m.monitoring?.targets.first { $0.target == t }
                            TableRow {
                                TableCell(text.indicator(t.indicatorId, services: services))
                                TableCell(t.breakdown ?? l("measures.everyone"))
                                TableCell(text.percentOrValue(t.baseline, share: share)).class("number")
                                TableCell(text.percentOrValue(t.target, share: share)).class("number")
                                TableCell(t.targetDate?.description ?? "")
                                TableCell {
                                    if let live {
                                        if let v = live.latest.value { Text(text.percentOrValue(v, share: share)) }
                                        else if live.latest.suppressed { El("abbr", [("title", l("indicators.suppressed")), ("class", "suppressed")]) { Text(IndicatorsPage.hiddenSymbol) } }
                                        else { Text(l("measures.no-figure")) }
                                    } else { Text(l("measures.no-figure")) }
                                }.class("number").id("latest-\(i)")
                                TableCell { text.standingBadge(live?.progress.standing) }
                            }
                        }
                    }.class("data evidence-targets")
                }
                Paragraph(l("indicators.suppressed-note", ["symbol": IndicatorsPage.hiddenSymbol, "threshold": l.number(SmallCells.threshold)])).class("hint")
            }
            if !c.legalActs.isEmpty {
                H3(l("measures.legal-acts"))
                List(c.legalActs) { act in
                    ListItem {
                        Text(act.title)
                        if let url = act.url { Text(" · "); El("a", [("href", url), ("rel", "external")]) { Text(url) } }
                    }
                }.class("legal-acts")
            }
        }
    }

    static func charts(_ monitoring: MeasureMonitoring, text: MeasureText, services: AppServices) -> Component {
        let l = text.l
        return El("section", [("aria-labelledby", "monitoring-h"), ("class", "monitoring")]) {
            El("h2", [("id", "monitoring-h")]) { Text(l("measures.monitoring")) }
            Paragraph(l("measures.monitoring-intro")).class("hint")
            for (i, t) in monitoring.targets.enumerated() {
                let name = l(t.title)
                let share = t.measure == .proportion
                TargetChart(id: "target-\(i)", start: t.start, baseline: t.target.baseline, targetDate: t.target.targetDate ?? t.start, target: t.target.target,
                            points: t.points.map { TargetChart.Point(date: $0.date, value: $0.value) }, percent: share,
                            labels: .init(title: name + (t.target.breakdown.map { " (\($0))" } ?? ""),
                                          summary: l("measures.chart.summary", ["indicator": name, "baseline": text.percentOrValue(t.target.baseline, share: share),
                                                                                "target": text.percentOrValue(t.target.target, share: share),
                                                                                "date": t.target.targetDate?.description ?? "", "standing": text.standing(t.progress.standing)]),
                                          dateAxis: l("measures.chart.date"), valueAxis: share ? l("measures.chart.share") : l("measures.chart.value"),
                                          observed: l("measures.chart.observed"), planned: l("measures.chart.planned"), target: l("measures.chart.target"),
                                          suppressed: l("indicators.suppressed"), tableSummary: l("surveillance.data-table")),
                            locale: l.locale)
            }
        }
    }

    static func meetingOptions(_ m: Model, _ l: Localizer) -> [(value: String, label: String)] {
        [("", l("measures.form.no-meeting"))] + m.meetings.map { ($0.id.text, "\($0.date) · \($0.title)") }
    }

    static func statusSection(_ m: Model, page: PageContext, text: MeasureText) -> Component {
        let l = page.l, measure = m.measure
        return El("section", [("aria-labelledby", "status-h"), ("class", "status")]) {
            El("h2", [("id", "status-h")]) { Text(l("measures.status-history")) }
            if measure.statusHistory.isEmpty { Paragraph(l("measures.status-none")) }
            List(measure.statusHistory) { change in
                ListItem {
                    Text("\(text.status(change.from)) → \(text.status(change.to)) · \(text.actor(change.by))")
                    if let id = change.meetingID, let meeting = m.meetings.first(where: { $0.id == id }) { Text(" · "); Link(meeting.title, url: SiteURL.meeting(id)) }
                    if let note = change.note { Text(": \(note)") }
                }
            }
            if m.mayDecide && !measure.status.next.isEmpty {
                Form(url: SiteURL.measurePart(measure.id, "status"), method: .post) {
                    CSRFField(token: page.csrf)
                    El("input", [("type", "hidden"), ("name", "revision"), ("value", String(measure.revision))])
                    SelectField(label: l("measures.status.move"), name: "status", options: measure.status.next.map { ($0.rawValue, text.status($0)) }, form: "status")
                    SelectField(label: l("measures.form.meeting"), name: "meeting", options: meetingOptions(m, l), form: "status")
                    Field(label: l("measures.form.note"), name: "note", form: "status")
                    El("button", [("type", "submit")]) { Text(l("measures.status.submit")) }
                }.class("status-form")
            }
        }
    }

    static func positions(_ m: Model, page: PageContext, text: MeasureText, values: [String: String]) -> Component {
        let l = page.l, measure = m.measure
        return El("section", [("aria-labelledby", "positions-h"), ("class", "positions")]) {
            El("h2", [("id", "positions-h")]) { Text(l("measures.positions")) }
            if measure.positions.isEmpty { Paragraph(l("measures.positions-none")) } else {
                ScrollRegion(label: l("measures.positions")) {
                    Table(caption: TableCaption(l("measures.positions")), header: TableRow {
                        for key in ["measures.col.organization", "measures.col.stance", "measures.col.reason", "measures.col.on-version"] { TableHeaderCell(l(key)) }
                    }) {
                        for p in measure.positions {
                            TableRow {
                                TableCell(text.organization(p.organizationID))
                                TableCell { El("span", [("class", "badge stance-\(p.stance.rawValue)")]) { Text(text.stance(p.stance)) } }
                                TableCell(p.reason ?? "")
                                TableCell(p.version == measure.currentVersion ? String(p.version) : l("measures.older-version", ["version": String(p.version)]))
                            }
                        }
                    }.class("data positions-table")
                }
            }
            if m.mayDeliberate && !measure.status.isFinal {
                Form(url: SiteURL.measurePart(measure.id, "position"), method: .post) {
                    CSRFField(token: page.csrf)
                    SelectField(label: l("measures.position.stance"), name: "stance",
                                options: [("", l("measures.position.choose"))] + MeasurePosition.Stance.allCases.map { ($0.rawValue, text.stance($0)) },
                                selected: values["stance"], form: "position")
                    TextAreaField(label: l("measures.position.reason"), name: "reason", value: values["reason"] ?? "", rows: 2, hint: l("measures.position.reason-hint"), form: "position")
                    El("button", [("type", "submit")]) { Text(l("measures.position.submit")) }
                }.class("position-form")
            }
        }
    }

    /// What an amendment proposes for the evidence, in words: the targets, timeline, simulation and legal acts.
    static func evidenceSummary(_ c: MeasureContent, fields: [String], text: MeasureText, services: AppServices) -> String {
        var parts: [String] = []
        if fields.contains("timeline") { parts.append("\(text.field("timeline")): \(c.start?.description ?? "…") – \(c.end?.description ?? "…")") }
        if fields.contains("indicators") {
            parts += c.indicators.map { t in
                let share = services.indicators.catalog.indicator(t.indicatorId)?.measure == .proportion
                return "\(text.indicator(t.indicatorId, services: services)): \(text.percentOrValue(t.baseline, share: share)) → \(text.percentOrValue(t.target, share: share)) (\(t.targetDate?.description ?? ""))"
            }
        }
        if fields.contains("legalActs") { parts += c.legalActs.map(\.title) }
        if fields.contains("simulationId") { parts.append("\(text.field("simulationId")): \(c.simulationID?.text ?? "—")") }
        return parts.joined(separator: "; ")
    }

    static func amendments(_ m: Model, page: PageContext, text: MeasureText, values: [String: String], services: AppServices) -> Component {
        let l = page.l, measure = m.measure, c = measure.current
        return El("section", [("aria-labelledby", "amendments-h"), ("class", "amendments"), ("id", "amendments")]) {
            El("h2", [("id", "amendments-h")]) { Text(l("measures.amendments")) }
            if measure.amendments.isEmpty { Paragraph(l("measures.amendments-none")) }
            for a in measure.amendments.reversed() {
                let base = measure.version(a.baseVersion)?.content ?? c
                El("article", [("class", "amendment amendment-\(a.state.rawValue)")]) {
                    H3(l("measures.amendment.heading", ["version": String(a.baseVersion), "state": l("measures.amendment.state.\(a.state.rawValue)")]))
                    Paragraph(text.actor(a.by)).class("hint")
                    if let reason = a.reason { Paragraph(reason).class("amendment-reason") }
                    let fields = a.proposed.changedFields(from: base)
                    Paragraph(l("measures.changed-fields", ["fields": fields.map(text.field).joined(separator: ", ")])).class("hint")
                    let evidence = evidenceSummary(a.proposed, fields: fields, text: text, services: services)
                    if !evidence.isEmpty { Paragraph(l("measures.amendment.proposed-evidence", ["details": evidence])).class("amendment-evidence") }
                    if base.title.text(in: l.language) != a.proposed.title.text(in: l.language) {
                        DiffView(segments: WordDiff.diff(base.title.text(in: l.language), a.proposed.title.text(in: l.language)), label: text.field("title"))
                    }
                    if base.problem.text(in: l.language) != a.proposed.problem.text(in: l.language) {
                        DiffView(segments: WordDiff.diff(base.problem.text(in: l.language), a.proposed.problem.text(in: l.language)), label: text.field("problem"))
                    }
                    if base.text.text(in: l.language) != a.proposed.text.text(in: l.language) {
                        DiffView(segments: WordDiff.diff(base.text.text(in: l.language), a.proposed.text.text(in: l.language)), label: text.field("text"))
                    }
                    if let decided = a.decidedBy, a.state != .open {
                        Paragraph(l("measures.amendment.decided", ["state": l("measures.amendment.state.\(a.state.rawValue)"), "by": text.actor(decided)])
                                  + (a.resultingVersion.map { " " + l("measures.amendment.made-version", ["version": String($0)]) } ?? ""))
                    }
                    if a.state == .open {
                        if a.baseVersion != measure.currentVersion {
                            Paragraph(l("measures.amendment.outdated", ["version": String(a.baseVersion), "current": String(measure.currentVersion)])).class("notice notice-info")
                        }
                        if m.mayDecide {
                            Form(url: SiteURL.measurePart(measure.id, "amendments/\(a.id.text)/accept"), method: .post) {
                                CSRFField(token: page.csrf)
                                SelectField(label: l("measures.form.meeting"), name: "meeting", options: meetingOptions(m, l), form: "accept-\(a.id.text)")
                                El("button", [("type", "submit")]) { Text(l("measures.amendment.accept")) }
                            }.class("inline")
                            Form(url: SiteURL.measurePart(measure.id, "amendments/\(a.id.text)/reject"), method: .post) {
                                CSRFField(token: page.csrf)
                                El("button", [("type", "submit")]) { Text(l("measures.amendment.reject")) }
                            }.class("inline")
                        }
                        if page.identity?.organization.id == a.by.organizationID {
                            Form(url: SiteURL.measurePart(measure.id, "amendments/\(a.id.text)/withdraw"), method: .post) {
                                CSRFField(token: page.csrf)
                                El("button", [("type", "submit")]) { Text(l("measures.amendment.withdraw")) }
                            }.class("inline")
                        }
                    }
                }
            }
            if m.mayDeliberate && !measure.status.isFinal {
                El("details", [("class", "card amend-form"), ("open", values["baseVersion"] == nil || values["evidence"] != nil ? nil : "open")]) {
                    El("summary") { Text(l("measures.amend.title")) }
                    Paragraph(l("measures.amend.intro", ["version": String(measure.currentVersion)])).class("hint")
                    Form(url: SiteURL.measurePart(measure.id, "amend"), method: .post) {
                        CSRFField(token: page.csrf)
                        El("input", [("type", "hidden"), ("name", "baseVersion"), ("value", values["baseVersion"] ?? String(measure.currentVersion))])
                        El("input", [("type", "hidden"), ("name", "language"), ("value", l.language)])
                        Field(label: l("measures.form.title"), name: "title", value: values["title"] ?? c.title[l.language] ?? "", form: "amend")
                        TextAreaField(label: l("measures.form.problem"), name: "problem", value: values["problem"] ?? c.problem[l.language] ?? "", rows: 3, form: "amend")
                        TextAreaField(label: l("measures.form.text"), name: "text", value: values["text"] ?? c.text[l.language] ?? "", rows: 6, form: "amend")
                        TextAreaField(label: l("measures.amend.reason"), name: "reason", value: values["reason"] ?? "", rows: 2, form: "amend")
                        El("button", [("type", "submit"), ("name", "action"), ("value", "amend")]) { Text(l("measures.amend.submit")) }
                        if m.mayDecide && !measure.status.isAgreed {
                            SelectField(label: l("measures.form.meeting"), name: "meeting", options: meetingOptions(m, l), form: "amend")
                            El("button", [("type", "submit"), ("name", "action"), ("value", "edit")]) { Text(l("measures.amend.edit")) }
                        }
                    }
                }
                El("details", [("class", "card amend-evidence-form"), ("open", values["evidence"] == nil ? nil : "open")]) {
                    El("summary") { Text(l("measures.amend.evidence-title")) }
                    Paragraph(l("measures.amend.intro", ["version": String(measure.currentVersion)])).class("hint")
                    Form(url: SiteURL.measurePart(measure.id, "amend"), method: .post) {
                        CSRFField(token: page.csrf)
                        El("input", [("type", "hidden"), ("name", "baseVersion"), ("value", values["baseVersion"] ?? String(measure.currentVersion))])
                        El("input", [("type", "hidden"), ("name", "evidence"), ("value", "1")])
                        MeasureFormPage.evidenceFields(values: values["evidence"] == nil ? MeasureFormPage.values(of: c, services: services) : values,
                                                       simulations: m.simulations, indicators: services.indicators.catalog.indicators, l: l, form: "evidence")
                        TextAreaField(label: l("measures.amend.reason"), name: "reason", value: values["evidence"] == nil ? "" : values["reason"] ?? "", rows: 2, form: "evidence")
                        El("button", [("type", "submit"), ("name", "action"), ("value", "amend")]) { Text(l("measures.amend.submit")) }
                        if m.mayDecide && !measure.status.isAgreed {
                            SelectField(label: l("measures.form.meeting"), name: "meeting", options: meetingOptions(m, l), form: "evidence")
                            El("button", [("type", "submit"), ("name", "action"), ("value", "edit")]) { Text(l("measures.amend.edit")) }
                        }
                    }
                }
            }
        }
    }

    static func comments(_ m: Model, page: PageContext, text: MeasureText) -> Component {
        let l = page.l, measure = m.measure
        return El("section", [("aria-labelledby", "comments-h"), ("class", "comments")]) {
            El("h2", [("id", "comments-h")]) { Text(l("measures.comments")) }
            if measure.comments.isEmpty { Paragraph(l("measures.comments-none")) }
            for comment in measure.comments {
                El("article", [("class", "comment")]) {
                    Paragraph(text.actor(comment.by) + " · " + l("measures.on-version", ["version": String(comment.version)])).class("hint")
                    Paragraph(comment.text)
                }
            }
            if m.mayDeliberate {
                Form(url: SiteURL.measurePart(measure.id, "comment"), method: .post) {
                    CSRFField(token: page.csrf)
                    TextAreaField(label: l("measures.comment.text"), name: "text", rows: 3, required: true, form: "comment")
                    El("button", [("type", "submit")]) { Text(l("measures.comment.submit")) }
                }.class("comment-form")
            }
        }
    }

    static func history(_ m: Model, page: PageContext, text: MeasureText, compare: (Int, Int)?) -> Component {
        let l = page.l, measure = m.measure
        return El("section", [("aria-labelledby", "history-h"), ("class", "history"), ("id", "history")]) {
            El("h2", [("id", "history-h")]) { Text(l("measures.history")) }
            ScrollRegion(label: l("measures.history")) {
                Table(caption: TableCaption(l("measures.history")), header: TableRow {
                    for key in ["plans.col.version", "measures.col.by", "measures.col.changed", "measures.col.note", "measures.col.meeting"] { TableHeaderCell(l(key)) }
                }) {
                    for v in measure.versions.reversed() {
                        TableRow {
                            TableCell(String(v.number)).class("number")
                            TableCell(text.actor(v.by))
                            TableCell(measure.version(v.number - 1).map { v.content.changedFields(from: $0.content).map(text.field).joined(separator: ", ") } ?? l("measures.first-version"))
                            TableCell(v.note ?? "")
                            TableCell {
                                if let id = v.meetingID, let meeting = m.meetings.first(where: { $0.id == id }) { Link(meeting.title, url: SiteURL.meeting(id)) }
                            }
                        }
                    }
                }.class("data versions-table")
            }
            if measure.currentVersion > 1 {
                Form(url: SiteURL.measure(measure.id) + "#history", method: .get) {
                    SelectField(label: l("measures.compare.from"), name: "from", options: measure.versions.map { (String($0.number), String($0.number)) },
                                selected: String(compare?.0 ?? measure.currentVersion - 1), form: "compare")
                    SelectField(label: l("measures.compare.to"), name: "to", options: measure.versions.map { (String($0.number), String($0.number)) },
                                selected: String(compare?.1 ?? measure.currentVersion), form: "compare")
                    El("button", [("type", "submit")]) { Text(l("measures.compare.show")) }
                }.class("compare-form")
            }
            if let (from, to) = compare, let a = measure.version(from), let b = measure.version(to) {
                El("div", [("class", "card compare")]) {
                    H3(l("measures.compare.heading", ["from": String(from), "to": String(to)]))
                    Paragraph(l("measures.changed-fields", ["fields": b.content.changedFields(from: a.content).map(text.field).joined(separator: ", ")])).class("hint")
                    DiffView(segments: WordDiff.diff(a.content.title.text(in: l.language), b.content.title.text(in: l.language)), label: text.field("title"))
                    DiffView(segments: WordDiff.diff(a.content.text.text(in: l.language), b.content.text.text(in: l.language)), label: text.field("text"))
                }
            }
        }
    }
}
