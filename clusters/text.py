"""Arabic-aware text normalisation: the one function behind every search.

The API, the admin and the map (static/js/normalize.js, kept in step by the
shared cases in fixtures/normalize_cases.json) all fold text this way.
"""

import re
import unicodedata

# Hamza-carrying alefs fold to bare alef, alef maqsura to ya, ta marbuta to ha:
# people type these interchangeably, and keyboards and sources disagree.
_FOLD = str.maketrans({
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0622": "\u0627",  # آ
    "\u0671": "\u0627",  # ٱ alef wasla
    "\u0649": "\u064a",  # ى
    "\u0629": "\u0647",  # ة
})
# Tatweel, harakat (fathatan..sukun), superscript alef, Quranic marks.
_IGNORED = re.compile("[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")
_SPACE = re.compile(r"\s+")


def normalize_text(value: str | None) -> str:
    if not value:
        return ""
    text = unicodedata.normalize("NFKC", value)
    text = _IGNORED.sub("", text)
    text = text.translate(_FOLD).casefold()
    return _SPACE.sub(" ", text).strip()


# Bidi embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069): invisible,
# yet they can show a name reversed or disguise one cluster as another.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
NAME_FIELDS = ("slug", "name_ar", "name_en", "aliases")


def bidi_controls_check(values: dict) -> None:
    """Refuse direction-control characters in a cluster's names and slug; every writer calls this.

    Raises ValidationError({field: [message]}) naming the character.
    """
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    errors = {}
    for name in NAME_FIELDS:
        value = values.get(name)
        found = BIDI_CONTROLS.search(value) if isinstance(value, str) else None
        if found:
            errors[name] = [_(
                "It contains an invisible text-direction control character (U+%(code)04X), which can show the "
                "text reversed. Remove it."
            ) % {"code": ord(found.group())}]
    if errors:
        raise ValidationError(errors)
