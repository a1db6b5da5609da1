"""Walks every page reachable from each role's navigation in all nine languages, in a real
Chromium, and fails on accessibility violations (axe, serious or critical), console errors,
a page without exactly one h1, an untranslated catalog key, or a wrong text direction."""
import base64
import os
import re

from selenium.webdriver.support.ui import Select

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

LANGUAGES = ["en", "ru", "be", "uk", "uz", "tk", "zh", "ar", "fa-AF"]
RIGHT_TO_LEFT = {"ar", "fa-AF"}
SCREENSHOTS = os.environ.get("CAREBRIDGE_SCREENSHOTS", "/tmp/carebridge-screens")


def staleness_of(element):
    """Waits until a page the element belonged to has been replaced. Selenium's own condition only counts a
    StaleElementReferenceException; Chromium 156 can instead answer "Node with given id does not belong to the
    document" while the new page is being committed, which means the same thing."""
    def replaced(_):
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return True
    return replaced


def sign_in(browser, base, username, password):
    browser.get(base + "/login?lang=en")
    browser.find_element(By.ID, "f-username").send_keys(username)
    browser.find_element(By.ID, "f-password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    # The form posts, then the server redirects (303) to /app: wait for the navigation to finish.
    WebDriverWait(browser, 15).until(lambda b: b.current_url.endswith("/app"),
                                     message=f"sign-in as {username} did not reach /app")


def nav_links(browser):
    return [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "nav a")]


def check_page(browser, url, language, name, expected_status_in_console=()):
    separator = "&" if "?" in url else "?"
    browser.get_log("browser")  # drop what earlier pages logged
    browser.get(f"{url}{separator}lang={language}")
    problems = []
    html = browser.find_element(By.TAG_NAME, "html")
    if html.get_attribute("lang") != language:
        problems.append(f"lang is {html.get_attribute('lang')!r}")
    direction = html.get_attribute("dir")
    if direction != ("rtl" if language in RIGHT_TO_LEFT else "ltr"):
        problems.append(f"dir is {direction!r}")
    headings = browser.find_elements(By.TAG_NAME, "h1")
    if len(headings) != 1:
        problems.append(f"{len(headings)} h1 elements")
    text = browser.find_element(By.TAG_NAME, "body").text
    untranslated = re.findall(r"\[\[[a-z0-9.\-]+\]\]", text)
    if untranslated:
        problems.append(f"untranslated keys {sorted(set(untranslated))}")
    # Screenshot before axe runs: axe scrolls elements into view and would leave tables scrolled.
    os.makedirs(SCREENSHOTS, exist_ok=True)
    browser.save_screenshot(os.path.join(SCREENSHOTS, f"{name}-{language}.png"))
    axe = Axe(browser)
    axe.inject()
    results = axe.run()
    for violation in results["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"axe {violation['impact']} {violation['id']}: {violation['help']} at {targets}")
    for entry in browser.get_log("browser"):
        if entry["level"] != "SEVERE":
            continue
        if any(f"status of {status}" in entry["message"] for status in expected_status_in_console):
            continue  # the page itself answering 403/404 is what is being tested
        problems.append(f"console: {entry['message']}")
    return problems


def walk(browser, pages, expected=()):
    failures = []
    for name, url in pages:
        for language in LANGUAGES:
            for problem in check_page(browser, url, language, name, expected):
                failures.append(f"{name} [{language}]: {problem}")
    assert not failures, "\n".join(failures)


def page_name(url):
    path = url.split("://", 1)[-1].split("/", 1)[-1].split("?")[0].strip("/")
    return re.sub(r"[^a-z0-9]+", "-", path) or "root"


def test_public_pages(server, browser):
    base = server["base"]
    walk(browser, [("public-home", base + "/"), ("directory", base + "/services"), ("login", base + "/login")])


def test_navigator_on_a_phone_without_javascript(server, browser):
    """A migrant on a small phone answers the navigator's questions in Russian and reads the answer; the page has no
    script at all, so it works with JavaScript off, and nothing overflows the screen."""
    base = server["base"]
    browser.set_window_size(360, 740)
    try:
        browser.get(base + "/?lang=ru")
        assert "<script" not in browser.page_source
        Select(browser.find_element(By.NAME, "citizenship")).select_by_value("TJ")
        browser.find_element(By.ID, "status-temporary-stay").click()
        browser.find_element(By.ID, "insured-no").click()
        Select(browser.find_element(By.NAME, "need")).select_by_value("all")
        submit = browser.find_element(By.CSS_SELECTOR, "form.navigator button[type=submit]")
        submit.click()
        WebDriverWait(browser, 15).until(staleness_of(submit))
        answer = browser.find_element(By.ID, "answer").text
        assert "Экстренная медицинская помощь\nБесплатно" in answer, answer[:400]
        assert "status=temporary-stay" in browser.current_url
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 360, f"the page is {width}px wide on a 360px screen"
        answer_url = browser.current_url.split("&lang=")[0].replace("lang=ru&", "")
    finally:
        browser.set_window_size(1280, 900)
    walk(browser, [("navigator-answer", answer_url)])


def test_analyst_runs_a_simulation(server, browser):
    base = server["base"]
    sign_in(browser, base, "analyst.browser", "password-analyst.browser")
    browser.get(base + "/app/simulations?lang=en")
    browser.find_element(By.ID, "f-title").send_keys("Free TB treatment for all foreigners")
    Select(browser.find_element(By.NAME, "choice-socially-dangerous-diseases")).select_by_value("free")
    submit = browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]")
    submit.click()
    WebDriverWait(browser, 15).until(lambda b: re.search(r"/app/simulations/[0-9a-f-]{36}$", b.current_url))
    assert "Tuberculosis treatment" in browser.find_element(By.TAG_NAME, "main").text
    walk(browser, [("simulations", base + "/app/simulations"), ("simulation", browser.current_url), ("rulesets", base + "/app/rulesets")])


def test_error_page(server, browser):
    walk(browser, [("not-found", server["base"] + "/no-such-page")], expected=("404",))


def test_administrator_pages(server, browser):
    base = server["base"]
    sign_in(browser, base, "admin", "browser-admin-password")
    links = nav_links(browser)
    assert any(link.endswith("/app/admin/organizations") for link in links)
    assert any(link.endswith("/app/admin/audit") for link in links)
    pages = [(page_name(link), link) for link in links]
    # One record page of each list, reached from it.
    browser.get(base + "/app/admin/organizations")
    pages.append(("organization-edit", browser.find_element(By.CSS_SELECTOR, "table.data tbody a, table.data a").get_attribute("href")))
    browser.get(base + "/app/admin/users")
    pages.append(("account-edit", browser.find_element(By.CSS_SELECTOR, "table.data a").get_attribute("href")))
    walk(browser, pages)


def test_clinician_pages_and_refusal(server, browser):
    base = server["base"]
    sign_in(browser, base, "dr.browser", "password-dr.browser")
    links = nav_links(browser)
    assert [page_name(link) for link in links] == ["app", "app-people", "app-referrals", "app-cases", "app-alerts", "app-rulesets",
                                                   "app-plans", "app-notifications"]
    walk(browser, [("clinician-" + page_name(link), link) for link in links] + [("not-allowed", base + "/app/admin/audit")],
         expected=("403",))
    browser.get(base + "/app/admin/audit?lang=en")
    assert "Only administrators" in browser.find_element(By.TAG_NAME, "main").text


def test_migration_officer_sees_why_health_data_is_closed(server, browser):
    sign_in(browser, server["base"], "officer.browser", "password-officer.browser")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "never receive health data" in main
    walk(browser, [("officer-home", server["base"] + "/app")])


def test_language_choice_is_remembered_and_keyboard_reaches_the_form(server, browser):
    base = server["base"]
    browser.get(base + "/login?lang=ar")
    browser.get(base + "/login")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    # The first Tab stop is the skip link, which leads to the main content.
    browser.find_element(By.TAG_NAME, "body").send_keys("\ue004")
    assert browser.switch_to.active_element.get_attribute("class") == "skip"


def fill(browser, values):
    for name, value in values.items():
        element = browser.find_element(By.NAME, name)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        else:
            element.clear()
            element.send_keys(value)


def test_clinician_registers_finds_and_records_status(server, browser):
    base = server["base"]
    sign_in(browser, base, "dr.browser", "password-dr.browser")
    browser.get(base + "/app/people/new?lang=en")
    fill(browser, {"givenName": "Мухаммад", "familyName": "Рахимов", "birthDate": "1991-04-12", "citizenship": "TJ", "sex": "male"})
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    try:
        WebDriverWait(browser, 15).until(lambda b: re.search(r"/app/people/[0-9a-f-]{36}$", b.current_url))
    except Exception:
        raise AssertionError("registration did not open the record: " + browser.find_element(By.TAG_NAME, "main").text[:500])
    person_url = browser.current_url
    # The same man written in Latin at another desk: the page offers the record instead of registering twice.
    browser.get(base + "/app/people/new?lang=en")
    fill(browser, {"givenName": "Mukhammad", "familyName": "Rakhimov", "birthDate": "1991-04-12", "citizenship": "TJ", "sex": "male"})
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    # The old page's main may be read just as the answer replaces it: a stale element only means "not yet".
    WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda b: "Possible duplicates" in b.find_element(By.TAG_NAME, "main").text)
    # Found again by the Latin spelling.
    browser.get(base + "/app/people?q=Rakhimov+Muhammad&lang=en")
    assert person_url in [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "table.data a")]
    # A status episode, then an overlapping one, which is refused with a readable message.
    browser.get(person_url + "?lang=en")
    forms = browser.find_elements(By.CSS_SELECTOR, "form[action$='/statuses']")
    Select(forms[0].find_element(By.NAME, "status")).select_by_value("temporary-stay")
    browser.execute_script("arguments[0].value = '2024-01-10'", forms[0].find_element(By.NAME, "validFrom"))
    submit = forms[0].find_element(By.CSS_SELECTOR, "button[type=submit]")
    submit.click()
    # Each submit loads a new page (to the same address): wait until the old one is gone before reading.
    WebDriverWait(browser, 15).until(staleness_of(submit))
    assert "temporary stay" in browser.find_element(By.CSS_SELECTOR, "table.data").text
    forms = browser.find_elements(By.CSS_SELECTOR, "form[action$='/statuses']")
    browser.execute_script("arguments[0].value = '2024-03-01'", forms[0].find_element(By.NAME, "validFrom"))
    submit = forms[0].find_element(By.CSS_SELECTOR, "button[type=submit]")
    submit.click()
    WebDriverWait(browser, 15).until(staleness_of(submit))
    assert "overlaps" in browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
    walk(browser, [("people-search", base + "/app/people?q=Rakhimov"), ("person-register", base + "/app/people/new"),
                   ("person", person_url), ("person-edit", person_url + "/edit")])


def test_directory_search_on_a_phone(server, browser):
    """A refugee on a small phone looks, in Arabic, for a TB service whose staff speak Russian and that is free for
    them; the results page has no script, fits the screen, and every result says it is free for them."""
    base = server["base"]
    browser.set_window_size(360, 740)
    try:
        browser.get(base + "/services?lang=ar")
        assert "<script" not in browser.page_source
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
        Select(browser.find_element(By.NAME, "category")).select_by_value("tb-dispensary")
        Select(browser.find_element(By.NAME, "speaks")).select_by_value("ru")
        Select(browser.find_element(By.NAME, "status")).select_by_value("refugee")
        browser.find_element(By.ID, "f-free").click()
        submit = browser.find_element(By.CSS_SELECTOR, "form.navigator button[type=submit]")
        submit.click()
        WebDriverWait(browser, 15).until(staleness_of(submit))
        cards = browser.find_elements(By.CSS_SELECTOR, "#results article.service")
        assert len(cards) >= 3, browser.find_element(By.TAG_NAME, "main").text[:400]
        assert all("outcome-free" in card.get_attribute("class") for card in cards)
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 360, f"the page is {width}px wide on a 360px screen"
        results_url = browser.current_url.replace("lang=ar&", "")
    finally:
        browser.set_window_size(1280, 900)
    walk(browser, [("directory-results", results_url)])


def test_caseworker_refers_and_the_hospital_accepts_and_books(server, browser):
    """A Red Cross caseworker refers a person, from the person's page, to the infectious-diseases hospital; a doctor
    there finds it in the inbox, accepts it and books an appointment; the pages of the loop pass the language walk."""
    from conftest import api
    base, admin = server["base"], server["admin_token"]
    _, orgs = api(base, "GET", "/api/v1/organizations?limit=200", token=admin)
    by_slug = {o["slug"]: o["id"] for o in orgs["items"]}
    hospital = by_slug["by-minsk-infectious-diseases-hospital"]
    status, body = api(base, "POST", "/api/v1/users", {"username": "caseworker.browser", "password": "password-caseworker.browser",
                                                       "organizationId": by_slug["by-red-cross"], "role": "caseworker"}, token=admin)
    assert status == 201, body
    _, token = api(base, "POST", "/api/v1/auth/token", {"username": "caseworker.browser", "password": "password-caseworker.browser"})
    worker = token["token"]
    _, found = api(base, "GET", "/api/v1/services?q=hepatitis&limit=50", token=worker)
    service = next(hit["service"]["id"] for hit in found["items"] if hit["organization"] == "by-minsk-infectious-diseases-hospital"
                   and "outpatient" in hit["service"]["names"]["en"])
    status, person = api(base, "POST", "/api/v1/people", {"givenName": "Rustam", "familyName": "Nazarov", "birthYear": 1990, "citizenship": "TJ",
                                                          "languages": ["tg", "ru"], "registerDespiteMatches": True}, token=worker)
    assert status == 201, person
    status, consent = api(base, "POST", f"/api/v1/people/{person['id']}/consents", {
        "organizationId": hospital, "purposes": ["COC", "TREAT"], "categories": ["identity", "referral-metadata", "health"],
        "explainedInLanguage": "ru"}, token=worker)
    assert status == 201, consent

    sign_in(browser, base, "caseworker.browser", "password-caseworker.browser")
    browser.get(base + f"/app/people/{person['id']}?lang=en")
    browser.find_element(By.CSS_SELECTOR, f"a[href$='/app/people/{person['id']}/refer']").click()
    fill(browser, {"q": "hepatitis outpatient"})
    submit = browser.find_element(By.CSS_SELECTOR, "form.refer-search button[type=submit]")
    submit.click()
    WebDriverWait(browser, 15).until(staleness_of(submit))
    browser.find_element(By.CSS_SELECTOR, f"a[href*='service={service}']").click()
    WebDriverWait(browser, 15).until(lambda b: b.find_elements(By.NAME, "reason"))
    assert browser.find_element(By.NAME, "languages").get_attribute("value") == "tg, ru"
    fill(browser, {"reason": "Positive hepatitis C rapid test; needs confirmation and treatment", "urgency": "urgent",
                   "basis": f"consent:{consent['id']}"})
    browser.find_element(By.CSS_SELECTOR, "form.refer-send button[type=submit]").click()
    try:
        WebDriverWait(browser, 15).until(lambda b: re.search(r"/app/referrals/[0-9a-f-]{36}$", b.current_url))
    except Exception:
        raise AssertionError("sending did not open the referral: " + browser.find_element(By.TAG_NAME, "main").text[:500])
    referral_url = browser.current_url
    refer_url = base + f"/app/people/{person['id']}/refer?service={service}"

    browser.delete_all_cookies()
    sign_in(browser, base, "dr.browser", "password-dr.browser")
    browser.get(base + "/app/referrals?box=inbox&lang=en")
    assert "Nazarov Rustam" in browser.find_element(By.CSS_SELECTOR, "table.data").text
    browser.find_element(By.CSS_SELECTOR, f"table.data a[href$='{referral_url.split('/')[-1]}']").click()
    accept = browser.find_element(By.CSS_SELECTOR, "form.step-accept button[type=submit]")
    accept.click()
    WebDriverWait(browser, 15).until(staleness_of(accept))
    assert "accepted" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    book = browser.find_element(By.CSS_SELECTOR, "form.step-book")
    browser.execute_script("arguments[0].value = '2026-12-03T10:30'", book.find_element(By.NAME, "appointment"))
    submit = book.find_element(By.CSS_SELECTOR, "button[type=submit]")
    submit.click()
    WebDriverWait(browser, 15).until(staleness_of(submit))
    facts = browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert "booked" in facts and "2026" in facts, facts
    assert [row.text.split("\n")[0] for row in browser.find_elements(By.CSS_SELECTOR, "form.step button")] == ["Book appointment", "Mark as attended", "Did not attend"]
    walk(browser, [("referrals-inbox", base + "/app/referrals?box=inbox"), ("referral", referral_url)])
    browser.delete_all_cookies()
    sign_in(browser, base, "caseworker.browser", "password-caseworker.browser")
    walk(browser, [("refer", refer_url), ("referrals-outbox", base + "/app/referrals?box=outbox")])


def test_hsds_api_documents_are_valid(server):
    """What the public HSDS API serves validates against the HSDS 3.0 compiled schemas, checked here by the
    reference Python implementation of JSON Schema (independently of the server's own check)."""
    import json
    import pathlib
    import urllib.request
    from jsonschema import Draft202012Validator, FormatChecker

    schemas = pathlib.Path(__file__).resolve().parents[2] / "Sources/CareBridgeServer/Resources/hsds"

    def get(path):
        with urllib.request.urlopen(server["base"] + path) as reply:
            return json.load(reply)

    def check(document, name):
        validator = Draft202012Validator(json.loads((schemas / f"{name}.json").read_text()), format_checker=FormatChecker())
        errors = [f"{e.json_path}: {e.message[:160]}" for e in validator.iter_errors(document)]
        assert not errors, "\n".join(errors[:10])

    listing = get("/hsds/services?per_page=500")
    assert listing["total_items"] >= 40 and listing["size"] == listing["total_items"]
    for service in listing["contents"][:60]:
        check(service, "service")
    full = get("/hsds/services/" + listing["contents"][0]["id"] + "?lang=ru")
    check(full, "service")
    check(get("/hsds/organizations/" + full["organization_id"]), "organization")
    check(get("/hsds/service_at_locations/" + full["service_at_locations"][0]["id"]), "service_at_location")


def test_hospital_administrator_adds_a_webhook_and_reads_its_log(server, browser):
    """The infectious-diseases hospital's administrator adds an address in the page and sees its secret once; a
    referral then queues a signed message to it, listed in the delivery log; the webhook and notification pages pass
    the language walk."""
    from conftest import api
    base, admin = server["base"], server["admin_token"]
    _, orgs = api(base, "GET", "/api/v1/organizations?limit=200", token=admin)
    by_slug = {o["slug"]: o["id"] for o in orgs["items"]}
    hospital = by_slug["by-minsk-infectious-diseases-hospital"]
    for username, organization, role in [("hospital.admin", hospital, "admin"), ("worker.webhooks", by_slug["by-red-cross"], "caseworker")]:
        status, body = api(base, "POST", "/api/v1/users", {"username": username, "password": f"password-{username}",
                                                           "organizationId": organization, "role": role}, token=admin)
        assert status == 201, body

    sign_in(browser, base, "hospital.admin", "password-hospital.admin")
    browser.get(base + "/app/webhooks?lang=en")
    fill(browser, {"url": "ftp://example.org/hook"})
    submit = browser.find_element(By.CSS_SELECTOR, "main form.card button[type=submit]")
    submit.click()
    # The form posts and the answer is a new page: wait for it before reading it.
    WebDriverWait(browser, 15).until(staleness_of(submit))
    assert "Only http and https" in browser.find_element(By.CSS_SELECTOR, ".notice-error").text
    fill(browser, {"url": "https://example.org/carebridge-hook", "description": "Hospital information system"})
    submit = browser.find_element(By.CSS_SELECTOR, "main form.card button[type=submit]")
    submit.click()
    WebDriverWait(browser, 15).until(staleness_of(submit))
    secret = browser.find_element(By.CSS_SELECTOR, "code.secret").text
    assert len(secret) == 43
    browser.get(base + "/app/webhooks?lang=en")
    assert "example.org/carebridge-hook" in browser.find_element(By.CSS_SELECTOR, "table.data").text
    assert secret not in browser.page_source
    target_url = browser.find_element(By.CSS_SELECTOR, "table.data a[href*='/app/webhooks/']").get_attribute("href")

    _, token = api(base, "POST", "/api/v1/auth/token", {"username": "worker.webhooks", "password": "password-worker.webhooks"})
    worker = token["token"]
    _, found = api(base, "GET", "/api/v1/services?q=hepatitis&limit=50", token=worker)
    service = next(hit["service"]["id"] for hit in found["items"] if hit["organization"] == "by-minsk-infectious-diseases-hospital")
    status, person = api(base, "POST", "/api/v1/people", {"givenName": "Farrukh", "familyName": "Aliev", "birthYear": 1988, "citizenship": "UZ",
                                                          "registerDespiteMatches": True}, token=worker)
    assert status == 201, person
    status, consent = api(base, "POST", f"/api/v1/people/{person['id']}/consents", {
        "organizationId": hospital, "purposes": ["COC", "TREAT"], "categories": ["identity", "referral-metadata"], "explainedInLanguage": "uz"}, token=worker)
    assert status == 201, consent
    status, referral = api(base, "POST", "/api/v1/referrals", {"personId": person["id"], "serviceId": service, "reason": "Hepatitis B follow-up",
                                                               "consentBasis": {"type": "consent", "consentID": consent["id"]}}, token=worker)
    assert status == 201, referral

    browser.get(target_url + "?lang=en")
    log = browser.find_element(By.CSS_SELECTOR, "table.data").text
    assert "Referral sent" in log and referral["id"][:8] in log
    browser.get(base + "/app/notifications?lang=en")
    assert "Referral sent" in browser.find_element(By.CSS_SELECTOR, "table.data").text
    walk(browser, [("webhooks", base + "/app/webhooks"), ("webhook-deliveries", target_url), ("notifications", base + "/app/notifications")])



def submit_form(browser, form):
    """Submits a form and waits for the page that answers it."""
    submit = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
    submit.click()
    WebDriverWait(browser, 15).until(staleness_of(submit))


def open_health_form(browser, name):
    """Opens a health form's disclosure on the person page and returns the form."""
    browser.find_element(By.CSS_SELECTOR, f"#health-form-{name} > summary").click()
    return browser.find_element(By.CSS_SELECTOR, f"form.health-{name}")


def test_clinician_orders_a_test_records_a_positive_result_and_notifies_a_case(server, browser):
    """A doctor at the infectious-diseases hospital opens a newly arrived patient's page, reads why TB screening is
    offered, orders an IGRA, records it positive and notifies a confirmed TB case, all through the page's forms; then adds
    a household contact on the case page and sees the transmission chain. The public-health service finds the case by
    law. The person, case, cases, alerts and cascade pages pass the language walk."""
    from conftest import api
    import datetime
    base, admin = server["base"], server["admin_token"]
    _, token = api(base, "POST", "/api/v1/auth/token", {"username": "dr.browser", "password": "password-dr.browser"})
    today = datetime.date.today()
    months = today.year * 12 + today.month - 1 - 3
    status, person = api(base, "POST", "/api/v1/people", {
        "givenName": "Habib", "familyName": "Noori", "birthYear": 1990, "sex": "male", "citizenship": "AF", "countryOfBirth": "AF",
        "arrival": f"{months // 12:04d}-{months % 12 + 1:02d}", "region": "BY-HM", "registerDespiteMatches": True}, token=token["token"])
    assert status == 201, person

    sign_in(browser, base, "dr.browser", "password-dr.browser")
    person_url = base + f"/app/people/{person['id']}"
    browser.get(person_url + "?lang=en")
    screening = browser.find_element(By.CSS_SELECTOR, "table.screening").text
    assert "TB incidence is" in screening and "arrived 3 months ago" in screening, screening[:400]

    form = open_health_form(browser, "test")
    Select(form.find_element(By.NAME, "code")).select_by_value("71773-6")
    submit_form(browser, form)
    assert "71773-6" in browser.find_element(By.CSS_SELECTOR, "table.records").text

    form = open_health_form(browser, "result")
    Select(form.find_element(By.NAME, "interpretation")).select_by_value("positive")
    submit_form(browser, form)
    records = browser.find_element(By.CSS_SELECTOR, "table.records").text
    assert "positive on" in records, records

    form = open_health_form(browser, "case")
    Select(form.find_element(By.NAME, "disease")).select_by_value("tuberculosis")
    Select(form.find_element(By.NAME, "classification")).select_by_value("confirmed")
    Select(form.find_element(By.NAME, "region")).select_by_value("BY-HM")
    submit_form(browser, form)
    cascade = browser.find_element(By.CSS_SELECTOR, "table.cascade").text
    assert "tuberculosis" in cascade and today.isoformat() in cascade, cascade

    browser.find_element(By.CSS_SELECTOR, "table.records a[href*='/app/cases/']").click()
    WebDriverWait(browser, 15).until(lambda b: re.search(r"/app/cases/[0-9a-f-]{36}$", b.current_url))
    case_url = browser.current_url
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Case of tuberculosis: Noori Habib")

    form = browser.find_element(By.CSS_SELECTOR, "form.add-contact")
    fill(form, {"givenName": "Maryam", "familyName": "Noori", "birthYear": "2016"})
    form.find_element(By.ID, "f-ct-registerDespiteMatches").click()
    submit_form(browser, form)
    chain = browser.find_element(By.CSS_SELECTOR, "svg.chain")
    assert "Noori Maryam" in chain.text and "household" in chain.text, chain.text
    assert "household" in browser.find_element(By.CSS_SELECTOR, "table.chain-edges").text

    walk(browser, [("person-health", person_url), ("case", case_url), ("cases", base + "/app/cases"), ("alerts", base + "/app/alerts")])

    _, orgs = api(base, "GET", "/api/v1/organizations?limit=200", token=admin)
    by_slug = {o["slug"]: o["id"] for o in orgs["items"]}
    status, body = api(base, "POST", "/api/v1/users", {"username": "epi.browser", "password": "password-epi.browser",
                                                       "organizationId": by_slug["by-republican-center-hygiene-epidemiology"],
                                                       "role": "public-health-officer"}, token=admin)
    assert status == 201, body
    browser.delete_all_cookies()
    sign_in(browser, base, "epi.browser", "password-epi.browser")
    assert [page_name(link) for link in nav_links(browser)][:5] == ["app", "app-people", "app-referrals", "app-cases", "app-alerts"]
    browser.get(base + "/app/cases?lang=en")
    assert case_url.split("/")[-1] in [a.get_attribute("href").split("/")[-1] for a in browser.find_elements(By.CSS_SELECTOR, "table.cases a")]
    walk(browser, [("cases-public-health", base + "/app/cases"), ("case-public-health", case_url), ("cascade-public-health", base + "/app/cascade")])


def test_analyst_reads_the_care_cascade(server, browser):
    """An analyst finds the population's care cascade in the navigation: a funnel per disease with its table, counts
    under five hidden."""
    base = server["base"]
    sign_in(browser, base, "analyst.browser", "password-analyst.browser")
    assert any(link.endswith("/app/cascade") for link in nav_links(browser))
    browser.get(base + "/app/cascade?lang=en")
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.funnel")) == 4
    assert "Stage" in browser.find_element(By.CSS_SELECTOR, "table.cascade-table").text
    walk(browser, [("cascade", base + "/app/cascade")])


def test_clinician_prints_a_patient_summary(server, browser):
    """The International Patient Summary page: the person's language (Russian here) beside English, accessible in
    every interface language, with the FHIR document to download."""
    from conftest import api
    base = server["base"]
    _, token = api(base, "POST", "/api/v1/auth/token", {"username": "dr.browser", "password": "password-dr.browser"})
    status, person = api(base, "POST", "/api/v1/people", {"givenName": "Aziz", "familyName": "Rakhimov", "birthYear": 1985, "languages": ["ru"],
                                                           "registerDespiteMatches": True}, token=token["token"])
    assert status == 201, person
    status, body = api(base, "POST", f"/api/v1/people/{person['id']}/health-records", {"kind": "immunization", "code": "03"}, token=token["token"])
    assert status == 201, body
    sign_in(browser, base, "dr.browser", "password-dr.browser")
    url = base + f"/app/people/{person['id']}/summary"
    browser.get(url + "?lang=en")
    article = browser.find_element(By.CSS_SELECTOR, "article.patient-summary").text
    assert "Прививки / Vaccinations" in article and "measles, mumps and rubella" in article, article
    download = browser.find_element(By.CSS_SELECTOR, "a[href$='/summary.json']").get_attribute("href")
    assert download.endswith(f"/app/people/{person['id']}/summary.json")
    walk(browser, [("patient-summary", url)])


def set_value(browser, name, value):
    """Date inputs take typed digits in the browser's own order; the test sets the ISO value directly instead."""
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.NAME, name), value)


def test_measures_plan_proposal_deliberation_and_document(server, browser):
    base = server["base"]
    sign_in(browser, base, "admin", "browser-admin-password")
    assert any(link.endswith("/app/plans") for link in nav_links(browser))
    browser.get(base + "/app/plans?lang=en")
    browser.find_element(By.ID, "f-plan-title").send_keys("Belarus 2027-2029")
    set_value(browser, "start", "2027-01-01")
    set_value(browser, "end", "2029-12-31")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda b: re.search(r"/app/plans/[0-9a-f-]{36}$", b.current_url))
    plan_url = browser.current_url

    browser.find_element(By.LINK_TEXT, "Propose a measure").click()
    WebDriverWait(browser, 15).until(lambda b: b.current_url.endswith("/measures/new"))
    fill(browser, {"title": "Free TB treatment for temporary residents", "text": "Extend free TB treatment to temporary residents."})
    Select(browser.find_element(By.NAME, "responsible")).select_by_index(1)
    fill(browser, {"indicator-0": "tb-treatment-success", "baseline-0": "60", "target-0": "85"})
    # Without a date the target is refused with a readable message, and the form keeps what was typed.
    browser.find_element(By.CSS_SELECTOR, "form.measure-form button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".notice-error"))
    assert "has no date" in browser.find_element(By.CSS_SELECTOR, ".notice-error").text
    assert browser.find_element(By.NAME, "title").get_attribute("value") == "Free TB treatment for temporary residents"
    Select(browser.find_element(By.NAME, "responsible")).select_by_index(1)
    set_value(browser, "targetDate-0", "2029-12-31")
    browser.find_element(By.CSS_SELECTOR, "form.measure-form button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda b: re.search(r"/app/measures/[0-9a-f-]{36}$", b.current_url))
    measure_url = browser.current_url
    main = browser.find_element(By.TAG_NAME, "main")
    assert "Free TB treatment for temporary residents" in main.text
    assert browser.find_elements(By.CSS_SELECTOR, "svg.target-chart"), "the indicator is plotted against baseline and target"

    # An amendment, shown as a word diff; a position with its reason.
    browser.find_element(By.CSS_SELECTOR, "details.amend-form summary").click()
    text = browser.find_element(By.ID, "f-amend-text")
    text.clear()
    text.send_keys("Extend free TB and HIV treatment to temporary residents.")
    browser.find_element(By.CSS_SELECTOR, "details.amend-form button[value=amend]").click()
    WebDriverWait(browser, 15).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".diff ins"))
    assert "and HIV" in browser.find_element(By.CSS_SELECTOR, ".diff ins").text
    Select(browser.find_element(By.NAME, "stance")).select_by_value("supports-with-changes")
    browser.find_element(By.ID, "f-position-reason").send_keys("Add a budget line")
    browser.find_element(By.CSS_SELECTOR, "form.position-form button[type=submit]").click()
    WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda b: "Add a budget line" in b.find_element(By.CSS_SELECTOR, "table.positions-table").text)

    # A round table on the plan page.
    browser.get(plan_url + "?lang=en")
    browser.find_element(By.CSS_SELECTOR, "details.meeting-form summary").click()
    browser.find_element(By.ID, "f-meeting-title").send_keys("March round table")
    set_value(browser, "date", "2027-03-15")
    browser.find_element(By.CSS_SELECTOR, "details.meeting-form fieldset input[type=checkbox]").click()
    browser.find_element(By.CSS_SELECTOR, "details.meeting-form button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda b: re.search(r"/app/meetings/[0-9a-f-]{36}$", b.current_url))
    meeting_url = browser.current_url

    # The printable document prints to PDF in the browser, the navigation and forms left out.
    browser.get(plan_url + "/document?lang=en")
    from selenium.webdriver.common.print_page_options import PrintOptions
    pdf = base64.b64decode(browser.print_page(PrintOptions()))
    assert pdf.startswith(b"%PDF"), pdf[:20]
    hidden = browser.execute_script("""
        const rules = [...document.styleSheets].flatMap(s => [...s.cssRules]).filter(r => r.media && r.media.mediaText === "print");
        return rules.map(r => r.cssText).join(" ");""")
    assert ".plan-document form" in hidden and ".site-header" in hidden

    walk(browser, [("plans", base + "/app/plans"), ("plan", plan_url), ("measure", measure_url), ("meeting", meeting_url),
                   ("plan-document", plan_url + "/document"), ("plan-changelog", plan_url + "/changelog"),
                   ("measure-new", plan_url + "/measures/new")])
