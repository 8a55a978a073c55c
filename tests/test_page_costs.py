"""Per-page work that scales: glossary abbreviations only where used, the theme's shell scanned once."""

from __future__ import annotations

from cxportal.model import GlossaryTerm, Source, Text
from cxportal.plugin.glossary import Abbreviations
from cxportal.plugin.intranet import IntranetGuard


def terms(*pairs: tuple[str, str]) -> list[GlossaryTerm]:
    return [GlossaryTerm(term, Text.of(text), None, Source("playbooks/glossary.yml")) for term, text in pairs]


def test_a_page_gets_the_abbreviations_of_the_terms_it_uses_only():
    glossary = Abbreviations(
        terms(("VoC", "Voice of the\n customer."), ("VoC cycle", "Four actions."), ("NPS", "Score."))
    )
    added = glossary.for_page("Run the VoC cycle, then ask about VoC again.")
    assert added.splitlines() == ["", "", "*[VoC]: Voice of the customer.", "*[VoC cycle]: Four actions."]
    assert glossary.for_page("NPSX is another word; NPS is the term.") == "\n\n*[NPS]: Score."
    assert glossary.for_page("No term at all.") == ""
    assert Abbreviations([]).for_page("VoC") == ""


def test_the_shell_is_scanned_once_per_kind_of_page_and_content_always():
    guard = IntranetGuard()
    shell_script = '<script src="https://cdn.example.com/theme.js"></script>'
    content_image = '<img src="https://img.example.com/a.png">'
    first = guard.loads(shell_script + "<p>ok</p>", "<p>ok</p>", ("main.html", False))
    again = guard.loads(shell_script + content_image, content_image, ("main.html", False))
    playbook = guard.loads(shell_script, "", ("main.html", True))
    assert first == ["https://cdn.example.com/theme.js"]
    assert again == ["https://img.example.com/a.png"]
    assert playbook == ["https://cdn.example.com/theme.js"]
