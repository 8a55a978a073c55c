"""Reads every content file once and builds the model, collecting problems on the way.

Layout of a content folder (`playbooks/` by default):

    <id>.md              playbooks (front matter + Markdown)
    activities/<id>.md   practice activities (front matter + the instruction)
    roles/<id>.yml       roles with their learning paths
    quizzes/<id>.yml     quiz banks
    season.yml           last season's results (optional)
    glossary.yml         glossary terms (optional)

A file whose shape is wrong (checked against its JSON Schema) is reported and
left out of the model; its id is still remembered so that references to it do
not cause a second, misleading "unknown id" problem.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .i18n import is_language_tag
from .model import (
    DEFAULT_LANG,
    EMPTY_TEXT,
    STEP_KINDS,
    Activity,
    Band,
    Blank,
    Change,
    GlossaryTerm,
    Item,
    LearningPath,
    MatchPair,
    Metric,
    Option,
    OrderItem,
    PathStep,
    Playbook,
    Question,
    Quiz,
    Quote,
    Role,
    Season,
    Source,
    SourceRef,
    Text,
    reading_minutes,
)
from .problems import Problem, closest
from .renewal import parse_period
from .shape import check_shape, real_date
from .svg import clean_svg
from .yamlfile import LineList, LineMap, parse_yaml, read_text, refusal

ITEM_HEADING = re.compile(r"^(#{2,4})\s+\[(?P<code>[^\]]+)\]\s+(?P<title>.+?)\s*(\{[^}]*\})?\s*$")
ANCHOR_HEADING = re.compile(r"^#{1,6}\s+.*\{[^}]*#(?P<anchor>[A-Za-z0-9_-]+)[^}]*\}\s*$")
CODE_SHAPE = re.compile(r"^[A-Z0-9]+-[A-Z0-9]+$")
FENCE = re.compile(r"^\s*(```|~~~)")
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
WORD = re.compile(r"[\w’'-]+")


@dataclass
class LoadedContent:
    """What the loader read: lists (duplicates included) for the validator to judge."""

    root: Path
    playbooks: list[Playbook] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    # Translated activities by language (activities/<id>.<lang>.md): titles and texts for that site.
    activity_translations: dict[str, list[Activity]] = field(default_factory=lambda: defaultdict(list))
    roles: list[Role] = field(default_factory=list)
    quizzes: list[Quiz] = field(default_factory=list)
    glossary: list[GlossaryTerm] = field(default_factory=list)
    season: Season | None = None
    # Ids of files that were read but left out because of problems (the file name when the id is
    # unreadable), and the codes their headings define: references to them are not reported again.
    # Translations (<id>.<lang>.md, quizzes/<id>.<lang>.yml), checked against their originals by the validator.
    translations: list[Playbook] = field(default_factory=list)
    quiz_translations: list[tuple[str, Quiz]] = field(default_factory=list)
    broken_ids: dict[str, set[str]] = field(
        default_factory=lambda: {"playbook": set(), "role": set(), "quiz": set(), "activity": set()}
    )
    broken_codes: set[str] = field(default_factory=set)
    # Files left out, in the order found: the validator says once that checks depending on them were skipped.
    broken_files: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def load_content(content_dir: Path, project_dir: Path | None = None) -> LoadedContent:
    """Load every content file below `content_dir`; paths in problems are relative to `project_dir`."""
    project_dir = project_dir or content_dir.parent
    loaded = LoadedContent(root=content_dir)
    if not content_dir.is_dir():
        loaded.problems.append(Problem(str(content_dir), 1, "content folder not found"))
        return loaded
    reader = _Reader(project_dir, loaded)
    translations: list[tuple[Path, str]] = []
    for path in sorted(content_dir.glob("*.md")):
        if lang := translation_lang(path):  # translations such as <id>.ru.md come later
            translations.append((path, lang))
            continue
        reader.playbook(path)
    activity_translations: list[tuple[Path, str]] = []
    for path in sorted((content_dir / "activities").glob("*.md")):
        if lang := translation_lang(path):  # read after the originals, like playbook translations
            activity_translations.append((path, lang))
            continue
        reader.activity(path)
    for path, lang in activity_translations:
        reader.activity(path, lang)
    for path in sorted((content_dir / "roles").glob("*.y*ml")):
        reader.role(path)
    for path in sorted((content_dir / "quizzes").glob("*.y*ml")):
        if lang := translation_lang(path):  # translated quiz files, merged into their originals
            reader.quiz(path, lang)
            continue
        reader.quiz(path)
    originals = {p.id: p for p in loaded.playbooks}
    for path, lang in translations:
        reader.playbook(path, lang, originals.get(path.name.split(".")[0]))
    for path in sorted((content_dir / "diagrams").glob("*.svg")):
        reader.diagram(path)
    if (content_dir / "glossary.yml").exists():
        reader.glossary(content_dir / "glossary.yml")
    if (content_dir / "season.yml").exists():
        reader.season(content_dir / "season.yml")
    return loaded


def translation_lang(path: Path) -> str | None:
    """The language of a translation file (`ru` for leadership-5p.ru.md), None for an original."""
    parts = path.name.split(".")
    return parts[-2] if len(parts) > 2 else None


def text(value: Any) -> Text:
    """A Text from a string or a {lang: string} mapping (already shape-checked)."""
    if value is None:
        return EMPTY_TEXT
    if isinstance(value, dict):
        return Text(MappingProxyType({k: str(v).strip() for k, v in value.items()}))
    return Text.of(str(value).strip())


def plain_summary(markdown: str) -> str:
    """First sentence of a paragraph, with Markdown markup removed."""
    cleaned = MACRO.sub("", markdown)
    cleaned = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", cleaned)
    cleaned = re.sub(r"[*_`]+", "", cleaned)
    cleaned = " ".join(cleaned.split())
    match = re.match(r"(.+?[.!?])(\s|$)", cleaned)
    return (match.group(1) if match else cleaned)[:300]


class _Reader:
    def __init__(self, project_dir: Path, loaded: LoadedContent) -> None:
        self.project_dir = project_dir
        self.loaded = loaded

    def rel(self, path: Path) -> str:
        """The path as the author sees it in the project (a link keeps its own name, not its target's)."""
        for candidate in (path.resolve(), path.parent.resolve() / path.name, path.absolute()):
            try:
                return str(candidate.relative_to(self.project_dir.resolve()))
            except ValueError:
                continue
        return str(path)

    def left_out(self, rel: str, kind: str, path: Path, data: Any = None) -> None:
        """Remember a file left out for problems, so its id is not reported as unknown elsewhere."""
        ids = self.loaded.broken_ids.setdefault(kind, set())
        ids.add(path.stem)
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            ids.add(data["id"])
        self.loaded.broken_files.append(Problem(rel, 1, kind))

    def read_yaml(self, path: Path, kind: str) -> tuple[Any, str] | None:
        rel = self.rel(path)
        raw = read_text(path, rel, self.project_dir)
        if isinstance(raw, Problem):
            self.loaded.problems.append(raw)
            self.left_out(rel, kind, path)
            return None
        data, problems = parse_yaml(raw, rel)
        self.loaded.problems.extend(problems)
        if data is None:
            if not problems:
                self.loaded.problems.append(Problem(rel, 1, "the file is empty"))
            self.left_out(rel, kind, path)
            return None
        shape = check_shape(data, kind, rel, getattr(data, "line", 1))
        if shape:
            self.loaded.problems.extend(shape)
            self.left_out(rel, kind, path, data)
            return None
        return data, rel

    # Playbooks -----------------------------------------------------------

    def front_matter(
        self, path: Path, kind: str, expected_id: str | None = None, defaults: Any = None
    ) -> tuple[LineMap, list[str], int, str] | None:
        """The shape-checked front matter of a Markdown file, its lines, where the body starts, its path.

        A translation passes the id it must have and its original, whose front matter fills what it leaves out.
        """
        rel = self.rel(path)
        expected_id = expected_id or path.stem
        if refused := refusal(path, rel, self.project_dir):
            self.loaded.problems.append(refused)
            self.left_out(rel, kind, path)
            return None
        raw = read_text(path, rel, self.project_dir)
        if isinstance(raw, Problem):
            self.loaded.problems.append(raw)
            # Still read its headings (bad bytes replaced) so its codes are not reported as unknown.
            lines = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
            end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
            self.left_out_file(rel, kind, path, lines, end + 1)
            return None
        lines = raw.split("\n")
        if not lines or lines[0].strip() != "---":
            self.loaded.problems.append(Problem(rel, 1, f"a {kind} must start with front matter between '---' lines"))
            self.left_out_file(rel, kind, path, lines, 0)
            return None
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        except StopIteration:
            self.loaded.problems.append(Problem(rel, 1, "the front matter is not closed with a '---' line"))
            self.left_out(rel, kind, path)
            return None
        meta, problems = parse_yaml("\n".join(lines[1:end]), rel, first_line=2)
        self.loaded.problems.extend(problems)
        if meta is None:
            if not problems:
                self.loaded.problems.append(Problem(rel, 1, "the front matter is empty"))
            self.left_out_file(rel, kind, path, lines, end + 1)
            return None
        if defaults is not None and isinstance(meta, dict):
            for key in ("id", "audiences", "duration", "version", "reviewed", "owner", "cites"):
                if hasattr(defaults, key):
                    value = getattr(defaults, key)
                    meta.setdefault(key, [code for code, _line in value] if key == "cites" else value)
        shape = check_shape(meta, kind, rel, getattr(meta, "line", 2))
        if isinstance(meta, LineMap) and meta.get("id") not in (None, expected_id):
            shape.append(
                Problem(rel, meta.line_of("id"), f"the id '{meta.get('id')}' must match the file name '{expected_id}'")
            )
        if shape:
            self.loaded.problems.extend(shape)
            self.left_out_file(rel, kind, path, lines, end + 1, meta)
            return None
        return meta, lines, end + 1, rel

    def playbook(self, path: Path, lang: str | None = None, original: Playbook | None = None) -> None:
        """A playbook, or with `lang` its translation (front-matter fields it leaves out come from `original`)."""
        if lang:
            expected_id = path.name.split(".")[0]
            if not is_language_tag(lang):
                message = f"'{lang}' in the file name is not a language code such as ru, uk or pt-BR"
                self.loaded.problems.append(Problem(self.rel(path), 1, message))
                return
            if original is None:
                if expected_id not in self.loaded.broken_ids["playbook"]:  # a broken original is reported already
                    message = f"translation of a playbook that does not exist: no {expected_id}.md"
                    known = [p.id for p in self.loaded.playbooks]
                    self.loaded.problems.append(Problem(self.rel(path), 1, message, closest(expected_id, known)))
                return
            got = self.front_matter(path, "playbook", expected_id, original)
        else:
            got = self.front_matter(path, "playbook")
        if got is None:
            return
        meta, lines, body_start, rel = got
        body = "\n".join(lines[body_start:])
        items, anchors, anchor_codes = self.scan_headings(lines, body_start, meta["id"], rel)
        words = len(WORD.findall(MACRO.sub("", body)))
        (self.loaded.translations if lang else self.loaded.playbooks).append(
            Playbook(
                id=meta["id"],
                title=meta["title"],
                summary=meta["summary"],
                audiences=tuple(meta["audiences"]),
                # The validator recomputes it at the project's words_per_minute when it is not stated.
                duration=meta.get("duration") or reading_minutes(words),
                version=str(meta["version"]),
                reviewed=real_date(meta["reviewed"]),
                owner=meta["owner"],
                changes=tuple(
                    Change(str(c["version"]), real_date(c["date"]), c["note"], bool(c.get("acknowledge", False)))
                    for c in meta.get("changes", [])
                ),
                acknowledge=bool(meta.get("acknowledge", False)),
                items=tuple(items),
                anchors=tuple(anchors),
                anchor_lines=tuple(self.anchor_lines),
                body=body,
                body_line=body_start + 1,
                word_count=words,
                source=Source(rel, 1),
                field_lines=MappingProxyType(dict(meta.key_lines)),
                sources=tuple(self.source_ref(s) for s in meta.get("sources", [])),
                stated_duration=meta.get("duration"),
                anchor_codes=MappingProxyType(anchor_codes),
                lang=lang or DEFAULT_LANG,
                translation_of=str(meta.get("translation_of", "")),
                acknowledges=str(meta.get("acknowledges", "")),
            )
        )

    @staticmethod
    def source_ref(entry: dict) -> SourceRef:
        return SourceRef(
            title=str(entry["title"]).strip(),
            author=str(entry.get("author", "")).strip(),
            organisation=str(entry.get("organisation", "")).strip(),
            published=entry.get("published"),
            research_period=str(entry.get("research_period", "")).strip(),
            url=str(entry.get("url", "")).strip(),
            seed=str(entry.get("seed", "")).strip(),
        )

    def activity(self, path: Path, lang: str | None = None) -> None:
        """A practice activity, or with `lang` its translation (same id; fields it leaves out come from the original)."""
        if lang:
            expected_id = path.name.split(".")[0]
            original = next((a for a in self.loaded.activities if a.id == expected_id), None)
            if not is_language_tag(lang):
                message = f"'{lang}' in the file name is not a language code such as ru, uk or pt-BR"
                self.loaded.problems.append(Problem(self.rel(path), 1, message))
                return
            if original is None:
                if expected_id not in self.loaded.broken_ids["activity"]:  # a broken original is reported already
                    message = f"translation of an activity that does not exist: no activities/{expected_id}.md"
                    known = [a.id for a in self.loaded.activities]
                    self.loaded.problems.append(Problem(self.rel(path), 1, message, closest(expected_id, known)))
                return
            got = self.front_matter(path, "activity", expected_id, original)
        else:
            got = self.front_matter(path, "activity")
        if got is None:
            return
        meta, lines, body_start, rel = got
        cites = meta["cites"]
        (self.loaded.activity_translations[lang] if lang else self.loaded.activities).append(
            Activity(
                id=meta["id"],
                title=meta["title"],
                summary=meta["summary"],
                duration=meta["duration"],
                cites=tuple(
                    (str(code), cites.line_of(i) if isinstance(cites, LineList) else 1) for i, code in enumerate(cites)
                ),
                version=str(meta["version"]),
                reviewed=real_date(meta["reviewed"]),
                owner=meta["owner"],
                body="\n".join(lines[body_start:]),
                source=Source(rel, 1),
                field_lines=MappingProxyType(dict(meta.key_lines)),
            )
        )

    def left_out_file(
        self, rel: str, kind: str, path: Path, lines: list[str], body_start: int, meta: Any = None
    ) -> None:
        """A file left out for its problems; a playbook still defines its codes, so citing them is no second problem."""
        self.left_out(rel, kind, path, meta)
        if kind != "playbook":
            return
        before = len(self.loaded.problems)
        items, _anchors, _codes = self.scan_headings(lines, body_start, path.stem, rel)
        del self.loaded.problems[before:]  # its heading problems are not what the author must fix first
        self.loaded.broken_codes.update(item.code for item in items)

    def scan_headings(
        self, lines: list[str], start: int, playbook_id: str, rel: str
    ) -> tuple[list[Item], list[str], dict[str, tuple[str, ...]]]:
        """Citable items, explicit anchors, and for each anchor the codes in or around its section."""
        items: list[Item] = []
        anchors: list[str] = []
        self.anchor_lines: list[int] = []
        # Open sections: (level, code or None, anchor or None); a heading closes those at its level or deeper.
        open_sections: list[tuple[int, str | None, str | None]] = []
        anchor_codes: dict[str, list[str]] = {}
        in_fence = False
        for index in range(start, len(lines)):
            line = lines[index]
            if FENCE.match(line):
                in_fence = not in_fence
                continue
            if in_fence:
                continue
            level = len(line) - len(line.lstrip("#")) if line.startswith("#") else 0
            code = anchor = None
            if match := ITEM_HEADING.match(line):
                code = match["code"].strip()
                if not CODE_SHAPE.match(code):
                    self.loaded.problems.append(
                        Problem(
                            rel,
                            index + 1,
                            f"'{code}' is not a valid code: use upper-case letters and digits, a dash, then letters or digits (like ABC-2)",
                        )
                    )
                    continue
                items.append(
                    Item(
                        code,
                        match["title"].strip(),
                        self.first_sentence(lines, index + 1),
                        playbook_id,
                        Source(rel, index + 1),
                    )
                )
            elif match := ANCHOR_HEADING.match(line):
                anchor = match["anchor"]
                anchors.append(anchor)
                self.anchor_lines.append(index + 1)
            elif not (level and line[level : level + 1] == " "):
                continue
            while open_sections and open_sections[-1][0] >= level:
                open_sections.pop()
            if anchor is not None:
                # An anchored section inside an item's section belongs to that item.
                anchor_codes[anchor] = [c for _lvl, c, _a in open_sections if c]
            if code is not None:
                for _lvl, _c, a in open_sections:
                    if a is not None:
                        anchor_codes[a].append(code)
            open_sections.append((level, code, anchor))
        return items, anchors, {a: tuple(dict.fromkeys(c)) for a, c in anchor_codes.items()}

    @staticmethod
    def first_sentence(lines: list[str], start: int) -> str:
        paragraph: list[str] = []
        for line in lines[start:]:
            stripped = line.strip()
            if stripped.startswith("#"):
                break
            if not stripped:
                if paragraph:
                    break
                continue
            if stripped.startswith(("{{", "{%", "<", "!!!", "???", "===", "|", "-", "*", "1.", ">")) and not paragraph:
                continue
            paragraph.append(stripped)
        return plain_summary(" ".join(paragraph))

    # Roles ---------------------------------------------------------------

    def role(self, path: Path) -> None:
        got = self.read_yaml(path, "role")
        if got is None:
            return
        data, rel = got
        paths = {}
        renew = data.get("renew", LineMap())
        for kind, value in renew.items():
            if kind not in data["paths"]:
                continue  # the schema names the kinds
            _period, problem = parse_period(value)
            if problem:
                self.loaded.problems.append(Problem(rel, renew.line_of(kind), f"renew: {kind}: {problem}"))
        for kind, steps in data["paths"].items():
            paths[kind] = LearningPath(
                role_id=data["id"],
                kind=kind,
                steps=tuple(self.step(step, Source(rel, steps.line_of(i))) for i, step in enumerate(steps)),
                source=Source(rel, data["paths"].line_of(kind)),
                renew=parse_period(renew[kind])[0] if kind in renew else "",
            )
        zones = data.get("problem_zones", LineList())
        examples = data.get("examples", LineMap())
        self.loaded.roles.append(
            Role(
                id=data["id"],
                name=text(data["name"]),
                kind=data["kind"],
                department=text(data["department"]),
                summary=text(data["summary"]),
                shapes_cx=text(data["shapes_cx"]),
                problem_zones=tuple((z, Source(rel, zones.line_of(i))) for i, z in enumerate(zones)),
                examples=MappingProxyType(
                    {k: (text(v), Source(rel, examples.line_of(k))) for k, v in examples.items()}
                ),
                paths=MappingProxyType(paths),
                source=Source(rel, data.line_of("id")),
            )
        )

    @staticmethod
    def step(step: dict, source: Source) -> PathStep:
        kind = next(k for k in STEP_KINDS if k in step)
        return PathStep(kind=kind, target=step[kind], why=text(step.get("why")), source=source)

    # Quizzes -------------------------------------------------------------

    def quiz(self, path: Path, lang: str | None = None) -> None:
        """A quiz bank, or with `lang` a translated bank (quizzes/<id>.<lang>.yml) for the validator to merge."""
        if lang and not is_language_tag(lang):
            message = f"'{lang}' in the file name is not a language code such as ru, uk or pt-BR"
            self.loaded.problems.append(Problem(self.rel(path), 1, message))
            return
        got = self.read_yaml(path, "quiz")
        if got is None:
            return
        data, rel = got
        questions = data["questions"]
        bands = data.get("bands", LineList())
        quiz = Quiz(
            id=data["id"],
            title=text(data["title"]),
            playbook=data["playbook"],
            pass_mark=data.get("pass_mark"),
            duration=data.get("duration", max(1, min(data.get("draw") or len(questions), len(questions)))),
            shuffle=data.get("shuffle", True),
            draw=data.get("draw"),
            show_answers=data.get("show_answers", "after_pass"),
            questions=tuple(self.question(q, Source(rel, questions.line_of(i))) for i, q in enumerate(questions)),
            bands=tuple(
                Band(
                    b["min"],
                    b["max"],
                    text(b["title"]),
                    text(b.get("advice")),
                    b.get("cites", ""),
                    Source(rel, bands.line_of(i)),
                )
                for i, b in enumerate(bands)
            ),
            source=Source(rel, data.line_of("id")),
            groups=MappingProxyType({str(k): text(v) for k, v in data.get("groups", {}).items()}),
        )
        if lang:
            self.loaded.quiz_translations.append((lang, quiz))
        else:
            self.loaded.quizzes.append(quiz)

    @staticmethod
    def question(q: LineMap, source: Source) -> Question:
        return Question(
            id=q["id"],
            type=q["type"],
            prompt=text(q["prompt"]),
            explanation=text(q.get("explanation")),
            cites=str(q["cites"]).strip(),
            source=source,
            hint=text(q.get("hint")),
            options=tuple(
                Option(text(o["text"]), bool(o.get("correct", False)), text(o.get("feedback")), o.get("score"))
                for o in q.get("options", [])
            ),
            items=tuple(OrderItem(text(i["text"]), text(i.get("feedback"))) for i in q.get("items", [])),
            pairs=tuple(
                MatchPair(text(p["left"]), text(p["right"]), text(p.get("feedback"))) for p in q.get("pairs", [])
            ),
            blanks=tuple(
                Blank(
                    tuple(str(a) for a in b["accept"] if not isinstance(a, dict)),
                    text(b.get("feedback")),
                    tuple(str(a["pattern"]) for a in b["accept"] if isinstance(a, dict)),
                )
                for b in q.get("blanks", [])
            ),
            answer=q.get("answer"),
            feedback_true=text(q.get("feedback_true")),
            feedback_false=text(q.get("feedback_false")),
            field_lines=MappingProxyType(dict(q.key_lines)),
            variant_of=str(q.get("variant_of", "")),
            group=str(q.get("group", "")),
        )

    # Diagrams ------------------------------------------------------------

    def diagram(self, path: Path) -> None:
        """A diagram is inlined where a page calls it: what the sanitiser would leave out is reported now."""
        rel = self.rel(path)
        raw = read_text(path, rel, self.project_dir)
        if isinstance(raw, Problem):
            self.loaded.problems.append(raw)
            return
        # Warnings: a --strict build (and `check --strict`) stops; a plain build shows the diagram without them.
        self.loaded.problems.extend(replace(p, severity="warning") for p in clean_svg(raw, rel).problems)

    # Glossary and season -------------------------------------------------

    def glossary(self, path: Path) -> None:
        got = self.read_yaml(path, "glossary")
        if got is None:
            return
        data, rel = got
        for index, entry in enumerate(data):
            self.loaded.glossary.append(
                GlossaryTerm(
                    entry["term"].strip(),
                    text(entry["definition"]),
                    entry.get("see"),
                    Source(rel, data.line_of(index)),
                    english_beside=entry.get("english_beside", True),
                )
            )

    def season(self, path: Path) -> None:
        got = self.read_yaml(path, "season")  # when left out, "season" is in broken_ids
        if got is None:
            return
        data, rel = got
        self.loaded.season = Season(
            season=str(data["season"]),
            title=text(data["title"]),
            summary=text(data.get("summary")),
            metrics=tuple(
                Metric(
                    m["id"],
                    text(m["name"]),
                    m["unit"],
                    m.get("better", "higher"),
                    tuple((str(q["quarter"]), float(q["value"])) for q in m["quarters"]),
                )
                for m in data["metrics"]
            ),
            quotes=tuple(
                Quote(q["kind"], text(q["text"]), text(q["who"]), text(q.get("what_we_did")))
                for q in data.get("quotes", [])
            ),
            source=Source(rel, 1),
        )
