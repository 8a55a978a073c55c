"""The macros content authors use in Markdown (mkdocs-macros module, `module_name: macros`).

Each macro looks up content in the portal that the cxportal plugin loaded and
renders it through the engine's templates. A wrong id is never an empty string:
it is recorded as a problem with the page's file and line, and the build stops
with the full list once every page has been rendered.
"""

from __future__ import annotations

from pathlib import Path

from cxportal.escape import text_html
from cxportal.problems import closest


def define_env(env) -> None:
    plugin = env.conf["plugins"].get("cxportal")
    if plugin is None:
        raise RuntimeError("the cxportal plugin must be listed in mkdocs.yml before macros")

    def page_url() -> str:
        return env.page.url if getattr(env, "page", None) is not None else ""

    def fail(call: str, message: str, hint: str | None = None) -> str:
        plugin.record(getattr(env, "page", None), call, message, hint)
        return f'<span class="cx-error">{text_html(message)}</span>'

    @env.macro
    def quiz(quiz_id: str) -> str:
        """The quiz bank with this id, interactive in the browser."""
        portal = plugin.portal
        if quiz_id not in portal.quizzes:
            return fail(quiz_id, f"quiz(): unknown quiz '{quiz_id}'", closest(quiz_id, portal.quizzes))
        return plugin.renderer.quiz(portal.quizzes[quiz_id], page_url())

    @env.macro
    def cite(code: str) -> str:
        """A link to a citable item, showing its code and title."""
        portal = plugin.portal
        item = portal.item(code)
        if item is None:
            return fail(code, f"cite(): unknown code '{code}'", closest(code, portal.items))
        return plugin.renderer.cite(item, page_url()).strip()

    @env.macro
    def role_card(role_id: str) -> str:
        """A card with the role's name, kind, summary and links to its paths."""
        portal = plugin.portal
        if role_id not in portal.roles:
            return fail(role_id, f"role_card(): unknown role '{role_id}'", closest(role_id, portal.roles))
        return plugin.renderer.role_card(portal.roles[role_id], page_url())

    @env.macro
    def path(role_id: str, kind: str = "onboarding") -> str:
        """A role's learning path as an ordered list with durations and a total."""
        portal = plugin.portal
        if role_id not in portal.roles:
            return fail(role_id, f"path(): unknown role '{role_id}'", closest(role_id, portal.roles))
        role = portal.roles[role_id]
        if kind not in role.paths:
            return fail(kind, f"path(): unknown path kind '{kind}' (use onboarding or refresher)",
                        closest(kind, role.paths))
        return plugin.renderer.path(role.paths[kind], page_url())

    @env.macro
    def role_examples(playbook_id: str) -> str:
        """Content tabs by role kind with each role's example for this playbook."""
        portal = plugin.portal
        if playbook_id not in portal.playbooks:
            return fail(playbook_id, f"role_examples(): unknown playbook '{playbook_id}'",
                        closest(playbook_id, portal.playbooks))
        return plugin.renderer.role_examples(playbook_id)

    @env.macro
    def diagram(name: str) -> str:
        """An inline SVG diagram from playbooks/diagrams/<name>.svg (inline, so it works offline)."""
        folder = Path(plugin.content_dir) / "diagrams"
        svg = folder / f"{name}.svg"
        if not svg.is_file():
            known = [p.stem for p in folder.glob("*.svg")]
            return fail(name, f"diagram(): no diagram '{name}' in {folder.name}/", closest(name, known))
        return plugin.renderer.diagram(svg.read_text("utf-8"), name)
