"""The static files production serves: hashed names all the way down the ES module imports."""

import re

from django.core.management import call_command
from django.test import override_settings


def test_hashed_modules_import_hashed_modules(tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "clusters_portal.storage.StaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    main = next(p for p in (tmp_path / "js").glob("main.*.js") if re.fullmatch(r"main\.[0-9a-f]{12}\.js", p.name))
    imports = re.findall(r'from "(\./[^"]+)"', main.read_text(encoding="utf-8"))
    assert imports, "main.js imports its modules"
    assert all(re.fullmatch(r"\./[\w-]+\.[0-9a-f]{12}\.js", name) for name in imports), imports
    assert (tmp_path / "leaflet" / "images" / "marker-icon.png").exists()
