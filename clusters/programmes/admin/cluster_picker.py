"""The cluster picker of the support forms: a search box, not a select of every cluster.

A plain select renders one option per cluster on every support row, which at
100,000 clusters makes the programme form megabytes long. Django's own
autocomplete (select2, served from Django's static files, so it works
offline and under our CSP) asks for 20 matches at a time instead, found by
ClusterAdmin's search: folded Arabic, so "الاثاث" finds "الأثاث".

Only the label differs from Django's: a cluster's name alone does not tell
two namesakes apart, so the picker shows both names and the slug, in the
search results and on the option already chosen alike.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect

from clusters.models import Cluster

URL_NAME = "programmes_cluster_autocomplete"
_LABEL_FIELDS = ("id", "slug", "name_ar", "name_en")


def cluster_label(cluster) -> str:
    names = " / ".join(name for name in (cluster.name_ar, cluster.name_en) if name)
    return f"{names} ({cluster.slug})"


class ClusterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return cluster_label(obj)


class ClusterPicker(AutocompleteSelect):
    # Our view below, rather than Django's admin:autocomplete, for the label.
    url_name = "%s:" + URL_NAME


class ClusterAutocompleteView(AutocompleteJsonView):
    """Django's autocomplete (same permission checks, same search), with the picker's label."""

    def process_request(self, request):
        term, model_admin, source_field, to_field_name = super().process_request(request)
        # The label and the fields read are a cluster's: any other field keeps Django's own view.
        if model_admin.model is not Cluster:
            raise PermissionDenied
        return term, model_admin, source_field, to_field_name

    def get_queryset(self):
        # The names and slug only: no geometries for a list of labels.
        return super().get_queryset().only(*_LABEL_FIELDS)

    def serialize_result(self, obj, to_field_name):
        return {"id": str(getattr(obj, to_field_name)), "text": cluster_label(obj)}


def cluster_picker_options(db_field, admin_site) -> dict:
    """formfield_for_foreignkey's keyword arguments for a `cluster` foreign key on a support form."""
    return {
        "widget": ClusterPicker(db_field, admin_site),
        "form_class": ClusterChoiceField,
        # Validation and the chosen option read the labels' fields only.
        "queryset": Cluster.objects.only(*_LABEL_FIELDS),
    }
