"""Editors and publishers may review contributions; only publishers may delete one."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def roles_extend(apps, schema_editor):
    from clusters.contributions.roles import contribution_roles_ensure

    # Permissions are normally made after all migrations (post_migrate); on a
    # fresh database they do not exist yet, so make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    contribution_roles_ensure(apps)


def roles_shrink(apps, schema_editor):
    from clusters.contributions.roles import CONTRIBUTION_ROLES

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in CONTRIBUTION_ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*Permission.objects.filter(
                content_type__app_label="contributions", codename__in=[c for _a, _m, c in wanted]))


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0001_initial"),
        ("clusters", "0003_roles"),
    ]
    operations = [migrations.RunPython(roles_extend, roles_shrink)]
