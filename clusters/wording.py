"""Sentences put together from parts, with the active language's punctuation.

A translated sentence with commas inside ("%(create)s to create, %(update)s to
update") left the translator's Latin commas in Arabic text. Parts are
translated one by one and joined here: Arabic takes the Arabic comma "،".
"""

from django.utils.translation import get_language, ngettext


def list_separator() -> str:
    # Punctuation of the language, not wording: no translator should have to remember it.
    return "، " if (get_language() or "").startswith("ar") else ", "


def text_list(parts) -> str:
    """Parts joined by the active language's comma."""
    return list_separator().join(str(part) for part in parts)


def import_counts_text(summary: dict, *, written: bool) -> str:
    """What an import did (written) or would do: "2 created, 0 updated, 5 unchanged".

    summary: {"create": n, "update": n, "unchanged": n}, as ImportReport.summary.
    After writing the verbs are in the past; before (a check, a dry run, a file
    refused for its errors) they say what the file would do.
    """
    create, update, unchanged = summary["create"], summary["update"], summary["unchanged"]
    if written:
        parts = [
            ngettext("%(count)s created", "%(count)s created", create) % {"count": create},
            ngettext("%(count)s updated", "%(count)s updated", update) % {"count": update},
        ]
    else:
        parts = [
            ngettext("%(count)s to create", "%(count)s to create", create) % {"count": create},
            ngettext("%(count)s to update", "%(count)s to update", update) % {"count": update},
        ]
    parts.append(ngettext("%(count)s unchanged", "%(count)s unchanged", unchanged) % {"count": unchanged})
    return text_list(parts)
