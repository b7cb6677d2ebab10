import pytest

from bot.core.redact import redact

REDACTED_EN = [
    ("email me at jane.doe@example.com please", "email me at [email] please"),
    ("my email is J_Smith+nets@mail.co.uk", "my email is [email]"),
    ("call me on 07700 900123", "call me on [phone]"),
    ("my number is +44 20 7946 0958", "my number is [phone]"),
    ("phone (020) 7946-0958 after 5", "phone [phone] after 5"),
    ("reach me at 555-123-4567", "reach me at [phone]"),
    ("my hospital number is 9434765919", "my hospital number is [phone]"),
    ("MRN 12345678 had TACE", "MRN [phone] had TACE"),
    ("patient id A1234567 asked", "patient id [id] asked"),
    ("ref MRN00123456X", "ref [id]"),
    ("my name is John Smith and I had surgery", "my name is [name] and I had surgery"),
    ("My name is mary, what is TACE", "My name is [name], what is TACE"),
    ("i am called Ahmed", "i am called [name]"),
    ("hi, my name's Li Wei", "hi, my name's [name]"),
]
KEPT_EN = [
    "what is the 5-year survival after surgery?",
    "is Y-90 better than TACE?",
    "my Ki-67 is 15%, what does that mean",
    "753 patients had surgery or IAT",
    "survival was 123 months",
    "between 1985 and 2010",
    "is COVID-19 a risk for surgery",
    "I have G3 NET in segment 4",
    "my name is not important, what is RFA?",
]
REDACTED_ZH = [
    ("我的邮箱是 wang.fang@example.cn", "我的邮箱是 [email]"),
    ("我的电话是13812345678", "我的电话是[phone]"),
    ("请打 138 1234 5678 联系我", "请打 [phone] 联系我"),
    ("座机 010-6512-3456", "座机 [phone]"),
    ("我的身份证号 11010519491231002X", "我的身份证号 [id]"),
    ("住院号 20231234567", "住院号 [phone]"),
    ("病历号AB123456", "病历号[id]"),
    ("我叫张三，想问手术", "我叫[name]，想问手术"),
    ("你好，我叫李小明", "你好，我叫[name]"),
    ("我的名字是王芳", "我的名字是[name]"),
    ("我姓陈，做过栓塞", "我姓[name]，做过栓塞"),
    ("本人叫赵六", "本人叫[name]"),
    ("我叫欧阳娜娜", "我叫[name]娜"),
]
KEPT_ZH = [
    "钇-90的副作用是什么",
    "Ki-67是15%正常吗",
    "753名患者的研究",
    "5年生存率是多少",
    "我叫了救护车",
    "我叫不醒他",
    "1985到2010年的研究",
    "G3肿瘤能手术吗",
    "我在第4段有肿瘤",
]


@pytest.mark.parametrize(("text", "expected"), REDACTED_EN + REDACTED_ZH)
def test_identifiers_are_replaced(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", KEPT_EN + KEPT_ZH)
def test_near_misses_are_kept(text):
    assert redact(text) == text
