"""The staff roles, as groups: daily work needs no superuser.

Group names are stored in the database, so they stay fixed English strings;
only their display goes through gettext (ROLE_LABELS).
"""

from django.apps import apps as global_apps
from django.utils.translation import gettext_lazy as _

EDITORS = "Cluster editors"
PUBLISHERS = "Cluster publishers"

ROLE_LABELS = {
    EDITORS: _("Cluster editors"),
    PUBLISHERS: _("Cluster publishers"),
}

_EDITOR_PERMISSIONS = [
    ("clusters", "cluster", "add_cluster"),
    ("clusters", "cluster", "change_cluster"),
    ("clusters", "cluster", "view_cluster"),
    ("clusters", "sector", "view_sector"),
    ("clusters", "governorate", "view_governorate"),
]
ROLES = {
    EDITORS: _EDITOR_PERMISSIONS,
    PUBLISHERS: _EDITOR_PERMISSIONS + [
        ("clusters", "cluster", "publish_cluster"),
        ("clusters", "cluster", "delete_cluster"),
    ],
}


def role_label(name: str) -> str:
    return str(ROLE_LABELS.get(name, name))


def roles_grant(roles: dict, apps=None) -> dict[str, int]:
    """Give the role groups the permissions a table names; returns permissions added per group.

    Each app keeps its own table (clusters, programmes, contributions) because
    its permissions exist only after its own migrations; all share this one grant.
    Only adds: a permission an administrator gave a group on purpose is kept.
    """
    apps = apps or global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    added = {}
    for name, wanted in roles.items():
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


def roles_ensure(apps=None) -> dict[str, int]:
    """Create the role groups with the clusters' permissions (the migration passes its historical apps)."""
    return roles_grant(ROLES, apps)
