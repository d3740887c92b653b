"""The "Support" section of a cluster's page, from the public support selector.

An inclusion tag so the cluster page's view stays as it is: the section
fetches its own rows, and only public ones (never a draft programme or row).
"""

from django import template

from clusters.programmes.selectors import support_public_for_cluster
from maps.programme_views import kind_labels, source_links

register = template.Library()


@register.inclusion_tag("maps/_cluster_support.html", takes_context=True)
def cluster_support_section(context, cluster):
    support = support_public_for_cluster(cluster)
    return {
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
        "rows": [{"support": s, "programme": s.programme, "organisations": list(s.programme.organisations.all()),
                  "kinds": kind_labels(s.kinds), "sources": source_links(s.sources)} for s in support],
    }
