"""The care of another illness, told from questions of ours (core/scope)."""

import pytest

from bot.core.scope import asks_other_care, load_other_care


@pytest.mark.parametrize(
    "text",
    [
        "What's the usual metformin dose for type 2 diabetes?",
        "how do I manage my mum's type 2 diabetes",
        "What's the best diet to manage my type 2 diabetes?",
        "我阿公的糖尿病要怎麼控制飲食",
        "我老公感冒咳嗽食咩藥好",
        "Which tablets are best for high blood pressure?",
    ],
)
def test_an_illness_and_its_care_asked_together(text):
    assert asks_other_care(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "she has diabetes, is that a problem?",  # no care asked
        "how much liver has to be left?",  # no other illness
        "how much insulin does an insulinoma make?",  # the NET itself
        "my dad has a NET and diabetes, how do we control his sugar",
        "糖尿病会影响肝移植吗",  # the liver
        "diabetic and scared of the crisis, what dose of octreotide?",
        # the person's NET, its symptoms, medicines and tests (a review)
        "how to control diarrhoea, I'm diabetic",
        "should I take my statin with everolimus?",
        "my mum has diabetes, how much fasting is needed before the scan?",
        "我有哮喘，潮红的时候该吃什么药",
        "感冒了，还要打长效针吗，剂量要减吗",
        # a word inside another is not the word
        "how do I manage the coldness in my hands",
    ],
)
def test_not_the_care_of_another_illness(text):
    assert not asks_other_care(text)


def test_the_words_are_data():
    words = load_other_care()
    assert words.illness.found("metformin") and words.care.found("dose")
    assert not words.illness.found("metformins")
