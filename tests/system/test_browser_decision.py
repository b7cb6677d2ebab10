"""Decision support in a real browser: the comparison table and the summary.

Same setup as ``test_browser`` (Debian's Chromium, the pages' own CSP, axe-core
for WCAG 2.1 A/AA): the table is visible, in a labelled focusable scroll
region, fits a 390 px phone and a 1080 px kiosk; the summary prints on its own
from /chat and the kiosk; English, Simplified and Traditional Chinese.
"""

from __future__ import annotations

import re

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


# ---- what matters to me, check what I learned on the kiosk, in Traditional ------

# Simplified forms whose Traditional differ: none may show on a Traditional page.
SIMPLIFIED_ONLY = re.compile("[这说术问题谢们选择医疗团队读习检来]")


def assert_traditional(text: str) -> None:
    assert not SIMPLIFIED_ONLY.search(text), SIMPLIFIED_ONLY.findall(text)


def assert_big_choices(page: Page) -> None:
    """The newest message's buttons are big enough to touch (48 px)."""
    choices = page.locator(".msg.bot").last.locator(".choice")
    assert choices.count() >= 2
    for choice in choices.all():
        box = choice.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48, choice.inner_text()


def test_values_and_quiz_tap_through_on_the_kiosk_in_traditional(server, browser):
    context = new_context(browser, viewport={"width": 1080, "height": 1920})
    page = context.new_page()
    errors = watch(page)
    open_kiosk(page, server.base, "?lang=en")
    page.click("button[data-lang=zh-Hant]")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    page.locator("#nelm-topics .tile", has_text="哪種治療適合我").click()
    start = page.locator(".msg.bot .choice", has_text="對我來說什麼重要")
    expect(start.last).to_be_visible(timeout=REPLY_TIMEOUT)
    settle(page)
    assert axe_violations(page) == []

    # "What matters to me": five questions, one tap each (one of them skipped).
    tap(page, "對我來說什麼重要")
    taps = [
        "我儘量不想做",
        "跳過",
        "我想選研究最充分的方法",
        "緩解症狀",
        "我希望在離家近的地方治療",
    ]
    for number, title in enumerate(taps, start=1):
        question = page.locator(".msg.bot .body").last
        expect(question).to_contain_text(f"第{number}題，共5題")
        assert_traditional(question.inner_text())
        assert_big_choices(page)
        assert axe_violations(page) == []
        tap(page, title)
    result = page.locator(".msg.bot .body").last
    expect(result).to_contain_text("謝謝")
    expect(result).to_contain_text("大手術")
    expect(result).to_contain_text("這不是治療建議")
    expect(result.locator("li")).to_have_count(4)  # one skipped
    expect(page.locator(".msg.bot").last).to_have_attribute("lang", "zh-Hant")
    assert_traditional(result.inner_text())
    shot(page, "values-kiosk-zh-Hant")
    assert axe_violations(page) == []

    # "Check what I learned": after reading a topic, one item.
    page.locator("#nelm-topics .tile", has_text="消融（加熱或冷凍）").click()
    check = page.locator(".msg.bot .choice", has_text="檢查一下我學到了什麼")
    expect(check.last).to_be_visible(timeout=REPLY_TIMEOUT)
    settle(page)
    assert axe_violations(page) == []
    tap(page, "檢查一下我學到了什麼")
    question = page.locator(".msg.bot .body").last
    expect(question).to_contain_text("第1題，共3題")
    expect(question).to_contain_text("消融能處理哪些腫瘤？")
    assert_traditional(question.inner_text())
    assert_big_choices(page)
    assert axe_violations(page) == []
    tap(page, "小腫瘤，通常不超過3 cm")
    marked = page.locator(".msg.bot .body", has_text="答對了").last
    expect(marked).to_be_visible()
    expect(marked).to_contain_text("來源")
    assert_traditional(marked.inner_text())
    expect(page.locator(".msg.bot .choice", has_text="閱讀：").last).to_be_visible()
    expect(page.locator(".msg.bot .body").last).to_contain_text("第2題，共3題")
    shot(page, "quiz-kiosk-zh-Hant")
    assert axe_violations(page) == []
    assert errors == [] and csp_violations(page) == []
    context.close()
