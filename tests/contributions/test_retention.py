"""The retention command: contact emails go after the retention period, the contributions stay."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from clusters.contributions.models import Contribution
from tests.support.contributions import missing_form


@pytest.fixture
def three_ages(client, seeded):
    for email in ("old@example.org", "edge@example.org", "new@example.org"):
        assert client.post("/en/contribute/missing/", missing_form(contact_email=email)).status_code == 303
    now = timezone.now()
    ages = {"old@example.org": 400, "edge@example.org": 181, "new@example.org": 10}
    for contribution in Contribution.objects.all():
        Contribution.objects.filter(pk=contribution.pk).update(
            created_at=now - timedelta(days=ages[contribution.contact_email]))


def emails():
    return sorted(Contribution.objects.exclude(contact_email="").values_list("contact_email", flat=True))


def test_default_retention_deletes_old_emails_and_keeps_contributions(three_ages):
    out = StringIO()
    call_command("purge_contribution_emails", stdout=out)
    assert "Contact emails deleted: 2" in out.getvalue()
    assert Contribution.objects.count() == 3
    assert emails() == ["new@example.org"]
    purged = Contribution.objects.filter(contact_email="")
    assert all(c.email_deleted_at is not None and c.name for c in purged)
    # Running it again changes nothing.
    call_command("purge_contribution_emails", stdout=StringIO())
    assert Contribution.objects.count() == 3 and emails() == ["new@example.org"]


@override_settings(CONTRIBUTION_EMAIL_RETENTION_DAYS=365)
def test_retention_is_a_setting_and_an_option(three_ages):
    call_command("purge_contribution_emails", stdout=StringIO())
    assert emails() == ["edge@example.org", "new@example.org"]
    call_command("purge_contribution_emails", "--days", "5", stdout=StringIO())
    assert emails() == []
    assert Contribution.objects.count() == 3
