"""Decision support in a real browser: the comparison table and the summary.

Same setup as ``test_browser`` (Debian's Chromium, the pages' own CSP, axe-core
for WCAG 2.1 A/AA): the table is visible, in a labelled focusable scroll
region, fits a 390 px phone and a 1080 px kiosk; the summary prints on its own
from /chat and the kiosk; English, Simplified and Traditional Chinese.
"""

from __future__ import annotations

import pytest
import test_browser as base
from playwright.sync_api import Page, expect
from test_browser import (
    REPLY_TIMEOUT,
    axe_violations,
    bot_messages,
    csp_violations,
    new_context,
    open_chat,
    open_kiosk,
    settle,
    shot,
    watch,
)

browser = base.browser
context = base.context
page = base.page

NO_PRINT_DIALOG = "window.print = () => { window.__printed = true; };"
CAPTION = {
    "en": "Compare the treatments",
    "zh": "比较几种治疗",
    "zh-Hant": "比較幾種治療",
}
SUMMARY = {"en": "My summary", "zh": "我的小结", "zh-Hant": "我的小結"}


def tap(page: Page, title: str) -> None:
    """Press the newest button with this title; wait for the answer."""
    before = bot_messages(page).count()
    page.locator(".msg.bot .choice", has_text=title).last.click()
    expect(bot_messages(page)).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    settle(page)


def region(page: Page, lang: str = "en"):
    return page.locator(f'.table-scroll[role="region"][aria-label="{CAPTION[lang]}"]')


@pytest.mark.parametrize("lang", ["en", "zh", "zh-Hant"])
def test_compare_table_on_a_phone(server, browser, lang):
    context = new_context(browser, viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors = watch(page)
    open_chat(page, server.base, f"?lang={lang}")
    tap(page, CAPTION[lang])
    table = region(page, lang).last
    expect(table).to_be_visible()
    expect(table).to_have_attribute("tabindex", "0")
    expect(table.locator("caption")).to_have_text(CAPTION[lang])
    expect(table.locator('thead th[scope="col"]')).to_have_count(4)
    expect(table.locator('tbody th[scope="row"]')).to_have_count(6)
    # The table scrolls inside its region; the page does not scroll sideways.
    assert table.evaluate("e => e.scrollWidth > e.clientWidth")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    table.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.table-scroll').scrollLeft > 0"
    )
    cite = "Source:" if lang == "en" else "来源" if lang == "zh" else "來源"
    expect(page.locator(".msg.bot.wide .body").last).to_contain_text(cite)
    shot(page, f"compare-390-{lang}")
    assert axe_violations(page) == []
    assert errors == [] and csp_violations(page) == []
    context.close()


def test_typed_comparison_of_two_options(server, page):
    open_chat(page, server.base)
    before = bot_messages(page).count()
    page.fill("#nelm-input", "surgery vs Y-90")
    page.press("#nelm-input", "Enter")
    expect(bot_messages(page)).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    settle(page)
    table = region(page).last
    expect(table.locator('thead th[scope="col"]')).to_have_text(
        ["Surgery (resection)", "Embolization (TAE, TACE, Y-90)"]
    )


def test_compare_table_on_the_kiosk(server, browser):
    context = new_context(browser, viewport={"width": 1080, "height": 1920})
    page = context.new_page()
    errors = watch(page)
    open_kiosk(page, server.base, "?lang=en")
    page.locator("#nelm-topics .tile", has_text="Treatment options").click()
    expect(page.locator(".msg.bot .choice", has_text=CAPTION["en"]).last).to_be_visible(
        timeout=REPLY_TIMEOUT
    )
    settle(page)
    tap(page, CAPTION["en"])
    expect(region(page).last).to_be_visible()
    box = region(page).last.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1080
    shot(page, "compare-kiosk-1080")
    assert axe_violations(page) == []
    assert errors == [] and csp_violations(page) == []
    context.close()


@pytest.mark.parametrize("lang", ["en", "zh", "zh-Hant"])
def test_summary_prints_on_its_own_from_chat(server, context, lang):
    page = context.new_page()
    errors = watch(page)
    page.add_init_script(NO_PRINT_DIALOG)
    open_chat(page, server.base, f"?lang={lang}")
    ablation = {"en": "Ablation", "zh": "消融", "zh-Hant": "消融"}[lang]
    tap(page, ablation)
    page.click(".controls .print-summary")
    page.wait_for_function("() => window.__printed === true")
    summary = page.locator(".msg.bot .body", has_text=SUMMARY[lang]).last
    expect(summary).to_contain_text(ablation)
    expect(summary.locator("..").locator(".print-button")).to_be_visible()
    sheet = page.locator("#nelm-print-sheet")
    expect(sheet).to_contain_text(SUMMARY[lang])
    expect(sheet).to_contain_text(ablation)
    expect(sheet).to_contain_text("UpToDate")
    page.emulate_media(media="print")
    expect(sheet).to_be_visible()
    expect(page.locator(".app")).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.locator(".app")).to_be_visible()
    shot(page, f"summary-{lang}")
    assert axe_violations(page) == []
    # The button under the summary prints it again.
    page.evaluate("() => { window.__printed = false; }")
    summary.locator("..").locator(".print-button").click()
    page.wait_for_function("() => window.__printed === true")
    assert errors == [] and csp_violations(page) == []


def test_summary_prints_from_the_kiosk(server, browser):
    context = new_context(browser, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors = watch(page)
    open_kiosk(page, server.base, "?lang=zh")
    page.locator("#nelm-topics .tile", has_text="肝移植").click()
    expect(page.locator(".msg.bot .body", has_text="来源").last).to_contain_text(
        "肝移植", timeout=REPLY_TIMEOUT
    )
    settle(page)
    button = page.locator("#nelm-print-summary")
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["height"] >= 48
    button.click()
    page.wait_for_function("() => window.__printed === true")
    sheet = page.locator("#nelm-print-sheet")
    expect(sheet).to_contain_text("我的小结")
    expect(sheet).to_contain_text("肝移植")
    page.emulate_media(media="print")
    expect(sheet).to_be_visible()
    page.emulate_media(media="screen")
    assert axe_violations(page) == []
    assert errors == [] and csp_violations(page) == []
    context.close()
