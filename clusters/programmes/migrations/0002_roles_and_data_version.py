"""The programmes' permissions in the staff roles, and the API's data version bumped by their tables."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TABLES = ["programmes_organisation", "programmes_programme", "programmes_programme_organisations",
          "programmes_support"]


def roles_add(apps, schema_editor):
    from clusters.programmes.roles import programme_roles_ensure

    # As clusters 0003: on a fresh database the permissions do not exist before post_migrate.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    programme_roles_ensure(apps)


def roles_remove(apps, schema_editor):
    from clusters.programmes.roles import ROLES

    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="programmes"))


def triggers_add(apps, schema_editor):
    # Support and programmes are in the public answers (cluster detail, the map's
    # filters), so a change to them must move the ETag as a cluster change does.
    # Only if clusters' bump function is there: the change-stamps work may replace it.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT to_regproc('clusters_bump_data_version') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return
        for table in TABLES:
            cursor.execute(
                f"CREATE TRIGGER {table}_bump_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION clusters_bump_data_version()"
            )


def triggers_remove(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"DROP TRIGGER IF EXISTS {table}_bump_version ON {table}")


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0001_initial"),
        ("clusters", "0003_roles"),
    ]
    operations = [
        migrations.RunPython(roles_add, roles_remove),
        migrations.RunPython(triggers_add, triggers_remove),
    ]
