"""Readers and splits for the Arabic NER corpora in shared/data/ner.

Used by the training recipe and by tests/bench/bench_ar_ner.py, so the test split is defined
in exactly one place.  Data location: $QARIN_NER_DATA, else $QARIN_SHARED/data/ner, else the
`shared` folder beside the repository.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

Sentence = list[tuple[str, str]]  # (word, IOB2 tag)

# ANERcorp: 5,107 sentences, each ending at a token line ".".  The last 1,022 are the test part.
ANER_SENTENCES = 5107
ANER_TEST = 1022
ANER_TRAIN = ANER_SENTENCES - ANER_TEST  # 4,085
# Dev is a contiguous block at the end of the training part: neighbouring sentences share
# articles and names, so a random dev slice would reward memorising them.
ANER_DEV = 610

ANER_LABELS = {"PERS": "PERSON", "ORG": "ORG", "LOC": "GPE"}  # MISC is dropped
AQMAR_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
# For scoring against ANERcorp/AQMAR, GPE and LOC are one location class.
SCORE_CLASS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}

# NewsFANE's 45 fine types, mapped onto the spaCy-like label set.
NEWSFANE_LABELS = {
    **dict.fromkeys(
        [
            "Politician",
            "Athlete",
            "Artist",
            "Other_PER",
            "Religious_PER",
            "Scientist",
            "Businessperson",
            "Lawyer",
            "Engineer",
            "Police_PER",
        ],
        "PERSON",
    ),
    **dict.fromkeys(
        [
            "Non-Governmental",
            "Government",
            "Media",
            "Sports",
            "Commercial",
            "Educational",
            "Police",
            "Religious_ORG",
            "Medical-Science",
            "Entertainment",
        ],
        "ORG",
    ),
    **dict.fromkeys(
        ["Nation", "Population-Center", "State-or-Province", "County-or-District", "GPE-Cluster"],
        "GPE",
    ),
    **dict.fromkeys(["Continent", "Water-Body", "Land", "Land-Region-Natural", "Celestial"], "LOC"),
    "Group": "NORP",
    **dict.fromkeys(["Building-Grounds", "Airport", "Path", "Subarea-Facility"], "FAC"),
}


def ner_dir() -> Path:
    if env := os.environ.get("QARIN_NER_DATA"):
        return Path(env)
    shared = Path(os.environ.get("QARIN_SHARED", REPO.parent / "shared"))
    return shared / "data" / "ner"


def shared_dir() -> Path:
    return Path(os.environ.get("QARIN_SHARED", REPO.parent / "shared"))


def _fix_tag(tag: str, labels: dict[str, str]) -> str:
    tag = tag.strip().strip("`")
    m = re.fullmatch(r"([BbIi])-+([A-Za-z_\-]+?)", tag)
    if not m:
        return "O"
    prefix, label = m.group(1).upper(), m.group(2)
    for raw, mapped in labels.items():
        if label.upper() == raw.upper():
            return f"{prefix}-{mapped}"
    return "O"


def read_anercorp(path: Path | None = None) -> list[Sentence]:
    """The cleaned copy (tag typos fixed); split at every token that is exactly "."."""
    path = path or ner_dir() / "anercorp" / "hassanazzam_ANERCorp"
    sents: list[Sentence] = []
    cur: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        word, _, tag = line.rpartition(" ")
        # 191 tokens lost their text (bullets, presumably); a placeholder keeps token counts.
        cur.append((word.strip() or "•", _fix_tag(tag, ANER_LABELS)))
        if word == ".":
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    if len(sents) != ANER_SENTENCES:
        raise ValueError(f"expected {ANER_SENTENCES} ANERcorp sentences, found {len(sents)}")
    return sents


def anercorp_splits() -> dict[str, list[Sentence]]:
    sents = read_anercorp()
    train = sents[:ANER_TRAIN]
    return {
        "train_full": train,
        "train": train[: ANER_TRAIN - ANER_DEV],
        "dev": train[ANER_TRAIN - ANER_DEV :],
        "test": sents[ANER_TRAIN:],
    }


def read_aqmar(path: Path | None = None) -> list[Sentence]:
    """AQMAR: blank-line separated; MIS0-3 and the tag typos map to O or to PER/LOC/ORG."""
    path = path or ner_dir() / "aqmar" / "AQMAR_Arabic_NER_corpus-1.0.txt"
    sents: list[Sentence] = []
    cur: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            if cur:
                sents.append(cur)
                cur = []
            continue
        cur.append((" ".join(parts[:-1]), _fix_tag(parts[-1], AQMAR_LABELS)))
    if cur:
        sents.append(cur)
    return sents


_PROCLITIC_TOKENS = {"و", "ف", "ب", "ل", "ك", "س"}
_ENCLITIC_TOKENS = {"ه", "ها", "هم", "هما", "هن", "كم", "كن", "نا", "ني", "ي"}


def read_newsfane(path: Path | None = None) -> list[Sentence]:
    """NewsFANE, with its split-off clitics glued back so its text reads like running Arabic.

    The file has a BOM, CRLF line ends and U+200E marks; its tokens separate و/ب/ل and
    pronoun suffixes (مرافق نا), which raw text never does.
    """
    path = path or ner_dir() / "newsfane" / "NewsFANE_Gold_2014_170K.txt"
    text = path.read_text(encoding="utf-8-sig").replace("\r", "").replace("\u200e", "")
    text = text.replace("\ufeff", "")
    sents: list[Sentence] = []
    cur: Sentence = []
    for line in text.split("\n"):
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].strip():
            if cur:
                sents.append(_glue(cur))
                cur = []
            continue
        word, tag = parts[0].strip(), parts[-1].strip()
        m = re.fullmatch(r"([BI])-(.+)", tag)
        if m and m.group(2) in NEWSFANE_LABELS:
            cur.append((word, f"{m.group(1)}-{NEWSFANE_LABELS[m.group(2)]}"))
        else:
            cur.append((word, "O"))
    if cur:
        sents.append(_glue(cur))
    return sents


def _glue(sent: Sentence) -> Sentence:
    out: Sentence = []
    pending = ""
    pending_tag = ""
    for word, tag in sent:
        if word in _PROCLITIC_TOKENS and not pending:
            pending, pending_tag = word, tag
            continue
        glued = bool(pending)
        if pending:
            # The glued word takes the tag of the word, not of the conjunction.
            word = pending + word
            if tag == "O" and pending_tag != "O":
                tag = pending_tag
            pending = ""
        if (
            not glued
            and out
            and word in _ENCLITIC_TOKENS
            and re.search("[\u0621-\u064a]$", out[-1][0])
        ):
            prev_word, prev_tag = out[-1]
            out[-1] = (prev_word + word, prev_tag)
            continue
        out.append((word, tag))
    if pending:
        out.append((pending, pending_tag))
    return out


def spans(sent: Sentence) -> list[tuple[int, int, str]]:
    """IOB2 → (start_token, end_token, label); a stray I- starts a new entity."""
    out: list[tuple[int, int, str]] = []
    start = -1
    label = ""
    for i, (_, tag) in enumerate([*sent, ("", "O")]):
        kind, _, lab = tag.partition("-")
        if start >= 0 and (kind != "I" or lab != label):
            out.append((start, i, label))
            start = -1
        if kind == "B" or (kind == "I" and start < 0):
            start, label = i, lab
    return out


def text_of(sent: Sentence) -> tuple[str, list[tuple[int, int]]]:
    """Words joined by spaces, with each word's character offsets."""
    offsets: list[tuple[int, int]] = []
    pos = 0
    for word, _ in sent:
        offsets.append((pos, pos + len(word)))
        pos += len(word) + 1
    return " ".join(w for w, _ in sent), offsets


def letters_key(sent: Sentence) -> str:
    """Tokenisation-independent identity of a sentence, for overlap checks across corpora."""
    return re.sub(
        r"[^\u0621-\u064a0-9]",
        "",
        "".join(w for w, _ in sent).translate(
            str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})
        ),
    )
