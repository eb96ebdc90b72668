"""The self-check in headless Chromium, as a headteacher would use it. Run by .ci/browser-test.

Starts `eligo serve` on a free loopback port with a copy of rules/ (so a rule can be edited
mid-test), then: the live panel as fields are filled; an applicant who fails LLE-A2 and one
who is eligible, through "check your answers" to the result; a missing answer and an
impossible date in the error summary; a rules edit taking effect without a restart; axe-core
(WCAG 2.2 A and AA) on each page. Screenshots: .build/screenshots/*.png.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from selenium_axe_python import Axe

ELIGO = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/eligo"
SHOTS = os.path.join(".build", "screenshots")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
FAILURES = []

# Priya Sandhu, head of Brookfield Primary since 1 September 2012 (examples/applicants/a2-short-headship.yaml).
HEADTEACHER = {
    "applicant.name": "Priya Sandhu",
    "applicant.role": "headteacher",
    "applicant.headships[0].school_urn": "102745",
    "applicant.headships[0].role": "substantive_head",
    "applicant.headships[0].start": "2012-09-01",
    "applicant.expects_to_remain_years": "5",
    "applicant.commits_to_time_expectations": "true",
    "schools[0].urn": "102745",
    "schools[0].name": "Brookfield Primary School",
    "schools[0].type": "la_maintained",
    "schools[0].phase": "primary",
    "schools[0].ofsted.inspection_date": "2014-01-22",
    "schools[0].ofsted.overall": "2",
    "schools[0].ofsted.leadership_management": "2",
    "schools[0].ofsted.headteacher_named": "true",
    "schools[0].performance[0].year": "2014",
    "schools[0].performance[0].attainment_pct": "81",
    "schools[0].performance[0].progress_at_or_above_median": "true",
    "schools[0].performance[1].year": "2013",
    "schools[0].performance[1].attainment_pct": "78",
    "schools[0].performance[1].progress_at_or_above_median": "true",
    "schools[0].performance[2].year": "2012",
    "schools[0].performance[2].attainment_pct": "75",
    "schools[0].performance[2].progress_at_or_above_median": "true",
    "schools[0].senior_leadership_capacity": "true",
    "governing_body_support": "true",
    "referee.name": "Ms Claire Doherty",
    "referee.role": "dcs_or_second_tier_la",
    "referee.supports_application": "true",
    "referee.commits_to_deploy": "true",
    "support_experience[0].school_urn": "102760",
    "support_experience[0].supported_role": "senior_leader",
    "support_experience[0].kind": "coaching",
    "support_experience[0].from": "2013-09-09",
    "support_experience[0].to": "2014-03-28",
    "support_experience[0].impact": "Coached the deputy head leading the literacy recovery plan",
    "submitted_on": "2014-11-03",
}


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        FAILURES.append(what)


def start_server(rules):
    log = open(os.path.join(SHOTS, "server.log"), "w")
    proc = subprocess.Popen([ELIGO, "serve", "--rules", rules, "--port", "0"], stdout=log, stderr=log)
    deadline = time.time() + 30
    while time.time() < deadline:
        with open(log.name) as f:
            m = re.search(r"ready on (http://[^/\s]+/)", f.read())
        if m:
            return proc, m.group(1)
        if proc.poll() is not None:
            sys.exit("eligo serve stopped: " + open(log.name).read())
        time.sleep(0.05)
    proc.kill()
    sys.exit("eligo serve did not start within 30 s")


def browser():
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000"]:
        options.add_argument(arg)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def shot(driver, name, width=1280, full=True):
    """A full-page screenshot (the window is made as tall as the page first), or the first screen."""
    driver.set_window_size(width, 1000)
    height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 12000)") if full else 800
    driver.set_window_size(width, height + 100)
    driver.save_screenshot(os.path.join(SHOTS, name + ".png"))
    driver.set_window_size(1280, 1000)


def axe(driver, page):
    a = Axe(driver)
    a.inject()
    results = a.run(options={"runOnly": {"type": "tag", "values": WCAG}})
    violations = results["violations"]
    check(not violations, f"axe-core WCAG 2.2 A/AA on the {page}: " +
          ("no violations" if not violations else Axe.report(violations)))


def fill(driver, name, value):
    fields = driver.find_elements(By.NAME, name)
    if not fields and re.match(r"\d{4}-\d{2}-\d{2}$", value):
        y, m, d = value.split("-")
        for part, v in (("day", str(int(d))), ("month", str(int(m))), ("year", y)):
            fill(driver, f"{name}[{part}]", v)
        return
    if not fields:
        raise AssertionError(f"no field named {name}")
    if fields[0].get_attribute("type") == "radio":
        radio = next(f for f in fields if f.get_attribute("value") == value)
        driver.find_element(By.CSS_SELECTOR, f"label[for='{radio.get_attribute('id')}']").click()
    else:
        fields[0].clear()
        fields[0].send_keys(value)


def click_to_next_page(driver, element):
    """Clicks a control that posts the form, and waits until the next page has loaded: the next page
    can hold fields of the same names (the result page keeps the answers in hidden inputs), so a
    lookup made before the old page is replaced would find its elements, which then go stale."""
    driver.execute_script("window.eligoOldPage = true")
    element.click()

    def next_page_loaded(d):
        try:  # mid-navigation the driver may answer with any error: not loaded yet
            return d.execute_script("return !window.eligoOldPage && document.readyState === 'complete'")
        except WebDriverException:
            return False

    WebDriverWait(driver, 10).until(next_page_loaded)


def press(driver, value):
    click_to_next_page(driver, driver.find_element(By.CSS_SELECTOR, f"button[name='action'][value='{value}']"))


def fill_all(driver, answers):
    """Fills the answers in page order, pressing "add another" when a list needs one more item."""
    for name, value in answers.items():
        presses = 0
        while not driver.find_elements(By.NAME, name) and not driver.find_elements(By.NAME, name + "[day]"):
            if "[" not in name or presses > 3:
                raise AssertionError(f"no field named {name}")
            press(driver, "add:" + name[: name.rfind("[")])
            presses += 1
        fill(driver, name, value)


def live_text(driver):
    return driver.find_element(By.ID, "live-body").get_attribute("textContent")


def tag(driver, rule):
    """The result page's tag for a criterion, as written (the style shows it in capitals)."""
    return driver.find_element(By.CSS_SELECTOR, f"#rule-{rule} .tag").get_attribute("textContent")


def sentence(driver, rule):
    return driver.find_element(By.ID, f"rule-{rule}").get_attribute("textContent")


def to_result(driver):
    press(driver, "continue")
    WebDriverWait(driver, 10).until(lambda d: "Check your answers" in d.find_element(By.TAG_NAME, "h1").text)
    click_to_next_page(driver, driver.find_element(By.XPATH, "//button[contains(., 'Confirm and see your result')]"))
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "decision"))


def rules_digest(base):
    with urllib.request.urlopen(base + "v1/rulesets") as r:
        sets = json.load(r)["rulesets"]
    return next(s["digest"] for s in sets if s["version"] == "2014.1")


def main():
    os.makedirs(SHOTS, exist_ok=True)
    rules = tempfile.mkdtemp(prefix="eligo-browser-")
    shutil.copytree("rules", rules, dirs_exist_ok=True)
    server, base = start_server(rules)
    driver = browser()
    form = base + "self-check/lle-application"
    try:
        # 1. The empty form: the panel says what is still needed, then follows the answers.
        driver.get(form)
        check("Check if you meet the criteria" in driver.find_element(By.TAG_NAME, "h1").text, "the form opens")
        panel = live_text(driver)
        check("Not decided yet" in panel and "Invalid" not in panel, "the empty form's panel says what is still to answer")
        check("not given" not in panel, "no 'not given' in the panel's titles")
        shot(driver, "01-form-empty")
        axe(driver, "empty form")
        fill(driver, "applicant.role", "headteacher")
        WebDriverWait(driver, 10).until(lambda d: re.search(r"Met\s+LLE-A1", live_text(d), re.I))
        check(True, "the panel shows LLE-A1 met once the role is chosen")
        fill(driver, "applicant.expects_to_remain_years", "1")
        WebDriverWait(driver, 10).until(lambda d: re.search(r"Not met\s+LLE-A4", live_text(d), re.I))
        check(True, "the panel shows LLE-A4 not met for one year")
        shot(driver, "02-form-phone", width=390, full=False)

        # 2. The headteacher who fails LLE-A2: the form, check your answers, the result.
        driver.get(form)
        fill_all(driver, HEADTEACHER)
        # The panel follows the last answers typed (its request is sent 250 ms after typing stops).
        try:
            WebDriverWait(driver, 10).until(lambda d: "Not eligible as of 3 November 2014" in live_text(d))
        except Exception:
            pass
        panel = live_text(driver)
        check("Not eligible as of 3 November 2014" in panel and re.search(r"Not met\s+LLE-A2", panel) is not None,
              "the filled form's panel shows LLE-A2 not met: " + panel[:200])
        shot(driver, "03-form-filled")
        axe(driver, "filled form")
        press(driver, "continue")
        WebDriverWait(driver, 10).until(lambda d: "Check your answers" in d.find_element(By.TAG_NAME, "h1").text)
        check("Priya Sandhu" in driver.page_source and "1 September 2012" in driver.page_source, "check your answers lists the answers")
        shot(driver, "04-check-answers")
        axe(driver, "check-your-answers page")
        click_to_next_page(driver, driver.find_element(By.XPATH, "//button[contains(., 'Confirm and see your result')]"))
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "decision"))
        check(driver.find_element(By.CSS_SELECTOR, "#decision h1").text == "Not eligible", "the A2 result says Not eligible")
        a2 = sentence(driver, "LLE-A2")
        check(tag(driver, "LLE-A2") == "Not met", "LLE-A2 is not met")
        check("You have 2 years 2 months of substantive headship; 3 years are required (as of 3 November 2014)." in a2,
              "LLE-A2's sentence carries the numbers: " + a2[:160])
        check("You will meet this from 1 September 2015" in a2, "LLE-A2 says when it will be met")
        check(tag(driver, "LLE-A1") == "Met", "LLE-A1 is met")
        shot(driver, "05-result-not-eligible")
        axe(driver, "result page")

        # 3. The same headteacher, head since 2009: eligible.
        press(driver, "edit")
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.NAME, "applicant.name"))
        check(driver.find_element(By.NAME, "applicant.name").get_attribute("value") == "Priya Sandhu", "change your answers keeps them")
        fill(driver, "applicant.headships[0].start[year]", "2009")
        to_result(driver)
        check(driver.find_element(By.CSS_SELECTOR, "#decision h1").text == "Eligible", "the applicant head since 2009 is Eligible")
        check(tag(driver, "LLE-A2") == "Met", "LLE-A2 is met from 2009")
        shot(driver, "06-result-eligible")

        # 4. A required answer missing and an impossible date: the error summary links to both fields.
        driver.get(form)
        answers = dict(HEADTEACHER)
        del answers["applicant.name"]
        answers["applicant.headships[0].start"] = "2012-02-31"
        fill_all(driver, answers)
        press(driver, "continue")
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "error-summary"))
        links = {a.get_attribute("hash"): a.text for a in driver.find_elements(By.CSS_SELECTOR, "#error-summary a")}
        check(links.get("#f-applicant-name", "").startswith("Enter name"), f"the summary links to the name: {links}")
        check("#f-applicant-headships-0-start" in links, "the summary links to the impossible date")
        check(driver.title.startswith("Error:"), "the page title starts with Error:")
        check(driver.switch_to.active_element.get_attribute("id") == "error-summary", "the error summary has the focus")
        driver.find_element(By.CSS_SELECTOR, "#error-summary a[href='#f-applicant-name']").click()
        check(driver.switch_to.active_element.get_attribute("name") == "applicant.name", "the link moves to the name field")
        check(driver.find_elements(By.ID, "f-applicant-headships-0-start-error"), "the date has its inline error")
        shot(driver, "07-errors")
        axe(driver, "form with errors")

        # 5. Policy staff edit the rules: two years' headship now. The next request uses them.
        before = rules_digest(base)
        path = os.path.join(rules, "lle-eligibility-2014.yaml")
        text = open(path).read()
        old = '    value: 3\n    description: "Substantive headteacher for'
        check(old in text, "the rules file has the 3-year minimum")
        with open(path, "w") as f:
            f.write(text.replace(old, old.replace("value: 3", "value: 2")))
        deadline = time.time() + 15
        while rules_digest(base) == before and time.time() < deadline:
            time.sleep(0.2)
        check(rules_digest(base) != before, "the server reloaded the edited rules")
        driver.get(form)
        fill_all(driver, HEADTEACHER)
        to_result(driver)
        check(driver.find_element(By.CSS_SELECTOR, "#decision h1").text == "Eligible", "with the edit, the 2012 head is Eligible")
        check(tag(driver, "LLE-A2") == "Met" and "2 years are required" in sentence(driver, "LLE-A2"), "LLE-A2 is met and now says 2 years")
        shot(driver, "08-result-after-reload")

        # SIGHUP reloads too (a forced reload: the same files give the same digests).
        server.send_signal(signal.SIGHUP)
        deadline = time.time() + 10
        log = os.path.join(SHOTS, "server.log")
        while "SIGHUP: reloading the rules" not in open(log).read() and time.time() < deadline:
            time.sleep(0.1)
        check("SIGHUP: reloading the rules" in open(log).read(), "SIGHUP reloads the rules")
        check(server.poll() is None and rules_digest(base) != before, "the server keeps serving the edited rules after SIGHUP")

        # 6. The other pages people reach.
        for name, url in (("start page", base), ("reviewers' page", base + "screen")):
            driver.get(url)
            axe(driver, name)
        shot(driver, "09-screen")
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(rules, ignore_errors=True)
    if FAILURES:
        print(f"\n{len(FAILURES)} browser check(s) failed; screenshots in {SHOTS}", file=sys.stderr)
        sys.exit(1)
    print(f"\nall browser checks passed; screenshots in {SHOTS}")


if __name__ == "__main__":
    main()
