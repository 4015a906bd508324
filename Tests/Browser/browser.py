"""Debian's chromium driven by Selenium, for ClaimLedger's real-browser tests.

Selenium is handed /usr/bin/chromedriver and /usr/bin/chromium (installed by scripts/setup.sh
from chromium, chromium-driver and python3-selenium) and so never looks for or downloads a
driver or a browser of its own.
"""

import os
import shutil
import sys
import tempfile

DRIVER = "/usr/bin/chromedriver"
BROWSER = "/usr/bin/chromium"


def fail(message):
    """Ends the test with a message on stderr and exit status 1."""
    print("browser test: " + message, file=sys.stderr)
    sys.exit(1)


def start():
    """A headless chromium with a fresh profile; quit it with stop()."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as error:
        fail(f"Selenium is missing ({error}); run scripts/setup.sh (python3-selenium)")
    for path in (DRIVER, BROWSER):
        if not os.access(path, os.X_OK):
            fail(f"{path} is missing; run scripts/setup.sh (chromium, chromium-driver)")
    profile = tempfile.mkdtemp(prefix="claimledger-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    # The performance log carries each response's status and headers, which WebDriver
    # itself does not show: how a test sees a 403 or a Content-Security-Policy.
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    for argument in (
        "--headless=new",
        # Tests run as root in CI, where chromium's sandbox cannot start.
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--window-size=1280,900",
        "--user-data-dir=" + profile,
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.claimledger_profile = profile
    return driver


def stop(driver):
    try:
        driver.quit()
    finally:
        shutil.rmtree(driver.claimledger_profile, ignore_errors=True)


def no_alert(driver, where):
    """Fails when a JavaScript alert is open: hostile content ran."""
    from selenium.common.exceptions import NoAlertPresentException

    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.dismiss()
    except NoAlertPresentException:
        return
    fail(f"an alert ({text!r}) appeared on {where}: content ran as script")


def responses(driver):
    """The documents (pages) received since the last call: (url, status, headers), oldest
    first, headers with lower-case names."""
    import json

    found = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.responseReceived":
            continue
        params = message["params"]
        if params.get("type") != "Document":
            continue
        response = params["response"]
        headers = {name.lower(): value for name, value in response.get("headers", {}).items()}
        found.append((response["url"], response["status"], headers))
    return found
