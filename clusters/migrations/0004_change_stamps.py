"""Placeholder claimed by the issue-13 helper (change stamps); filled in the next commits."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("clusters", "0003_roles")]
    operations = []
