"""Rule-based Arabic DATE, TIME, PERCENT, MONEY and CARDINAL mentions.

ANERcorp has no such labels, so the network never learns them; they are regular enough in news
text for patterns.  Spans exclude proclitics (وفي 25 → 25, بالمئة stays inside a PERCENT).
Relative days on their own (أمس، اليوم، غداً) are left out: the sample's readers did not mark
them, in either language; a time of day with one (صباح اليوم, "this morning") is a TIME, as
spaCy's English model marks it.
"""

from __future__ import annotations

import re

_D = "[0-9٠-٩]"
_NUM = rf"{_D}+(?:[.,٫٬،]{_D}+)*"
_SCALE = r"(?:ألف|آلاف|الف|مليون|ملايين|مليار|مليارات|بليون|ترليون|تريليون)"
_NUM_PHRASE = rf"{_NUM}(?:\s+{_SCALE})?"
# A left boundary that lets one proclitic through: و25، ب25، ل25، وبـ25.
_LEFT = r"(?:(?<=^)|(?<=[\s(«\"'“/\-])|(?<=[\s(«\"'“][وفبلك])|(?<=[\s(«\"'“]و[بل])|(?<=ـ))"
_RIGHT = r"(?![0-9٠-٩\u0621-\u064a])"

_PART_OF_DAY = r"(?:صباحاً|صباحًا|صباحا|مساءً|مساء|ظهراً|ظهرا|عصراً|عصرا|ليلاً|ليلا)"
_DAYS = r"(?:الأحد|الاحد|الإثنين|الاثنين|الأثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت)"
_TIME_OF_DAY = r"(?:ال)?(?:ليل|ليلة|مساء|صباح|ظهر|ظهيرة|فجر|عصر)(?:اً|ا|ً)?"
_MONTHS_SAFE = (
    r"(?:يناير|فبراير|أبريل|ابريل|إبريل|مايو|يونيو|يونيه|يوليو|يوليه|أغسطس|اغسطس|سبتمبر|"
    r"أكتوبر|اكتوبر|نوفمبر|ديسمبر|كانون الثاني|كانون الأول|شباط|آذار|نيسان|أيار|حزيران|تموز|"
    r"أيلول|تشرين الأول|تشرين الثاني|محرم|ربيع الأول|ربيع الآخر|ربيع الثاني|جمادى الأولى|"
    r"جمادى الآخرة|جمادى الثانية|شعبان|رمضان|شوال|ذو القعدة|ذي القعدة|ذو الحجة|ذي الحجة)"
)
# A day written as an ordinal (الأول من أكتوبر, الحادي والعشرين من سبتمبر) or a part of the
# month (أواخر أغسطس, منتصف مارس): one DATE with the month, as English writes "1 October" and
# "late August", so the two link.
_ORDINAL_DAY = (
    r"(?:ال(?:أول|اول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر)(?:\s+عشر"
    r"|\s+و(?:العشرين|الثلاثين))?|الحادي\s+(?:عشر|والعشرين|والثلاثين)|العشرين|الثلاثين)"
)
_MONTH_PART = r"(?:أوائل|أواخر|أواسط|منتصف|مطلع|بداية|نهاية)"
_DAY_OF = rf"(?:{_D}{{1,2}}\s+|{_ORDINAL_DAY}\s+من\s+(?:شهر\s+)?|{_MONTH_PART}\s+(?:شهر\s+)?)"
# Dates relative to the day of writing and spans of time, which English models tag DATE
# ("last year", "earlier this month", "tomorrow", "two years"): the Arabic needs them too for
# the two to link.
_PERIOD = r"(?:العام|الشهر|الأسبوع|الاسبوع|السنة|الموسم|الصيف|الشتاء|الربيع|الخريف)"
_RELATIVE = (
    r"(?:اليوم|أمس|الأمس|غداً|غدًا|غدا|بعد\s+غد|أول\s+أمس"
    rf"|(?:وقت\s+(?:سابق|لاحق)\s+من\s+)?(?:هذا|هذه)\s+{_PERIOD}"
    rf"|{_PERIOD}\s+(?:الماضية|الماضي|المقبلة|المقبل|القادمة|القادم|الحالية|الحالي"
    r"|المنصرمة|المنصرم))"
)
_UNITS = (
    r"(?:عاماً|عامًا|عاما|أعوام|سنوات|سنة|شهراً|شهرًا|شهرا|أشهر|شهور|يوماً|يومًا|يوما|أيام"
    r"|أسبوعاً|أسبوعا|أسابيع)"
)
_DUALS = r"(?:عامين|عامان|سنتين|سنتان|شهرين|شهران|يومين|يومان|أسبوعين|أسبوعان)"
# مارس is also "he practised", صفر "zero", رجب and آب names: only with a day or a year.
_MONTHS_AMBIG = r"(?:مارس|آب|صفر|رجب)"
_YEAR = rf"(?:1[89]{_D}{{2}}|20{_D}{{2}}|[١][٨٩]{_D}{{2}}|[٢][٠]{_D}{{2}})"
_CURRENCY = (
    r"(?:دولار|دولارا|دولاراً|دولارات|يورو|جنيه|جنيها|جنيهاً|جنيهات|ريال|ريالا|ريالات|درهم|"
    r"دراهم|دينار|دينارا|دنانير|ليرة|ليرات|روبل|روبلات|ين|يوان|فرنك|روبية|شيكل|شيكلا)"
)
_CURRENCY_QUAL = (
    r"(?:\s+(?:أمريكي|أميركي|امريكي|أسترالي|كندي|سعودي|مصري|إماراتي|أردني|كويتي|عراقي|سوري|"
    r"لبناني|تونسي|جزائري|مغربي|ليبي|قطري|بحريني|عماني|يمني))?"
)

_NUMBER_WORDS = (
    r"(?:ثلاثة|ثلاث|أربعة|أربع|خمسة|خمس|ستة|سبعة|سبع|ثمانية|ثماني|تسعة|تسع|عشرة|عشرات|"
    r"عشرين|عشرون|ثلاثين|ثلاثون|أربعين|أربعون|خمسين|خمسون|ستين|ستون|سبعين|سبعون|ثمانين|"
    r"ثمانون|تسعين|تسعون|مئة|مائة|مئات|آلاف|ألف|مليون|ملايين|مليار|مليارات|اثنان|اثنين|اثنتين|"
    r"اثنتان|ثلاثمئة|أربعمئة|خمسمئة|ستمئة|سبعمئة|ثمانمئة|تسعمئة|ألفين|ألفان)"
)

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("PERCENT", re.compile(rf"{_LEFT}{_NUM}\s*(?:%|٪|(?:ب|في\s+)ال(?:مئة|مائة))")),
    (
        "MONEY",
        re.compile(
            rf"{_LEFT}(?:[$€£]\s*{_NUM_PHRASE}|{_NUM_PHRASE}\s+{_CURRENCY}{_CURRENCY_QUAL}){_RIGHT}"
        ),
    ),
    (
        "TIME",
        re.compile(
            rf"{_LEFT}(?:(?:ال)?ساعة\s+{_D}{{1,2}}(?:[:٫]{_D}{{2}})?|{_D}{{1,2}}[:٫]{_D}{{2}})"
            rf"(?:\s+{_PART_OF_DAY})?{_RIGHT}"
        ),
    ),
    # Spans of hours and minutes, and a match's minute ("48 hours", "the 89th minute").
    (
        "TIME",
        re.compile(
            rf"{_LEFT}(?:(?:{_NUM}|{_NUMBER_WORDS})\s+(?:ساعة|ساعات|دقيقة|دقائق)"
            rf"|(?:ال)?دقيقة\s+{_NUM}|ساعتين|ساعتان|دقيقتين|دقيقتان|نصف\s+ساعة){_RIGHT}"
        ),
    ),
    # Times of day: "late at night" (في وقت ليل، في وقت متأخر من الليل), "Sunday evening"
    # (مساء الأحد), "this morning" (صباح اليوم).  Before the weekday pattern so that the whole
    # phrase is one TIME; a network mention inside it gives way (ليل is also the club Lille).
    (
        "TIME",
        re.compile(
            rf"{_LEFT}(?:وقت\s+(?:(?:متأخر|مبكر)\s+(?:من\s+)?)?{_TIME_OF_DAY}"
            rf"|{_TIME_OF_DAY}\s+(?:يوم\s+)?(?:{_DAYS}|اليوم|أمس|الأمس)){_RIGHT}"
        ),
    ),
    (
        "DATE",
        re.compile(rf"{_LEFT}{_DAY_OF}?{_MONTHS_SAFE}(?:\s+{_YEAR})?{_RIGHT}"),
    ),
    (
        "DATE",
        re.compile(
            rf"{_LEFT}(?:{_DAY_OF}{_MONTHS_AMBIG}(?:\s+{_YEAR})?|{_MONTHS_AMBIG}\s+{_YEAR}){_RIGHT}"
        ),
    ),
    ("DATE", re.compile(rf"{_LEFT}{_DAYS}{_RIGHT}")),
    ("DATE", re.compile(rf"{_LEFT}{_RELATIVE}{_RIGHT}")),
    ("DATE", re.compile(rf"{_LEFT}(?:(?:{_NUM}|{_NUMBER_WORDS})\s+{_UNITS}|{_DUALS}){_RIGHT}")),
    ("DATE", re.compile(rf"{_LEFT}(?:(?:ال)?(?:عام|سنة)\s+)?{_YEAR}{_RIGHT}")),
    ("DATE", re.compile(rf"{_LEFT}{_D}{{1,4}}[/\-.]{_D}{{1,2}}[/\-.]{_D}{{2,4}}{_RIGHT}")),
    ("CARDINAL", re.compile(rf"{_LEFT}{_NUM_PHRASE}{_RIGHT}")),
    ("CARDINAL", re.compile(rf"{_LEFT}{_NUMBER_WORDS}(?:\s+{_SCALE})?{_RIGHT}")),
]


_AFTER_TITLE = re.compile(r"(?:^|\s)(?:ال)?(?:سيد|سيدة|آنسة)\s+$")


def find(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping rule mentions; earlier patterns (PERCENT, MONEY, ...) win over later."""
    taken: list[tuple[int, int, str]] = []
    for label, pattern in PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if start == end or any(s < end and start < e for s, e, _ in taken):
                continue
            if start > 1 and text[start - 1] == "-" and text[start - 2].isalpha():
                continue  # part of a name: كوفيد-19, إف-16, سارس-كوف-2
            if label == "DATE" and _AFTER_TITLE.search(text, 0, start):
                continue  # السيدة مايو is Mrs May, not the month
            taken.append((start, end, label))
    return sorted(taken)
