"""What the staff roles (clusters.roles) may do with contributions.

Editors and publishers both review; only publishers may delete one. Publishing
a draft made from a suggestion needs clusters.publish_cluster, which only
publishers have. Kept beside the app, not in clusters.roles, because the
clusters migration that makes the groups runs before these permissions exist.
"""

from clusters.roles import EDITORS, PUBLISHERS, roles_grant

_REVIEW = [
    ("contributions", "contribution", "view_contribution"),
    ("contributions", "contribution", "change_contribution"),
]
CONTRIBUTION_ROLES = {
    EDITORS: _REVIEW,
    PUBLISHERS: _REVIEW + [("contributions", "contribution", "delete_contribution")],
}


def contribution_roles_ensure(apps=None) -> dict[str, int]:
    """Give the role groups their contribution permissions (only adds); permissions added per group."""
    return roles_grant(CONTRIBUTION_ROLES, apps)
