"""One site per language from one `mkdocs build`: site/ in the main language, site/<lang>/ for each other.

The plugin option `languages: [ru]` makes the main build run a second, full
MkDocs build of the same project for each extra language, into `<site>/<lang>/`
(inside the staging folder, so the swap covers every language at once). That
build sees the same mkdocs.yml with:

- `theme.language` set to the language (Material's own chrome follows);
- the search plugin's `lang` led by the language when lunr.js has a stemmer for it;
- `<name>.<lang>.md` pages and playbooks used in place of their originals, and
  the English original, with a note, where no translation exists;
- the same URLs, codes, anchors, quiz ids and browser storage keys, so a reader
  switches language on any page and keeps their progress.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from ..i18n import SITE_KEYS, Strings
from ..render import relative_url

log = logging.getLogger("mkdocs.plugins.cxportal")
# The language of the build in progress when it is one of the extra languages (None for the main build).
_EXTRA_LANGUAGE: contextvars.ContextVar[str | None] = contextvars.ContextVar("cxportal_language", default=None)
LUNR_DIR = "templates/assets/javascripts/lunr/min"
# Set by `cxportal serve` (cxportal/plugin/serve.py): it builds each extra language itself, keeping
# that site's state in memory so an edit rebuilds single pages. Same arguments as build_language.
language_builder: Callable[..., None] | None = None


def extra_language() -> str | None:
    """The language this build renders when it is a nested build for an extra language."""
    return _EXTRA_LANGUAGE.get()


@contextmanager
def building(lang: str) -> Iterator[None]:
    """Everything inside renders the site of `lang` (an extra language of the project)."""
    token = _EXTRA_LANGUAGE.set(lang)
    try:
        yield
    finally:
        _EXTRA_LANGUAGE.reset(token)


def build_language(
    config_file: str, site_dir: Path, lang: str, *, strict: bool, command: Literal["build", "serve"]
) -> None:
    """A complete MkDocs build of the project in `lang` into `site_dir` (raises like `mkdocs build`)."""
    if language_builder is not None:
        language_builder(config_file, site_dir, lang, strict=strict, command=command)
        return
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    log.info(f"cxportal: building the {lang} site into {site_dir}")
    from .compat import plugin_instances

    with building(lang), plugin_instances({}):
        config = load_config(config_file=config_file, site_dir=str(site_dir), strict=strict)
        config.plugins.on_startup(command=command, dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()


# The site-wide settings of mkdocs.yml a language may set in its catalogue (strings/<lang>.yml).
def localize_site(config: Any, strings: Strings, main_strings: Strings) -> None:
    """mkdocs.yml's site name, description, copyright and palette toggles in the language `strings` speaks.

    The project's catalogue of a language may give `site.name`, `site.description` and
    `site.copyright`; mkdocs.yml's own values stay where it gives none. A palette toggle whose
    name is the main language's text of a `palette.*` string (Material's "Switch to dark mode")
    takes that string in this language; any other name is the project's own and stays. The
    title of the headings' permanent links (Python-Markdown's "Permanent link") likewise.
    """
    for option, key in SITE_KEYS.items():
        if strings.has(key):
            config[option] = strings(key)
    palette = config.theme.get("palette")
    entries = palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []
    toggle_keys = {main_strings(key): key for key in sorted(main_strings.keys) if key.startswith("palette.")}
    for entry in entries:
        toggle = entry.get("toggle") if isinstance(entry, dict) else None
        if isinstance(toggle, dict) and toggle.get("name") in toggle_keys:
            toggle["name"] = strings(toggle_keys[toggle["name"]])
    toc = config["mdx_configs"].get("toc")
    if isinstance(toc, dict) and toc.get("permalink"):
        if toc.get("permalink_title", main_strings("toc.permalink_title")) == main_strings("toc.permalink_title"):
            config["mdx_configs"]["toc"] = {**toc, "permalink_title": strings("toc.permalink_title")}


def site_prefix(lang: str, main_lang: str) -> str:
    """Where a language's site lives below the main site: '' for the main language, 'ru/' for Russian."""
    return "" if lang == main_lang else f"{lang}/"


def lunr_languages(current: list[str] | None, lang: str) -> list[str]:
    """The search languages of a language's site: its own first when lunr.js can stem it, then the rest."""
    import material

    known = {p.name.split(".")[1] for p in (Path(material.__file__).parent / LUNR_DIR).glob("lunr.*.min.js")}
    known.add("en")
    langs = [lang] if lang in known else []
    return langs + [item for item in (current or ["en"]) if item != lang and item in known] or ["en"]


def alternates(
    languages: list[str], main_lang: str, current: str, page_url: str | None, page_languages: list[str] | None = None
) -> list[dict[str, Any]]:
    """Material's `extra.alternate` for one page: each language's version of this same page.

    A page built only in `page_languages` (its front matter's `languages:`) leads the other
    languages to their home, where the page does not exist.

    `page_url` None is for the theme's own pages (404.html), which are served at any URL: their
    links lead to each language's home and go through the theme's `url` filter, which makes them
    absolute from the site's root.
    """
    if page_url is None:
        root = site_prefix(current, main_lang)
        return [
            {
                "name": Strings(lang).language_name(),
                "lang": lang,
                "link": relative_url(site_prefix(lang, main_lang), root) if root else site_prefix(lang, main_lang),
            }
            for lang in languages
        ]
    here = site_prefix(current, main_lang) + page_url

    def target(lang: str) -> str:
        return page_url if page_languages is None or lang in page_languages else ""

    return [
        {
            "name": Strings(lang).language_name(),
            "lang": lang,
            "link": relative_url(site_prefix(lang, main_lang) + target(lang), here) or "./",
            "cx_page": True,  # already relative to the page: the switcher partial uses it as it is
            # The language's home, for <head> (see fix_head_alternates).
            "cx_root": relative_url(site_prefix(lang, main_lang), here) or "./",
        }
        for lang in languages
    ]


def fix_head_alternates(output: str, alternate: list[dict[str, Any]], page: Any) -> str:
    """The page's `<link rel="alternate" hreflang>` tags lead to each language's home.

    Material writes them from the switcher's links through its `url` filter, which would
    double the way up of ours (they are relative to the page already), and its script
    fetches `sitemap.xml` beside each of them to map pages between languages: it expects a
    language's root there, as in Material's own configuration. The switcher itself keeps
    leading to the same page in each language.
    """
    from mkdocs.utils import normalize_url

    for alt in alternate:
        if alt.get("cx_page"):
            doubled = f'<link rel="alternate" href="{normalize_url(alt["link"], page)}" hreflang="{alt["lang"]}">'
            output = output.replace(
                doubled, f'<link rel="alternate" href="{alt["cx_root"]}" hreflang="{alt["lang"]}">', 1
            )
    return output


def translated_name(src_uri: str, languages: list[str]) -> tuple[str, str] | None:
    """('index.md', 'ru') for 'index.ru.md' when ru is one of the site's languages."""
    parts = src_uri.rsplit(".", 2)
    if len(parts) == 3 and parts[2] == "md" and parts[1] in languages:
        return f"{parts[0]}.md", parts[1]
    return None


def page_languages(markdown_file: Path) -> list[str] | None:
    """The languages a hand-written page is built in (front matter `languages: [en]`), None for all.

    A page for the engine's developers need not exist on the other languages' sites at all.
    """
    try:
        text = markdown_file.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    if end < 0 or "languages:" not in text[:end]:
        return None
    import yaml

    try:
        meta = yaml.safe_load(text[3:end])
    except yaml.YAMLError:
        return None  # the page's own front-matter check reports it with its line
    value = meta.get("languages") if isinstance(meta, dict) else None
    if isinstance(value, str):
        value = [value]
    return [str(lang) for lang in value] if isinstance(value, list) else None
