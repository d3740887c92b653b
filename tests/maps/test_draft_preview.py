"""Staff preview a draft's public page; nobody else learns that it exists."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from clusters.models import Cluster
from clusters.roles import EDITORS, roles_ensure

URL = "/en/clusters/preview-draft/"


@pytest.fixture
def draft(make_cluster):
    return make_cluster("preview-draft", name_en="Preview draft", status=Cluster.Status.DRAFT)


def logged_in(username, *, staff=True, group=EDITORS):
    roles_ensure()
    user = User.objects.create_user(username, password="a long test password 42", is_staff=staff)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def test_staff_see_a_draft_with_a_banner_never_cached_nor_indexed(draft):
    response = logged_in("amal").get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="draft-banner"' in page and "Draft: not public." in page
    assert "Preview draft" in page
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in page


@pytest.mark.parametrize("who", ["anonymous", "not staff", "staff without a role"])
def test_everyone_else_gets_the_same_404_as_for_no_cluster(draft, who):
    client = {
        "anonymous": lambda: Client(),
        "not staff": lambda: logged_in("visitor", staff=False),
        "staff without a role": lambda: logged_in("clerk", group=None),
    }[who]()
    response = client.get(URL)
    missing = client.get("/en/clusters/no-such-cluster/")
    assert response.status_code == missing.status_code == 404
    assert "Preview draft" not in response.content.decode()


def test_a_published_cluster_shows_no_banner_and_keeps_its_caching(seeded):
    response = logged_in("amal").get("/en/clusters/damietta-furniture/")
    assert response.status_code == 200
    assert "draft-banner" not in response.content.decode()
    assert "no-store" not in response.get("Cache-Control", "")
    assert not response.has_header("X-Robots-Tag")
