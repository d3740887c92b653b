"""The public forms for corrections and missing clusters: shapes and sizes only.

The rules that matter (text only, at most three links, the point on Egypt's
land) are the domain's, applied by clusters.contributions.services; their
messages come back onto these forms' fields.
"""

from django import forms
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from clusters.contributions.limits import LIMITS
from clusters.contributions.models import Contribution
from clusters.contributions.selectors import governorate_choices, sector_choices
from clusters.text import normalize_text
from maps.bilingual import pick

HONEYPOT = "leave_empty"


def _sorted_choices(queryset):
    rows = sorted(queryset, key=lambda obj: normalize_text(pick(obj, "name")))
    return [("", "---------")] + [(obj.pk, pick(obj, "name")) for obj in rows]


class _ContributionForm(forms.Form):
    source_url = forms.URLField(
        label=_("Source link (optional)"), required=False, max_length=LIMITS["source_url"], assume_scheme="https",
        help_text=_("A web page, article or report that shows it."),
        widget=forms.URLInput(attrs={"dir": "ltr", "autocomplete": "url"}),
    )
    contact_email = forms.EmailField(
        label=_("Your email (optional)"), required=False, max_length=LIMITS["contact_email"],
        help_text=_("Only if staff may write to you with a question. Only staff see it, never the public, "
                    "and it is deleted after %(days)s days."),
        widget=forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "email"}),
    )
    # A field people never see: a bot filling every box fills this one too.
    leave_empty = forms.CharField(
        label=_("Leave this field empty"), required=False, max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, retention_days=180, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["contact_email"]
        field.help_text = field.help_text % {"days": retention_days}

    def honeypot_filled(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())

    def add_service_errors(self, error: ValidationError) -> None:
        """Put the service's messages on the fields they name, the rest on top of the form."""
        for name, messages in error.message_dict.items():
            field = name if name in self.fields else None
            if name == "location" and "latitude" in self.fields:
                field = "latitude"
            for message in messages:
                self.add_error(field, message)


class CorrectionForm(_ContributionForm):
    field = forms.ChoiceField(
        label=_("What is it about? (optional)"), required=False,
        choices=[("", "---------")] + list(Contribution.Field.choices),
    )
    message = forms.CharField(
        label=_("What is wrong, and what is right?"), max_length=LIMITS["message"],
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )

    field_order = ["field", "message", "source_url", "contact_email", HONEYPOT]


class MissingClusterForm(_ContributionForm):
    name = forms.CharField(label=_("Name of the cluster"), max_length=LIMITS["name"],
                           help_text=_("For example: the village and its craft, such as Nagada weaving."),
                           widget=forms.TextInput(attrs={"dir": "auto"}))
    sector = forms.TypedChoiceField(label=_("What is made there"), coerce=int)
    governorate = forms.TypedChoiceField(label=_("Governorate"), coerce=int, required=False,
                                         help_text=_("Filled in from the point when you leave it empty."))
    place = forms.CharField(label=_("Village or markaz"), required=False, max_length=LIMITS["place"],
                            widget=forms.TextInput(attrs={"dir": "auto"}))
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90,
                                widget=forms.NumberInput(attrs={"step": "any", "dir": "ltr", "inputmode": "decimal"}))
    longitude = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180,
                                 widget=forms.NumberInput(attrs={"step": "any", "dir": "ltr",
                                                                 "inputmode": "decimal"}))
    products = forms.CharField(label=_("What they make (optional)"), required=False, max_length=LIMITS["products"],
                               widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))

    field_order = ["name", "sector", "governorate", "place", "latitude", "longitude", "products", "source_url",
                   "contact_email", HONEYPOT]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._sectors = {s.pk: s for s in sector_choices()}
        self._governorates = {g.pk: g for g in governorate_choices()}
        self.fields["sector"].choices = _sorted_choices(self._sectors.values())
        self.fields["governorate"].choices = _sorted_choices(self._governorates.values())

    def clean(self):
        cleaned = super().clean()
        lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
        if (lat is None) != (lon is None) and not self.has_error("latitude") and not self.has_error("longitude"):
            raise ValidationError(_("Give both the latitude and the longitude, or pick the place on the map."))
        cleaned["location"] = Point(lon, lat, srid=4326) if lat is not None and lon is not None else None
        cleaned["sector_obj"] = self._sectors.get(cleaned.get("sector"))
        cleaned["governorate_obj"] = self._governorates.get(cleaned.get("governorate"))
        return cleaned
