"""This portal's own macros: the facts its hand-written pages state, computed from the content.

mkdocs-macros loads this module (mkdocs.yml: `- macros: {module_name: macros}`). Each macro
reads the loaded portal through the engine's public API (`cxportal.api`), never the plugin,
and writes in the language of the site being built, with that language's plurals: the
wording is in overrides/cxportal/strings/<lang>.yml under `facts.`.

    {{ count("playbooks") }}      10 short guides / 10 коротких руководств
    {{ count("roles") }}          12 roles / 12 ролей
    {{ budget("onboarding") }}    3 hours / 3 часа (the `budgets` option in mkdocs.yml)
    {{ season_change("nps") }}    from 31 to 41 / с 31 до 41 (first and last quarter in season.yml)
    {{ season_change("complaint-resolution-time") }}   from 58 to 33 hours / с 58 до 33 часов
"""

from __future__ import annotations

from typing import Any

from cxportal import api

COUNTED = ("playbooks", "roles", "quizzes", "codes", "activities")


def define_env(env: Any) -> None:
    @env.macro
    @api.fast
    def count(what: str) -> str:
        """How many playbooks, roles, quizzes, codes or activities the portal has, with the noun."""
        content = api.portal(env).content
        numbers = {
            "playbooks": len(content.playbooks),
            "roles": len(content.roles),
            "quizzes": len(content.quizzes),
            "codes": len(content.items),
            "activities": len(content.activities),
        }
        if what not in numbers:
            raise ValueError(f"count(): no '{what}' to count (use one of {', '.join(COUNTED)})")
        return api.ui(env)(f"facts.{what}", count=numbers[what])

    @env.macro
    @api.fast
    def budget(kind: str) -> str:
        """The time a learning path of this kind is planned to fit in, in words."""
        budgets = api.portal(env).settings.budgets
        if kind not in budgets:
            raise ValueError(f"budget(): no budget '{kind}' (use one of {', '.join(budgets)})")
        return api.ui(env).duration(budgets[kind])

    @env.macro
    @api.fast
    def season_change(metric_id: str) -> str:
        """A season metric's first and last quarter: "from 31 to 41", with its unit where it has one."""
        season = api.portal(env).content.season
        metrics = {metric.id: metric for metric in season.metrics} if season is not None else {}
        if metric_id not in metrics:
            raise ValueError(
                f"season_change(): no metric '{metric_id}' in season.yml (use one of {', '.join(metrics)})"
            )
        metric, ui = metrics[metric_id], api.ui(env)
        first, last = metric.quarters[0][1], metric.quarters[-1][1]
        # A unit a sentence declines after "to" («до 33 часов») has its own entry; others ("72%") do not.
        worded = f"facts.change.{metric.unit}"
        if ui.has(worded):
            return ui(worded, first=first, last=last, count=last)
        return ui("facts.change", first=ui.quantity(first, metric.unit), last=ui.quantity(last, metric.unit))
