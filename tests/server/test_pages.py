import json
import re
import urllib.request
from email.message import Message

import pytest
import yaml

from bot.server import pages as web
from bot.server.pages import WebPages
from bot.tools.devserver import http_status
from tests.conftest import ROOT


def test_every_label_is_translated():
    en, zh = web.strings("en"), web.strings("zh")
    assert en.keys() == zh.keys()
    untranslated = [k for k in en if en[k] == zh[k] and k != "title"]
    assert untranslated == []
    assert all(re.search("[\u4e00-\u9fff]", v) for k, v in zh.items() if k != "title")
    assert "not a doctor" in en["notice"] and "emergency" in en["notice"]
    assert "不是医生" in zh["notice"] and "急救" in zh["notice"]


def test_topic_menu_matches_the_bots_menu(kb):
    menu = web.topic_menu(kb, "zh")
    assert [t["topic"] for t in menu] == [t.id for t in kb.menu_topics()]
    assert all(t["payload"].startswith("/ask_more{") for t in menu)
    assert any(t["title"] == "肝移植" for t in menu)


def test_questions_sheet(kb):
    sheet = web.questions_sheet(kb, "resection", "zh")
    assert sheet["heading"] == "要问医疗团队的问题"
    assert sheet["title"] == "手术切除" and "来源" in sheet["text"]
    english = web.questions_sheet(kb, "resection", "en")
    assert "Source:" in english["text"]
    assert web.questions_sheet(kb, "nope", "en") is None
    assert web.questions_sheet(kb, "glossary", "en") is None  # no questions part


def test_qr_code_is_a_standalone_svg():
    svg = web.qr_svg("https://guide.example.org/chat")
    assert svg.startswith("<?xml") and 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert "<title>https://guide.example.org/chat</title>" in svg


def test_page_config_and_rendering(kb):
    config = web.page_config(kb, "kiosk", "zh-CN", "http://x/chat", 45)
    assert config["lang"] == "zh" and config["kioskTimeout"] == 45
    assert config["persist"] is False  # the kiosk keeps nothing in the browser
    assert web.page_config(kb, "page", None, "http://x/chat")["persist"] is True
    html = web.render_page(config)
    assert '<html lang="zh-Hans">' in html and "NELM 助手" in html
    with pytest.raises(ValueError):
        web.page_config(kb, "nope", None, "")


def test_script_json_cannot_close_the_script_element():
    text = web.script_json({"a": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["a"].startswith("</script>")


def test_widget_script_carries_its_words():
    script = web.render_widget()
    assert "打开 NELM 助手聊天" in script and "Open the NELM Guide chat" in script
    assert "${" not in script


def test_kiosk_timeout_from_the_environment_wins(monkeypatch):
    monkeypatch.setenv("KIOSK_TIMEOUT", "30")
    assert WebPages(kiosk_timeout=90).kiosk_timeout == 30
    monkeypatch.delenv("KIOSK_TIMEOUT")
    assert WebPages().kiosk_timeout == 90
    with pytest.raises(ValueError):
        WebPages(kiosk_timeout=0)


def _frame_ancestors(pages: WebPages) -> str:
    policy = pages._headers(html=True)["Content-Security-Policy"]
    return policy.split("frame-ancestors", 1)[1].strip()


def test_only_the_bots_own_pages_may_frame_the_chat_by_default(monkeypatch):
    monkeypatch.delenv("WIDGET_ORIGINS", raising=False)
    assert _frame_ancestors(WebPages()) == "'self'"
    # As shipped in credentials.yml.
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text("utf-8"))
    shipped = WebPages.from_credentials(credentials.get("bot.server.pages.WebPages"))
    assert _frame_ancestors(shipped) == "'self'"


def test_widget_origins_allow_the_clinics_site(monkeypatch):
    monkeypatch.setenv("WIDGET_ORIGINS", "'self'  https://www.clinic.example")
    assert _frame_ancestors(WebPages()) == "'self' https://www.clinic.example"
    for bad in ("https://a.example; script-src *", "https://a.example,https://b"):
        monkeypatch.setenv("WIDGET_ORIGINS", bad)
        with pytest.raises(ValueError):
            WebPages()


def test_qr_code_only_with_a_configured_public_url(monkeypatch):
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    pages = WebPages()
    assert pages.chat_url() is None
    assert pages.qr_response().status == 404
    kiosk = pages._render_page("kiosk", "en")
    assert "qr.svg" not in kiosk and 'class="phone"' not in kiosk
    assert '"chatUrl":null' in kiosk

    monkeypatch.setenv("PUBLIC_URL", "https://guide.clinic.example/")
    pages = WebPages(public_url="https://ignored.example")
    assert pages.chat_url() == "https://guide.clinic.example/chat"
    answer = pages.qr_response()
    assert answer.status == 200
    assert b"<title>https://guide.clinic.example/chat</title>" in answer.body
    kiosk = pages._render_page("kiosk", "en")
    assert 'src="kiosk/qr.svg"' in kiosk and "$phone" not in kiosk
    monkeypatch.setenv("PUBLIC_URL", "guide.clinic.example")
    with pytest.raises(ValueError):
        WebPages()


def test_vendor_libraries_are_installed_from_npm():
    assert web.vendor_missing() == []


# ---- the routes, on the running bot -------------------------------------------


def fetch(url: str) -> tuple[int, Message, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.parametrize("path", ["/chat", "/chat?embed=1&lang=zh", "/kiosk"])
def test_pages_are_served_with_a_strict_policy(server, path):
    status, headers, body = fetch(server.base + path)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    # No CDN: every script and stylesheet comes from the bot itself.
    assert not re.search(rb"""(src|href)=["']https?://""", body)


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/widget.js", "javascript"),
        ("/web/nelm-chat.js", "javascript"),
        ("/web/nelm-chat.css", "css"),
        ("/web/vendor/marked.js", "javascript"),
        ("/web/vendor/purify.js", "javascript"),
        ("/kiosk/qr.svg", "svg"),
    ],
)
def test_assets_are_served_locally(server, path, kind):
    status, headers, body = fetch(server.base + path)
    assert status == 200 and kind in headers["Content-Type"] and body


def test_qr_code_links_to_the_chat_page(server):
    _, _, body = fetch(server.base + "/kiosk/qr.svg")
    assert f"<title>{server.base}/chat</title>".encode() in body


def test_qr_code_ignores_the_host_header(server):
    # Anyone can send any Host: the QR code must not point phones there.
    assert server.env["PUBLIC_URL"] == server.base
    request = urllib.request.Request(
        server.base + "/kiosk/qr.svg", headers={"Host": "evil.example"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    assert b"evil.example" not in body
    assert f"<title>{server.base}/chat</title>".encode() in body


def test_pages_may_be_framed_only_by_the_bot_itself_by_default(server):
    # The shared bot sets no WIDGET_ORIGINS (tests/system/test_browser.py
    # embeds the widget on another site with a bot that lists it).
    for path in ("/chat?embed=1", "/chat", "/kiosk"):
        _, headers, _ = fetch(server.base + path)
        policy = headers["Content-Security-Policy"]
        assert policy.endswith("frame-ancestors 'self'"), policy


def test_questions_json(server):
    status, _, body = fetch(
        server.base + "/kiosk/questions.json?topic=ablation&lang=zh"
    )
    assert status == 200 and "消融" in json.loads(body)["title"]
    assert fetch(server.base + "/kiosk/questions.json?topic=x")[0] == 404


@pytest.mark.parametrize(
    "path", ["/web/../bot/settings.py", "/web/package.json", "/web/vendor/axe.js"]
)
def test_nothing_else_is_served(server, path):
    assert http_status(server.base + path) == 404
