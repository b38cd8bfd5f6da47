#!/usr/bin/python3
"""Drives the ipmict HTML report in headless Chromium (Debian's chromium + chromium-driver,
python3-selenium) and checks what a person would see. Run by html_browser_test.cpp, which
writes the report and the expectations it computed from the results model:

  html_browser_check.py EXPECT.json

EXPECT.json: {"parse": [path, ...], "pages": [{"html": path, "rows": N, "outcome_rows": {"FAIL": n, ...},
  "target_rows": [n0, n1], "searches": [[query, n], ...], "expand": [case_id, text],
  "problem_case": case_id, "hostile": [case_id, title_text, response_text] | null,
  "screenshot": path | null, "max_load_s": s}]}

Each "parse" file must parse as HTML5 without a parse error (html5lib, python3-html5lib).
Checks per page: the script ran (no console error, no CSP violation), the page made no
request but its own file, the outcome, target and text filters show the expected rows and
say so in the counter, expanding a case shows its decoded transcript, markup in BMC
strings stays text, and under print media the filters are hidden and failed cases are
expanded. A canary copy of the first page with an external image and an extra inline
script proves those detectors work: both must be blocked and reported.

Exit 0: every check passed; 1: a check failed (each failure is one line on stdout);
2: the browser could not be driven.
"""
import base64
import json
import os
import sys
import tempfile
import time

import html5lib
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

# Installed before any page script: records CSP violations (which the page itself cannot
# hide) and the page's own errors.
RECORDER = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL: " + message, flush=True)
    return ok


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=1400,1000"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(10)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
    driver.execute_cdp_cmd("Network.enable", {})
    return driver


def load(driver, path, max_load_s):
    url = "file://" + os.path.abspath(path)
    driver.get_log("performance")  # drop what came before
    driver.get_log("browser")
    start = time.monotonic()
    driver.get(url)
    deadline = start + max_load_s
    while driver.execute_script("return document.body && document.body.dataset.ready") != "1":
        if time.monotonic() > deadline:
            check(False, f"{path}: the page script did not finish within {max_load_s} s (blocked by the CSP, or an error)")
            return url
        time.sleep(0.05)
    elapsed = time.monotonic() - start
    print(f"{os.path.basename(path)}: loaded in {elapsed:.2f} s ({os.path.getsize(path)} bytes)", flush=True)
    return url


def requests_made(driver, url):
    """Every URL the page asked for, from the DevTools network log, except the page itself."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            requested = message["params"]["request"]["url"]
            if requested != url:
                urls.append(requested)
    return urls


def console_errors(driver):
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def visible_rows(driver):
    return driver.execute_script("return document.querySelectorAll('details.case:not([hidden])').length")


def counter(driver):
    return driver.find_element(By.ID, "counter").text


def shown_and_counter(driver):
    """The rows shown and what the counter says, in one round trip."""
    return driver.execute_script(
        "return [document.querySelectorAll('details.case:not([hidden])').length,"
        " document.getElementById('counter').textContent]")


def select_only(driver, boxes, value, by_click):
    """Leaves only the checkbox with this value checked: by clicking each other box, as a
    person would, or (on a large page, where each click re-filters 600 rows and costs a
    round trip) by setting them all and sending one change event, as the last click would."""
    if by_click:
        for box in boxes:
            if box.get_attribute("value") != value:
                box.click()
        return
    driver.execute_script(
        "const boxes = arguments[0];"
        "for (const b of boxes) b.checked = b.value === arguments[1];"
        "boxes[0].dispatchEvent(new Event('change', {bubbles: true}));", boxes, value)


def reset(driver):
    driver.find_element(By.ID, "reset").click()


def really_visible(driver, element):
    """Rendered and not inside a closed <details> (Selenium's is_displayed does not look at
    content-visibility, which is how Chromium hides a closed details' content)."""
    return driver.execute_script(
        "return arguments[0].checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})"
        " && arguments[0].getBoundingClientRect().height > 0", element)


def click_summary(driver, row):
    """Clicks a case row's summary the way a person would: scrolled to the middle of the
    window first, clear of the sticky filter bar."""
    summary = row.find_element(By.TAG_NAME, "summary")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    summary.click()


def find_case(driver, case_id):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('details.case'))"
        ".find(d => d.querySelector('.cid').textContent === arguments[0]) || null", case_id)


def check_page(driver, page):
    html = page["html"]
    name = os.path.basename(html)
    url = load(driver, html, page.get("max_load_s", 10))
    rows = page["rows"]
    check(visible_rows(driver) == rows, f"{name}: {visible_rows(driver)} rows shown at start, expected {rows}")
    check(counter(driver) == f"{rows} of {rows} cases shown", f"{name}: counter says {counter(driver)!r} at start")

    # Outcome filter: one outcome at a time, by clicking the checkboxes as a person would.
    boxes = driver.find_elements(By.CSS_SELECTOR, "input[name=outcome]")
    check(len(boxes) == 7, f"{name}: {len(boxes)} outcome checkboxes, expected 7")
    for only, expected in page["outcome_rows"].items():
        reset(driver)
        select_only(driver, boxes, only, page.get("click_filters", True))
        shown, said = shown_and_counter(driver)
        check(shown == expected, f"{name}: only {only} checked shows {shown} rows, expected {expected}")
        check(said == f"{expected} of {rows} cases shown", f"{name}: only {only} checked, counter says {said!r}")
    reset(driver)

    # Target filter: one target at a time; the other targets' columns are hidden.
    targets = driver.find_elements(By.CSS_SELECTOR, "input[name=target]")
    if len(page["target_rows"]) > 1:
        check(len(targets) == len(page["target_rows"]), f"{name}: {len(targets)} target checkboxes")
        for t, expected in enumerate(page["target_rows"]):
            reset(driver)
            select_only(driver, targets, str(t), page.get("click_filters", True))
            shown = visible_rows(driver)
            check(shown == expected, f"{name}: only target {t} checked shows {shown} rows, expected {expected}")
            hidden_other = driver.execute_script(
                "return Array.from(document.querySelectorAll('.case-head .t'))"
                ".filter(e => e.offsetParent === null).map(e => e.dataset.t)")
            others = [str(i) for i in range(len(page["target_rows"])) if i != t]
            check(sorted(hidden_other) == others, f"{name}: only target {t} checked hides the columns {hidden_other}")
        reset(driver)

    # Text search, typed.
    search = driver.find_element(By.ID, "q")
    for query, expected in page["searches"]:
        search.clear()
        search.send_keys(query)
        shown, said = shown_and_counter(driver)
        check(shown == expected, f"{name}: search {query!r} shows {shown} rows, expected {expected}")
        check(said == f"{expected} of {rows} cases shown", f"{name}: search {query!r}, counter says {said!r}")
    search.clear()
    reset(driver)
    none_text = driver.find_element(By.ID, "no-match")
    search.send_keys("no case has this text 9f8e7d")
    check(visible_rows(driver) == 0 and really_visible(driver, none_text), f"{name}: a search matching nothing does not say so")
    search.clear()
    reset(driver)

    # Expanding a case shows its transcript, decoded.
    case_id, text = page["expand"]
    row = find_case(driver, case_id)
    if check(row is not None, f"{name}: no row for case {case_id}"):
        decoded = row.find_elements(By.CSS_SELECTOR, "pre.response-text")
        check(decoded and not really_visible(driver, decoded[0]), f"{name}: {case_id}'s transcript is shown before it is expanded")
        click_summary(driver, row)
        shown = [p.text for p in row.find_elements(By.CSS_SELECTOR, "pre.response-text") if really_visible(driver, p)]
        check(any(text in s for s in shown), f"{name}: expanding {case_id} does not show {text!r} (shown: {shown[:2]})")
        click_summary(driver, row)

    # Hostile strings stay text.
    if page.get("hostile"):
        case_id, title, response = page["hostile"]
        row = find_case(driver, case_id)
        if check(row is not None, f"{name}: no row for the hostile case {case_id}"):
            click_summary(driver, row)
            check(title in row.find_element(By.CSS_SELECTOR, ".ctitle").text, f"{name}: the hostile title is not shown as text")
            shown = [p.text for p in row.find_elements(By.CSS_SELECTOR, "pre.response-text") if really_visible(driver, p)]
            check(any(response in s for s in shown), f"{name}: the hostile response text is not shown as text")
            click_summary(driver, row)
        pwned = driver.execute_script("return window.__pwned")
        check(pwned is None, f"{name}: markup from the results ran as script (window.__pwned = {pwned})")
        scripts = driver.execute_script("return document.scripts.length")
        check(scripts == 1, f"{name}: {scripts} script elements, expected the report's one")
        images = driver.execute_script("return document.images.length")
        check(images == 0, f"{name}: {images} img elements made from the results")

    # Print: filters hidden, failed cases expanded (by the print stylesheet alone).
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    check(not really_visible(driver, driver.find_element(By.ID, "filters")), f"{name}: the filters show in print")
    row = find_case(driver, page["problem_case"])
    if check(row is not None, f"{name}: no row for {page['problem_case']}"):
        transcript = row.find_element(By.CSS_SELECTOR, ".case-body pre.response-text")
        check(not driver.execute_script("return arguments[0].open", row), f"{name}: {page['problem_case']} is open before print")
        check(really_visible(driver, transcript), f"{name}: {page['problem_case']} (a failure) is not expanded in print")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    if page.get("screenshot"):
        reset(driver)
        row = find_case(driver, page["expand"][0])
        click_summary(driver, row)
        if page.get("full_page"):
            shot = full_page_screenshot(driver)
        else:
            driver.execute_script("arguments[0].scrollIntoView()", driver.find_element(By.ID, "cases"))
            shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
        with open(page["screenshot"], "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        print(f"screenshot: {page['screenshot']}", flush=True)

    violations = driver.execute_script("return window.__violations")
    check(violations == [], f"{name}: Content-Security-Policy violations: {violations}")
    entries = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    check(entries == [], f"{name}: the page loaded resources: {entries}")
    requested = requests_made(driver, url)
    check(requested == [], f"{name}: the page made network requests: {requested}")
    errors = console_errors(driver)
    check(errors == [], f"{name}: console errors: {errors}")


def full_page_screenshot(driver):
    size = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    width, height = size[0], min(size[1], 12000)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return shot


def check_canary(driver, html):
    """A copy of the report with an external image and an extra inline script: the CSP
    must block both, and this script must see the violations, the console errors and the
    attempted request, or the checks above could not fail."""
    with open(html, encoding="utf-8") as f:
        text = f.read()
    text = text.replace("<main>", '<main><img src="http://127.0.0.1:9/canary.png" alt=""><script>window.__pwned = "canary"</script>', 1)
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as f:
        f.write(text)
        path = f.name
    try:
        url = load(driver, path, 10)
        violations = driver.execute_script("return window.__violations") or []
        check(any("img-src" in v for v in violations), f"canary: the external image was not reported as blocked ({violations})")
        check(any("script-src" in v for v in violations), f"canary: the extra inline script was not reported as blocked ({violations})")
        check(driver.execute_script("return window.__pwned") is None, "canary: the extra inline script ran")
        check(console_errors(driver) != [], "canary: no console error seen for the blocked content")
        requests_made(driver, url)
    finally:
        os.unlink(path)


def check_parses(path):
    """The HTML5 parsing algorithm (html5lib) meets no parse error: no stray markup, no
    unescaped character where the tokenizer would stumble, nothing misnested. (Content-model
    rules are not checked; the browser checks show the structure works.)"""
    parser = html5lib.HTMLParser(strict=False)
    with open(path, "rb") as f:
        parser.parse(f, transport_encoding="utf-8")
    errors = [f"line {line}:{col} {code} {data}" for (line, col), code, data in parser.errors]
    check(errors == [], f"{os.path.basename(path)}: HTML5 parse errors: {errors[:5]}")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        expect = json.load(f)
    for path in expect.get("parse", []):
        check_parses(path)
    try:
        driver = make_driver()
    except WebDriverException as e:
        print(f"cannot start {CHROMIUM} through {CHROMEDRIVER}: {str(e).splitlines()[0]}", flush=True)
        return 2
    try:
        check_canary(driver, expect["pages"][0]["html"])
        for page in expect["pages"]:
            start = time.monotonic()
            check_page(driver, page)
            print(f"{os.path.basename(page['html'])}: checked in {time.monotonic() - start:.1f} s", flush=True)
    finally:
        driver.quit()
    print("browser checks: all passed" if not failures else f"browser checks: {len(failures)} failed", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
