"""Statement-level triggers that bump DataVersion on any write to public data.

The API's ETag is the version number, so it changes whatever path the write
took (admin, importer, queryset.update, raw SQL) and costs one cheap read.
"""

from django.db import migrations

TABLES = ["clusters_cluster", "clusters_sector", "clusters_governorate"]

CREATE = """
INSERT INTO clusters_dataversion (id, version, changed_at) VALUES (1, 1, now())
    ON CONFLICT (id) DO NOTHING;

CREATE OR REPLACE FUNCTION clusters_bump_data_version() RETURNS trigger AS $$
BEGIN
    -- An upsert, so that the row comes back if a test flush truncated it.
    INSERT INTO clusters_dataversion (id, version, changed_at) VALUES (1, 1, now())
        ON CONFLICT (id) DO UPDATE SET version = clusters_dataversion.version + 1, changed_at = now();
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
""" + "".join(
    f"""
CREATE TRIGGER {table}_bump_version
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION clusters_bump_data_version();
"""
    for table in TABLES
)

DROP = "".join(f"DROP TRIGGER IF EXISTS {t}_bump_version ON {t};" for t in TABLES) + (
    "DROP FUNCTION IF EXISTS clusters_bump_data_version();"
)


class Migration(migrations.Migration):
    dependencies = [("clusters", "0001_initial")]
    operations = [migrations.RunSQL(CREATE, DROP)]
