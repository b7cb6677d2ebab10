import pytest

from bot.core.language import detect_language, has_cjk, normalise, requested_language


@pytest.mark.parametrize(
    ("text", "current", "expected"),
    [
        ("What is a carcinoid crisis?", None, "en"),
        ("什么是类癌危象？", None, "zh"),
        ("什么是类癌危象？", "en", "zh"),
        ("What are the risks?", "zh", "en"),
        ("TACE 是什么", "en", "zh"),
        ("Y90 副作用", "en", "zh"),
        ("TACE", "zh", "zh"),
        ("TACE", "en", "en"),
        ("TACE?", None, "en"),
        ("ok", "zh", "zh"),
        ("👍", "zh", "zh"),
        ("2", "zh", "zh"),
        ("", "zh", "zh"),
        (None, None, "en"),
        ("hello there", "zh", "en"),
        ("中文", "en", "zh"),
        ("请用中文", "en", "zh"),
        ("English please", "zh", "en"),
        ("English", "zh", "en"),
        ("请用英文回答", "zh", "en"),
        ("用英语", "zh", "en"),
        ("can you answer in Chinese", "en", "zh"),
        ("switch to Mandarin", "en", "zh"),
        # A button's payload is not the user's words: the language stays.
        ('/ask_more{"topic": "transplant", "section": "overview"}', "zh", "zh"),
        ('/feedback{"helpful": "yes", "topic": "ablation"}', "zh", "zh"),
        ("/show_menu", "zh", "zh"),
        ('/ask_more{"topic": "transplant"}', "en", "en"),
        ("/ what is TACE", "zh", "en"),
    ],
)
def test_detect_language(text, current, expected):
    assert detect_language(text, current) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中文", "zh"),
        ("请用中文", "zh"),
        ("换成中文吧", "zh"),
        ("Chinese please", "zh"),
        ("English please", "en"),
        ("切换到英文", "en"),
        ("What is TACE?", None),
        ("Is this written in plain words?", None),
        ("中文资料在哪里可以找到更多的说明和解释呢", None),
    ],
)
def test_requested_language(text, expected):
    assert requested_language(text) == expected


def test_has_cjk_ignores_fullwidth_punctuation():
    assert has_cjk("手术")
    assert not has_cjk("？！")
    assert not has_cjk("TACE?")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("zh-CN", "zh"),
        ("zh_Hans", "zh"),
        ("en-GB", "en"),
        ("English", "en"),
        ("fr", None),
        (None, None),
    ],
)
def test_normalise(code, expected):
    assert normalise(code) == expected
