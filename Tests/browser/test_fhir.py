"""The FHIR R4 API against a real server: every resource and bundle it produces is validated with the fhir.resources
package (its R4B models, pydantic), an International Patient Summary goes out and back in, and bad bundles import
nothing. No browser needed."""
import copy
import datetime
import json
import urllib.request

import pytest
from fhir.resources.R4B import get_fhir_model_class

from conftest import api


def fhir(base, method, path, token=None, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + "/fhir/r4" + path, data=data, method=method)
    request.add_header("Accept", "application/fhir+json")
    if body is not None:
        request.add_header("Content-Type", "application/fhir+json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Type"].startswith("application/fhir+json"), response.headers["Content-Type"]
            return response.status, json.loads(response.read().decode())
    except urllib.error.HTTPError as error:
        assert error.headers["Content-Type"].startswith("application/fhir+json"), error.headers["Content-Type"]
        return error.code, json.loads(error.read().decode())


def valid(resource):
    """Parses the resource with its R4B model (raises on any structural error) and returns it."""
    model = get_fhir_model_class(resource["resourceType"])
    model.model_validate(resource)
    return resource


def token(base, username, password):
    _, body = api(base, "POST", "/api/v1/auth/token", {"username": username, "password": password})
    return body["token"]


@pytest.fixture(scope="module")
def clinical(server):
    """A person with a diagnosis, a resulted test, a dose, a notified case and its treatment, recorded by a clinician."""
    base = server["base"]
    doctor = token(base, "dr.browser", "password-dr.browser")
    status, person = api(base, "POST", "/api/v1/people", {
        "givenName": "Dilnoza", "familyName": "Karimova", "patronymic": "Rustamovna", "birthDate": "1988-04-12", "sex": "female",
        "citizenship": "UZ", "countryOfBirth": "UZ", "languages": ["uz", "ru"], "region": "BY-HM", "registerDespiteMatches": True,
        "otherNames": [{"givenName": "Дилноза", "familyName": "Каримова"}]}, token=doctor)
    assert status == 201, person
    pid = person["id"]
    records = {}
    today = datetime.date.today()

    def record(body):
        status, created = api(base, "POST", f"/api/v1/people/{pid}/health-records", body, token=doctor)
        assert status == 201, created
        return created

    records["diagnosis"] = record({"kind": "diagnosis", "code": "B18.1", "date": (today - datetime.timedelta(days=30)).isoformat()})
    records["test"] = record({"kind": "test", "code": "5196-1"})
    status, body = api(base, "POST", f"/api/v1/health-records/{records['test']['id']}/result", {"interpretation": "positive"}, token=doctor)
    assert status == 200, body
    records["dose"] = record({"kind": "immunization", "code": "08", "doseNumber": 1, "lot": "HB-2201"})
    records["case"] = record({"kind": "case", "disease": "tuberculosis", "classification": "confirmed", "region": "BY-HM", "code": "A15.0"})
    records["treatment"] = record({"kind": "treatment", "disease": "tuberculosis", "caseId": records["case"]["id"], "regimen": "2HRZE/4HR",
                                   "resistance": "DS"})
    # A referral, with the consent it needs, to another organization's TB service.
    _, orgs = api(base, "GET", "/api/v1/organizations?limit=200", token=server["admin_token"])
    by_slug = {o["slug"]: o["id"] for o in orgs["items"]}
    _, found = api(base, "GET", "/api/v1/services?q=tuberculosis&limit=50", token=doctor)
    hit = next(h for h in found["items"] if h["organization"] != "by-minsk-infectious-diseases-hospital")
    status, consent = api(base, "POST", f"/api/v1/people/{pid}/consents", {
        "organizationId": by_slug[hit["organization"]], "purposes": ["COC", "TREAT"], "categories": ["identity", "referral-metadata"],
        "explainedInLanguage": "uz"}, token=doctor)
    assert status == 201, consent
    status, referral = api(base, "POST", "/api/v1/referrals", {"personId": pid, "serviceId": hit["service"]["id"], "reason": "TB treatment follow-up",
                                                               "urgency": "urgent", "consentBasis": {"type": "consent", "consentID": consent["id"]}}, token=doctor)
    assert status == 201, referral
    return {"base": base, "doctor": doctor, "person": person, "records": records, "referral": referral, "consent": consent}


def test_capability_statement_lists_exactly_what_is_supported(server):
    status, capability = fhir(server["base"], "GET", "/metadata")
    assert status == 200
    valid(capability)
    assert capability["fhirVersion"] == "4.0.1"
    types = {r["type"]: r for r in capability["rest"][0]["resource"]}
    assert set(types) == {"Patient", "Observation", "Condition", "Immunization", "ServiceRequest", "Task", "Organization",
                          "HealthcareService", "Location", "Consent", "AuditEvent", "Provenance"}
    assert {p["name"] for p in types["Observation"]["searchParam"]} >= {"_id", "_lastUpdated", "patient", "code", "date", "status"}
    # Every type it lists answers a search; one it does not is an OperationOutcome.
    status, outcome = fhir(server["base"], "GET", "/Claim", token=server["admin_token"])
    assert status == 404 and outcome["resourceType"] == "OperationOutcome"
    valid(outcome)


def test_every_resource_and_bundle_is_valid_r4(clinical):
    base, doctor, pid = clinical["base"], clinical["doctor"], clinical["person"]["id"]
    status, patient = fhir(base, "GET", f"/Patient/{pid}", doctor)
    assert status == 200, patient
    valid(patient)
    assert patient["name"][0]["family"] == "Karimova" and patient["name"][0]["given"] == ["Dilnoza", "Rustamovna"]
    assert patient["birthDate"] == "1988-04-12" and patient["gender"] == "female"
    assert any(n.get("family") == "Каримова" for n in patient["name"])
    assert {"system": "urn:ietf:bcp:47", "code": "uz"} == patient["communication"][0]["language"]["coding"][0]

    searches = {
        "Observation": f"patient=Patient/{pid}&code=http://loinc.org|5196-1",
        "Condition": f"patient={pid}",
        "Immunization": f"patient={pid}&vaccine-code=08",
        "Consent": f"patient={pid}",
        "ServiceRequest": f"patient={pid}",
        "Task": f"patient={pid}",
        "Provenance": f"patient={pid}",
        "Organization": "name=Minsk",
        "HealthcareService": "service-category=tb-dispensary",
        "Location": "address-state=BY-HM",
        "Patient": "name=karimova",
    }
    for type_, query in searches.items():
        status, bundle = fhir(base, "GET", f"/{type_}?{query}", doctor)
        assert status == 200, (type_, bundle)
        valid(bundle)
        assert bundle["type"] == "searchset"
        for entry in bundle.get("entry", []):
            assert entry["resource"]["resourceType"] == type_
            valid(entry["resource"])
    for type_ in ["ServiceRequest", "Task", "Consent"]:
        status, bundle = fhir(base, "GET", f"/{type_}?patient={pid}", doctor)
        assert bundle["total"] == 1, (type_, bundle)
    _, task = fhir(base, "GET", f"/Task/{clinical['referral']['id']}", doctor)
    assert task["status"] == "requested" and task["focus"]["reference"] == f"ServiceRequest/{clinical['referral']['id']}"
    _, request = fhir(base, "GET", f"/ServiceRequest/{clinical['referral']['id']}", doctor)
    assert request["priority"] == "urgent" and request["status"] == "active"
    _, consent = fhir(base, "GET", f"/Consent/{clinical['consent']['id']}", doctor)
    assert consent["status"] == "active" and {c["code"] for c in consent["provision"]["purpose"]} == {"COC", "TREAT"}
    valid(task), valid(request), valid(consent)
    status, observations = fhir(base, "GET", f"/Observation?patient={pid}", doctor)
    observation = observations["entry"][0]["resource"]
    assert observation["status"] == "final" and observation["valueCodeableConcept"]["coding"][0]["code"] == "10828004"
    status, conditions = fhir(base, "GET", f"/Condition?patient={pid}", doctor)
    codes = sorted(c["code"]["coding"][0]["code"] for c in (e["resource"] for e in conditions["entry"]))
    assert codes == ["A15.0", "B18.1"], codes
    status, one = fhir(base, "GET", f"/Immunization/{clinical['records']['dose']['id']}", doctor)
    assert status == 200 and one["lotNumber"] == "HB-2201" and one["protocolApplied"][0]["doseNumberPositiveInt"] == 1
    valid(one)


def test_search_parameters_and_paging(clinical):
    base, doctor, pid = clinical["base"], clinical["doctor"], clinical["person"]["id"]
    today = datetime.date.today()
    _, all_conditions = fhir(base, "GET", f"/Condition?patient={pid}", doctor)
    assert all_conditions["total"] == 2
    _, recent = fhir(base, "GET", f"/Condition?patient={pid}&onset-date=ge{(today - datetime.timedelta(days=7)).isoformat()}", doctor)
    assert [e["resource"]["code"]["coding"][0]["code"] for e in recent["entry"]] == ["A15.0"]
    _, by_year = fhir(base, "GET", f"/Immunization?patient={pid}&date={today.year}", doctor)
    assert by_year["total"] == 1
    _, none = fhir(base, "GET", f"/Immunization?patient={pid}&date=lt2000", doctor)
    assert none["total"] == 0
    _, status_search = fhir(base, "GET", f"/Observation?patient={pid}&status=registered", doctor)
    assert status_search["total"] == 0
    _, page = fhir(base, "GET", f"/Condition?patient={pid}&_count=1", doctor)
    assert page["total"] == 2 and len(page["entry"]) == 1
    links = {l["relation"]: l["url"] for l in page["link"]}
    assert "next" in links and "_offset=1" in links["next"]
    next_url = links["next"].split("/fhir/r4", 1)[1]
    _, second = fhir(base, "GET", next_url, doctor)
    assert len(second["entry"]) == 1 and second["entry"][0]["resource"]["id"] != page["entry"][0]["resource"]["id"]
    assert "next" not in {l["relation"] for l in second["link"]}
    # An unknown parameter is ignored by default and an error when the client asks for strict handling.
    _, lenient = fhir(base, "GET", f"/Condition?patient={pid}&colour=red", doctor)
    assert lenient["total"] == 2 and "colour" not in lenient["link"][0]["url"]
    status, strict = fhir(base, "GET", f"/Condition?patient={pid}&colour=red", doctor, headers={"Prefer": "handling=strict"})
    assert status == 422 and strict["issue"][0]["expression"] == ["colour"]
    status, bad_date = fhir(base, "GET", f"/Condition?patient={pid}&onset-date=yesterday", doctor)
    assert status == 422 and bad_date["issue"][0]["expression"] == ["onset-date"]
    status, unbounded = fhir(base, "GET", "/Observation", doctor)
    assert status == 422 and unbounded["issue"][0]["expression"] == ["patient"]


def test_border_guard_gets_no_health_data_and_every_read_is_audited(clinical, server):
    base, pid = clinical["base"], clinical["person"]["id"]
    officer = token(base, "officer.browser", "password-officer.browser")
    for path in [f"/Observation?patient={pid}", f"/Condition?patient={pid}", f"/Immunization?patient={pid}",
                 f"/Observation/{clinical['records']['test']['id']}", f"/Patient/{pid}/$summary", f"/Provenance?patient={pid}"]:
        status, outcome = fhir(base, "GET", path, officer)
        assert status == 403, (path, outcome)
        assert outcome["resourceType"] == "OperationOutcome" and outcome["issue"][0]["code"] == "forbidden"
    # The refusals and the clinician's reads are in the audit log, as FHIR AuditEvents with the purpose of use.
    status, events = fhir(base, "GET", f"/AuditEvent?patient={pid}&_count=500", server["admin_token"])
    assert status == 200, events
    valid(events)
    outcomes = {(e["resource"]["agent"][0]["who"]["display"], e["resource"]["outcome"]) for e in events["entry"]}
    assert ("officer.browser", "4") in outcomes and ("dr.browser", "0") in outcomes
    purposes = {e["resource"]["purposeOfEvent"][0]["coding"][0]["code"] for e in events["entry"] if "purposeOfEvent" in e["resource"]}
    assert "TREAT" in purposes
    for entry in events["entry"][:5]:
        valid(entry["resource"])
    status, one = fhir(base, "GET", f"/AuditEvent/{events['entry'][0]['resource']['id']}", server["admin_token"])
    assert status == 200 and one["id"] == events["entry"][0]["resource"]["id"]
    status, _ = fhir(base, "GET", f"/AuditEvent?patient={pid}", clinical["doctor"])
    assert status == 403


def test_patient_summary_goes_out_and_comes_back_in(clinical, server):
    base, doctor, pid = clinical["base"], clinical["doctor"], clinical["person"]["id"]
    status, ips = fhir(base, "GET", f"/Patient/{pid}/$summary", doctor)
    assert status == 200, ips
    valid(ips)
    assert ips["type"] == "document"
    composition = ips["entry"][0]["resource"]
    assert composition["resourceType"] == "Composition" and composition["type"]["coding"][0]["code"] == "60591-5"
    sections = {s["code"]["coding"][0]["code"]: s for s in composition["section"]}
    assert {"11450-4", "48765-2", "10160-0", "11369-6", "30954-2"} <= set(sections)
    # The text is in the person's language (Uzbek first, so Uzbek).
    assert composition["language"] == "uz"
    assert "emptyReason" in sections["48765-2"]
    # Every reference inside the document resolves to one of its entries.
    urls = {e["fullUrl"] for e in ips["entry"]}
    root = ips["entry"][0]["fullUrl"].rsplit("/", 2)[0]
    def refs(value):
        if isinstance(value, dict):
            for k, v in value.items():
                if k == "reference":
                    yield v
                else:
                    yield from refs(v)
        elif isinstance(value, list):
            for v in value:
                yield from refs(v)
    for entry in ips["entry"]:
        for ref in refs(entry["resource"]):
            assert root + "/" + ref in urls, ref
        valid(entry["resource"])

    # Back in: the person code finds the same person, and what they already have is not added twice.
    before = fhir(base, "GET", f"/Immunization?patient={pid}", doctor)[1]["total"]
    status, answer = fhir(base, "POST", "/", doctor, body=ips)
    assert status == 200, answer
    valid(answer)
    assert answer["type"] == "transaction-response"
    assert answer["entry"][1]["response"]["location"] == f"Patient/{pid}"
    kept = [e["response"] for e in answer["entry"] if e["response"].get("outcome", {}).get("issue", [{}])[0].get("code") == "duplicate"]
    assert len(kept) == 4, answer  # the diagnosis, the case (as a condition), the result and the dose
    assert fhir(base, "GET", f"/Immunization?patient={pid}", doctor)[1]["total"] == before

    # As another clinic would send it: one more dose, with the clinic named as the author.
    other = copy.deepcopy(ips)
    dose = next(e["resource"] for e in other["entry"] if e["resource"]["resourceType"] == "Immunization")
    dose["vaccineCode"] = {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "03"}]}
    dose["occurrenceDateTime"] = "2019-05-02"
    other["entry"][0]["resource"]["author"] = [{"display": "Tashkent City Polyclinic 12"}]
    other["entry"][0]["resource"]["custodian"] = {"display": "Tashkent City Polyclinic 12"}
    status, answer = fhir(base, "POST", "/", doctor, body=other)
    assert status == 200, answer
    assert fhir(base, "GET", f"/Immunization?patient={pid}&date=2019", doctor)[1]["total"] == 1
    status, provenance = fhir(base, "GET", f"/Provenance?patient={pid}", doctor)
    assert provenance["total"] == 2
    valid(provenance)
    authors = [e["resource"]["agent"][0]["who"]["display"] for e in provenance["entry"]]
    assert "Tashkent City Polyclinic 12" in authors, authors
    created = next(e["response"]["location"] for e in answer["entry"] if e["response"]["status"] == "201 Created" and e["response"].get("location", "").startswith("Immunization/"))
    assert any({"reference": created} == t for e in provenance["entry"] for t in e["resource"]["target"])

    # From elsewhere, without our person code: a new person, likely match reported and left for review.
    foreign = copy.deepcopy(ips)
    patient = next(e["resource"] for e in foreign["entry"] if e["resource"]["resourceType"] == "Patient")
    patient["identifier"] = [{"system": "urn:oid:1.2.860.0.1", "value": "UZ-77-1234"}]
    status, answer = fhir(base, "POST", "/", doctor, body=foreign)
    assert status == 200, answer
    patient_response = next(e["response"] for e in answer["entry"] if e["response"].get("location", "").startswith("Patient/"))
    assert patient_response["status"] == "201 Created"
    assert patient_response["location"] != f"Patient/{pid}"
    duplicate = next(i for i in patient_response["outcome"]["issue"] if i["code"] == "duplicate")
    assert f"Patient/{pid}" in duplicate["diagnostics"] and "nothing was merged" in duplicate["diagnostics"], duplicate


def test_bad_bundles_import_nothing(clinical):
    base, doctor, pid = clinical["base"], clinical["doctor"], clinical["person"]["id"]
    _, ips = fhir(base, "GET", f"/Patient/{pid}/$summary", doctor)
    before = fhir(base, "GET", f"/Immunization?patient={pid}", doctor)[1]["total"]

    status, outcome = fhir(base, "POST", "/", doctor, body={"hello": "world"})
    assert status == 422 and outcome["issue"][0]["expression"] == ["resourceType"]
    status, outcome = fhir(base, "POST", "/", doctor, body={"resourceType": "Patient"})
    assert status == 422 and outcome["issue"][0]["expression"] == ["Bundle.resourceType"]

    unsupported = copy.deepcopy(ips)
    unsupported["entry"].append({"fullUrl": "urn:uuid:4f0c3e1e-3d55-4f4e-9c57-2d1f0b0b7a10", "resource": {"resourceType": "Claim", "id": "x"}})
    status, outcome = fhir(base, "POST", "/", doctor, body=unsupported)
    assert status == 422
    assert outcome["issue"][0]["expression"] == [f"Bundle.entry[{len(ips['entry'])}].resource.resourceType"]

    dangling = copy.deepcopy(ips)
    index, immunization = next((i, e["resource"]) for i, e in enumerate(dangling["entry"]) if e["resource"]["resourceType"] == "Immunization")
    immunization["performer"][0]["actor"]["reference"] = "Organization/00000000-0000-0000-0000-000000000000"
    status, outcome = fhir(base, "POST", "/", doctor, body=dangling)
    assert status == 422
    assert outcome["issue"][0]["expression"] == [f"Bundle.entry[{index}].resource.performer[0].actor.reference"], outcome

    unknown_system = copy.deepcopy(ips)
    index, immunization = next((i, e["resource"]) for i, e in enumerate(unknown_system["entry"]) if e["resource"]["resourceType"] == "Immunization")
    immunization["vaccineCode"]["coding"][0]["system"] = "http://example.org/vaccines"
    status, outcome = fhir(base, "POST", "/", doctor, body=unknown_system)
    assert status == 422
    assert outcome["issue"][0]["expression"] == [f"Bundle.entry[{index}].resource.vaccineCode.coding[0].system"], outcome
    valid(outcome)

    after = fhir(base, "GET", f"/Immunization?patient={pid}", doctor)[1]["total"]
    assert after == before
