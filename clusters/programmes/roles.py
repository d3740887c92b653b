"""The programmes' permissions in the clusters' two staff roles (clusters.roles).

Editors add and change organisations, programmes and support; publishers also
publish, unpublish and delete them, exactly as with clusters.
"""

from clusters.roles import EDITORS, PUBLISHERS

MODELS = ["organisation", "programme", "support"]

ROLES = {
    EDITORS: [("programmes", m, f"{action}_{m}") for m in MODELS for action in ("add", "change", "view")],
}
ROLES[PUBLISHERS] = ROLES[EDITORS] + [
    ("programmes", m, f"{action}_{m}") for m in MODELS for action in ("publish", "delete")
]


def programme_roles_ensure(apps=None) -> dict[str, int]:
    """Add the programmes' permissions to the role groups; only adds, like clusters.roles.roles_ensure."""
    from django.apps import apps as global_apps

    apps = apps or global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    added = {}
    for name, wanted in ROLES.items():
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
