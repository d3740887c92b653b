"""static/js/normalize.js folds text exactly as clusters/text.py normalize_text does."""

import json
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings

from clusters.text import normalize_text

pytestmark = pytest.mark.browser

CASES = json.loads((Path(settings.BASE_DIR) / "fixtures" / "normalize_cases.json").read_text())["cases"]
RUN = """async ([inputs]) => {
  const { normalizeText } = await import('/static/js/normalize.js');
  return inputs.map((text) => normalizeText(text));
}"""


@pytest.fixture
def js_page(live_server, page):
    page.goto(f"{live_server.url}/en/about/")
    return page


def test_every_shared_case(js_page):
    inputs = [case[0] for case in CASES]
    outputs = js_page.evaluate(RUN, [inputs])
    assert list(zip(inputs, outputs)) == [tuple(case) for case in CASES]
    assert [normalize_text(text) for text in inputs] == [case[1] for case in CASES]


def test_same_as_python_over_the_basic_multilingual_plane(js_page):
    # Each assigned character between two letters: folding, casefold, spaces and
    # NFKC all have to agree with Python's.
    inputs = [
        f"a{chr(cp)}b" for cp in range(0x10000)
        if not 0xD800 <= cp <= 0xDFFF and unicodedata.category(chr(cp)) not in ("Cn", "Co")
    ]
    outputs = js_page.evaluate(RUN, [inputs])
    differences = [(text, got, normalize_text(text)) for text, got in zip(inputs, outputs) if got != normalize_text(text)]
    assert differences == []
