"""Answers shared by the server's processes (KeptAnswer): built once per data version, never stale."""

import brotli
import pytest

from clusters.answers import SHARED_ROWS, answer_bytes, answers_forget
from clusters.etags import data_version, etag_for
from clusters.models import Cluster, KeptAnswer

pytestmark = pytest.mark.django_db
URL = "/api/v1/map/clusters/"
BROTLI = {"HTTP_ACCEPT_ENCODING": "br"}


def never_built():
    raise AssertionError("built again: the kept answer was not used")


def another_process():
    # What a second worker starts with: nothing in memory.
    answers_forget()


def test_an_answer_built_in_one_process_is_read_in_another():
    etag = etag_for(data_version(), ("test", 1))
    body = b'{"big": "' + b"x" * 5000 + b'"}'
    assert answer_bytes(etag, lambda: body, encoding="br", shared=True) == (brotli.compress(body, quality=1), "br")
    another_process()
    compressed, coding = answer_bytes(etag, never_built, encoding="br", shared=True)
    assert (brotli.decompress(compressed), coding) == (body, "br")
    another_process()
    # Another coding is made from the kept identity bytes, not built again.
    assert answer_bytes(etag, never_built, encoding="", shared=True) == (body, "")
    assert answer_bytes(etag, never_built, encoding="gzip", shared=True)[1] == "gzip"
    assert set(KeptAnswer.objects.values_list("encoding", flat=True)) == {"", "br", "gzip"}


def test_unshared_answers_stay_in_their_process():
    etag = etag_for(data_version(), ("test", 2))
    answer_bytes(etag, lambda: b"x" * 5000, encoding="br")
    assert not KeptAnswer.objects.exists()


def test_a_new_data_version_drops_what_the_old_one_kept():
    old = etag_for(5, ("test", 3))
    answer_bytes(old, lambda: b"old" * 1000, shared=True)
    new = etag_for(6, ("test", 3))
    answer_bytes(new, lambda: b"new" * 1000, shared=True)
    assert list(KeptAnswer.objects.values_list("etag", flat=True)) == [new]


def test_rows_per_version_are_bounded():
    for i in range(SHARED_ROWS + 5):
        answer_bytes(etag_for(7, ("test", i)), lambda: b"x" * 300, shared=True)
    assert KeptAnswer.objects.count() == SHARED_ROWS


def test_the_maps_whole_answer_is_shared_and_never_stale_across_a_write(client, seeded):
    first = client.get(URL + "?lang=en", **BROTLI)
    assert first["Content-Encoding"] == "br"
    assert KeptAnswer.objects.filter(etag=first["ETag"].removeprefix("W/")).exists()
    another_process()
    again = client.get(URL + "?lang=en", **BROTLI)
    assert (again.content, again["ETag"]) == (first.content, first["ETag"])

    Cluster.objects.filter(slug="damietta-furniture").update(name_en="Renamed furniture")
    another_process()
    after = client.get(URL + "?lang=en", **BROTLI)
    assert after["ETag"] != first["ETag"]
    assert b"Renamed furniture" in brotli.decompress(after.content)
    # Only the new version's answer is kept.
    assert set(KeptAnswer.objects.values_list("version", flat=True)) == {data_version()}


def test_filtered_and_searched_answers_are_not_shared(client, seeded):
    client.get(URL + "?lang=en&q=pottery", **BROTLI)
    client.get(URL + "?lang=en&sector=pottery-ceramics", **BROTLI)
    assert KeptAnswer.objects.count() == 0


def test_the_map_pages_filter_counts_are_counted_once_for_every_process(client, seeded, monkeypatch):
    from maps import views

    first = client.get("/en/")
    assert KeptAnswer.objects.count() == 1
    another_process()
    views.filter_choices_forget()
    monkeypatch.setattr(views, "_filter_choices_counted", never_built)
    again = client.get("/en/")
    assert again.status_code == 200
    assert again.content == first.content


def test_a_release_that_changes_the_code_never_reads_the_old_releases_answers(monkeypatch):
    # Kept answers outlive a restart: a release that changes an answer's shape (the map page's
    # choices gained the support filters) must not read the old shape under the old tag.
    from clusters import etags

    old = etags.etag_for(data_version(), ("filter-choices", "en"))
    answer_bytes(old, lambda: b'[["old", "shape"]]', shared=True)
    monkeypatch.setattr(etags, "CODE_STAMP", "the next release")
    new = etags.etag_for(data_version(), ("filter-choices", "en"))
    assert new != old and new.split("-")[0] == old.split("-")[0]  # the same data version, another tag
    another_process()
    assert answer_bytes(new, lambda: b'["new"]', shared=True) == (b'["new"]', "")
