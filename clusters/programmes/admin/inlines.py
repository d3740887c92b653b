"""Support edited inline, on the cluster form and on the programme form, through the support service."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from clusters.programmes.admin.cluster_picker import cluster_picker_options
from clusters.programmes.admin.forms import SupportForm
from clusters.programmes.models import Programme, Support
from clusters.programmes.services import support_save

SUPPORT_FIELDS = ["kinds", "start_year", "end_year", "summary_ar", "summary_en", "enterprises_reached",
                  "people_reached", "women_reached", "sources", "status", "expected_version"]


class SupportFormSet(BaseInlineFormSet):
    """Saves each row through support_save: drafts when new, history with the user, the version check."""

    user = None  # set per request by the inline's get_formset

    def __init__(self, data=None, *args, **kwargs):
        prefix = kwargs.get("prefix") or self.get_default_prefix()
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            # A post made without this inline (a script, or a form saved before
            # the inline existed) leaves the support rows as they are, rather
            # than failing the whole cluster save on a missing management form.
            data = data.copy()
            data[f"{prefix}-TOTAL_FORMS"] = "0"
            data[f"{prefix}-INITIAL_FORMS"] = "0"
        super().__init__(data, *args, **kwargs)

    def save_new(self, form, commit=True):
        setattr(form.instance, self.fk.name, self.instance)
        support = form.save(commit=False)
        return support_save(support, user=self.user)

    def save_existing(self, form, obj, commit=True):
        support = form.save(commit=False)
        return support_save(support, user=self.user, expected_version=form.cleaned_data.get("expected_version"))

    def delete_existing(self, obj, commit=True):
        obj._history_user = self.user
        super().delete_existing(obj, commit=commit)


class _SupportInline(admin.StackedInline):
    model = Support
    form = SupportForm
    formset = SupportFormSet
    extra = 0
    readonly_fields = ["status"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"user": request.user})


class SupportInlineForCluster(_SupportInline):
    """On the cluster form: which programmes work in this cluster."""

    fields = ["programme"] + SUPPORT_FIELDS

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "programme":
            kwargs["queryset"] = Programme.objects.only("id", "name_ar", "name_en", "status").order_by("name_en")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SupportInlineForProgramme(_SupportInline):
    """On the programme form: the clusters it works in."""

    fields = ["cluster"] + SUPPORT_FIELDS

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "cluster":
            kwargs.update(cluster_picker_options(db_field, self.admin_site))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cluster")
