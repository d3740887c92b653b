"""Forms for organisations, programmes and support: the version opened, sources one per line, kinds as boxes."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from clusters.admin.forms import SourcesField
from clusters.programmes.models import Organisation, Programme, Support, SupportKind
from clusters.programmes.services import _conflict_message, record_version_current


class VersionedForm(forms.ModelForm):
    """Carries the version the form was opened at and refuses a stale save early.

    The service makes the same check atomically; this only answers sooner, on
    the form, with the editor's input kept.
    """

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # From the database, not the instance: on simple_history's revert form the instance is an old copy.
        if self.instance.pk and not self.is_bound:
            self.initial["expected_version"] = record_version_current(type(self.instance), self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = record_version_current(type(self.instance), self.instance.pk)
            if current is None or cleaned.get("expected_version") != current:
                raise ValidationError(_conflict_message(type(self.instance)), code="conflict")
        return cleaned


def _sources():
    return SourcesField(label=capfirst(_("sources")), required=False,
                        help_text=_("Web addresses that back this record, one per line."))


class OrganisationForm(VersionedForm):
    class Meta:
        model = Organisation
        fields = "__all__"


class ProgrammeForm(VersionedForm):
    sources = _sources()

    class Meta:
        model = Programme
        fields = "__all__"
        help_texts = {
            "budget_amount": _("Leave empty when the sources give no budget: it is then shown as not reported."),
            "start_year": _("Leave empty when not reported."),
        }

    def clean_budget_currency(self):
        return (self.cleaned_data.get("budget_currency") or "").strip().upper()

    def clean(self):
        cleaned = super().clean()
        amount, currency = cleaned.get("budget_amount"), cleaned.get("budget_currency")
        if amount is not None and amount < 0:
            self.add_error("budget_amount", _("A budget cannot be negative."))
        if amount is not None and not currency:
            self.add_error("budget_currency", _("Give the budget's currency as an ISO 4217 code, such as USD."))
        elif currency and (len(currency) != 3 or not currency.isascii() or not currency.isalpha()):
            self.add_error("budget_currency", _("A currency is a three-letter ISO 4217 code, such as EGP or USD."))
        elif currency and amount is None:
            self.add_error("budget_amount", _("Give the amount, or leave the currency empty too."))
        _check_years(self, cleaned)
        return cleaned


def _check_years(form, cleaned):
    start, end = cleaned.get("start_year"), cleaned.get("end_year")
    if start is not None and end is not None and end < start:
        form.add_error("end_year", _("The end year is before the start year."))


class SupportForm(VersionedForm):
    kinds = forms.MultipleChoiceField(
        label=capfirst(_("kinds of support")), choices=SupportKind.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Leave all unticked when the sources do not say."),
    )
    sources = _sources()

    class Meta:
        model = Support
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        _check_years(self, cleaned)
        return cleaned
