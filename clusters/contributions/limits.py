"""The rules every contribution meets, whichever form or caller sends it.

Sizes per field, at most MAX_LINKS web links in all, and text only: anything
that looks like an HTML tag is refused rather than cleaned, so that what staff
read is exactly what was sent.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

LIMITS = {
    "name": 200,
    "place": 300,
    "products": 1000,
    "message": 2000,
    "source_url": 500,
    "contact_email": 254,
}
MAX_LINKS = 3
# A whole form, as sent: the largest honest one is well under this.
MAX_BODY_BYTES = 32 * 1024

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&#?\w+;")
_LINK = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)
# Control characters other than tab and newlines have no place in a report.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text_check(field: str, value: str) -> None:
    """Refuse markup and control characters in one field."""
    if _TAG.search(value):
        raise ValidationError({field: _("Please write plain text: HTML tags and entities such as <b> or &amp; "
                                        "are not accepted.")})
    if _CONTROL.search(value):
        raise ValidationError({field: _("The text contains control characters. Please type it again.")})


def links_count(*values: str) -> int:
    return sum(len(_LINK.findall(value or "")) for value in values)


def links_check(*values: str) -> None:
    if links_count(*values) > MAX_LINKS:
        raise ValidationError(ngettext(
            "Please give at most %(count)d web link in all.",
            "Please give at most %(count)d web links in all.", MAX_LINKS) % {"count": MAX_LINKS})
