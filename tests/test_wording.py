"""Sentences assembled from parts use the language's comma; import counts change tense once written."""

from django.utils import translation

from clusters.wording import import_counts_text, text_list

SUMMARY = {"create": 2, "update": 0, "unchanged": 5}


def test_arabic_lists_take_the_arabic_comma():
    with translation.override("ar"):
        assert text_list(["أ", "ب", "ج"]) == "أ، ب، ج"
    with translation.override("en"):
        assert text_list(["a", "b"]) == "a, b"


def test_import_counts_say_what_would_happen_then_what_happened():
    with translation.override("en"):
        assert import_counts_text(SUMMARY, written=False) == "2 to create, 0 to update, 5 unchanged"
        assert import_counts_text(SUMMARY, written=True) == "2 created, 0 updated, 5 unchanged"


def test_arabic_import_counts_have_no_latin_comma():
    with translation.override("ar"):
        for written in (False, True):
            text = import_counts_text(SUMMARY, written=written)
            assert "," not in text and text.count("،") == 2, text


CSV = (
    "slug,name_ar,name_en,sector,governorate_iso,lat,lon,location_precision\n"
    "wording-a,تجمع أ,Wording A,furniture-woodworking,EG-DT,31.42,31.82,locality\n"
    "wording-b,تجمع ب,Wording B,furniture-woodworking,EG-DT,31.43,31.83,locality\n"
)


def test_the_import_command_says_what_it_did_in_the_past_tense(base_data, tmp_path):
    import io

    from django.core.management import call_command

    path = tmp_path / "two.csv"
    path.write_text(CSV, encoding="utf-8")
    out = io.StringIO()
    call_command("import_clusters", str(path), "--dry-run", "--lang", "en", stdout=out, stderr=io.StringIO())
    assert "Dry run, nothing written: 2 to create, 0 to update, 0 unchanged." in out.getvalue()
    out = io.StringIO()
    call_command("import_clusters", str(path), "--lang", "en", stdout=out, stderr=io.StringIO())
    assert "Imported: 2 created, 0 updated, 0 unchanged." in out.getvalue()
    out = io.StringIO()
    call_command("import_clusters", str(path), "--dry-run", "--lang", "ar", stdout=out, stderr=io.StringIO())
    # The counts after the sentence's colon (the sentence itself is the translator's).
    counts = out.getvalue().strip().splitlines()[-1].rsplit(":", 1)[1]
    assert "," not in counts and counts.count("،") == 2, counts
