"""Admin template helpers: the index's count of new contributions, a suggestion beside the cluster form."""

from django import template

from clusters.contributions.selectors import contribution_for_review, contribution_new_count

register = template.Library()


@register.simple_tag(takes_context=True)
def contributions_new_count(context):
    """The number waiting for review, or None for staff who may not see contributions."""
    request = context.get("request")
    if request is None or not request.user.has_perm("contributions.view_contribution"):
        return None
    return contribution_new_count()


@register.inclusion_tag("contributions/admin/suggestion_beside.html", takes_context=True)
def contribution_beside(context, cluster):
    """The correction named by ?contribution= in the URL, when it is about this cluster."""
    request = context.get("request")
    contribution = None
    if request is not None and cluster is not None and request.user.has_perm("contributions.view_contribution"):
        found = contribution_for_review(request.GET.get("contribution", ""))
        if found is not None and found.cluster_id == cluster.pk:
            contribution = found
    return {"contribution": contribution}
