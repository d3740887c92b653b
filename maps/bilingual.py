"""Bilingual data: the current language's field, or the other one when that is empty."""

from django.utils.translation import get_language

OTHER = {"ar": "en", "en": "ar"}


def current_lang() -> str:
    lang = (get_language() or "ar")[:2]
    return lang if lang in OTHER else "ar"


def _read(obj, name: str) -> str:
    value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, "")
    return value or ""


def pick(obj, field: str, lang: str | None = None) -> str:
    """`pick(cluster, "name")` reads name_ar on Arabic pages, name_en on English ones.

    Works on model instances and on the dict rows that selectors return.
    """
    lang = lang or current_lang()
    value = _read(obj, f"{field}_{lang}")
    return value if value.strip() else _read(obj, f"{field}_{OTHER[lang]}")


def pick_lang(obj, field: str, lang: str | None = None) -> str:
    """The language code of what pick() returned, for a lang attribute on fallback text."""
    lang = lang or current_lang()
    return lang if _read(obj, f"{field}_{lang}").strip() else OTHER[lang]
