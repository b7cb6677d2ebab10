import pytest

from bot.core.safety import Level, assess, tokens

EMERGENCIES_EN = [
    "I had TACE yesterday and now I'm flushing and wheezing",
    "I'm flushing and wheezing",
    "my face is really red and I can't breathe",
    "my face went red and hot after the embolization",
    "flushing and wheezing",
    "I'm wheezing badly",
    "I cant breath",
    "i can not breathe properly",
    "I'm short of breath after the procedure",
    "my heart is racing",
    "heart racing and I feel sick",
    "my heart is pounding since the procedure",
    "I have palpitations and feel awful",
    "my heartbeat is irregular",
    "I have a fast heart beat and I'm dizzy",
    "my blood pressure dropped",
    "my BP is low and I feel weak",
    "I feel faint",
    "I fainted this morning",
    "my husband passed out",
    "my dad collapsed after his operation",
    "she is unconscious",
    "mum is very confused after the surgery",
    "he is disoriented and not making sense",
    "I have severe diarrhea and feel weak",
    "the diarrhoea won't stop",
    "I have chest pain",
    "crushing chest pains",
    "I'm bleeding heavily from the wound",
    "vomiting blood",
    # typos and lay words
    "im flushng and wheezng",
    "wheesing after tace",
    "my hart is raceing",
    "I'm having palpitatons",
    "feeling very dizzy and faint",
    "Why am I flushing?",
    "Is it normal that I am wheezing right now?",
]

EMERGENCIES_ZH = [
    "我昨天做了栓塞，现在脸发红、喘不上气",
    "我脸很红，喘不过气",
    "脸红，气喘",
    "我喘不上来",
    "我呼吸困难",
    "我透不过气",
    "我憋气",
    "我喘得厉害",
    "我心跳很快",
    "心跳好快，很难受",
    "我心慌",
    "我心悸",
    "我心跳不规律",
    "我心律不齐",
    "我血压很低",
    "我的血压下降了",
    "我快晕了",
    "我晕倒了",
    "我爸昏过去了",
    "我妈叫不醒",
    "她神志不清",
    "他意识模糊，说胡话",
    "我一直拉肚子，拉得很厉害",
    "严重腹泻",
    "我胸口痛",
    "胸痛",
    "伤口大出血",
    "我吐血了",
    "做完手术后我满脸通红",
    "我现在面部潮红",
    # typos
    "我喘不上起",
    "刚才头很晕，快晕倒了",
    "为什么我现在脸发红？",
]

# Questions about a symptom: answer, and add the warning line.
WARNINGS = [
    "What is flushing?",
    "what does wheezing mean?",
    "Can TACE cause flushing?",
    "Will I get palpitations after surgery?",
    "Is flushing after embolization normal?",
    "What are the symptoms of low blood pressure?",
    "flushing是什么意思？",
    "脸红是什么意思？",
    "做完栓塞会不会脸红？",
    "心悸是什么？",
    "我想知道潮红是什么意思",
    "如果手术后呼吸困难怎么办？",
]

# Nothing urgent in these: no warning either.
NONE = [
    "What is a carcinoid crisis?",
    "What are the symptoms of a carcinoid crisis?",
    "What are the risks of surgery?",
    "How is resection done?",
    "I'm confused about the options",
    "I'm a bit confused by all this",
    "Which treatment should I have?",
    "什么是类癌危象？",
    "类癌危象有哪些症状？",
    "手术有什么风险？",
    "我搞糊涂了",
    "现在几点了？",
    "",
    "   ",
    "TACE",
]


@pytest.mark.parametrize("text", EMERGENCIES_EN + EMERGENCIES_ZH)
def test_emergencies_are_caught(text):
    result = assess(text)
    assert result.level is Level.EMERGENCY, result
    assert result.matched


def test_at_least_thirty_phrasings_per_language():
    assert len(EMERGENCIES_EN) >= 30
    assert len(EMERGENCIES_ZH) >= 30


@pytest.mark.parametrize("text", WARNINGS)
def test_questions_about_symptoms_get_a_warning(text):
    assert assess(text).level is Level.WARNING


@pytest.mark.parametrize("text", NONE)
def test_ordinary_questions_are_not_flagged(text):
    assert assess(text).level is Level.NONE


def test_tokens_drop_apostrophes_and_split_chinese():
    assert tokens("I can't breathe") == ["i", "cant", "breathe"]
    assert tokens("I cannot") == ["i", "cant"]
    assert tokens("flushing是什么") == ["flushing"]
