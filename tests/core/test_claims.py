"""Claim suggestions: reporting cues, hedges, claimants and the stage that ties them to beads."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qarin.core.analysis import analyse
from qarin.core.claims.claimant import ANAPHOR, find_claimant
from qarin.core.claims.cues import find_cues, main_cue, tokenize
from qarin.core.claims.hedges import find_hedges
from qarin.core.claims.stage import add_claim_suggestions
from qarin.core.document import BilingualDocument, Lang
from qarin.core.model import Analysis, EntityMention


def cue_of(text: str, lang: Lang) -> str | None:
    tokens = tokenize(text)
    cue = main_cue(find_cues(text, lang, tokens), tokens, text)
    return None if cue is None else text[cue.span.start : cue.span.end]


def hedges_of(text: str, lang: Lang) -> list[str]:
    return [text[s.start : s.end] for s in find_hedges(text, lang)]


def claimant_of(text: str, lang: Lang, mentions: tuple[EntityMention, ...] = ()) -> object:
    tokens = tokenize(text)
    cue = main_cue(find_cues(text, lang, tokens), tokens, text)
    assert cue is not None, text
    found = find_claimant(text, lang, tokens, cue, mentions)
    if found is None or found is ANAPHOR:
        return found
    return found.value


def suggest(ar: list[str], en: list[str], mentions: tuple[EntityMention, ...] = ()) -> tuple[
    BilingualDocument, Analysis
]:
    doc = BilingualDocument.from_paragraphs(ar, en)
    analysis = analyse(doc, entities=False)
    if mentions:
        analysis = Analysis(analysis.sentences, analysis.beads, entities=mentions)
    return doc, add_claim_suggestions(doc, analysis)


# --- cues ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Zelensky said in a speech that talks would start.", "said"),
        ("He added: The Russians must see the consequences.", "added"),
        ("Zelensky announced late at night (Wednesday) that negotiators will travel.", "announced"),
        ("Police say the man was armed.", "say"),
        ("The attack killed five people, according to the ministry.", "according to"),
        ("Officials pointed out that the road was closed.", "pointed out"),
        # The participle continues the main verb; it is never the cue.
        ("Zelensky announced a plan that day, stating that the goal is speed.", "announced"),
        ('"They said no," he added.', "added"),
        ("The ministry issued a statement saying that the road was closed.", "saying"),
    ],
)
def test_english_main_cue(text: str, cue: str) -> None:
    assert cue_of(text, "en") == cue


@pytest.mark.parametrize(
    "text",
    [
        "The bridge was closed for repairs on Monday.",
        "The said agreement expired in May.",  # adjective
        "The report has not been confirmed by the authorities.",  # passive: a hedge
        "He added five points in the second half.",  # no reporting complement
        "Needless to say, the match was cancelled.",
        "Discrimination is said to be rife.",
    ],
)
def test_english_no_cue(text: str) -> None:
    assert cue_of(text, "en") is None


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("أعلن الرئيس الأوكراني فولوديمير زيلينسكي، في وقت ليل أن المفاوضين سيتوجهون.", "أعلن"),
        ("وقال زيلينسكي في خطاب، إن المسؤولين سيلتقون.", "وقال"),
        ("وأضاف: يجب أن يرى الروس جدية الموقف، متهماً موسكو برفض التفاوض.", "وأضاف"),
        ("ميدانياً، أكد سيرغي ليبيديف، منسق المجموعات، أنه تم استهداف المراكز.", "أكد"),
        ("وأشارت الوزارة إلى أن الطريق مغلق.", "وأشارت"),
        ("قالت المتحدثة إن الاجتماع انتهى.", "قالت"),
        ("ويقول المسؤولون إن الهجوم فشل.", "ويقول"),
        ("قتل خمسة أشخاص بحسب وزارة الصحة.", "بحسب"),
    ],
)
def test_arabic_main_cue(text: str, cue: str) -> None:
    assert cue_of(text, "ar") == cue


@pytest.mark.parametrize(
    "text",
    [
        "أُغلق الجسر يوم الاثنين للصيانة.",
        "وهو ما لم تؤكده السلطات الأوكرانية.",  # negated: a hedge, not a claim
        "مبيناً أن الهدف التحرك بأسرع ما يمكن.",  # participle only
        "يجب أن يرى الروس جدية موقف العالم.",  # يرى "see", after أن
        "أعلن الجيش حالة الطوارئ في المدينة.",  # weak verb, no complement
        "ليس هذا فحسب بل أكثر.",  # فحسب "only" is not ف + حسب
        "رزق الزوجان بابن يدعى روبرت راي إن شاء الله.",  # راي "Ray", not رأى
    ],
)
def test_arabic_no_cue(text: str) -> None:
    assert cue_of(text, "ar") is None


# --- hedges ----------------------------------------------------------------------------


def test_gold_hedges_both_languages() -> None:
    en = (
        "He noted that there is unconfirmed information about a specific headquarters, "
        "which has not been confirmed by Ukrainian authorities."
    )
    assert hedges_of(en, "en") == [
        "unconfirmed information",
        "has not been confirmed by Ukrainian authorities",
    ]
    ar = "وأشار إلى أن هناك معلومات غير مؤكدة تفيد باستهداف مقر، وهو ما لم تؤكده السلطات الأوكرانية."
    assert hedges_of(ar, "ar") == ["معلومات غير مؤكدة", "لم تؤكده السلطات الأوكرانية"]


@pytest.mark.parametrize(
    ("text", "lang", "hedges"),
    [
        ("The video could not be independently verified.", "en", ["could not be independently verified"]),
        ("Troops reportedly crossed the river.", "en", ["reportedly"]),
        ("According to unconfirmed reports, two died.", "en", ["According to unconfirmed reports"]),
        ("She was hurt in the alleged attack.", "en", ["the alleged"]),
        ("The ministry said the road is closed.", "en", []),
        ("لم يتسن التحقق من صحة هذه المعلومات.", "ar", ["لم يتسن التحقق من صحة هذه المعلومات"]),
        ("ووقع الهجوم المزعوم ليلاً.", "ar", ["المزعوم"]),
        ("وقال بحسب مزاعم الجيش إن القصف استمر.", "ar", ["بحسب مزاعم"]),
        ("لم يتمكن الفريق من الفوز.", "ar", []),  # "could not win" doubts nothing
        ("وقال الوزير إن الطريق مغلق.", "ar", []),
    ],
)
def test_hedges(text: str, lang: Lang, hedges: list[str]) -> None:
    assert hedges_of(text, lang) == hedges


# --- claimants -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Ukrainian President Volodymyr Zelensky announced that talks begin.", "Volodymyr Zelensky"),
        (
            "On the ground, Sergey Lebedev, coordinator of pro-Russian groups in Mykolaiv Oblast, "
            "confirmed that centres were hit.",
            "Sergey Lebedev",
        ),
        ("The Kremlin spokesman, Dmitry Peskov, said the talks failed.", "Dmitry Peskov"),
        ("Dmitry Peskov, spokesman for Vladimir Putin, said the talks failed.", "Dmitry Peskov"),
        ('"We will win," said Zelensky.', "Zelensky"),
        ("Five people died in the fire, the company said.", "the company"),
        ("State Department officials said the talks failed.", "State Department officials"),
        ("The attack killed two, according to the Health Ministry.", "Health Ministry"),
        ("Russian Energy Minister Aleksandr Novak said prices would rise.", "Aleksandr Novak"),
        (
            "Narcis Termes, 68, an electrician attending the protest with his wife said he "
            "was no longer hopeful.",
            "Narcis Termes",
        ),
        (
            "Terry Branstad, the U.S. ambassador to China, said Beijing had hurt workers.",
            "Terry Branstad",
        ),
    ],
)
def test_english_claimant_without_entities(text: str, claimant: str) -> None:
    assert claimant_of(text, "en") == claimant


@pytest.mark.parametrize("text", ["He noted that it rained.", "She also said it rained."])
def test_english_pronoun_is_anaphor(text: str) -> None:
    assert claimant_of(text, "en") is ANAPHOR


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("أعلن الرئيس الأوكراني فولوديمير زيلينسكي، في وقت ليل أن المفاوضين سيتوجهون.",
         "فولوديمير زيلينسكي"),
        ("أكد سيرغي ليبيديف، منسق المجموعات، أنه تم استهداف المراكز.", "سيرغي ليبيديف"),
        ("وقال زيلينسكي في خطاب، إن المسؤولين سيلتقون.", "زيلينسكي"),
        ("قال وزير الخارجية الروسي سيرغي لافروف إن المحادثات فشلت.", "سيرغي لافروف"),
        ("وقال مسؤول أمريكي لـ«رويترز» إن الهجوم فشل.", "مسؤول أمريكي"),
        ('وقال اللاعب البالغ من العمر 31 عامًا، "لقد كانت نقطة جيدة".', "اللاعب البالغ"),
        ("أكدت وزارة الدفاع الروسية، في بيان، أن القوات تقدمت.", "وزارة الدفاع الروسية"),
    ],
)
def test_arabic_claimant_without_entities(text: str, claimant: str) -> None:
    assert claimant_of(text, "ar") == claimant


@pytest.mark.parametrize("text", ["وأضاف: يجب أن يرى الروس جدية الموقف.", "وأشار إلى أن هناك معلومات."])
def test_arabic_subjectless_cue_is_anaphor(text: str) -> None:
    assert claimant_of(text, "ar") is ANAPHOR


def test_entity_claimant_prefers_person_in_subject() -> None:
    text = "On the ground, Sergey Lebedev, coordinator of groups in Mykolaiv Oblast, confirmed that X."
    mentions = tuple(
        EntityMention(f"m{n}", "en", text.index(name), text.index(name) + len(name), name,
                      label, link)
        for n, (name, label, link) in enumerate(
            [("Sergey Lebedev", "PERSON", "lebedev"), ("Mykolaiv Oblast", "GPE", "mykolaiv")]
        )
    )
    assert claimant_of(text, "en", mentions) == "lebedev"
    # A mention without a link is a claimant by its text.
    unlinked = tuple(EntityMention(m.id, m.lang, m.start, m.end, m.text, m.label) for m in mentions)
    assert claimant_of(text, "en", unlinked) == "Sergey Lebedev"


def test_arabic_subject_before_the_verb_needs_an_entity() -> None:
    text = "ديفيد باتون، أحد المحامين، قال إنهم يشعرون بخيبة أمل."
    patton = EntityMention("m1", "ar", 0, 11, "ديفيد باتون", "PERSON", "patton")
    assert text[0:11] == "ديفيد باتون"
    assert claimant_of(text, "ar", (patton,)) == "patton"
    assert claimant_of(text, "ar") is ANAPHOR


def _mention(text: str, name: str, label: str, link: str) -> EntityMention:
    start = text.index(name)
    return EntityMention(link, "ar", start, start + len(name), name, label, link)


def test_a_member_of_a_body_is_not_the_body() -> None:
    # "The Ismaily coach said": the club is not the claimant, its coach is.
    text = "وقال مدرب الإسماعيلي إن فريقه استحق الفوز."
    club = _mention(text, "الإسماعيلي", "ORG", "ismaily")
    assert claimant_of(text, "ar", (club,)) == "مدرب الإسماعيلي"
    # A named coach is the claimant; a spokesman speaks for the body.
    named = "وقال مدرب الإسماعيلي حمد إبراهيم إن فريقه استحق الفوز."
    coach = _mention(named, "حمد إبراهيم", "PERSON", "hamad")
    assert claimant_of(named, "ar", (_mention(named, "الإسماعيلي", "ORG", "ismaily"), coach)) == (
        "hamad"
    )
    spokesman = "وقال متحدث باسم الإسماعيلي إن الفريق استحق الفوز."
    assert claimant_of(spokesman, "ar", (_mention(spokesman, "الإسماعيلي", "ORG", "i"),)) == "i"


def test_place_is_claimant_only_as_whole_subject() -> None:
    text = "Officials in Moscow said the talks failed."
    moscow = EntityMention("m1", "en", 13, 19, "Moscow", "GPE", "moscow")
    assert text[13:19] == "Moscow"
    assert claimant_of(text, "en", (moscow,)) == "Officials in Moscow"
    text = "Russia said the talks failed."
    russia = EntityMention("m1", "en", 0, 6, "Russia", "GPE", "russia")
    assert claimant_of(text, "en", (russia,)) == "russia"


# --- the stage -------------------------------------------------------------------------


def test_he_noted_takes_the_previous_speaker() -> None:
    _doc, analysis = suggest([], ["Zelensky said talks begin Friday.", "He noted that it was late."])
    assert [c.claimant for c in analysis.claims] == ["Zelensky", "Zelensky"]


def test_pronoun_beats_a_guessed_arabic_subject() -> None:
    # NTREX: the Arabic words after وقال are the reported clause, not a subject; the English
    # pronoun says the speaker is the previous one.
    ar = [
        'وقال السيد آدامز "إن الأشخاص القدامى قالوا بأنه كان هناك بار وكنيسة في كل ركن".',
        "وقال سبب اختفاء البارات أمر مفهوم.",
    ]
    en = [
        '"The old people I\'ve talked to say there was a bar on every corner," Mr. Adams said.',
        "He said the disappearance of bars was understandable.",
    ]
    _doc, analysis = suggest(ar, en)
    assert [c.claimant for c in analysis.claims] == ["Adams", "Adams"]


def test_arabic_only_document() -> None:
    ar = [
        "أعلن الرئيس الأوكراني فولوديمير زيلينسكي أن المفاوضين سيتوجهون إلى نيويورك.",
        "وأضاف: يجب أن يرى الروس جدية الموقف.",
        "وتستمر الحرب منذ سنوات.",
    ]
    doc, analysis = suggest(ar, [])
    assert [c.sentences for c in analysis.claims] == [("ar:0",), ("ar:1",)]
    assert [c.claimant for c in analysis.claims] == ["فولوديمير زيلينسكي"] * 2
    assert [[doc.text(s) for s in c.cue] for c in analysis.claims] == [["أعلن"], ["وأضاف"]]


def test_surname_takes_earlier_full_name() -> None:
    _doc, analysis = suggest(
        [], ["Volodymyr Zelensky said talks begin.", "Zelensky said they would end soon."]
    )
    assert [c.claimant for c in analysis.claims] == ["Volodymyr Zelensky"] * 2


def test_linked_claimants_and_anaphors_in_both_languages() -> None:
    ar = ["أكد سيرغي ليبيديف أنه تم استهداف المراكز.", "وأشار إلى أن هناك معلومات غير مؤكدة."]
    en = [
        "Sergey Lebedev confirmed that centres were targeted.",
        "He noted that there is unconfirmed information.",
    ]
    mentions = (
        EntityMention("a1", "ar", 4, 17, "سيرغي ليبيديف", "PERSON", "L1"),
        EntityMention("e1", "en", 0, 14, "Sergey Lebedev", "PERSON", "L1"),
    )
    doc, analysis = suggest(ar, en, mentions)
    assert doc.texts["ar"][4:17] == "سيرغي ليبيديف"
    claims = analysis.claims
    assert [c.id for c in claims] == ["s1", "s2"]
    assert [c.claimant for c in claims] == ["L1", "L1"]
    assert all(c.claimant_is_link for c in claims)
    assert [[doc.text(s) for s in c.cue] for c in claims] == [
        ["أكد", "confirmed"], ["وأشار", "noted"]
    ]
    assert claims[1].sentences == ("ar:1", "en:1")
    assert [doc.text(h) for h in claims[1].hedges] == [
        "معلومات غير مؤكدة", "unconfirmed information"
    ]
    assert claims[0].hedges == ()


@pytest.mark.parametrize(
    ("ar", "en", "cues"),
    [
        (["قتل خمسة أشخاص بحسب وزارة الصحة."], ["Five died, according to the Health Ministry."],
         ["بحسب", "according to"]),
        (["وتوزع المساعدات حسب الحاجة ووفقاً للخطة الموضوعة."],
         ["Aid is shared according to need."], []),
    ],
)
def test_source_cues_need_a_source(ar: list[str], en: list[str], cues: list[str]) -> None:
    doc, analysis = suggest(ar, en)
    assert [doc.text(s) for c in analysis.claims for s in c.cue] == cues


def test_no_suggestion_without_a_cue() -> None:
    _doc, analysis = suggest(
        ["أغلق الجسر يوم الاثنين."], ["The bridge was closed on Monday."]
    )
    assert analysis.claims == ()


def test_ids_are_stable_and_spans_slice_back() -> None:
    en = ["The bridge was closed.", "Officials said it would reopen.", "It rained.",
          "The mayor added that repairs cost $5m, reportedly."]
    doc, first = suggest([], en)
    _doc, second = suggest([], en)
    assert first.claims == second.claims
    assert [c.id for c in first.claims] == ["s1", "s2"]
    assert [c.sentences for c in first.claims] == [("en:1",), ("en:3",)]
    for claim in first.claims:
        for span in (*claim.cue, *claim.hedges):
            sentence = next(s for s in first.sentences if s.id in claim.sentences
                            and s.lang == span.lang)
            assert sentence.start <= span.start < span.end <= sentence.end
    assert [doc.text(s) for s in first.claims[1].cue] == ["added"]
    assert [doc.text(s) for s in first.claims[1].hedges] == ["reportedly"]


@given(st.text(alphabet=st.sampled_from(list("ab قالأكدsaid,.:\"« »ًلم")), max_size=80))
def test_any_text_gives_spans_inside_it(text: str) -> None:
    for lang in ("ar", "en"):
        tokens = tokenize(text)
        for cue in find_cues(text, lang, tokens):
            assert 0 <= cue.span.start < cue.span.end <= len(text)
            assert text[cue.span.start : cue.span.end].strip()
        for hedge in find_hedges(text, lang):
            assert 0 <= hedge.start < hedge.end <= len(text)


def test_he_said_is_the_person_the_sentence_opens_with_not_an_earlier_organisation() -> None:
    first = "ظهر المغني في برنامج ساترداي نايت لايف."
    second = "تعرض كاني ويست لاستهجان بعد أن أثنى على دونالد ترامب وقال إنه سيرشح نفسه."
    doc = BilingualDocument.from_paragraphs([first, second], [])
    text = doc.texts["ar"]

    def mention(mid: str, name: str, label: str, link: str) -> EntityMention:
        start = text.index(name)
        return EntityMention(mid, "ar", start, start + len(name), name, label, link)

    mentions = (
        mention("a0", "ساترداي نايت لايف", "ORG", "L0"),
        mention("a1", "كاني ويست", "PERSON", "L1"),
        mention("a2", "دونالد ترامب", "PERSON", "L2"),
    )
    analysis = analyse(doc, entities=False)
    analysis = add_claim_suggestions(doc, Analysis(analysis.sentences, analysis.beads, entities=mentions))
    [claim] = analysis.claims
    assert [doc.text(s) for s in claim.cue] == ["وقال"]
    assert claim.claimant == "L1"  # not Trump, named nearer the verb; not the show


def test_arabic_subject_named_in_an_apposition() -> None:
    text = "أعلن حاكم ولاية أوهايو، السيد مايك دي واين، أن الولاية مددت أمر البقاء في المنزل."

    def mention(name: str, label: str) -> EntityMention:
        start = text.index(name)
        return EntityMention(name, "ar", start, start + len(name), name, label, None)

    mentions = (mention("أوهايو", "GPE"), mention("مايك دي واين", "PERSON"))
    assert claimant_of(text, "ar", mentions) == "مايك دي واين"
    # Without a person between the commas, the subject's own words, as before.
    assert claimant_of(text, "ar", mentions[:1]) == "ولاية أوهايو"
