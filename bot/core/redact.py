"""Remove identifiers from a patient's message before it is kept for review.

Kept questions help staff find gaps in the content, so the words matter but
the person must not be identifiable. Replaced: e-mail addresses, phone
numbers, long digit runs, ID-like codes, and the name after "my name is" /
"我叫". Medical figures such as "Y-90", "Ki-67", "90%" or "753 patients" stay.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# ASCII look-arounds, so "电话是13812345678" still counts as a separate number.
_START, _END = r"(?<![A-Za-z0-9.])", r"(?![A-Za-z0-9])"
# Digits in groups separated by single spaces, dots or dashes, optionally with
# a leading + and an area code in brackets: 8 or more digits in all.
PHONE = re.compile(_START + r"\+?(?:\(\d{1,5}\)[\s.-]?)?\d(?:[\s.-]?\d){7,}" + _END)
LONG_DIGITS = re.compile(r"(?<!\d)\d{6,}(?!\d)")
# Letters and digits mixed, 6+ characters, 3+ digits: MRN12345, A1234567X.
ID_LIKE = re.compile(
    _START
    + r"(?=[A-Za-z0-9-]*\d[A-Za-z0-9-]*\d[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Za-z])"
    + r"[A-Za-z0-9][A-Za-z0-9-]{5,}"
    + _END
)
_NAME_WORD = r"(?!(?:and|but|i|im|not|what|who|how|from|here)\b)[^\W\d_]+"
NAME_EN = re.compile(
    r"\b(my name is|my name's|i am called|i'm called)\s+"
    + rf"({_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,2}})",
    re.IGNORECASE | re.UNICODE,
)
# "我叫张三" but not "我叫了救护车" or "我叫不醒他".
NAME_ZH = re.compile(
    r"(我叫|我的名字是|我的名字叫|本人叫|我姓)(?![了过不醒他她人医救车])([\u4e00-\u9fff]{1,3})"
)


def redact(text: str) -> str:
    """The message with identifiers replaced by [email], [phone], [id], [name]..."""
    text = EMAIL.sub("[email]", text)
    text = ID_LIKE.sub("[id]", text)
    text = PHONE.sub("[phone]", text)
    text = LONG_DIGITS.sub("[number]", text)
    text = NAME_EN.sub(lambda m: f"{m.group(1)} [name]", text)
    return NAME_ZH.sub(lambda m: f"{m.group(1)}[name]", text)
