"""Proves the browser-test tools work on this machine, with no ClaimLedger server: Selenium
drives headless chromium through /usr/bin/chromedriver against pages served on 127.0.0.1,
sees an alert() when one is raised and none when the same text is escaped, and types keys
into a page's script.

Usage: python3 Tests/Browser/smoke_test.py   (exit 0 when everything works)
"""

import http.server
import os
import shutil
import tempfile
import threading

import browser

PAGES = {
    "alert.html": "<!doctype html><title>a</title><script>alert('ran')</script><p>x</p>",
    "escaped.html": "<!doctype html><title>e</title><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    "keys.html": "<!doctype html><title>k</title><p id=out></p><script src=keys.js></script>",
    "keys.js": "addEventListener('keydown', e => { out.textContent += e.key; });",
}


def main():
    folder = tempfile.mkdtemp(prefix="claimledger-smoke-")
    for name, text in PAGES.items():
        with open(os.path.join(folder, name), "w") as file:
            file.write(text)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=folder, **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    driver = browser.start()
    try:
        from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException
        from selenium.webdriver.common.by import By

        try:
            driver.get(base + "alert.html")
        except UnexpectedAlertPresentException:
            pass
        try:
            alert = driver.switch_to.alert
        except NoAlertPresentException:
            browser.fail("alert.html raised an alert and Selenium did not see it")
        if alert.text != "ran":
            browser.fail(f"unexpected alert text {alert.text!r}")
        alert.accept()

        driver.get(base + "escaped.html")
        browser.no_alert(driver, "escaped.html")
        if "<script>alert(1)</script>" not in driver.find_element(By.TAG_NAME, "p").text:
            browser.fail("escaped.html does not show its text")

        driver.get(base + "keys.html")
        driver.find_element(By.TAG_NAME, "body").send_keys("srm")
        if driver.find_element(By.ID, "out").text != "srm":
            browser.fail("keys did not reach the page's script")
        # Statuses and headers come from the performance log.
        browser.responses(driver)
        driver.get(base + "missing.html")
        seen = browser.responses(driver)
        if [(url.rsplit("/", 1)[-1], status) for url, status, _ in seen] != [("missing.html", 404)]:
            browser.fail(f"the performance log did not show the 404: {seen}")
        print("smoke test: selenium and headless chromium work")
    finally:
        browser.stop(driver)
        server.shutdown()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
