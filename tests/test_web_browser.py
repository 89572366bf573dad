"""End to end: a real headless Chromium against a real `unvote serve` on a free loopback port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
AXE = REPO / "tests" / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    # The installed `unvote` script beside this interpreter, else the same entry point through -c.
    script = Path(sys.executable).with_name("unvote")
    command = [str(script)] if script.exists() else [sys.executable, "-c", "from unvote.cli import app; app()"]
    process = subprocess.Popen(command + ["serve", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # wait for the server to answer (start-up, not a timed assertion)
            if process.poll() is not None:
                pytest.fail(f"unvote serve exited: {process.stdout.read().decode()}")
            try:
                if httpx.get(base + "/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("unvote serve did not answer")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.console_errors = errors
    yield tab
    context.close()


def test_search_korea_then_open_the_dprk_resolution(server, page):
    page.goto(server + "/")
    page.fill("#q", "Korea")
    page.press("#q", "Enter")
    page.wait_for_selector("table.results")
    assert page.locator("ul.members").get_by_text("Democratic People's Republic of Korea").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "search-korea.png"), full_page=True)

    page.goto(server + "/decision/A/RES/69/188")
    assert "116 yes" in page.inner_text("#tally")
    # The world map: the shared shapes file loads and the DPRK's shape is drawn in the "no" colour, the United
    # States' in the "yes" colour (computed styles, so the stylesheet and the <use> references really apply).
    korea = page.locator('use[href="/map/world.svg#PRK"]')
    assert korea.get_attribute("class") == "v-N"
    assert korea.evaluate("e => getComputedStyle(e).fill") == "rgb(179, 38, 30)"
    assert page.locator('use[href="/map/world.svg#USA"]').evaluate("e => getComputedStyle(e).fill") == "rgb(27, 122, 58)"
    assert page.locator('use[href="/map/world.svg#USA"]').bounding_box()["width"] > 50
    assert page.inner_text("#outcome").startswith("Adopted")
    assert page.get_attribute("a[href^='https://digitallibrary.un.org/record/']", "href").endswith("/820106")
    page.screenshot(path=str(ARTIFACTS / "decision-A-RES-69-188.png"), full_page=True)


def test_veto_and_the_simulator(server, page):
    from playwright.sync_api import expect

    page.goto(server + "/decision/S/2022/431")
    assert "vetoed by China, Russian Federation" in page.inner_text("#outcome")
    page.screenshot(path=str(ARTIFACTS / "decision-S-2022-431.png"), full_page=True)

    page.click("text=Try other votes in the simulator")
    page.wait_for_selector("#sim-form")
    assert page.inner_text("#sim-vetoers") == ": vetoed by China, Russian Federation"
    before = page.inner_text("#sim-explanation")
    page.select_option("#v_CHN", "A")  # the change event re-applies the rules through /api/simulate
    # Locator waits, not wait_for_function: the page's CSP (no 'unsafe-eval') forbids evaluating strings.
    expect(page.locator("#sim-vetoers")).to_have_text(": vetoed by Russian Federation")
    expect(page.locator("#sim-pivotal")).to_contain_text("Pivotal: Russian Federation (no")
    # The script's words for the votes are the page's: its line reads as the server renders the same votes.
    served = page.context.new_page()
    served.goto(server + "/simulate?symbol=S/2022/431&v_CHN=A")
    expect(page.locator("#sim-pivotal")).to_have_text(served.inner_text("#sim-pivotal"))
    served.close()
    after = page.inner_text("#sim-explanation")
    assert after != before and "abstention of China is not a veto" in after
    page.select_option("#v_RUS", "A")
    expect(page.locator("#sim-status")).to_have_text("adopted")
    expect(page.locator("#sim-vetoers")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "simulator-S-2022-431.png"), full_page=True)
    assert page.console_errors == []  # no CSP violation or script error


def test_checker_highlights_each_statement(server, page):
    page.goto(server + "/check")
    page.fill("#c-text", "UNITED NATIONS, May 26, 2022 (Wire) - China and Russia on Thursday vetoed a U.S. draft "
                         "resolution on North Korea. France also vetoed it.")
    page.click("form.draft button[type=submit]")
    page.wait_for_selector("#report")
    supported = page.locator("#article mark.supported").first
    assert "China and Russia" in supported.inner_text()
    assert page.locator("#article mark.contradicted").count() >= 1
    page.locator("#article mark.contradicted a.ref").first.click()  # the number links to the statement's evidence
    assert page.url.split("#")[1].startswith("s")
    page.screenshot(path=str(ARTIFACTS / "checker.png"), full_page=True)
    assert page.console_errors == []


def test_member_page_on_a_phone(server, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server + "/member/PRK")
    assert page.locator("svg.chart").count() == 3
    # Nothing wider than the screen: the page scrolls down, not sideways.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(ARTIFACTS / "member-PRK-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1100, "height": 900})
    assert page.console_errors == []


def test_pages_pass_the_axe_accessibility_rules(server, browser):
    # axe is injected as a script, which the pages' own CSP forbids: this context bypasses it (the tests above run
    # under the CSP and check that nothing is blocked).
    context = browser.new_context(bypass_csp=True, viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    failures = {}
    # The pages with the most kinds of content: map and tables, charts and forms, the veto filters.
    for url in ("/decision/S/2022/431", "/member/MLT", "/council/2022-05?member=RUS"):
        tab.goto(server + url)
        tab.add_script_tag(path=str(AXE))
        result = tab.evaluate("() => axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'best-practice']})")
        assert len(result["passes"]) > 20  # the rules really ran
        if result["violations"]:
            failures[url] = [(v["id"], v["nodes"][0]["target"]) for v in result["violations"]]
    context.close()
    assert failures == {}
