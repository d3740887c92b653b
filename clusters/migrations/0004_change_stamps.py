"""The data version without one hot row (issue 13, item 5).

0002's trigger upserted one shared row, so a long import held its lock and
every admin save waited until the import committed. Now each writing
transaction counts its statements in its own row of clusters_datachange, and
the version is clusters_dataversion.version + sum(clusters_datachange.changes):
a row counts only
once its transaction commits, so a reader never sees a new version with old
data (a sequence would: nextval shows before the commit, and a client would
keep the old data under the new ETag). Versions only grow, whatever order
writers commit in.

So that the table stays a few rows long, the first statement of a writing
transaction folds the committed rows into clusters_dataversion, if it wins a
try-lock: writers that lose it skip folding and never wait.
"""

from django.db import migrations, models

FOLD_LOCK = "hashtext('clusters_data_version_fold')"

CREATE = f"""
CREATE OR REPLACE FUNCTION clusters_bump_data_version() RETURNS trigger AS $$
DECLARE
    me bigint := pg_current_xact_id()::text::bigint;
    first boolean;
    folded bigint;
BEGIN
    -- Every statement counts, so that the writer's own later reads see a new version too.
    INSERT INTO clusters_datachange (txid, changes) VALUES (me, 1)
        ON CONFLICT (txid) DO UPDATE SET changes = clusters_datachange.changes + 1
        RETURNING xmax = 0 INTO first;
    IF first AND pg_try_advisory_xact_lock({FOLD_LOCK}) THEN
        BEGIN
            WITH gone AS (DELETE FROM clusters_datachange WHERE txid <> me RETURNING changes)
            SELECT coalesce(sum(changes), 0) INTO folded FROM gone;
            IF folded > 0 THEN
                INSERT INTO clusters_dataversion (id, version, changed_at) VALUES (1, folded, now())
                    ON CONFLICT (id) DO UPDATE
                    SET version = clusters_dataversion.version + folded, changed_at = now();
            END IF;
        EXCEPTION WHEN serialization_failure THEN
            -- Only under REPEATABLE READ, when another transaction folded first: folding can wait.
            NULL;
        END;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

# 0002's function, for migrating back, after folding every change so that the version does not go back.
DROP = """
INSERT INTO clusters_dataversion (id, version, changed_at)
    VALUES (1, (SELECT coalesce(sum(changes), 0) FROM clusters_datachange), now())
    ON CONFLICT (id) DO UPDATE
    SET version = clusters_dataversion.version + (SELECT coalesce(sum(changes), 0) FROM clusters_datachange),
        changed_at = now();
CREATE OR REPLACE FUNCTION clusters_bump_data_version() RETURNS trigger AS $$
BEGIN
    INSERT INTO clusters_dataversion (id, version, changed_at) VALUES (1, 1, now())
        ON CONFLICT (id) DO UPDATE SET version = clusters_dataversion.version + 1, changed_at = now();
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


class Migration(migrations.Migration):
    dependencies = [("clusters", "0003_roles")]
    operations = [
        migrations.CreateModel(
            name="DataChange",
            fields=[
                ("txid", models.BigIntegerField(primary_key=True, serialize=False)),
                ("changes", models.BigIntegerField(default=1)),
            ],
            options={"verbose_name": "data change"},
        ),
        migrations.RunSQL(CREATE, DROP),
    ]
