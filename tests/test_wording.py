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
