"""Hedges: words that mark a statement as unverified ("unconfirmed information",
"has not been confirmed by Ukrainian authorities", "معلومات غير مؤكدة", "لم تؤكده السلطات").

A claim with a hedge is suggested with status "unverified". Each hedge is a span that ends
where its clause ends: an agent ("by Ukrainian authorities", "السلطات الأوكرانية") belongs to
the hedge, because who did not confirm it is what the reader weighs.
"""

from __future__ import annotations

import re

from qarin.core.document import Lang, Span

# The rest of a clause: words up to punctuation, at most ``n`` of them. Clause words
# ("which", "but", "و...") are not crossed either.
_PUNCT = r"[^\s.,;:!?()\[\]«»\"“”،؛؟]"


def _tail(n: int, stop: str) -> str:
    word = rf"(?!(?:{stop})\b){_PUNCT}+"
    return rf"(?:\s+{word}){{0,{n}}}"


_EN_STOP = "which|who|that|but|and|while|although|as|since|because|so|or|nor"
_AR_STOP = "التي|الذي|الذين|حيث|لكن|بينما|حتى|أن|إن|ثم"

# Kinds of unverified information (after "unconfirmed", "unverified" ...).
_EN_NOUNS = (
    r"information|reports?|claims?|news|accounts?|allegations?|rumou?rs?|footage|videos?|"
    r"images?|photos?|figures?|data|sources?|statements?|assertions?|details|numbers"
)
_EN_MODIFIERS = r"media|press|news|local|social\s+media|official|intelligence|initial|early"
_EN_NEG_FORMS = (
    r"(?:(?:has|have|had|was|were|is|are|could|can|would|did|does|do|may|might)\s+not|"
    r"hasn't|haven't|hadn't|wasn't|weren't|isn't|aren't|couldn't|can't|cannot|didn't|"
    r"doesn't|was\s+unable\s+to|were\s+unable\s+to|is\s+unable\s+to|not)"
)
_EN_ADVERBS = r"(?:yet|independently|officially|immediately|fully|separately)\s+"
_EN_VERIFY = r"(?:confirm(?:ed)?|verif(?:y|ied)|substantiated?|corroborated?|authenticated?)"

EN_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # "according to unconfirmed reports", "unverified social media footage"
        rf"\b(?:according\s+to\s+)?(?:un(?:confirmed|verified|substantiated|corroborated)|"
        rf"unsubstantiated)\b(?:\s+(?:{_EN_MODIFIERS}))?(?:\s+(?:{_EN_NOUNS})\b)?",
        # "has not been confirmed by Ukrainian authorities", "could not be independently
        # verified", "Reuters could not independently verify the report"
        rf"\b{_EN_NEG_FORMS}\s+(?:{_EN_ADVERBS})*(?:been\s+|be\s+)?(?:{_EN_ADVERBS})*"
        rf"{_EN_VERIFY}\b(?:\s+by{_tail(6, _EN_STOP)}|{_tail(4, _EN_STOP)})",
        r"\b(?:reportedly|allegedly|purportedly|supposedly|apparently)\b",
        # the adjective ("the alleged attack"), not the verb ("she alleged that")
        r"\b(?:the|an|his|her|their|its)\s+alleged\b",
        r"\b(?:is|are|was|were)\s+(?:said|believed|rumou?red|thought|claimed|alleged)\s+to\b",
        r"\bwithout\s+(?:providing\s+|offering\s+|giving\s+|citing\s+)?(?:any\s+)?"
        r"(?:evidence|proof)\b",
    )
)

# Arabic: hamza seats vary (أ/ا), so the patterns accept both; tashkeel is rare in news.
_A = "[أاإآ]"
_AR_NOUNS = (
    "معلومات|أنباء|انباء|تقارير|أخبار|اخبار|روايات|مزاعم|ادعاءات|إدعاءات|بيانات|أرقام|"
    "ارقام|صور|مقاطع|مصادر|تصريحات|شائعات|إشاعات|اشاعات"
)
_AR_NOT_VERIFIED = "مؤكد[ةه]?|موثق[ةه]?|مثبت[ةه]?|مؤكد[ةه]?\\s+رسمي(?:ا|اً|ًا)"
AR_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # "معلومات غير مؤكدة", "أنباء غير موثقة" (the noun is optional: "لا تزال غير مؤكدة")
        # (one adjective may sit between: "تقارير إعلامية غير مؤكدة")
        rf"(?:(?<![^\s(«\"“])(?:(?:ب|و|وب)?(?:ال)?(?:{_AR_NOUNS}))(?:\s+{_PUNCT}+)??\s+)?"
        rf"غير\s+(?:{_AR_NOT_VERIFIED})",
        # "لم تؤكده السلطات الأوكرانية", "لم يتم التأكد من ...", "لم تتأكد صحة ..."
        rf"(?<![^\s(«\"“])[وف]?لم\s+(?:[تي]ؤكد|[تي]ثبت|[تي]تأكد|[تي]تحقق|[تي]صادق|"
        rf"يتم\s+(?:ال)?(?:تأكيد|تأكد|تحقق|تثبت))\w*{_tail(5, _AR_STOP)}",
        # "لم يتسن التحقق ...", "لم تتمكن رويترز من التحقق ...", "تعذر التحقق", "لا يمكن التحقق"
        rf"(?<![^\s(«\"“])[وف]?(?:لم\s+(?:يتسن[ىّ]?|تتمكن|يتمكن)|تعذر|يتعذر|لا\s+يمكن|يصعب)"
        rf"(?:\s+{_PUNCT}+){{0,3}}?\s+(?:من\s+)?(?:ال)?(?:تحقق|تأكد|تأكيد|توثيق)\w*"
        rf"{_tail(4, _AR_STOP)}",
        # "بحسب مزاعم", "يزعم", "يُزعم", "المزعومة" (bare مزاعم "allegations" names a
        # subject of the text, not a doubt about it)
        r"(?<![^\s(«\"“])[وف]?(?:ب?حسب|وفق(?:ا|اً)?|طبق(?:ا|اً)?)\s+(?:مزاعم|ادعاءات)"
        r"(?=[\s.,،؛:]|$)",
        r"(?<![^\s(«\"“])[وف]?(?:[يت]ُ?زعم\w*|ال?مزعوم(?:ة|ين|ون)?)",
        r"على\s+ما\s+يبدو",
        rf"(?:دون|بدون|بلا)\s+(?:تقديم\s+|{_A}ن\s+يقدم\w*\s+)?(?:أي\s+|اي\s+)?"
        rf"(?:{_A}دلة|دليل(?:ا|اً)?|براهين)",
    )
)


def find_hedges(text: str, lang: Lang, start: int = 0, end: int | None = None) -> list[Span]:
    """Hedge spans inside ``text[start:end]``, longest first where two overlap, in text order."""
    stop = len(text) if end is None else end
    patterns = AR_PATTERNS if lang == "ar" else EN_PATTERNS
    found: list[tuple[int, int]] = []
    for pattern in patterns:
        for m in pattern.finditer(text, start, stop):
            a, b = m.start(), m.end()
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                found.append((a, b))
    kept: list[tuple[int, int]] = []
    for a, b in sorted(found, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(b <= ka or a >= kb for ka, kb in kept):
            kept.append((a, b))
    return [Span(lang, a, b) for a, b in sorted(kept)]
