"""Starts `carebridge serve` on a fresh SQLite file and a free loopback port, with staff of
several roles, and gives the tests a Chromium that records console messages."""
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ADMIN_PASSWORD = "browser-admin-password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base, method, path, body=None, token=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text else {})
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read().decode() or "{}")


@pytest.fixture(scope="session")
def server():
    directory = tempfile.mkdtemp(prefix="carebridge-browser-")
    port = free_port()
    env = dict(os.environ, DATABASE_URL=os.path.join(directory, "carebridge.sqlite"),
               CAREBRIDGE_ADMIN_PASSWORD=ADMIN_PASSWORD, LOG_LEVEL="warning")
    log = open(os.path.join(directory, "server.log"), "w")
    process = subprocess.Popen([os.environ.get("CAREBRIDGE_BIN", ".build/debug/carebridge"), "serve", "--port", str(port)],
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except Exception:
            if process.poll() is not None:
                raise RuntimeError("carebridge serve exited; see " + log.name)
            time.sleep(0.1)
    else:
        raise RuntimeError("carebridge serve did not start")
    _, token = api(base, "POST", "/api/v1/auth/token", {"username": "admin", "password": ADMIN_PASSWORD})
    admin = token["token"]
    _, orgs = api(base, "GET", "/api/v1/organizations?limit=200", token=admin)
    by_slug = {o["slug"]: o["id"] for o in orgs["items"]}
    staff = {
        "dr.browser": ("by-minsk-infectious-diseases-hospital", "clinician"),
        "officer.browser": ("by-state-border-committee", "migration-officer"),
        "analyst.browser": ("by-ministry-of-health", "analyst"),
    }
    for username, (slug, role) in staff.items():
        status, body = api(base, "POST", "/api/v1/users", {"username": username, "password": "password-" + username,
                                                           "organizationId": by_slug[slug], "role": role}, token=admin)
        assert status == 201, body
    # Some audit history to show: a person, a refused health read, an emergency access awaiting review.
    _, officer = api(base, "POST", "/api/v1/auth/token", {"username": "officer.browser", "password": "password-officer.browser"})
    _, person = api(base, "POST", "/api/v1/people", {"givenName": "Amina", "familyName": "Yusuf", "birthYear": 1994}, token=officer["token"])
    api(base, "GET", f"/api/v1/people/{person['id']}/screening", token=officer["token"])
    _, doctor = api(base, "POST", "/api/v1/auth/token", {"username": "dr.browser", "password": "password-dr.browser"})
    api(base, "GET", f"/api/v1/people/{person['id']}/screening", token=doctor["token"],
        headers={"X-Purpose-Of-Use": "ETREAT", "X-Access-Reason": "unconscious on arrival"})
    yield {"base": base, "admin_token": admin}
    process.terminate()
    process.wait(timeout=15)
    log.close()


@pytest.fixture()
def browser():
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=360,800",
                     "--lang=en-US"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    # A 360 px wide phone screen, the narrowest the pages are designed for.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    yield driver
    driver.quit()
