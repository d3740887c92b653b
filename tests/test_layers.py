"""The read core's boundary: adapters call the domain, never each other's internals (issue 11, item 6).

The domain (clusters.filters, selectors, geojson, etags, constants, pages...)
is what the API, OGC, the public pages and the middleware share; if one
adapter imported another's modules, a change to one would silently change
the other. Checked on the source's import statements, so it costs no database.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Each adapter, as a path and the import prefix it owns.
ADAPTERS = {
    "api": ("clusters/api", "clusters.api"),
    "ogc": ("clusters/ogc", "clusters.ogc"),
    "maps": ("maps", "maps"),
    "ops": ("ops", "ops"),
}
# Public helpers an adapter offers on purpose, not internals: the one rule for a visitor's
# address behind trusted proxies (the login lockout, the rate limit and the contribution form).
SHARED = ("ops.clientip",)
DOMAIN_READS = ["clusters/filters.py", "clusters/selectors.py", "clusters/etags.py", "clusters/constants.py",
                "clusters/pages.py", "clusters/encoding.py", "clusters/geojson"]


def _python_files(relative: str) -> list[Path]:
    path = ROOT / relative
    if path.is_file():
        return [path]
    return [p for p in path.rglob("*.py") if "migrations" not in p.parts]


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            # `from clusters import api` imports the package all the same.
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def _owned_by(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


@pytest.mark.parametrize("adapter", sorted(ADAPTERS))
def test_an_adapter_imports_no_other_adapter(adapter):
    folder, _own = ADAPTERS[adapter]
    others = [prefix for name, (_f, prefix) in ADAPTERS.items() if name != adapter]
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _python_files(folder) for name in _imports(path)
        if any(_owned_by(name, prefix) for prefix in others) and not any(_owned_by(name, ok) for ok in SHARED)
    ]
    assert wrong == []


def test_the_domain_imports_no_adapter():
    prefixes = [prefix for _folder, prefix in ADAPTERS.values()]
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for relative in DOMAIN_READS for path in _python_files(relative) for name in _imports(path)
        if any(_owned_by(name, prefix) for prefix in prefixes)
    ]
    assert wrong == []


def test_no_stand_in_requests():
    """Helpers take values: nobody fakes a request to call a function written for one."""
    wrong = [
        str(path.relative_to(ROOT))
        for folder in ["clusters", "maps", "ops"] for path in _python_files(folder)
        if "SimpleNamespace" in path.read_text(encoding="utf-8") or "RequestFactory" in path.read_text(encoding="utf-8")
    ]
    assert wrong == []


def test_shared_limits_are_defined_once():
    """The ISO pattern and the API's caps live in clusters.constants only."""
    definitions = {"MAX_LIMIT =": [], "MAX_Q_LENGTH =": [], "MAX_OFFSET =": [], 'r"^EG-[A-Z]{1,3}$"': []}
    for folder in ["clusters", "maps", "ops"]:
        for path in _python_files(folder):
            text = path.read_text(encoding="utf-8")
            for needle, found in definitions.items():
                if needle in text:
                    found.append(str(path.relative_to(ROOT)))
    allowed = {"clusters/constants.py", "clusters/models.py"}
    assert {needle: [p for p in paths if p not in allowed] for needle, paths in definitions.items()} == {
        needle: [] for needle in definitions
    }
