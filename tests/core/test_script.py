from bot.core.script import is_simplified, is_traditional, to_simplified


def test_traditional_is_read_as_simplified():
    text = "我爸爸的神經內分泌瘤轉移到肝臟，可以做手術嗎？"
    assert is_traditional(text) and not is_simplified(text)
    assert to_simplified(text) == "我爸爸的神经内分泌瘤转移到肝脏，可以做手术吗？"


def test_simplified_and_shared_characters_are_unchanged():
    assert to_simplified("这个手术危险吗") == "这个手术危险吗"
    assert is_simplified("这个手术危险吗") and not is_traditional("这个手术危险吗")
    assert not is_traditional("好的") and not is_simplified("好的")
    assert to_simplified("TACE") == "TACE"
    assert to_simplified(None) == ""


def test_taiwan_medical_words_become_the_mainland_words():
    assert to_simplified("電燒會痛嗎") == "射频消融会痛吗"
    assert to_simplified("胰臟的腫瘤") == "胰腺的肿瘤"


def test_everyday_cantonese_is_read_as_mandarin():
    assert to_simplified("類癌危象係咩") == "类癌危象是什么"
    assert to_simplified("有咩症狀？") == "有什么症状？"
    assert to_simplified("係唔係要開刀") == "是不是要开刀"
    # 系 alone is part of Mandarin words (关系) and stays.
    assert to_simplified("關係") == "关系"


def test_a_zhuyin_sign_typed_for_a_particle_is_read_as_it():
    assert to_simplified("會痛ㄇ") == "会痛吗"
    assert to_simplified("有效ㄇ") == "有效吗"
    assert to_simplified("那是什麼ㄚ") == "那是什么啊"
