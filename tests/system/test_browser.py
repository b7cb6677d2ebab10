"""The chat page, the widget and the kiosk in a real browser.

Playwright drives Debian's Chromium (``make browser`` installs it; no browser
download) against the e2e bot. Screenshots of /chat and /kiosk in both
languages are saved in ``test-artifacts/`` for people to look at.
Accessibility is checked with axe-core (from npm, ``make web``) for the
WCAG 2.1 A and AA rules, plus keyboard-only use, 360 px and 200% zoom.

Every page runs under its own Content-Security-Policy (no ``bypass_csp``):
a violation, a script error or a dialog fails the test.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect, sync_playwright

from bot.content.i18n import translate
from bot.server import pages as web
from bot.tools import devserver

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


# Every frame records the Content-Security-Policy violations it sees.
RECORD_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def new_context(browser, **options):
    """A browser context that enforces the pages' CSP and records violations."""
    options.setdefault("viewport", {"width": 1024, "height": 800})
    context = browser.new_context(**options)
    context.add_init_script(RECORD_CSP)
    return context


def watch(page: Page) -> list[str]:
    """Script errors, dialogs and CSP violations of a page, as they happen."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return errors


def csp_violations(page: Page) -> list[str]:
    return page.evaluate("() => window.__cspViolations || []")


@pytest.fixture()
def context(browser):
    context = new_context(browser, locale="en-GB")
    yield context
    context.close()


@pytest.fixture()
def page(context) -> Page:
    page = context.new_page()
    page.nelm_errors = errors = watch(page)
    yield page
    assert not errors, errors
    if not page.is_closed() and page.url.startswith("http"):
        assert csp_violations(page) == []


def blocked_as_expected(page: Page, kind: str) -> list[str]:
    """Take the CSP violations of ``kind`` a test provoked on purpose."""
    expected = [e for e in page.nelm_errors if kind in e]
    page.nelm_errors[:] = [e for e in page.nelm_errors if kind not in e]
    page.evaluate("() => { window.__cspViolations.length = 0; }")
    return expected


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
    # Evaluated by the browser's debugger protocol: an inline <script> would
    # be (rightly) refused by the page's CSP.
    page.evaluate(AXE.read_text(encoding="utf-8"))
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
    ask(page, "how can it be prevented?")
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
        context = new_context(browser)
        page = context.new_page()
        open_chat(page, server.base)
        ids.append(state(page)["sender"])
        context.close()
    # 128 random bits (32 hex digits), never reused.
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    assert len(set(ids)) == 3


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
    # Parsing the attack made Chromium try its inline handler, which the
    # page's policy refused (defence in depth): nothing ran.
    blocked_as_expected(page, "inline event handler")
    assert page.evaluate("() => window.__pwned") is None


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


def test_too_many_messages_get_the_servers_kind_reply(server, page):
    open_chat(page, server.base)
    # As the REST channel answers a conversation over its rate limit.
    page.route(
        "**/webhooks/rest/webhook",
        lambda route: route.fulfill(
            status=429,
            content_type="application/json",
            headers={"Retry-After": "2"},
            body=json.dumps([{"text": "Sorry, please try again in a moment."}]),
        ),
    )
    page.fill("#nelm-input", "What is ablation?")
    page.press("#nelm-input", "Enter")
    expect(page.locator(".msg.bot .body").last).to_have_text(
        "Sorry, please try again in a moment."
    )
    expect(page.locator("#nelm-error")).to_be_hidden()


def test_chat_meets_wcag_aa_and_fits_small_and_zoomed_screens(server, browser):
    # 360 px phone, and 1280 px at 200% zoom (= 640 CSS px).
    for width, height in ((360, 740), (640, 400)):
        context = new_context(browser, viewport={"width": width, "height": height})
        page = context.new_page()
        errors = watch(page)
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
        assert errors == [] and csp_violations(page) == []
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


def test_pages_run_under_their_own_content_security_policy(server, page):
    response = page.goto(f"{server.base}/chat?lang=en")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe" not in policy
    expect(bot_messages(page).first).to_be_visible(timeout=REPLY_TIMEOUT)
    settle(page)
    # The page works (it answered) and the policy is in force: an injected
    # inline script is refused, as an attacker's would be.
    with pytest.raises(PlaywrightError, match="Content Security Policy"):
        page.add_script_tag(content="window.__inline = 1")
    assert page.evaluate("() => window.__inline") is None
    assert csp_violations(page) == ["script-src-elem inline"]
    assert len(blocked_as_expected(page, "inline script")) == 1


# ---- widget ------------------------------------------------------------------


def serve_clinic_site(folder: Path, bot_base: str, port: int = 0):
    """The clinic's own website (another origin) with the one-line embed."""
    (folder / "index.html").write_text(
        "<!doctype html><html lang=en><title>Clinic</title><h1>Our clinic</h1>"
        f'<script src="{bot_base}/widget.js" data-lang="zh"></script></html>',
        encoding="utf-8",
    )
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def clinic_site(tmp_path_factory):
    """A bot that lets the clinic's site embed it (WIDGET_ORIGINS), and the site."""
    port = devserver.free_port()
    try:
        bot = devserver.start(
            tmp_path_factory.mktemp("widget-bot"),
            extra_env={"WIDGET_ORIGINS": f"'self' http://127.0.0.1:{port}"},
        )
    except RuntimeError as error:
        pytest.fail(str(error))
    httpd, url = serve_clinic_site(tmp_path_factory.mktemp("clinic"), bot.base, port)
    yield url
    httpd.shutdown()
    bot.stop()


def test_widget_is_refused_by_sites_not_allowed(server, page, tmp_path):
    # The shared bot allows no other site (WIDGET_ORIGINS unset): the
    # browser refuses to show its frame on the clinic's page.
    httpd, url = serve_clinic_site(tmp_path, server.base)
    try:
        page.goto(url)
        page.locator("#nelm-widget-launcher").click()
        expect(page.locator("#nelm-widget-panel iframe")).to_be_attached()
        page.wait_for_timeout(2000)
        frame = page.frame_locator("#nelm-widget-panel iframe")
        expect(frame.locator("#nelm-input")).to_have_count(0)
        assert blocked_as_expected(page, "frame-ancestors")
    finally:
        httpd.shutdown()


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
    """Open the kiosk; idle, it shows a welcome and starts no conversation."""
    page.add_init_script("window.print = () => { window.__printed = true; };")
    page.goto(f"{base}/kiosk{query}")
    expect(page.locator("#nelm-log .welcome")).to_be_visible()
    expect(bot_messages(page)).to_have_count(0)


def webhook_posts(page: Page) -> list[dict]:
    """The messages the page sends to the bot, as they are sent."""
    posts: list[dict] = []
    page.on(
        "request",
        lambda request: (
            posts.append(json.loads(request.post_data))
            if request.url.endswith("/webhooks/rest/webhook")
            else None
        ),
    )
    return posts


def test_kiosk_needs_no_typing_and_has_big_targets(server, browser, kb):
    context = new_context(browser, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors = watch(page)
    open_kiosk(page, server.base, "?lang=en")
    tiles = page.locator("#nelm-topics .tile")
    expect(tiles).to_have_count(len(kb.menu_topics()))
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
        translate(kb.menu_topics()[0].title, "zh")
    )
    page.locator("#nelm-topics .tile", has_text="肝移植").click()
    expect(page.locator(".msg.bot .body", has_text="来源").last).to_contain_text(
        "肝移植", timeout=REPLY_TIMEOUT
    )
    settle(page)
    shot(page, "kiosk-zh")
    assert errors == [] and csp_violations(page) == []
    context.close()


def test_idle_kiosk_clears_the_screen_and_starts_nothing_until_touched(server, page):
    posts = webhook_posts(page)
    open_kiosk(page, server.base, "?lang=en&timeout=6")
    page.wait_for_timeout(1000)
    assert posts == []  # nobody is there: no conversation
    # The first touch is the conversation's first message, and its reply
    # says what the guide is.
    page.locator("#nelm-topics .tile", has_text="Carcinoid crisis").click()
    expect(page.locator(".msg.bot .body", has_text="Source:").last).to_be_visible(
        timeout=REPLY_TIMEOUT
    )
    settle(page)
    assert [p["message"][:9] for p in posts] == ["/ask_more"]
    expect(page.locator(".msg.bot .body").first).to_contain_text("not a doctor")
    first_sender = posts[0]["sender"]
    assert state(page)["sender"] == first_sender
    page.fill("#nelm-input", "my half-typed question")  # then walks away
    # A warning first, then a clean screen.
    expect(page.locator("#nelm-timeout")).to_be_visible(timeout=10_000)
    expect(page.locator(".msg")).to_have_count(0, timeout=10_000)
    expect(page.locator("#nelm-log .welcome")).to_be_visible()
    expect(page.locator("#nelm-timeout")).to_be_hidden()
    expect(page.locator("#nelm-input")).to_have_value("")
    assert state(page)["sender"] != first_sender
    stored = page.evaluate("() => [sessionStorage.length, localStorage.length]")
    assert stored == [0, 0]
    assert page.evaluate("() => document.cookie") == ""
    # Idle for longer than the timeout again: no request, no warning.
    page.wait_for_timeout(8000)
    assert len(posts) == 1
    expect(page.locator("#nelm-timeout")).to_be_hidden()
    # Someone new touches the screen: a new conversation with a new id.
    page.locator("#nelm-topics .tile", has_text="Liver transplant").click()
    expect(page.locator(".msg.bot .body", has_text="Source:").last).to_be_visible(
        timeout=REPLY_TIMEOUT
    )
    assert len(posts) == 2 and posts[1]["sender"] not in (first_sender, "")
    assert posts[1]["sender"] == state(page)["sender"]


def test_idle_kiosk_switches_language_without_a_conversation(server, page):
    posts = webhook_posts(page)
    open_kiosk(page, server.base, "?lang=en")
    page.click("button[data-lang=zh]")
    expect(page.locator("#nelm-send")).to_have_text("发送")
    expect(page.locator("#nelm-log .welcome")).not_to_contain_text("Touch")
    page.wait_for_timeout(500)
    assert posts == []
    page.locator("#nelm-topics .tile", has_text="肝移植").click()
    expect(page.locator(".msg.bot .body", has_text="来源").last).to_contain_text(
        "肝移植", timeout=REPLY_TIMEOUT
    )
    assert [p["metadata"]["language"] for p in posts] == ["zh"]


# ---- only the conversation scrolls ---------------------------------------------

QUESTIONS = ["What is TACE?", "Tell me about liver transplant", "What is ablation?"]


def _in_view(page: Page, selector: str, height: int) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize(
    ("mode", "width", "height"),
    [
        ("chat", 390, 844),  # a phone, after scanning the kiosk's QR code
        ("chat", 1080, 1920),
        ("chat", 1920, 1080),
        ("kiosk", 1080, 1920),  # a portrait kiosk screen
        ("kiosk", 1920, 1080),
    ],
)
def test_only_the_conversation_scrolls(server, browser, mode, width, height):
    context = new_context(browser, viewport={"width": width, "height": height})
    page = context.new_page()
    errors = watch(page)
    if mode == "kiosk":
        open_kiosk(page, server.base, "?lang=en")
    else:
        open_chat(page, server.base)
    tiles = page.locator("#nelm-topics .tile")

    def answer(n: int) -> None:
        before = page.locator(".msg.bot .body", has_text="Source:").count()
        if mode == "kiosk":
            tiles.nth(n % tiles.count()).click()
        else:
            page.fill("#nelm-input", QUESTIONS[n % len(QUESTIONS)])
            page.press("#nelm-input", "Enter")
        expect(page.locator(".msg.bot .body", has_text="Source:")).to_have_count(
            before + 1, timeout=REPLY_TIMEOUT
        )
        settle(page)

    for n in range(3):
        answer(n)
    # More answers if needed, so that the conversation is longer than its box.
    n = 3
    while page.evaluate(
        "() => { const l = document.getElementById('nelm-log');"
        " return l.scrollHeight <= l.clientHeight; }"
    ):
        assert n < 8, "the conversation never outgrew its box"
        answer(n)
        n += 1
    if mode == "kiosk":
        page.click("#nelm-print")  # fills the hidden print sheet
        page.wait_for_function("() => window.__printed === true")

    page_size = page.evaluate(
        "() => [document.scrollingElement.scrollHeight, scrollX, scrollY]"
    )
    assert page_size == [height, 0, 0], f"the page scrolls: {page_size}"
    for selector in (
        "button[data-lang=en]",  # the language toggle
        "#nelm-new",  # Start over / New conversation
        ".notice",  # not a doctor
        "#nelm-input",
        "#nelm-send",
    ):
        assert _in_view(page, selector, height), selector
    # The hidden print sheet takes no room.
    assert page.locator("#nelm-print-sheet").bounding_box() is None
    # The newest answer is shown from its start, inside the conversation.
    log = page.locator("#nelm-log").bounding_box()
    last = page.locator(".msg.bot .body", has_text="Source:").last.bounding_box()
    assert log["y"] <= last["y"] < log["y"] + log["height"]
    shot(page, f"scroll-{mode}-{width}x{height}")
    assert errors == [] and csp_violations(page) == []
    context.close()


# ---- the clinic report ---------------------------------------------------------


def test_report_labels_fit_beside_their_bars(page, tmp_path):
    from bot.records import report

    result = report.Report(date(2026, 11, 1), date(2026, 11, 30))
    result.answers[("surgery_vs_iat", "en")] = 5
    result.answers[("nets_basics", "zh")] = 1
    result.helpful["surgery_vs_iat"] = 2
    result.top_unanswered = [
        (
            "Is there a special diet I should follow after liver surgery and "
            "embolization, and for how long, and what about alcohol and coffee?",
            4,
        ),
        ("肝切除和栓塞以后我需要吃什么特别的食物吗？要吃多久？可以喝咖啡和酒吗？", 2),
        ("W" * 60, 1),
    ]
    report.write_html(result, tmp_path / "report.html")
    page.goto((tmp_path / "report.html").as_uri())
    rows = page.evaluate(
        """() => [...document.querySelectorAll('svg')].flatMap(svg => {
            const bars = [...svg.querySelectorAll(':scope > rect')];
            return [...svg.querySelectorAll('text.label')].map((t, i) => {
                const label = t.getBBox(), bar = bars[i].getBBox();
                return {text: t.textContent, right: label.x + label.width,
                        bar: bar.x, top: label.y, bottom: label.y + label.height};
            });
        })"""
    )
    assert len(rows) == 2 + 1 + 1 + 3  # answered, helpful, not, unanswered
    for row in rows:
        assert row["right"] < row["bar"], row  # never runs over its bar
    for above, below in zip(rows, rows[1:], strict=False):
        if below["top"] > above["top"]:  # the same chart
            assert above["bottom"] <= below["top"], (above, below)
    expect(page.locator("svg").first).to_contain_text("Surgery or treatment")


# ---- what matters to me, check what I learned (issue #15) ----------------------


def tap(page: Page, title: str) -> None:
    """Press the latest quick reply with this title and wait for the answer."""
    before = bot_messages(page).count()
    page.locator(".msg.bot .choice", has_text=title).last.click()
    expect(bot_messages(page)).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    settle(page)


def test_values_questions_tap_through_to_questions_to_ask(server, page):
    open_chat(page, server.base)
    ask(page, "help me think about what's important to me")
    expect(page.locator(".msg.bot .body").last).to_contain_text("Question 1 of 5")
    for title in (
        "I'd rather avoid it",
        "Skip",
        "I want the best-studied option",
        "Relief from symptoms",
        "I'd prefer to stay close to home",
    ):
        tap(page, title)
    result = page.locator(".msg.bot .body").last
    expect(result).to_contain_text("here are questions you could take")
    expect(result).to_contain_text("You said you would rather avoid a major operation")
    expect(result).to_contain_text("This is not a recommendation.")
    expect(result.locator("li")).to_have_count(4)
    shot(page, "values-en")
    assert axe_violations(page) == []


def test_quiz_item_is_marked_and_links_back(server, page):
    open_chat(page, server.base)
    ask(page, "quiz me on ablation")
    question = page.locator(".msg.bot .body").last
    expect(question).to_contain_text("Question 1 of 3")
    expect(question).to_contain_text("Which tumours can ablation treat?")
    tap(page, "Small tumours, usually 3 cm or less")
    marked = page.locator(".msg.bot .body", has_text="Right.").last
    expect(marked).to_contain_text("Source: UpToDate")
    expect(
        page.locator(".msg.bot .choice", has_text="Read: What it is")
    ).to_be_visible()
    expect(page.locator(".msg.bot .body").last).to_contain_text("Question 2 of 3")
    shot(page, "quiz-en")
    assert axe_violations(page) == []
    tap(page, "Read: What it is")
    expect(page.locator(".msg.bot .body", has_text="Source:").last).to_contain_text(
        "3 cm"
    )


def test_quiz_and_values_in_chinese_and_traditional(server, page):
    open_chat(page, server.base, "?lang=zh")
    ask(page, "考考我栓塞的知識")
    expect(page.locator(".msg.bot .body").last).to_contain_text("第1題")
    tap(page, "肝內腫瘤的血主要來自肝動脈")
    expect(page.locator(".msg.bot .body", has_text="答對了").last).to_be_visible()
    ask(page, "我不知道自己更在意什么")
    expect(page.locator(".msg.bot .body").last).to_contain_text("第1题，共5题")
    tap(page, "跳过")
    expect(page.locator(".msg.bot .body").last).to_contain_text("第2题")
    assert axe_violations(page) == []
