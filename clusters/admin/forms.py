"""The cluster form: the version it was opened at, sources one per line, placement checked."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from clusters.editing import cluster_place, cluster_version_current
from clusters.models import Cluster
from clusters.text import bidi_controls_check


class SourcesField(forms.CharField):
    """Web addresses one per line: commas appear inside URLs, so a comma list would break them."""

    widget = forms.Textarea(attrs={"rows": 3, "dir": "ltr"})
    default_error_messages = {"invalid_url": _("Line %(line)s is not a web address: %(value)s")}

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        check = URLValidator(schemes=["http", "https"])
        for number, url in enumerate(value, start=1):
            if len(url) > 2000:
                raise ValidationError(self.error_messages["invalid_url"], code="invalid_url",
                                      params={"line": number, "value": url[:80]})
            try:
                check(url)
            except ValidationError:
                raise ValidationError(self.error_messages["invalid_url"], code="invalid_url",
                                      params={"line": number, "value": url[:200]}) from None

    def has_changed(self, initial, data):
        return (initial or []) != self.to_python(data)


GEOMETRY_FIELDS = {"location", "footprint"}


class ClusterAdminForm(forms.ModelForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    sources = SourcesField(
        label=capfirst(_("sources")), required=False, help_text=_("Web addresses that back this record, one per line.")
    )

    class Meta:
        model = Cluster
        fields = "__all__"
        help_texts = {
            "location": _("Put the point on the map with the marker tool; to move it, use the edit tool and "
                          "drag it. It must be inside Egypt."),
            "footprint": _("Optional: the area the cluster covers, drawn with the polygon tool."),
            "governorate": _("Leave empty to fill it in from the point. The selected governorate's boundary "
                             "is drawn on the maps for orientation."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "governorate" in self.fields:
            self.fields["governorate"].required = False
        # The version in the database when the form is drawn, not the instance's:
        # on simple_history's revert form the instance is an old copy.
        if self.instance.pk and not self.is_bound:
            self.initial["expected_version"] = cluster_version_current(self.instance.pk)
        self.placement = None

    def _get_validation_exclusions(self):
        # Django checks CheckConstraints in Python by wrapping the values in
        # Value(), which GIS functions such as IsValid refuse with a TypeError.
        # cluster_place checks the geometry rules with clear messages, and the
        # database still enforces the constraints.
        return super()._get_validation_exclusions() | GEOMETRY_FIELDS

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            expected = cleaned.get("expected_version")
            current = cluster_version_current(self.instance.pk)
            # Both None: the history form restoring a deleted cluster (clusters.editing restores it).
            if expected != current:
                # A friendly early answer; cluster_save makes the same check atomically.
                raise ValidationError(
                    _("Someone else saved or deleted this cluster after you opened it. Your changes were not "
                      "saved: reload the page to see the current version, then make your changes again."),
                    code="conflict",
                )
        try:
            bidi_controls_check(cleaned)
        except ValidationError as error:
            self.add_error(None, error)
        if "location" in cleaned and not self.has_error("governorate") and not self.has_error("footprint"):
            try:
                self.placement = cluster_place(
                    cleaned["location"], cleaned.get("governorate"), cleaned.get("footprint")
                )
            except ValidationError as error:
                self.add_error(None, error)
            else:
                cleaned["governorate"] = self.placement.governorate
        return cleaned
