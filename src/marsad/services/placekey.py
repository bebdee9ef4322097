"""Normalised keys that bring the transliterations of one Arabic place name together.

Three keys, from strict to loose:

- `plain_key`: diacritics folded, lower case, apostrophes and articles dropped
  ("Al Qā’im", "al-Qaim" -> "qaim").
- `place_key`: `plain_key`, then the words joined, Abu/Albu/Bu folded, digraphs folded
  (q/k, kh/k, gh/g, dh/d, th/t, p/b) and every vowel run (a, e, i, o, u, w, y) folded to "a"
  ("Deir ez-Zor", "Dayr az Zawr", "Deir al-Zour" -> "darzar").
- `skeleton`: the consonants of `place_key` ("al-Bokmal", "Abu Kamal" -> "bkml"). Loose: it
  collides (Jabal/Jabayla), so callers weigh skeleton matches below key matches.
"""

from __future__ import annotations

import re
import unicodedata

# articles, alone or glued to the next word with a hyphen ("al-", "ad-", "ez-")
ARTICLES: frozenset[str] = frozenset(
    {
        "al",
        "el",
        "il",
        "ul",
        "ad",
        "ed",
        "as",
        "es",
        "ash",
        "esh",
        "at",
        "et",
        "az",
        "ez",
        "ar",
        "er",
        "an",
        "en",
    }
)
# "Abu Kamal", "Albu Kamal", "Abou", "Bu": one word
_ABU: frozenset[str] = frozenset({"abu", "abou", "abo", "albu", "albo", "bu", "bou", "abi"})
# trailing words that say what kind of place it is, not which
_KIND_WORDS: frozenset[str] = frozenset(
    {
        "city", "town", "village", "province", "governorate", "muhafazat", "muhafazah", "muhafaza", "nahiya",
        "nahiyat", "nahiyah", "mantiqa", "mantiqah", "mantiqat", "mintaqa", "district", "subdistrict", "qada",
        "qadaa", "qadha", "center", "centre", "markaz",
    }
)  # fmt: skip
# short generic words that must never match a place on their own
GENERIC_WORDS: frozenset[str] = frozenset(
    {
        "jabal", "jebel", "jbel", "tal", "tall", "tell", "wadi", "ain", "ayn", "ein", "bir", "qaryat",
        "qarya", "kafr", "kfar", "deir", "dayr", "khan", "bab", "ras", "tel", "sheikh", "shaykh", "umm",
        "abu", "beit", "bayt", "nahr", "qasr", "marj", "hay", "hayy", "souq", "suq", "jisr", "mazraat",
        "city", "town", "village", "camp", "area", "region", "new", "old", "north", "south",
        "east", "west", "central", "upper", "lower", "the",
    }
)  # fmt: skip
_QUOTES = re.compile(r"['`´ʻʼʽʾʿ‘’‛′]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# a glued sun-letter article: "ezzor", "arraqqa", "assuwayda"
_GLUED = re.compile(r"^(?:a|e)(?:l|(sh|t|th|d|dh|r|z|s|n)(?=\1))")
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("kh", "k"),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("dj", "j"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("x", "ks"),
    ("p", "b"),
    ("v", "f"),
)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
_ARABIC_MARKS = re.compile(r"[\u0640\u064B-\u065F\u0670\u06D6-\u06ED]")  # tatweel, harakat
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي", "ی": "ي", "ک": "ك"}
)
_ARABIC_SPLIT = re.compile(r"[^\u0621-\u064A\u0671-\u06D30-9]+")
# "مدينة دير الزور", "محافظة حلب": the kind of place, not which
_ARABIC_KIND_WORDS: frozenset[str] = frozenset("مدينه بلده قريه ناحيه منطقه محافظه مخيم حي".split())
_VOWEL_RUN = re.compile(r"[aeiouwy]+")
_DOUBLE = re.compile(r"(.)\1+")
_SPECIAL = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ħ": "h"})


def fold(text: str) -> str:
    """Lower-case ASCII letters: diacritics dropped, apostrophes removed, other marks to spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _QUOTES.sub("", stripped.lower().translate(_SPECIAL))
    return " ".join(_NON_ALNUM.sub(" ", stripped).split())


def words(name: str) -> list[str]:
    """The folded words of a name with articles and trailing kind words dropped."""
    tokens = fold(name).split()
    while len(tokens) > 1 and tokens[-1] in _KIND_WORDS:
        tokens.pop()
    kept = [t for t in tokens if t not in ARTICLES]
    return kept or tokens


def plain_key(name: str) -> str:
    """The strict key: folded words without articles, space-separated."""
    if _ARABIC_LETTER.search(name):
        return " ".join(arabic_words(name))
    return " ".join(words(name))


def is_arabic(name: str) -> bool:
    """True when a name is written in Arabic script."""
    return bool(_ARABIC_LETTER.search(name))


def arabic_words(name: str) -> list[str]:
    """The words of an Arabic-script name, normalised as Arabic spellers vary: short vowels and
    tatweel dropped, hamza seats and alef forms unified, ta marbuta as ha, alef maqsura as ya, the
    article al- dropped, and a leading kind word (city, village, province of) dropped."""
    text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", name)).translate(_ARABIC_FOLD)
    tokens = [t for t in _ARABIC_SPLIT.split(text) if t]
    while len(tokens) > 1 and tokens[0] in _ARABIC_KIND_WORDS:
        tokens.pop(0)
    kept = [t[2:] if t.startswith("ال") and len(t) > 3 else t for t in tokens]
    return kept or tokens


def _fold_word(word: str) -> str:
    """One word's loose form: glued article dropped, digraphs and vowel runs folded."""
    if word in _ABU:
        return "ba"
    if len(word) > 4:
        word = _GLUED.sub("", word, count=1) or word
    if len(word) > 2 and word.endswith("h") and word[-2] in "aeiou":
        word = word[:-1]  # Raqqah -> Raqqa, Mhardeh -> Mharde
    for old, new in _DIGRAPHS:
        word = word.replace(old, new)
    head, rest = word[:1], word[1:]
    if head in "wy" and rest[:1] in "aeiou":
        return head + _VOWEL_RUN.sub("a", rest)  # a word-initial w/y before a vowel is a consonant
    return _VOWEL_RUN.sub("a", word)


def place_key(name: str) -> str:
    """The loose key: folded words joined, vowel runs folded to 'a', doubled letters collapsed."""
    if _ARABIC_LETTER.search(name):
        return _DOUBLE.sub(r"\1", "".join(arabic_words(name)))
    joined = "".join(_fold_word(w) for w in words(name))
    return _DOUBLE.sub(r"\1", joined)


def skeleton(key: str) -> str:
    """The consonants of a `place_key`."""
    return key.replace("a", "")


def is_generic(name: str) -> bool:
    """True when a name is only a generic word ("Jabal", "Tal", "Wadi") that names no place alone."""
    tokens = words(name)
    return not tokens or all(t in GENERIC_WORDS or t.isdigit() for t in tokens)
