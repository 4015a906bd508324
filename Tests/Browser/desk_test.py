"""The review desk in a real browser: Debian's chromium driven by Selenium.

Usage: python3 Tests/Browser/desk_test.py URL USER PASSWORD WORKSPACE SCREENSHOT_PATH

URL is where `claimledger serve` listens (the URL of its "serving ... at URL" line), USER and
PASSWORD a reviewer's account, WORKSPACE the folder it serves: it must hold a document whose
sentence contains `<script>alert(1)</script>` and a subject dated two ways (a conflict). The
test reads what it needs from the workspace's ledger and verdict log, as files, and:

1. logs in through the login form;
2. checks no alert appears anywhere on the queue, nor on the hostile document's claim page,
   where the sentence must show as text, and that every page forbids inline scripts (CSP);
3. reviews three claims with the keyboard on /queue (s, r, m: one key per claim, the first
   with a hostile note) and finds exactly those three verdicts in Claims/verdicts.jsonl;
4. posts the verdict form with its csrf input removed and sees a 403 and no new verdict;
5. opens the subject page of the conflict and finds both conflicting years as text of the
   `svg.timeline`;
6. saves a screenshot of the queue to SCREENSHOT_PATH.

Exit status 0 when every check holds; 1 with the failed check on stderr otherwise.
"""

import glob
import json
import os
import re
import sys
import urllib.parse

import browser
from browser import fail

NOTE = "checked in the browser <script>alert(3)</script> & <b>bold</b>"
WAIT = 20


def main():
    if len(sys.argv) != 6:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        sys.exit(64)
    url, user, password, workspace, screenshot = sys.argv[1:]
    base = url if url.endswith("/") else url + "/"
    ledger = Ledger(workspace)
    driver = browser.start()
    from selenium.common.exceptions import UnexpectedAlertPresentException

    try:
        desk = Desk(driver, base, ledger)
        desk.login(user, password)
        desk.hostile_content_is_inert()
        desk.review_three_with_the_keyboard(user)
        desk.form_without_csrf_is_refused()
        desk.timeline_shows_both_years()
        desk.screenshot_of_the_queue(screenshot)
    except UnexpectedAlertPresentException as error:
        # WebDriver reports an alert that opened during a command this way.
        fail(f"an alert ({error.alert_text!r}) appeared: content ran as script")
    finally:
        browser.stop(driver)
    print("desk test: every check passed")


class Ledger:
    """What the workspace's files say: claims by id, the hostile claim, the conflict, the
    verdict log."""

    def __init__(self, workspace):
        self.workspace = workspace
        self.claims = {}
        for path in glob.glob(os.path.join(workspace, "Claims", "ledger", "**", "*.json"), recursive=True):
            with open(path, encoding="utf-8") as file:
                record = json.load(file)
            for claim in record.get("claims", []):
                claim["document"] = record["document"]
                self.claims[claim["id"]] = claim
        if not self.claims:
            fail(f"no claims in {workspace}/Claims/ledger: run 'claimledger scan' first")
        hostile = [c for c in self.claims.values() if "<script>alert(1)</script>" in c["sentence"]]
        if not hostile:
            fail("the workspace has no claim whose sentence holds <script>alert(1)</script>")
        self.hostile = hostile[0]
        by_subject = {}
        for claim in self.claims.values():
            by_subject.setdefault(claim["subject"]["key"], []).append(claim)
        conflicts = [
            (key, claims)
            for key, claims in sorted(by_subject.items())
            if len({year(c["value"]["edtf"]) for c in claims}) > 1
        ]
        if not conflicts:
            fail("the workspace has no subject dated in two different years")
        self.subject, self.subject_claims = conflicts[0]
        self.years = sorted({year(c["value"]["edtf"]) for c in self.subject_claims})

    def verdicts(self):
        path = os.path.join(self.workspace, "Claims", "verdicts.jsonl")
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8") as file:
            return [json.loads(line) for line in file if line.strip()]


def year(edtf):
    """The year as written: `1674-02-19` → "1674", `-0489` → "490 BC"."""
    match = re.match(r"(-?)(\d{4,})", edtf)
    if not match:
        fail(f"cannot read the year of {edtf!r}")
    number = int(match.group(2))
    return f"{number + 1} BC" if match.group(1) else str(number)


class Desk:
    def __init__(self, driver, base, ledger):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver = driver
        self.base = base
        self.ledger = ledger
        self.By = By
        self.wait = WebDriverWait(driver, WAIT)

    # Pages

    def open(self, path):
        browser.responses(self.driver)
        self.driver.get(self.base + path.lstrip("/"))
        browser.no_alert(self.driver, "/" + path.lstrip("/"))
        self.check_policy(path)

    def check_policy(self, path):
        """Every page forbids inline scripts: content cannot run even if it got through."""
        seen = browser.responses(self.driver)
        if not seen:
            return
        _, status, headers = seen[-1]
        policy = headers.get("content-security-policy", "")
        directives = {d.strip().split(" ")[0]: d.strip() for d in policy.split(";") if d.strip()}
        script = directives.get("script-src", directives.get("default-src", ""))
        if "'self'" not in script or "'unsafe-inline'" in script:
            fail(f"/{path.lstrip('/')} (status {status}) lacks a CSP forbidding inline scripts: {policy!r}")

    def find(self, css):
        return self.driver.find_element(self.By.CSS_SELECTOR, css)

    def finds(self, css):
        return self.driver.find_elements(self.By.CSS_SELECTOR, css)

    def press(self, keys):
        """Keys as a reader types them, to the page rather than a field."""
        from selenium.webdriver.common.action_chains import ActionChains

        self.driver.execute_script("if (document.activeElement) document.activeElement.blur();")
        ActionChains(self.driver).send_keys(keys).perform()

    def after(self, element, what):
        """Waits until `element` has gone: the page was replaced."""
        from selenium.common.exceptions import TimeoutException
        from selenium.webdriver.support import expected_conditions

        try:
            self.wait.until(expected_conditions.staleness_of(element))
        except TimeoutException:
            fail(f"{what}: the page did not change within {WAIT} s")
        browser.no_alert(self.driver, self.driver.current_url)

    # Checks

    def login(self, user, password):
        self.open("login")
        form = self.find("form#login")
        form.find_element(self.By.CSS_SELECTOR, "input[name=username]").send_keys(user)
        form.find_element(self.By.CSS_SELECTOR, "input[name=password]").send_keys(password)
        if not form.find_elements(self.By.CSS_SELECTOR, "input[name=csrf]"):
            fail("the login form has no csrf input")
        button = form.find_element(self.By.CSS_SELECTOR, "button[type=submit]")
        button.click()
        self.after(button, "logging in")
        errors = self.finds("p.error")
        if errors or urllib.parse.urlparse(self.driver.current_url).path.rstrip("/") == "/login":
            fail(f"login as {user} failed: {errors[0].text if errors else self.driver.current_url}")
        print(f"ok: logged in as {user}")

    def hostile_content_is_inert(self):
        """Walks the whole queue (no alert on any item) and opens the hostile claim's page."""
        sentence = self.ledger.hostile["sentence"]
        seen_hostile = False
        targets = []
        for at in range(len(self.ledger.claims) + 3):
            self.open(f"queue?at={at}")
            items = self.finds("article#queue-item")
            if not items:
                continue
            target = items[0].get_attribute("data-target")
            targets.append(target)
            if target == self.ledger.hostile["id"]:
                shown = self.find("article#queue-item blockquote.sentence").text
                if sentence not in shown:
                    fail(f"the queue shows the hostile sentence as {shown!r}, not as text")
                seen_hostile = True
        if not seen_hostile:
            fail(f"the queue never showed the hostile claim {self.ledger.hostile['id']} (saw {targets})")
        self.open("claims/" + self.ledger.hostile["id"])
        if sentence not in self.find("body").text:
            fail("the hostile claim's page does not show its sentence as text")
        print(f"ok: no alert on {len(targets)} queue pages nor on the hostile claim's page")

    def review_three_with_the_keyboard(self, user):
        before = len(self.ledger.verdicts())
        reviewed = []
        for key, status in (("s", "supported"), ("r", "refuted"), ("m", "mixed")):
            self.open("queue")
            item = self.claim_item(status, {target for target, _ in reviewed})
            target = item.get_attribute("data-target")
            if not reviewed:
                note = self.find("form#verdict textarea[name=note]")
                note.send_keys(NOTE)
            self.press(key)
            self.after(item, f"pressing {key} on {target}")
            reviewed.append((target, status))
        recorded = self.ledger.verdicts()[before:]
        got = [(v.get("target"), v.get("status")) for v in recorded]
        if got != reviewed:
            fail(f"Claims/verdicts.jsonl got {got}, expected {reviewed}")
        if recorded[0].get("note") != NOTE:
            fail(f"the note was recorded as {recorded[0].get('note')!r}")
        if any(user not in v.get("reviewer", "") for v in recorded):
            fail(f"verdicts not recorded under {user}: {[v.get('reviewer') for v in recorded]}")
        # The hostile note is shown as text in the claim's history.
        self.open("claims/" + reviewed[0][0])
        if NOTE not in self.find("ol#history").text:
            fail("the claim's history does not show the note as text")
        print(f"ok: three verdicts by keyboard in Claims/verdicts.jsonl: {reviewed}")

    def claim_item(self, status, done):
        """The queue's current item if a claim not yet reviewed here, else the next (j)."""
        for _ in range(len(self.ledger.claims) + 3):
            item = self.find("article#queue-item")
            target = item.get_attribute("data-target")
            buttons = self.finds(f"form#verdict button[name=status][value={status}]")
            if buttons and target not in done and target in self.ledger.claims:
                return item
            self.press("j")
            self.after(item, f"pressing j on {target}")
        fail(f"the queue offers no claim to mark {status}")

    def form_without_csrf_is_refused(self):
        before = len(self.ledger.verdicts())
        self.open("queue")
        item = self.find("article#queue-item")
        browser.responses(self.driver)
        self.driver.execute_script(
            "const form = document.getElementById('verdict');"
            "form.querySelector('input[name=csrf]').remove();"
            "form.querySelector('button[name=status]').click();"
        )
        self.after(item, "posting the verdict form without its csrf input")
        posted = [(u, s) for u, s, _ in browser.responses(self.driver) if urllib.parse.urlparse(u).path == "/verdicts"]
        if not posted or posted[0][1] != 403:
            fail(f"a verdict form without csrf was answered {posted or 'with a redirect (accepted)'}, not 403")
        if len(self.ledger.verdicts()) != before:
            fail("a verdict form without csrf wrote to Claims/verdicts.jsonl")
        print("ok: the form without its csrf input was refused with 403; nothing written")

    def timeline_shows_both_years(self):
        key = self.ledger.subject
        # The desk's own link to the subject if a claim page has one, else the documented route.
        self.open("claims/" + self.ledger.subject_claims[0]["id"])
        links = [
            a.get_attribute("href")
            for a in self.finds("a[href*='/subjects/']")
        ]
        path = urllib.parse.urlparse(links[0]).path if links else "subjects/" + urllib.parse.quote(key, safe="")
        self.open(path)
        timelines = self.finds("svg.timeline")
        if not timelines:
            fail(f"{path} has no svg.timeline")
        svg = timelines[0]
        if svg.get_attribute("role") != "img":
            fail("the timeline is not role=img")
        texts = [t.get_attribute("textContent") for t in svg.find_elements(self.By.CSS_SELECTOR, "text")]
        for wanted in self.ledger.years:
            if not any(re.search(r"(?<!\d)" + re.escape(wanted) + r"(?!\d)", t or "") for t in texts):
                fail(f"the timeline of {key!r} has no text with {wanted}: {texts}")
        if not svg.find_elements(self.By.CSS_SELECTOR, ".conflict"):
            fail(f"the timeline of {key!r} draws nothing with class conflict")
        print(f"ok: the timeline of {key!r} shows {' and '.join(self.ledger.years)}")

    def screenshot_of_the_queue(self, path):
        self.open("queue")
        folder = os.path.dirname(os.path.abspath(path))
        os.makedirs(folder, exist_ok=True)
        if not self.driver.save_screenshot(path):
            fail(f"could not save the screenshot to {path}")
        print(f"ok: screenshot of the queue in {path}")


if __name__ == "__main__":
    main()
