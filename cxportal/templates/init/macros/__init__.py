"""This portal's own macros: facts the pages state, computed from the content so they stay true.

mkdocs-macros loads this module (mkdocs.yml: `- macros: {module_name: macros}`). A macro reads
the loaded portal through `cxportal.api` and writes in the language of the site being built;
its words are in overrides/cxportal/strings/<lang>.yml under `facts.`. Add your own beside it.
"""

from __future__ import annotations

from typing import Any

from cxportal import api


def define_env(env: Any) -> None:
    @env.macro
    @api.fast  # depends only on its argument and the content: pages calling it skip Jinja
    def count(what: str) -> str:
        """How many playbooks, roles or quizzes the portal has, with the noun: "3 playbooks"."""
        content = api.portal(env).content
        numbers = {"playbooks": len(content.playbooks), "roles": len(content.roles), "quizzes": len(content.quizzes)}
        if what not in numbers:
            raise ValueError(f"count(): no '{what}' to count (use one of {', '.join(numbers)})")
        return api.ui(env)(f"facts.{what}", count=numbers[what])

    @env.macro
    @api.fast
    def budget(kind: str) -> str:
        """The time a learning path of this kind is planned to fit in, in words: "3 hours"."""
        budgets = api.portal(env).settings.budgets
        if kind not in budgets:
            raise ValueError(f"budget(): no budget '{kind}' (use one of {', '.join(budgets)})")
        return api.ui(env).duration(budgets[kind])
