"""Engine markup stays markup and content is escaped exactly once, in every template's `ui(…)`."""

from __future__ import annotations

from markupsafe import Markup

from cxportal.project import load_project
from cxportal.render import Renderer

from .conftest import FIXTURE
from .helpers import FIXTURE_SETTINGS


def renderer() -> Renderer:
    portal, _ = load_project(FIXTURE, settings=FIXTURE_SETTINGS)
    return Renderer(portal)


def test_a_catalogue_string_keeps_engine_markup_and_escapes_content_once():
    env = renderer().env
    link = Markup('<a href="../x/">{}</a>').format("Fish & <chips>")
    html = env.from_string('{{ ui("glossary.see", link=link) }}').render(link=link)
    assert html == 'See <a href="../x/">Fish &amp; &lt;chips&gt;</a>.'
    # A markup block built in the template ({% set %}) stays markup too: the path pages' total.
    total = env.from_string(
        '{% set t %}<strong>{{ m }}</strong>{% endset %}{{ ui("path.total_of", total=t, budget="3 h") }}'
    ).render(m="2 h 41 min")
    assert total == "Total: <strong>2 h 41 min</strong> of 3 h"


def test_content_passed_as_text_is_escaped_exactly_once():
    env = renderer().env
    html = env.from_string('{{ ui("glossary.see", link=text) }}').render(text="<b>Tom & Jerry</b>")
    assert "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;" in html and "&amp;lt;" not in html and "<b>" not in html
