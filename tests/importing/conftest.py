import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """The importer's problems are asserted in English; the portal's default language is Arabic."""
    with translation.override("en"):
        yield
