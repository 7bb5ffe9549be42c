"""The language an article is written in, and whether Reader can analyse it.

Detection uses py3langid (langid.py's model of 97 languages, shipped inside the package, numpy
only, about 400,000 words a second); entities and dates are analysed only in languages with an
installed model, English today.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

# Languages whose entity and date models are installed.
ANALYSED = frozenset({"en"})
# Below this probability the detector is guessing (short texts, tables of names and numbers):
# the article counts as of unknown language, which is analysed like English rather than
# losing its entities to a poor guess.
MIN_CONFIDENCE = 0.5
# English-based creoles the English model reads as well as English itself; a table of
# English sports results is sometimes taken for Nigerian Pidgin.
_READ_AS = {"pcm": "en"}
# The opening of the text decides: enough words to be sure (about 170), and a page that goes
# on in other languages (a letter followed by its translations) is in the language it opens
# with, not a blend the detector takes for a third one. The detector walks its model a byte
# at a time in Python (a millisecond per thousand characters, most of an import's cleaning):
# on 6,000 articles of the corpora and the 150 saved pages, the first 1,000 characters gave
# the same answer as the first 3,000 for every one, at a third of the cost.
_SAMPLE = 1_000

_NAMES = {
    "af": "Afrikaans", "am": "Amharic", "an": "Aragonese", "ar": "Arabic", "as": "Assamese",
    "az": "Azerbaijani", "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali",
    "br": "Breton", "bs": "Bosnian", "ca": "Catalan", "cs": "Czech", "cy": "Welsh",
    "da": "Danish", "de": "German", "dz": "Dzongkha", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fo": "Faroese", "fr": "French", "ga": "Irish", "gl": "Galician",
    "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "ht": "Haitian Creole",
    "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "is": "Icelandic",
    "it": "Italian", "ja": "Japanese", "jv": "Javanese", "ka": "Georgian", "kk": "Kazakh",
    "km": "Khmer", "kn": "Kannada", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz",
    "la": "Latin", "lb": "Luxembourgish", "lo": "Lao", "lt": "Lithuanian", "lv": "Latvian",
    "mg": "Malagasy", "mk": "Macedonian", "ml": "Malayalam", "mn": "Mongolian",
    "mr": "Marathi", "ms": "Malay", "mt": "Maltese", "nb": "Norwegian", "ne": "Nepali",
    "nl": "Dutch", "nn": "Norwegian Nynorsk", "no": "Norwegian", "oc": "Occitan",
    "or": "Odia", "pa": "Punjabi", "pcm": "Nigerian Pidgin", "pl": "Polish", "ps": "Pashto",
    "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian", "ru": "Russian",
    "rw": "Kinyarwanda", "se": "Northern Sami", "si": "Sinhala", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili",
    "ta": "Tamil", "te": "Telugu", "th": "Thai", "tl": "Tagalog", "tr": "Turkish",
    "ug": "Uyghur", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "vo": "Volapük",
    "wa": "Walloon", "xh": "Xhosa", "zh": "Chinese", "zu": "Zulu",
}  # fmt: skip

_lock = threading.Lock()
_identifier: LanguageIdentifier | None = None


def _model() -> LanguageIdentifier:
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _identifier


def release_model() -> None:
    """Give the model's memory back (about 75 MB); the next detection loads it again (a third
    of a second). An import's worker processes do so while they write index segments."""
    global _identifier
    with _lock:
        _identifier = None


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language `text` is written in ("de"), or "" when the text is
    too short or too mixed to tell."""
    sample = text[:_SAMPLE]
    if sum(map(str.isalpha, sample)) < 20:
        return ""
    code, probability = _model().classify(sample)
    if probability < MIN_CONFIDENCE:
        return ""
    return _READ_AS.get(code, code)


def is_analysed(code: str | None) -> bool:
    """Whether entities and dates are found in articles of this language (unknown counts as
    English: Reader's texts were English before languages were told apart)."""
    return not code or code in ANALYSED


def language_name(code: str | None) -> str:
    """ "German" for "de"; "unknown" for no code."""
    if not code:
        return "unknown"
    return _NAMES.get(code, code)


def not_analysed_message(code: str | None) -> str:
    """What the entity panel says of an article in a language without a model."""
    name = language_name(code)
    return f"Entities are not analysed for {name} articles: no {name} model is installed."
