"""The Arabic catalog is complete: no string a user can see is left untranslated or fuzzy."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIP = {".git", ".venv", "var", "staticfiles", "node_modules", ".pytest_cache", "bench", "tests", "__pycache__"}


@pytest.fixture(scope="module")
def fresh_catalogs(tmp_path_factory):
    """Re-extract every string from the source into a copy, as scripts/messages does."""
    copy = tmp_path_factory.mktemp("catalog") / "project"
    shutil.copytree(ROOT, copy, ignore=lambda folder, names: [n for n in names if n in SKIP or n.endswith(".mo")])
    result = subprocess.run(
        ["bash", "scripts/messages"], cwd=copy, capture_output=True, text=True,
        env={**os.environ, "PYTHON": sys.executable},
    )
    assert result.returncode == 0, result.stderr
    return copy / "locale" / "ar" / "LC_MESSAGES"


def _entries(po: Path, flag: str) -> str:
    out = subprocess.run(["msgattrib", flag, "--no-wrap", str(po)], capture_output=True, text=True, check=True)
    # The header entry (msgid "") is not a string a user sees.
    return "\n".join(
        block for block in out.stdout.split("\n\n") if block.strip() and 'msgid ""\nmsgstr ""' not in block
    )


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_arabic_catalog_has_no_untranslated_or_fuzzy_entries(fresh_catalogs, domain):
    po = fresh_catalogs / f"{domain}.po"
    assert po.exists(), f"{po.name} was not produced"
    untranslated = _entries(po, "--untranslated")
    fuzzy = _entries(po, "--only-fuzzy")
    assert not untranslated, f"untranslated in {domain}.po (run scripts/messages, then translate):\n{untranslated[:3000]}"
    assert not fuzzy, f"fuzzy in {domain}.po:\n{fuzzy[:3000]}"


def test_compiled_catalogs_are_not_committed():
    tracked = subprocess.run(["git", "ls-files", "*.mo"], cwd=ROOT, capture_output=True, text=True).stdout
    assert tracked.strip() == ""
