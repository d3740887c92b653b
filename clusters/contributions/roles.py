"""What the staff roles (clusters.roles) may do with contributions.

Editors and publishers both review; only publishers may delete one. Publishing
a draft made from a suggestion needs clusters.publish_cluster, which only
publishers have. Kept beside the app, not in clusters.roles, because the
clusters migration that makes the groups runs before these permissions exist.
"""

from django.apps import apps as global_apps

from clusters.roles import EDITORS, PUBLISHERS

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
    apps = apps or global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    added = {}
    for name, wanted in CONTRIBUTION_ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = []
        for app_label, model, codename in wanted:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            ).first()
            if permission is None:
                raise LookupError(f"permission {app_label}.{codename} does not exist yet")
            permissions.append(permission)
        have = set(group.permissions.values_list("pk", flat=True))
        missing = [p for p in permissions if p.pk not in have]
        group.permissions.add(*missing)
        added[name] = len(missing)
    return added
