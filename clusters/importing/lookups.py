"""Sectors and governorates as a file may name them, with the nearest known ones when it misnames them.

A governorate is accepted by ISO code, Arabic or English name, or any alias
(folded by clusters.text.normalize_text, so hamza, ta marbuta and case do not
matter); a sector by slug or either name.
"""

import difflib

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clusters.text import normalize_text


def _label(obj, code: str) -> str:
    name = obj.name_ar if (get_language() or "").startswith("ar") else obj.name_en
    return f"{code} ({name or obj.name_en})"


class _Index:
    def __init__(self):
        self.by_key: dict[str, object] = {}
        self.codes: dict[object, str] = {}

    def add(self, obj, code: str, names):
        self.codes[obj.pk] = code
        for name in [code, *names]:
            key = normalize_text(name)
            if key:
                self.by_key.setdefault(key, obj)

    def find(self, value: str):
        return self.by_key.get(normalize_text(value))

    def suggest(self, value: str, limit: int = 3) -> list[str]:
        keys = difflib.get_close_matches(normalize_text(value), list(self.by_key), n=limit * 3, cutoff=0.5)
        seen, labels = set(), []
        for key in keys:
            obj = self.by_key[key]
            if obj.pk not in seen:
                seen.add(obj.pk)
                labels.append(_label(obj, self.codes[obj.pk]))
        return labels[:limit]


class Lookups:
    """Every sector and governorate, indexed once per import."""

    def __init__(self, sectors, governorates):
        self.sectors = _Index()
        for sector in sectors:
            self.sectors.add(sector, sector.slug, [sector.name_ar, sector.name_en])
        self.governorates = _Index()
        for governorate in governorates:
            aliases = [a for a in (governorate.aliases or "").splitlines() if a.strip()]
            self.governorates.add(governorate, governorate.iso_code,
                                  [governorate.name_ar, governorate.name_en, *aliases])

    @staticmethod
    def _unknown(kind_message: str, value: str, suggestions: list[str]) -> str:
        message = kind_message % {"value": value}
        if suggestions:
            message += " " + _("Did you mean: %(suggestions)s?") % {"suggestions": ", ".join(suggestions)}
        return message

    def sector(self, value: str):
        """(Sector, None) or (None, message)."""
        found = self.sectors.find(value)
        if found is not None:
            return found, None
        return None, self._unknown(_("unknown sector “%(value)s”."), value, self.sectors.suggest(value))

    def governorate(self, value: str):
        """(Governorate, None) or (None, message)."""
        found = self.governorates.find(value)
        if found is not None:
            return found, None
        return None, self._unknown(
            _("unknown governorate “%(value)s” (give its ISO code, Arabic or English name, or an alias)."),
            value, self.governorates.suggest(value),
        )
