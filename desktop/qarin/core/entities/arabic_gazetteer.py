"""Name lists for Arabic: phrase lookup over normalised, proclitic-free tokens.

One JSON file holds everything the recogniser needs besides the network: phrase → label
(CLDR places and nationality adjectives, personal names), and word frequencies that decide
whether a leading و/ب/ل is a proclitic or part of a name (لروسيا vs لبنان).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from qarin.core.entities.arabic_text import is_arabic, normalise, stem_key, strip_proclitic

# Labels a phrase can carry.  NAME marks single personal-name words (given or family names):
# they are evidence for PERSON, not a PERSON span by themselves.
NAME = "NAME"
MAX_PHRASE = 5


class Gazetteer:
    def __init__(
        self,
        phrases: dict[str, str] | None = None,
        frequency: dict[str, int] | None = None,
    ) -> None:
        self.phrases: dict[str, str] = dict(phrases or {})
        self.freq: dict[str, int] = dict(frequency or {})
        self._max = max((k.count(" ") + 1 for k in self.phrases), default=1)
        # Tokens are matched by their stems, and the stem of والمساواة is المساواة, of للأمم
        # الأمم: inside a name (حركة العدل والمساواة, الجمعية العامة للأمم المتحدة) a later word
        # is looked for as written, without its و, and as its stem, as the stemmer may keep a
        # و (جزر والس وفوتونا).
        self._lookup = dict(self.phrases)
        for key, label in self.phrases.items():
            words = key.split(" ")
            if len(words) > 1:
                unjoined = [words[0], *(w[1:] if w.startswith("و") else w for w in words[1:])]
                stemmed = [words[0], *(self.stem(w) for w in words[1:])]
                for variant in (unjoined, stemmed):
                    self._lookup.setdefault(" ".join(variant), label)

    # -- lookups -------------------------------------------------------------------------------

    def frequency(self, key: str) -> int:
        return self.freq.get(key, 0)

    def label(self, key: str) -> str | None:
        return self.phrases.get(key)

    def is_name(self, key: str) -> bool:
        return key in self.phrases

    def proclitic_length(self, word: str) -> int:
        return strip_proclitic(word, self.frequency, self.is_name)

    def stem(self, word: str) -> str:
        return stem_key(word, self.proclitic_length(word))

    def match(self, stems: Sequence[str]) -> list[tuple[int, int, str]]:
        """Greedy longest non-overlapping phrase matches over token stems: (start, end, label)."""
        out: list[tuple[int, int, str]] = []
        i = 0
        n = len(stems)
        while i < n:
            found = None
            for length in range(min(self._max, MAX_PHRASE, n - i), 0, -1):
                label = self._lookup.get(" ".join(stems[i : i + length]))
                if label is not None:
                    found = (i, i + length, label)
                    break
            if found is None:
                i += 1
                continue
            out.append(found)
            i = found[1]
        return out

    def bio(self, stems: Sequence[str]) -> list[str]:
        """Each token's place in a listed phrase: "B-GPE", "I-GPE", ... or "O"."""
        out = ["O"] * len(stems)
        for start, end, label in self.match(stems):
            for i in range(start, end):
                out[i] = ("B-" if i == start else "I-") + label
        return out

    def word_tags(self, words: Sequence[str]) -> list[str]:
        """``bio`` of words as the tokenizer stems them (arabic_lang.annotate's LEMMA)."""
        return self.bio([self.stem(w) if is_arabic(w) else normalise(w.lower()) for w in words])

    # -- persistence ---------------------------------------------------------------------------

    def to_dict(self) -> dict[str, object]:
        return {"phrases": self.phrases, "freq": self.freq}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Gazetteer:
        phrases = data.get("phrases", {})
        freq = data.get("freq", {})
        if not isinstance(phrases, dict) or not isinstance(freq, dict):
            raise ValueError("malformed Arabic gazetteer")
        return cls(
            {str(k): str(v) for k, v in phrases.items()}, {str(k): int(v) for k, v in freq.items()}
        )

    def to_disk(self, path: Path) -> None:
        path.write_text(
            json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True), encoding="utf-8"
        )

    @classmethod
    def from_disk(cls, path: Path) -> Gazetteer:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"malformed Arabic gazetteer: {path}")
        return cls.from_dict(data)

    @classmethod
    def merged(cls, parts: Iterable[Gazetteer]) -> Gazetteer:
        """Later parts win on phrase conflicts; frequencies add up."""
        phrases: dict[str, str] = {}
        freq: dict[str, int] = {}
        for part in parts:
            phrases.update(part.phrases)
            for k, v in part.freq.items():
                freq[k] = freq.get(k, 0) + v
        return cls(phrases, freq)
