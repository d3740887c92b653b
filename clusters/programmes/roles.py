"""The programmes' permissions in the clusters' two staff roles (clusters.roles).

Editors add and change organisations, programmes and support; publishers also
publish, unpublish and delete them, exactly as with clusters.
"""

from clusters.roles import EDITORS, PUBLISHERS, roles_grant

MODELS = ["organisation", "programme", "support"]

ROLES = {
    EDITORS: [("programmes", m, f"{action}_{m}") for m in MODELS for action in ("add", "change", "view")],
}
ROLES[PUBLISHERS] = ROLES[EDITORS] + [
    ("programmes", m, f"{action}_{m}") for m in MODELS for action in ("publish", "delete")
]


def programme_roles_ensure(apps=None) -> dict[str, int]:
    """Add the programmes' permissions to the role groups; only adds, like clusters.roles.roles_ensure."""
    return roles_grant(ROLES, apps)
