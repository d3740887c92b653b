"""The staff roles "Cluster editors" and "Cluster publishers", as groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def roles_create(apps, schema_editor):
    from clusters.roles import roles_ensure

    # Permissions are normally made after all migrations (post_migrate); on a
    # fresh database they do not exist yet, so make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles_ensure(apps)


def roles_remove(apps, schema_editor):
    from clusters.roles import ROLES

    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0002_data_version_triggers"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(roles_create, roles_remove)]
