"""The chat page, the widget and the kiosk in a real browser.

Playwright drives Debian's Chromium (``make browser`` installs it; no browser
download) against the e2e bot. Screenshots of /chat and /kiosk in both
languages are saved in ``test-artifacts/`` for people to look at.
Accessibility is checked with axe-core (from npm, ``make web``) for the
WCAG 2.1 A and AA rules, plus keyboard-only use, 360 px and 200% zoom.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from bot.server import pages as web

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# As `env` describes: no background networking on this closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = web.NODE_MODULES / "axe-core" / "axe.min.js"
REPLY_TIMEOUT = 30_000


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: run `make browser`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture()
def context(browser):
    # The pages' Content-Security-Policy forbids eval, which Playwright's
    # waiting helpers use; tests bypass it (the policy is checked over HTTP).
    context = browser.new_context(
        viewport={"width": 1024, "height": 800}, bypass_csp=True, locale="en-GB"
    )
    yield context
    context.close()


@pytest.fixture()
def page(context) -> Page:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    yield page
    assert not errors, errors


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def bot_messages(page: Page):
    return page.locator("#nelm-log .msg.bot")


def settle(page: Page, timeout: float = REPLY_TIMEOUT) -> int:
    """Wait until the bot has answered (typing indicator gone); the count."""
    expect(page.locator("#nelm-typing")).to_be_hidden(timeout=timeout)
    return bot_messages(page).count()


def ask(page: Page, text: str) -> None:
    """Type a question, send it, wait for the answer."""
    before = bot_messages(page).count()
    page.fill("#nelm-input", text)
    page.press("#nelm-input", "Enter")
    expect(bot_messages(page)).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    settle(page)


def open_chat(page: Page, base: str, query: str = "?lang=en") -> None:
    page.goto(f"{base}/chat{query}")
    expect(bot_messages(page).first).to_be_visible(timeout=REPLY_TIMEOUT)
    settle(page)


def state(page: Page) -> dict:
    return page.evaluate("() => window.nelmGuide.state()")


def axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }"""
    )
    return result


# ---- /chat -------------------------------------------------------------------


def test_chat_in_english_then_chinese(server, page):
    open_chat(page, server.base)
    expect(page.locator(".notice")).to_contain_text("not a doctor")
    expect(page.locator(".notice")).to_contain_text("emergency")
    ask(page, "What is TACE?")
    last_answer = page.locator(".msg.bot .body", has_text="Source:").last
    expect(last_answer).to_contain_text("Embolization")
    expect(last_answer.locator("strong").first).to_be_visible()  # Markdown bold
    shot(page, "chat-en")

    # The toggle switches labels and the bot's language without a reload.
    url = page.url
    page.click("button[data-lang=zh]")
    settle(page)
    assert page.url == url
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator("#nelm-send")).to_have_text("发送")
    expect(page.locator("button[data-lang=zh]")).to_have_attribute(
        "aria-pressed", "true"
    )
    ask(page, "什么是肝移植？")
    expect(page.locator(".msg.bot .body").last.locator("..")).to_be_visible()
    answers = page.locator(".msg.bot .body", has_text="来源")
    expect(answers.last).to_contain_text("肝移植")
    shot(page, "chat-zh")


def test_quick_replies_answer_and_stay_usable(server, page):
    open_chat(page, server.base)
    ask(page, "Tell me about ablation")
    choice = page.locator(".msg.bot .choice").filter(has_not_text="👍").last
    first = page.locator(".msg.bot", has_text="Source:").last.locator(".choice").first
    title = first.inner_text()
    before = bot_messages(page).count()
    first.click()
    expect(bot_messages(page)).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    settle(page)
    expect(page.locator(".msg.user .body").last).to_have_text(title)
    expect(page.locator(".msg.bot .body").filter(has_text=title).last).to_be_visible()
    # Earlier buttons still work.
    expect(choice).to_be_enabled()


def test_reload_keeps_the_conversation(server, page):
    open_chat(page, server.base)
    ask(page, "What is carcinoid crisis?")
    sender = state(page)["sender"]
    count = bot_messages(page).count()
    page.reload()
    expect(bot_messages(page)).to_have_count(count)
    assert state(page)["sender"] == sender
    expect(page.locator(".msg.user .body").last).to_have_text(
        "What is carcinoid crisis?"
    )
    # A follow-up uses the kept history: the topic in focus.
    ask(page, "what are the risks?")
    expect(page.locator(".msg.bot .body", has_text="Source:").last).to_contain_text(
        "rcinoid"
    )


def test_new_conversation_starts_fresh_with_a_new_random_id(server, page):
    open_chat(page, server.base)
    ask(page, "What is TACE?")
    old = state(page)["sender"]
    page.click("#nelm-new")
    settle(page)
    expect(page.locator(".msg.user")).to_have_count(0)
    new = state(page)["sender"]
    assert new != old and re.fullmatch(r"[0-9a-f]{32}", new)


def test_sender_ids_are_random_and_unguessable(server, browser):
    ids = []
    for _ in range(3):
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        open_chat(page, server.base)
        ids.append(state(page)["sender"])
        context.close()
    # 128 bits from crypto.getRandomValues, never reused.
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    assert len(set(ids)) == 3
    source = (web.STATIC_DIR / "nelm-chat.js").read_text(encoding="utf-8")
    assert "crypto.getRandomValues(bytes)" in source and "Math.random" not in source


def test_html_in_a_message_is_shown_as_text_and_never_run(server, page):
    open_chat(page, server.base)
    attack = '<img src=x onerror="window.__pwned=1;alert(1)">'
    ask(page, attack)
    user = page.locator(".msg.user .body").last
    expect(user).to_have_text(attack)
    assert page.locator("#nelm-log img").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    # Bot Markdown is sanitised: bold and lists stay, scripts and handlers go,
    # links open in a new tab without access to this page.
    html = page.evaluate(
        """() => window.nelmGuide.render('**bold**\\n\\n- item\\n\\n'
            + '[a link](https://example.org) <img src=x onerror=alert(1)>'
            + '<script>alert(2)</script> [bad](javascript:alert(3))')"""
    )
    assert "<strong>bold</strong>" in html and "<li>item</li>" in html
    assert 'target="_blank"' in html and 'rel="noopener noreferrer"' in html
    for bad in ("<img", "onerror", "<script", "javascript:"):
        assert bad not in html, html


def test_keyboard_only_conversation(server, page):
    open_chat(page, server.base)
    page.locator("body").focus()
    for _ in range(30):  # Tab through the page to the question box
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "nelm-input":
            break
    else:
        pytest.fail("the question box cannot be reached with Tab")
    page.keyboard.type("How is liver transplant done?")
    before = bot_messages(page).count()
    page.keyboard.press("Enter")
    expect(bot_messages(page)).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    settle(page)
    # Back up with Shift+Tab to an option button and choose it with Enter.
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("() => document.activeElement.classList.contains('choice')"):
            break
    else:
        pytest.fail("no option button can be reached with the keyboard")
    focus_ring = page.evaluate(
        "() => getComputedStyle(document.activeElement).outlineStyle"
    )
    assert focus_ring != "none"
    before = bot_messages(page).count()
    page.keyboard.press("Enter")
    expect(bot_messages(page)).not_to_have_count(before, timeout=REPLY_TIMEOUT)


def test_unreachable_server_gets_a_kind_error_and_retry(server, page):
    open_chat(page, server.base)
    page.route("**/webhooks/rest/webhook", lambda route: route.abort())
    page.fill("#nelm-input", "What is ablation?")
    page.press("#nelm-input", "Enter")
    error = page.locator("#nelm-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("try again")
    page.unroute("**/webhooks/rest/webhook")

    def slow(route):
        time.sleep(1)
        route.continue_()

    page.route("**/webhooks/rest/webhook", slow)
    page.click("#nelm-retry")
    expect(page.locator("#nelm-typing")).to_be_visible()  # typing indicator
    expect(error).to_be_hidden(timeout=REPLY_TIMEOUT)
    settle(page)
    expect(page.locator(".msg.bot .body", has_text="Source:").last).to_contain_text(
        "blation"
    )


def test_chat_meets_wcag_aa_and_fits_small_and_zoomed_screens(server, browser):
    # 360 px phone, and 1280 px at 200% zoom (= 640 CSS px).
    for width, height in ((360, 740), (640, 400)):
        context = browser.new_context(
            viewport={"width": width, "height": height}, bypass_csp=True
        )
        page = context.new_page()
        open_chat(page, server.base)
        ask(page, "What is TACE?")
        scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
        assert scroll_width <= width, f"horizontal scrolling at {width}px"
        for selector in ("#nelm-input", "#nelm-send", "button[data-lang=zh]"):
            # Reachable without horizontal scrolling (vertical is allowed).
            page.locator(selector).scroll_into_view_if_needed()
            expect(page.locator(selector)).to_be_in_viewport()
        shot(page, f"chat-{width}px")
        assert axe_violations(page) == []
        context.close()


def test_accessible_structure(server, page):
    open_chat(page, server.base)
    log = page.locator("#nelm-log")
    expect(log).to_have_attribute("role", "log")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(page.locator("#nelm-input")).to_have_accessible_name("Your question")
    expect(page.locator("#nelm-typing")).to_have_attribute("role", "status")
    expect(page.locator("#nelm-error")).to_have_attribute("role", "alert")
    group = page.locator(".msg.bot .choices").first
    expect(group).to_have_attribute("role", "group")


# ---- widget ------------------------------------------------------------------


@pytest.fixture()
def clinic_site(server, tmp_path):
    """The clinic's own website (another origin) with the one-line embed."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang=en><title>Clinic</title><h1>Our clinic</h1>"
        f'<script src="{server.base}/widget.js" data-lang="zh"></script></html>',
        encoding="utf-8",
    )
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_widget_embeds_with_one_line(clinic_site, page):
    page.goto(clinic_site)
    launcher = page.locator("#nelm-widget-launcher")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    launcher.click()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    frame = page.frame_locator("#nelm-widget-panel iframe")
    expect(frame.locator(".msg.bot").first).to_be_visible(timeout=REPLY_TIMEOUT)
    expect(frame.locator("#nelm-send")).to_have_text("发送")
    frame.locator("#nelm-input").fill("什么是消融？")
    frame.locator("#nelm-input").press("Enter")
    expect(frame.locator(".msg.bot .body", has_text="来源").last).to_be_visible(
        timeout=REPLY_TIMEOUT
    )
    # Reload the clinic's page: the widget reopens with the conversation.
    page.reload()
    frame = page.frame_locator("#nelm-widget-panel iframe")
    expect(frame.locator(".msg.user .body").last).to_have_text(
        "什么是消融？", timeout=REPLY_TIMEOUT
    )
    frame.locator("#nelm-close").click()
    expect(page.locator("#nelm-widget-panel")).to_be_hidden()
    expect(launcher).to_be_focused()


# ---- /kiosk ------------------------------------------------------------------


def open_kiosk(page: Page, base: str, query: str = "") -> None:
    page.add_init_script("window.print = () => { window.__printed = true; };")
    page.goto(f"{base}/kiosk{query}")
    expect(bot_messages(page).first).to_be_visible(timeout=REPLY_TIMEOUT)
    settle(page)


def test_kiosk_needs_no_typing_and_has_big_targets(server, browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, bypass_csp=True
    )
    page = context.new_page()
    open_kiosk(page, server.base, "?lang=en")
    tiles = page.locator("#nelm-topics .tile")
    assert tiles.count() >= 8
    tiles.filter(has_text="Surgical resection").click()
    expect(page.locator(".msg.bot .body", has_text="Source:").last).to_contain_text(
        "Surgical resection", timeout=REPLY_TIMEOUT
    )
    settle(page)
    for button in page.locator("button:visible").all():
        box = button.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48, button.inner_text()
    qr = page.locator(".phone img")
    expect(qr).to_be_visible()
    assert page.evaluate("() => document.querySelector('.phone img').naturalWidth") > 0
    # The printable sheet: the questions for the topic in focus.
    page.click("#nelm-print")
    page.wait_for_function("() => window.__printed === true")
    sheet = page.locator("#nelm-print-sheet")
    expect(sheet).to_contain_text("Questions to ask your care team")
    expect(sheet).to_contain_text("Surgical resection")
    page.emulate_media(media="print")
    expect(sheet).to_be_visible()
    expect(page.locator(".app")).to_be_hidden()
    page.emulate_media(media="screen")
    assert axe_violations(page) == []
    shot(page, "kiosk-en")

    page.click("button[data-lang=zh]")
    settle(page)
    expect(page.locator("#nelm-topics .tile").first).to_have_text(
        "关于神经内分泌瘤和肝转移"
    )
    page.locator("#nelm-topics .tile", has_text="肝移植").click()
    expect(page.locator(".msg.bot .body", has_text="来源").last).to_contain_text(
        "肝移植", timeout=REPLY_TIMEOUT
    )
    settle(page)
    shot(page, "kiosk-zh")
    context.close()


def test_kiosk_inactivity_clears_the_screen_and_keeps_nothing(server, page):
    open_kiosk(page, server.base, "?lang=en&timeout=6")
    first_sender = state(page)["sender"]
    page.locator("#nelm-topics .tile", has_text="Carcinoid crisis").click()
    expect(page.locator(".msg.bot .body", has_text="Source:").last).to_be_visible(
        timeout=REPLY_TIMEOUT
    )
    settle(page)
    assert page.locator(".msg.user").count() == 1
    page.fill("#nelm-input", "my half-typed question")  # then walks away
    # A warning first, then a fresh screen and a fresh session.
    expect(page.locator("#nelm-timeout")).to_be_visible(timeout=10_000)
    expect(page.locator(".msg.user")).to_have_count(0, timeout=10_000)
    settle(page)
    expect(page.locator("#nelm-timeout")).to_be_hidden()
    assert not page.locator("#nelm-log").inner_text().count("Carcinoid crisis —")
    assert state(page)["sender"] != first_sender
    expect(page.locator("#nelm-input")).to_have_value("")
    stored = page.evaluate("() => [sessionStorage.length, localStorage.length]")
    assert stored == [0, 0]
    assert page.evaluate("() => document.cookie") == ""
