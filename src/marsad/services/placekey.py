"""Normalised keys that bring the transliterations of one Arabic place name together.

Three keys, from strict to loose:

- `plain_key`: diacritics folded, lower case, apostrophes and articles dropped
  ("Al Qā’im", "al-Qaim" -> "qaim").
- `place_key`: `plain_key`, then the words joined, Abu/Albu/Bu folded, the common first words of
  compound names brought to one form whatever vowels a speller inserts (Kafr/Kfar/Kafar,
  Jisr/Jisser, Khirbet/Khirbat, Sheikh/Shaykh/Cheikh...), digraphs folded (q/k, kh/k, gh/g,
  dh/d, th/t, ch/sh, x/k, p/b) and every vowel run (a, e, i, o, u, w, y) folded to "a"
  ("Deir ez-Zor", "Dayr az Zawr", "Deir al-Zour" -> "darzar").

`words` (under both keys) also drops what a name says about the kind of place rather than which:
a trailing kind word ("Daraya mantiqah", "Al Mayadin District") and a leading one ("Markaz Hit",
"Nahiyat al Fuhud", "Hayy al-Waer", "Qaryat al-Tuwaymah"); and it writes the qualifiers of a
name the Arabic way, after the name and in one form ("Eastern Bari", "Bari Sharqiyah" and
"al-Bari al-Sharqi" all end in "sharqi").
- `skeleton`: the consonants of `place_key` ("al-Bokmal", "Abu Kamal" -> "bkml"). Loose: it
  collides (Jabal/Jabayla), so callers weigh skeleton matches below key matches.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
        # sun-letter forms written out ("ath-Thawrah", "adh-Dhahab") and French ones ("Ain ech
        # Charqiye", "Ej Janoudiye", "Ett Tell", "Kafr ed Dayr")
        "ath",
        "eth",
        "adh",
        "edh",
        "ech",
        "ach",
        "ej",
        "ett",
        "edd",
        "ezz",
        "ess",
        "err",
        "enn",
    }
)
# "Abu Kamal", "Albu Kamal", "Abou", "Bu": one word
_ABU: frozenset[str] = frozenset(
    {"abu", "abou", "abo", "albu", "albo", "bu", "bou", "abi", "abul", "aboul", "abol", "abil", "abuel"}
)  # "Abul Thohur" is Abu al-Dhuhur
# trailing words that say what kind of place it is, not which
_KIND_WORDS: frozenset[str] = frozenset(
    {
        "city", "town", "village", "province", "governorate", "muhafazat", "muhafazah", "muhafaza", "nahiya",
        "nahiyat", "nahiyah", "mantiqa", "mantiqah", "mantiqat", "mintaqa", "district", "subdistrict", "qada",
        "qadaa", "qadha", "center", "centre", "markaz", "county", "subcounty", "constituency",
    }
)  # fmt: skip
# leading words that say what kind of place follows: "Markaz Hit" (the seat of the Hit subdistrict),
# "Nahiyat al Fuhud", "Hayy al-Waer" (a city district), "Qaryat al-Tuwaymah" (the village of)
_LEADING_KIND_WORDS: frozenset[str] = frozenset(
    {
        "markaz", "nahiyat", "nahiya", "nahiyah", "nahiyet", "mantiqat", "muhafazat", "qada", "qadaa",
        "qadha", "hay", "hayy", "hai", "haiy", "qaryat", "qarya", "qariyat", "qariya", "qaryah",
    }
)  # fmt: skip
# a name's qualifiers in one form, as Arabic puts them after the name: English ones written first
# ("Eastern Bari", "Upper Shyookh", "Little Sura") and the Arabic ones in their spellings and genders
_QUALIFIERS: dict[str, str] = {
    **dict.fromkeys(
        ("east", "eastern", "sharqi", "sharqiya", "sharqiyah", "sharqiyeh", "sharqieh", "sharqiyya",
         "sharqiyyah", "sharki", "sharkiya", "sharkiyah", "sharkieh", "shargi", "charqi", "charki",
         "sharqia", "sharqiye"), "sharqi"),
    **dict.fromkeys(
        ("west", "western", "gharbi", "gharbiya", "gharbiyah", "gharbiyeh", "gharbieh", "gharbiyya",
         "gharbiyyah", "garbi", "gharbia", "gharbiye"), "gharbi"),
    **dict.fromkeys(
        ("north", "northern", "shamali", "shamaliya", "shamaliyah", "shamaliyeh", "shamalieh", "shimali",
         "shmali", "chamali", "shamalia", "shamaliyya"), "shamali"),
    **dict.fromkeys(
        ("south", "southern", "janubi", "janubiya", "janubiyah", "janubiyeh", "janoubi", "jnoubi",
         "janoubiyeh", "janoubiya", "jounoubi", "janubia", "qibli", "qebli"), "janubi"),
    **dict.fromkeys(
        ("upper", "fawqani", "fauqani", "foqani", "fouqani", "fuqani", "fawqaniyah", "fawqaniya",
         "fouqaniyeh", "foqaniyeh"), "fawqani"),
    **dict.fromkeys(
        ("lower", "tahtani", "tahtaniya", "tahtaniyah", "tahtaniyeh", "tahtanieh", "tehtani"), "tahtani"),
    **dict.fromkeys(
        ("little", "small", "saghir", "saghira", "saghirah", "saghireh", "sghir", "sghira", "zghir",
         "sagheer", "saghera", "sogheer", "soghra", "sughra"), "saghir"),
    **dict.fromkeys(
        ("big", "great", "kabir", "kabira", "kabirah", "kabireh", "kbir", "kbira", "kebir", "kebira",
         "kabeer", "kubra", "kobra"), "kabir"),
    **dict.fromkeys(("new", "jadid", "jadida", "jadidah", "jadideh", "jdid", "jedid", "jadeed"), "jadid"),
    **dict.fromkeys(("old", "qadim", "qadima", "qadimah", "qadimeh", "qadeem", "kadim"), "qadim"),
    **dict.fromkeys(("central", "middle", "wusta", "wista", "wasta", "wousta"), "wusta"),
}  # fmt: skip
_ENGLISH_QUALIFIERS: frozenset[str] = frozenset(
    {"east", "eastern", "west", "western", "north", "northern", "south", "southern", "upper", "lower",
     "little", "small", "big", "great", "new", "old", "central", "middle"}
)  # fmt: skip
# the first words of compound names in one form, whatever vowels a speller inserts or drops:
# "Kafr"/"Kfar"/"Kafar", "Jisr"/"Jisser", "Khirbet"/"Khirbat"/"Kherbet", "Sheikh"/"Shaykh"/"Cheikh"
_PREFIX_FORMS: dict[str, str] = {
    **dict.fromkeys(("kafr", "kfar", "kafar", "kafer", "kefr", "kfr", "kufr", "kefar", "kfer", "kafir"), "kafr"),
    **dict.fromkeys(("jisr", "jisser", "jesr", "jsr", "jisir", "jissr", "jiser", "jasr"), "jisr"),
    **dict.fromkeys(
        ("khirbet", "khirbat", "kherbet", "khirba", "khirbeh", "kherbeh", "khurbet", "khurbat", "khirbit",
         "kherbat", "khorbet", "khirbah", "kharbet", "khribet", "khrbet"), "khirba"),
    **dict.fromkeys(
        ("sheikh", "shaykh", "shaikh", "sheik", "shekh", "sheykh", "cheikh", "chaikh", "shiekh", "sheich",
         "shikh", "cheik", "sheyh", "shekhe"), "shaykh"),
    **dict.fromkeys(("tal", "tall", "tell", "tel", "til"), "tal"),
    **dict.fromkeys(("ain", "ayn", "ein", "aayn", "aain", "ayin", "aen", "eyn"), "ayn"),
    **dict.fromkeys(("deir", "dayr", "dair", "dier", "deyr", "dir"), "dayr"),
    **dict.fromkeys(("umm", "um", "om", "oum", "omm", "oumm", "umme"), "umm"),
    **dict.fromkeys(("bir", "beer", "bier", "beir", "bi", "bire"), "bir"),
    **dict.fromkeys(("beit", "bayt", "bait", "beyt", "bet", "beth"), "bayt"),
    **dict.fromkeys(("jabal", "jebel", "jbel", "jabel", "djebel", "jabl", "jibal", "jebal"), "jabal"),
    **dict.fromkeys(("ras", "raas", "rass", "rais"), "ras"),
    **dict.fromkeys(("qasr", "kasr", "qaser", "qasser", "kaser", "qsar"), "qasr"),
    **dict.fromkeys(("nahr", "naher", "nehr"), "nahr"),
    **dict.fromkeys(("qalaat", "qalat", "qalaa", "qalaah", "kalaat", "qala", "qalah", "qalaet"), "qalaat"),
    **dict.fromkeys(("mazraat", "mazraa", "mazraet", "mazrat", "mazraah", "mazrea"), "mazraa"),
    **dict.fromkeys(("marj", "marje", "merj"), "marj"),
}  # fmt: skip
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
_ENGLISH_GENERIC: frozenset[str] = frozenset(
    {"city", "town", "village", "camp", "area", "region", "new", "old", "north", "south", "east", "west",
     "central", "upper", "lower", "the"}
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
    ("ch", "sh"),  # French spellings: "Cheikh", "Achrafieh"
    ("dj", "j"),
    ("ck", "k"),
    ("ce", "se"),  # French spellings: "Jacem" is Jasim
    ("ci", "si"),
    ("q", "k"),
    ("c", "k"),
    ("x", "k"),  # Kurdish Latin x is kh: "Zaxo" is Zakho
    ("p", "b"),
    ("v", "f"),
)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
_ARABIC_MARKS = re.compile(r"[\u0640\u064B-\u065F\u0670\u06D6-\u06ED]")  # tatweel, harakat
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي", "ی": "ي", "ک": "ك",
        "ء": "",  # a hamza on the line comes and goes ("سامراء", "سامرا")
        "ە": "ه", "ۆ": "و", "ێ": "ي", "ڕ": "ر", "ڵ": "ل", "ھ": "ه", "ہ": "ه", "ۀ": "ه",  # Kurdish and Persian forms
    }
)  # fmt: skip
_ARABIC_SPLIT = re.compile(r"[^\u0621-\u064A\u0671-\u06D30-9]+")
# "مدينة دير الزور", "محافظة حلب": the kind of place, not which
_ARABIC_KIND_WORDS: frozenset[str] = frozenset(
    "مدينه بلده قريه ناحيه منطقه محافظه مخيم حي مركز قضاء قضا".split()
)
# Arabic generic words that name no place alone (normalised as `arabic_words` leaves them)
_ARABIC_GENERIC: frozenset[str] = frozenset(
    "جبل تل وادي عين بير نهر كفر دير خان باب راس شيخ ام ابو بيت قصر مرج سوق جسر مزرعه خربه قلعه".split()
)
_VOWEL_RUN = re.compile(r"[aeiouwy]+")
_DOUBLE = re.compile(r"(.)\1+")
_SPECIAL = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ħ": "h"})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case ASCII letters: diacritics dropped, apostrophes removed, other marks to spaces.
    (Cached: the geocoder folds every token of a report, and words recur.)"""
    if text.isascii():
        stripped = text
    else:
        decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _QUOTES.sub("", stripped.lower().translate(_SPECIAL))
    return " ".join(_NON_ALNUM.sub(" ", stripped).split())


def words(name: str) -> list[str]:
    """The folded words of a name: articles, trailing and leading kind words dropped, qualifiers
    in one form after the name ("Eastern Bari" -> ["bari", "sharqi"])."""
    return [token for token, _ in _split(name)]


def _split(name: str) -> list[tuple[str, bool]]:
    """`words`, each with whether an article stood before it (then it has no glued one of its
    own: "Al ‘Annāzah" is al-Annazah, not an-Nazah)."""
    tokens = fold(name).split()
    while len(tokens) > 1 and tokens[-1] in _KIND_WORDS:
        tokens.pop()
        if len(tokens) > 1 and tokens[-1] == "sub":
            tokens.pop()  # "Banisa Sub County", "Laikipia West Sub-County"
    kept = [(t, i > 0 and tokens[i - 1] in ARTICLES) for i, t in enumerate(tokens) if t not in ARTICLES]
    if not kept:
        kept = [(t, False) for t in tokens]
    while (
        len(kept) > 1
        and kept[0][0] in _LEADING_KIND_WORDS
        and not all(t in GENERIC_WORDS for t, _ in kept[1:])
    ):
        kept = kept[1:]
    if len(kept) > 1:
        forms = [_qualifier(t) for t, _ in kept]
        if any(forms):
            kept = _qualified(kept, forms)
    return kept


@lru_cache(maxsize=65536)
def _qualifier(token: str) -> str | None:
    """The one form of a qualifier word ("eastern", "sharqiyeh", "charqi" -> "sharqi"), else None."""
    if token in _ENGLISH_QUALIFIERS:
        return _QUALIFIERS[token]
    if len(token) < 4:
        return None
    return _QUALIFIERS.get(token) or _qualifier_folds().get(_fold_word(token))


@lru_cache(maxsize=1)
def _qualifier_folds() -> dict[str, str]:
    """The Arabic qualifiers by their loose form, so that unlisted spellings are known too."""
    return {_fold_word(v): form for v, form in _QUALIFIERS.items() if v not in _ENGLISH_QUALIFIERS}


def _qualified(tokens: list[tuple[str, bool]], forms: list[str | None]) -> list[tuple[str, bool]]:
    """The words with their qualifiers in one form after the name: English ones wherever they
    stand, Arabic ones after the first word ("Jadida" first is a name, not "new")."""
    head: list[tuple[str, bool]] = []
    tail: list[tuple[str, bool]] = []
    for position, (item, form) in enumerate(zip(tokens, forms, strict=True)):
        if form is None or (position == 0 and item[0] not in _ENGLISH_QUALIFIERS):
            head.append(item)
        else:
            tail.append((form, True))
    return head + tail if head else tokens


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


def _fold_word(word: str, glued: bool = True) -> str:
    """One word's loose form: glued article dropped (unless `glued` is False), digraphs and vowel
    runs folded."""
    if word in _ABU:
        return "ba"
    word = _PREFIX_FORMS.get(word, word)
    if glued and len(word) > 4:
        word = _GLUED.sub("", word, count=1) or word
    if len(word) > 2 and word.endswith("h") and word[-2] in "aeiou":
        word = word[:-1]  # Raqqah -> Raqqa, Mhardeh -> Mharde
    for old, new in _DIGRAPHS:
        word = word.replace(old, new)
    head, rest = word[:1], word[1:]
    if head in "wy" and rest[:1] in "aeiou":
        return head + _VOWEL_RUN.sub("a", rest)  # a word-initial w/y before a vowel is a consonant
    return _VOWEL_RUN.sub("a", word)


# the vowels a transliteration writes for one sound: 'e' for an 'a' or an 'i' (Idleb, Deir), 'o' for a
# 'u' (Tadmor), 'w' and 'y' inside a vowel run (Dayr, Zawr); an 'a' is never an 'o', 'i' or 'u'
_VOWEL_CLASSES: dict[str, frozenset[str]] = {
    "a": frozenset("A"), "e": frozenset("AI"), "i": frozenset("I"), "y": frozenset("I"),
    "o": frozenset("U"), "u": frozenset("U"), "w": frozenset("U"),
}  # fmt: skip


def _vowel_runs(name: str) -> list[frozenset[str]]:
    """The sound classes of each vowel run a name's `place_key` folds to 'a', in order."""
    runs: list[frozenset[str]] = []
    for word, after_article in _split(name):
        if word in _ABU:
            runs.append(frozenset("AU"))
            continue
        word = _PREFIX_FORMS.get(word, word)
        if not after_article and len(word) > 4:
            word = _GLUED.sub("", word, count=1) or word
        if len(word) > 2 and word.endswith("h") and word[-2] in "aeiou":
            word = word[:-1]
        for old, new in _DIGRAPHS:
            word = word.replace(old, new)
        if word[:1] in ("w", "y") and word[1:2] in ("a", "e", "i", "o", "u"):
            word = word[1:]
        runs += [
            frozenset().union(*(_VOWEL_CLASSES[c] for c in m.group(0))) for m in _VOWEL_RUN.finditer(word)
        ]
    return runs


def transliterable(a: str, b: str) -> bool:
    """True when two names of one `place_key` can be one name transliterated twice: each vowel of
    one can stand for the other's ('Idlib' 'Idleb', 'Dayr' 'Deir', 'Mai Mahiu' 'Maai Mahiu'), not
    when a written vowel changes its sound ('Kibaki' is not 'Kiboko', 'Matatu' not 'Mwatate')."""
    ra, rb = _vowel_runs(a), _vowel_runs(b)
    if len(ra) != len(rb):
        return True  # the runs do not line up (a doubled letter across words): the key alone decides
    return all(x & y for x, y in zip(ra, rb, strict=True))


def undoubled_key(name: str) -> str:
    """The strict key with every doubled letter written once ('Tall Tamr' -> 'tal tamr'): a
    spelling that drops Arabic's shadda is the name itself, not a loose match."""
    return _DOUBLE.sub(r"\1", plain_key(name))


def place_key(name: str) -> str:
    """The loose key: folded words joined, vowel runs folded to 'a', doubled letters collapsed."""
    if _ARABIC_LETTER.search(name):
        return _DOUBLE.sub(r"\1", "".join(arabic_words(name)))
    joined = "".join(_fold_word(w, glued=not after_article) for w, after_article in _split(name))
    return _DOUBLE.sub(r"\1", joined)


def keys(name: str) -> tuple[str, str]:
    """(`plain_key`, `place_key`) of a name, its words split once (the index's build reads both)."""
    if _ARABIC_LETTER.search(name):
        arabic = arabic_words(name)
        return " ".join(arabic), _DOUBLE.sub(r"\1", "".join(arabic))
    split = _split(name)
    joined = "".join(_fold_word(w, glued=not after_article) for w, after_article in split)
    return " ".join(t for t, _ in split), _DOUBLE.sub(r"\1", joined)


def skeleton(key: str) -> str:
    """The consonants of a `place_key`."""
    return key.replace("a", "")


def is_generic(name: str) -> bool:
    """True when a name is only a generic word ("Jabal", "Tal", "Wadi") that names no place alone."""
    if _ARABIC_LETTER.search(name):
        arabic = arabic_words(name)
        return not arabic or all(
            t in _ARABIC_GENERIC or t in _ARABIC_KIND_WORDS or t.isdigit() for t in arabic
        )
    tokens = words(name)
    if not tokens:
        return True
    if not all(t in GENERIC_WORDS or t.isdigit() for t in tokens):
        return False
    # two Arabic generic words make a name ("Umm Qasr", "Ras al-Ain"); with an English one they do not
    return len(tokens) == 1 or any(t in _ENGLISH_GENERIC or t.isdigit() for t in tokens)
