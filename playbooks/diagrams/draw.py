"""Draws this portal's six diagrams in a wide and a narrow layout, in English and Russian.

Run `python playbooks/diagrams/draw.py` after changing a label below: it rewrites the 24 SVG files
beside it (<name>.svg, <name>.narrow.svg, <name>.ru.svg, <name>.ru.narrow.svg). The Russian labels
are the names the Russian source article gives each item (playbooks/terms.ru.yml; `cxportal check` reads
the diagrams too). The files stay hand-editable SVG; this
script only saves redrawing them by hand.

Text sizes: wide layouts (viewBox 720 wide, printed about 680 px wide) use 11 px or more, so print
stays at 7 pt or more; narrow layouts (viewBox 360 wide, shown about 358 px wide on a 390 px phone)
use 12 px or more, so a phone shows 11 px or more.
"""
from __future__ import annotations

import sys
from html import escape
from pathlib import Path

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
WIDE_W, NARROW_W = 720, 360


def est(s: str, size: float, bold: bool = False) -> float:
    return len(s) * size * (0.64 if bold else 0.58)


def wrap(s: str, size: float, width: float, bold: bool = False) -> list[str]:
    lines: list[str] = []
    for para in s.split("\n"):
        cur = ""
        for word in para.split():
            trial = f"{cur} {word}".strip()
            if cur and est(trial, size, bold) > width:
                lines.append(cur)
                cur = word
            else:
                cur = trial
        if cur:
            lines.append(cur)
    return lines


def t(x, y, s, size, bold=False, anchor="middle", italic=False, extra=""):
    attrs = f'x="{x:.0f}" y="{y:.0f}" font-size="{size}" text-anchor="{anchor}" dominant-baseline="middle"'
    if bold:
        attrs += ' font-weight="bold"'
    if italic:
        attrs += ' font-style="italic"'
    return f"<text {attrs}{extra}>{escape(s, quote=False)}</text>"


def lines_at(x, y, lines, size, gap=None, **kw):
    gap = gap or size * 1.3
    return [t(x, y + i * gap, line, size, **kw) for i, line in enumerate(lines)]


def svg(name, layout, w, h, title, desc, body):
    pid = f"{name}-{layout}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h:.0f}" role="img" '
        f'aria-labelledby="{pid}-title {pid}-desc" font-family="inherit" fill="currentColor">\n'
        f'<title id="{pid}-title">{escape(title, quote=False)}</title>\n'
        f'<desc id="{pid}-desc">{escape(desc, quote=False)}</desc>\n'
    )
    return head + "\n".join(body) + "\n</svg>\n"


def rect(x, y, w, h, cls="cx-d-a", rx=8, extra=""):
    c = f' class="{cls}"' if cls else ""
    return f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" rx="{rx}"{c} fill="none" stroke="currentColor" stroke-width="1.5"{extra}/>'


def line(x1, y1, x2, y2, extra=""):
    return f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="currentColor" stroke-width="1.5"{extra}/>'


def arrow_marker(mid):
    return (f'<defs><marker id="{mid}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="8" markerHeight="8" '
            f'orient="auto"><path d="M0 0 L10 5 L0 10 z"/></marker></defs>')


# Habits and levers (5P, 5I): a heading, five cards, a note -------------------------------------------

def cards(name, d, layout):
    items = d["items"]
    body = []
    if layout == "wide":
        w, gap, x0 = 132, 10, 10
        head = wrap(d["center"], 15, 300, True)
        hh = 16 + len(head) * 19
        body.append(rect(210, 8, 300, hh + 8, "cx-d-b", 10))
        body += lines_at(360, 8 + 4 + 19 / 2 + 6, head, 15, 19, bold=True)
        top = hh + 50
        blocks = []
        for code, nm, gloss, text in items:
            ls = [(code, 12, False, False)]
            ls += [(x, 15, True, False) for x in wrap(nm, 15, w - 10, True)]
            if gloss:
                ls += [(x, 12, False, True) for x in wrap(gloss, 12, w - 10)]
            ls += [(x, 12, False, False) for x in wrap(text, 12, w - 12)]
            blocks.append(ls)
        ch = max(sum(s * 1.35 for _, s, _, _ in b) for b in blocks) + 18
        for i, b in enumerate(blocks):
            x = x0 + i * (w + gap)
            cx = x + w / 2
            body.append(line(360, hh + 16, cx, top))
            if name == "five-i":
                pts = f"{x},{top} {x + w - 12},{top} {x + w},{top + ch / 2} {x + w - 12},{top + ch} {x},{top + ch}"
                if i:
                    pts += f" {x + 12},{top + ch / 2}"
                body.append(f'<polygon points="{pts}" class="{"cx-d-a" if i % 2 == 0 else "cx-d-b"}" fill="none" stroke="currentColor" stroke-width="1.5"/>')
            else:
                body.append(rect(x, top, w, ch, "cx-d-a" if i % 2 == 0 else "cx-d-b", 10))
            y = top + 14
            for s, size, bold, italic in b:
                body.append(t(cx, y, s, size, bold=bold, italic=italic))
                y += size * 1.35
        h = top + ch + 10
        if d.get("note"):
            nl = wrap(d["note"], 12, 700)
            body += lines_at(360, h + 12, nl, 12, 16)
            h += 16 * len(nl) + 16
        return svg(name, layout, WIDE_W, h, d["title"], d["desc"], body)
    # narrow: the heading, then the cards stacked on a spine
    head = wrap(d["center"], 15, 300, True)
    hh = 14 + len(head) * 19
    body.append(rect(30, 6, 300, hh, "cx-d-b", 10))
    body += lines_at(180, 6 + 7 + 19 / 2, head, 15, 19, bold=True)
    y = hh + 24
    spine_top = hh + 6
    for i, (code, nm, gloss, text) in enumerate(items):
        title = f"{nm} — {gloss}" if gloss else nm
        tl = wrap(title, 15, 290, True)
        dl = wrap(text, 13, 296)
        ch = 12 + 16 + len(tl) * 19 + len(dl) * 17 + 4
        x = 36
        if name == "five-i":
            pts = f"{x},{y} 352,{y} 352,{y + ch - 10} 194,{y + ch} {x},{y + ch - 10}"
            body.append(f'<polygon points="{pts}" class="{"cx-d-a" if i % 2 == 0 else "cx-d-b"}" fill="none" stroke="currentColor" stroke-width="1.5"/>')
        else:
            body.append(rect(x, y, 316, ch, "cx-d-a" if i % 2 == 0 else "cx-d-b", 10))
        body.append(line(18, y + 18, x, y + 18))
        yy = y + 16
        body.append(t(x + 12, yy, code, 12, anchor="start"))
        yy += 19
        body += lines_at(x + 12, yy, tl, 15, 19, bold=True, anchor="start")
        yy += len(tl) * 19 - 2
        body += lines_at(x + 12, yy, dl, 13, 17, anchor="start")
        last_mid = y + 18
        y += ch + 12
    body.insert(0, line(18, spine_top, 18, last_mid))
    h = y
    if d.get("note"):
        nl = wrap(d["note"], 13, 340)
        body += lines_at(180, h + 8, nl, 13, 17)
        h += 17 * len(nl) + 12
    return svg(name, layout, NARROW_W, h, d["title"], d["desc"], body)


# The maturity ladder ---------------------------------------------------------------------------------

def ladder(name, d, layout):
    body = []
    if layout == "wide":
        body.append(t(20, 22, d["heading"], 15, bold=True, anchor="start"))
        w, base = 113, 262
        for i, (code, nm) in enumerate(d["stages"]):
            x, top = 20 + i * w, 212 - i * 34
            body.append(rect(x, top, w, base - top, ["cx-d-a", "cx-d-a", "cx-d-b", "cx-d-b", "cx-d-c", "cx-d-c"][i], 0))
            body.append(t(x + w / 2, top + 14, code, 12))
            body += lines_at(x + w / 2, top + 31, wrap(nm, 13, w - 8, True), 13, 16, bold=True)
        body.append(t(360, 284, d["built_on"], 12))
        for i, comp in enumerate(d["competencies"]):
            x = 20 + i * 171
            body.append(rect(x, 298, 168, 64, "cx-d-c", 6))
            cl = wrap(comp, 13, 156, True)
            body += lines_at(x + 84, 330 - (len(cl) - 1) * 8, cl, 13, 16, bold=True)
        return svg(name, layout, WIDE_W, 380, d["title"], d["desc"], body)
    hl = wrap(d["heading"], 15, 340, True)
    body += lines_at(10, 16, hl, 15, 19, bold=True, anchor="start")
    y = 16 + len(hl) * 19
    for i, (code, nm) in enumerate(d["stages"]):
        w = 170 + i * 34
        nl = wrap(nm, 14, w - 16, True)
        h = 20 + 18 * len(nl) + 6
        body.append(rect(10, y, w, h, ["cx-d-a", "cx-d-a", "cx-d-b", "cx-d-b", "cx-d-c", "cx-d-c"][i], 4))
        body.append(t(18, y + 13, code, 12, anchor="start"))
        body += lines_at(18, y + 31, nl, 14, 18, bold=True, anchor="start")
        y += h + 6
    y += 10
    body.append(t(180, y, d["built_on"], 13))
    y += 14
    for i, comp in enumerate(d["competencies"]):
        x, yy = 10 + (i % 2) * 172, y + (i // 2) * 70
        body.append(rect(x, yy, 168, 64, "cx-d-c", 6))
        cl = wrap(comp, 14, 156, True)
        body += lines_at(x + 84, yy + 32 - (len(cl) - 1) * 9, cl, 14, 18, bold=True)
    return svg(name, layout, NARROW_W, y + 146, d["title"], d["desc"], body)


# The voice-of-the-customer cycle ---------------------------------------------------------------------

def cycle(name, d, layout):
    body = []
    mid = f"{name}-{layout}-arrow"
    body.append(arrow_marker(mid))
    arrow = f' marker-end="url(#{mid})"'
    steps = d["steps"]
    if layout == "wide":
        arcs = ["M385 84 A160 160 0 0 1 455 179", "M455 261 A160 160 0 0 1 385 356",
                "M215 356 A160 160 0 0 1 145 261", "M145 179 A160 160 0 0 1 215 84"]
        for a in arcs:
            body.append(f'<path d="{a}" fill="none" stroke="currentColor" stroke-width="2"{arrow}/>')
        boxes = [(222, 25), (382, 185), (222, 345), (62, 185)]
        for i, ((x, y), (code, nm)) in enumerate(zip(boxes, steps)):
            body.append(rect(x, y, 156, 70, "cx-d-a" if i % 2 == 0 else "cx-d-b", 10))
            body.append(t(x + 78, y + 15, f"{i + 1} · {code}", 12))
            nl = wrap(nm, 14, 146, True)
            body += lines_at(x + 78, y + 35 + (2 - len(nl)) * 8, nl, 14, 16, bold=True)
        cl = wrap(d["center"], 14, 150)
        body += lines_at(300, 220 - (len(cl) - 1) * 9.5, cl, 14, 19)
        return svg(name, layout, 600, 440, d["title"], d["desc"], body)
    cl = wrap(d["center"], 15, 340, True)
    body += lines_at(180, 16, cl, 15, 19, bold=True)
    top = 16 + len(cl) * 19 + 6
    bw, bh = 150, 96
    pos = [(10, top), (200, top), (200, top + bh + 40), (10, top + bh + 40)]
    for i, ((x, y), (code, nm)) in enumerate(zip(pos, steps)):
        body.append(rect(x, y, bw, bh, "cx-d-a" if i % 2 == 0 else "cx-d-b", 10))
        body.append(t(x + bw / 2, y + 16, f"{i + 1} · {code}", 12))
        nl = wrap(nm, 14, bw - 10, True)
        body += lines_at(x + bw / 2, y + 42 + (2 - len(nl)) * 9, nl, 14, 18, bold=True)
    ym = top + bh / 2
    yb = top + bh + 40 + bh / 2
    body.append(f'<path d="M162 {ym:.0f} H196" fill="none" stroke="currentColor" stroke-width="2"{arrow}/>')
    body.append(f'<path d="M275 {top + bh + 2:.0f} V{top + bh + 36:.0f}" fill="none" stroke="currentColor" stroke-width="2"{arrow}/>')
    body.append(f'<path d="M198 {yb:.0f} H164" fill="none" stroke="currentColor" stroke-width="2"{arrow}/>')
    body.append(f'<path d="M85 {top + bh + 38:.0f} V{top + bh + 4:.0f}" fill="none" stroke="currentColor" stroke-width="2"{arrow}/>')
    return svg(name, layout, NARROW_W, top + 2 * bh + 50, d["title"], d["desc"], body)


# The ten problem zones around the customer -------------------------------------------------------------

def zones(name, d, layout):
    body = []
    zs = d["zones"]
    if layout == "wide":
        centres = [(360, 55), (510, 86), (603, 166), (603, 264), (510, 344), (360, 375), (210, 344), (117, 264), (117, 166), (210, 86)]
        heights = [22 + 15 * len(wrap(nm, 12, 130)) for _, nm in zs]
        body.append('<g stroke="currentColor" stroke-opacity="0.5" stroke-width="1.2">')
        for (x, y), h in zip(centres, heights):
            dx, dy = x - 360, y - 215
            # from the circle's edge to the box's edge, so no line crosses a zone's text
            start = 52 / (dx * dx + dy * dy) ** 0.5
            end = 1 - min(70 / abs(dx) if dx else 1, (h / 2) / abs(dy) if dy else 1)
            body.append(f'<line x1="{360 + dx * start:.0f}" y1="{215 + dy * start:.0f}" x2="{360 + dx * end:.0f}" y2="{215 + dy * end:.0f}"/>')
        body.append("</g>")
        body.append('<circle class="cx-d-a" cx="360" cy="215" r="52" fill="none" stroke="currentColor" stroke-width="1.5"/>')
        body.append(t(360, 215, d["customer"], 15, bold=True))
        for i, ((x, y), (code, nm)) in enumerate(zip(centres, zs)):
            nl = wrap(nm, 12, 130)
            h = 22 + 15 * len(nl)
            body.append(rect(x - 70, y - h / 2, 140, h, "cx-d-b" if i % 2 == 0 else "cx-d-c", 8))
            body.append(t(x, y - h / 2 + 12, code, 13, bold=True))
            body += lines_at(x, y - h / 2 + 28, nl, 12, 15)
        nl = wrap(d["note"], 12, 700)
        body += lines_at(360, 428, nl, 12, 16)
        return svg(name, layout, WIDE_W, 428 + 16 * len(nl), d["title"], d["desc"], body)
    body.append(rect(110, 6, 140, 40, "cx-d-a", 20))
    body.append(t(180, 26, d["customer"], 15, bold=True))
    y = 58
    for row in range(5):
        pair = zs[row * 2: row * 2 + 2]
        wrapped = [wrap(nm, 13, 154) for _, nm in pair]
        h = 24 + 17 * max(len(w) for w in wrapped)
        for col, ((code, _), nl) in enumerate(zip(pair, wrapped)):
            x = 6 + col * 176
            body.append(rect(x, y, 172, h, "cx-d-b" if (row + col) % 2 == 0 else "cx-d-c", 8))
            body.append(t(x + 10, y + 13, code, 13, bold=True, anchor="start"))
            body += lines_at(x + 10, y + 31, nl, 13, 17, anchor="start")
        y += h + 8
    nl = wrap(d["note"], 13, 344)
    body += lines_at(180, y + 10, nl, 13, 17)
    return svg(name, layout, NARROW_W, y + 10 + 17 * len(nl), d["title"], d["desc"], body)


# A service blueprint -----------------------------------------------------------------------------------

def blueprint(name, d, layout):
    body = []
    lanes = d["lanes"]
    if layout == "wide":
        ys = [25, 115, 230, 330]
        for (label, sub, cells), y, cls in zip(lanes, ys, ["cx-d-a", "cx-d-b", "cx-d-c", None]):
            ll = wrap(label, 13, 140, True)
            body += lines_at(10, y + 18, ll, 13, 16, bold=True, anchor="start")
            if sub:
                body += lines_at(10, y + 18 + 16 * len(ll), wrap(sub, 12, 140), 12, 14, anchor="start")
            for i, cell in enumerate(cells):
                x = 160 + i * 185
                body.append(rect(x, y, 160, 50, cls, 8, "" if cls else ' stroke-dasharray="4 3"'))
                main, _, small = cell.partition("|")
                cl = wrap(main, 13, 154)
                n = len(cl) + (1 if small else 0)
                yy = y + 25 - (n - 1) * 8
                body += lines_at(x + 80, yy, cl, 13, 16)
                if small:
                    body.append(t(x + 80, yy + 16 * len(cl), small, 12))
        body.append(line(10, 195, 710, 195, ' stroke-width="2.5" stroke-dasharray="10 6"'))
        body.append(t(10, 185, d["visibility"], 13, bold=True, italic=True, anchor="start"))
        body.append(line(10, 92, 710, 92, ' stroke-opacity="0.35"'))
        body.append(line(10, 305, 710, 305, ' stroke-opacity="0.35"'))
        body.append('<path d="M240 75v40M425 75v40M610 75v40M240 165v65M425 165v65M610 165v65M240 280v50M425 280v50M610 280v50M320 50h25M505 50h25" fill="none" stroke="currentColor" stroke-width="1.2"/>')
        nl = wrap(d["note"], 12, 700)
        body += lines_at(360, 400, nl, 12, 16)
        return svg(name, layout, WIDE_W, 400 + 16 * len(nl), d["title"], d["desc"], body)
    y = 8
    for k, ((label, sub, cells), cls) in enumerate(zip(lanes, ["cx-d-a", "cx-d-b", "cx-d-c", None])):
        if k == 2:
            body.append(line(4, y + 2, 356, y + 2, ' stroke-width="2.5" stroke-dasharray="10 6"'))
            body.append(t(4, y + 18, d["visibility"], 13, bold=True, italic=True, anchor="start"))
            y += 30
        head = label + (f" · {sub}" if sub else "")
        hl = wrap(head, 13, 350, True)
        body += lines_at(4, y + 10, hl, 13, 17, bold=True, anchor="start")
        y += 17 * len(hl) + 4
        wrapped = []
        for cell in cells:
            main, _, small = cell.partition("|")
            wrapped.append((wrap(main, 12, 104), small))
        h = 14 + 16 * max(len(c) + (1 if s else 0) for c, s in wrapped)
        for i, (cl, small) in enumerate(wrapped):
            x = 4 + i * 118
            body.append(rect(x, y, 112, h, cls, 8, "" if cls else ' stroke-dasharray="4 3"'))
            n = len(cl) + (1 if small else 0)
            yy = y + h / 2 - (n - 1) * 8
            body += lines_at(x + 56, yy, cl, 12, 16)
            if small:
                body.append(t(x + 56, yy + 16 * len(cl), small, 12, italic=True))
        y += h + 14
    nl = wrap(d["note"], 13, 350)
    body += lines_at(180, y + 6, nl, 13, 17)
    return svg(name, layout, NARROW_W, y + 6 + 17 * len(nl), d["title"], d["desc"], body)


DRAW = {"five-p": cards, "five-i": cards, "maturity-ladder": ladder, "voc-cycle": cycle, "silo-zones": zones,
        "service-blueprint": blueprint}


# The labels ------------------------------------------------------------------------------------------

EN = {
    "five-p": {
        "title": "The 5P of the purposeful leader",
        "desc": "A purposeful leader at the top, with five habits from Temkin Group below: 5P-1 Passionate, inspired by the company's future; 5P-2 Persuasive, makes sure everyone understands the goals; 5P-3 Positive, people who get regular positive feedback are 3× as likely to move the company forward; 5P-4 Propelling, supports, coaches and equips others; 5P-5 Persistent, actions match words.",
        "center": "Purposeful leader (5P)",
        "items": [
            ("5P-1", "Passionate", None, "Inspired by the company's future"),
            ("5P-2", "Persuasive", None, "Everyone understands the goals"),
            ("5P-3", "Positive", None, "Regular praise: 3× as likely to move the company forward"),
            ("5P-4", "Propelling", None, "Supports, coaches, equips others"),
            ("5P-5", "Persistent", None, "Actions match words"),
        ],
    },
    "five-i": {
        "title": "The 5I of employee engagement",
        "desc": "Five levers from Temkin Group: 5I-1 Inform, so people know what is expected; 5I-2 Inspire, so they are proud of their work and the company; 5I-3 Instruct, training with feedback; 5I-4 Involve, designing processes and solving customer problems together; 5I-5 Incent, measuring, encouraging and rewarding the right behaviour.",
        "center": "Engaging employees (5I)",
        "items": [
            ("5I-1", "Inform", None, "Know what is expected"),
            ("5I-2", "Inspire", None, "Proud of the work and the company"),
            ("5I-3", "Instruct", None, "Training with feedback"),
            ("5I-4", "Involve", None, "Design and solve problems together"),
            ("5I-5", "Incent", None, "Measure, encourage, reward"),
        ],
        "note": "Engaged employees work harder, go beyond what is asked and help others.",
    },
    "maturity-ladder": {
        "title": "Four competencies and six stages of CX maturity",
        "desc": "Six rising steps: MAT-1 Ignoring, MAT-2 Exploring, MAT-3 Mobilizing, MAT-4 Transforming operations, MAT-5 Aligning, MAT-6 Embedding. They stand on a foundation of four competencies: purposeful leadership, compelling brand values, employee engagement and customer connectedness.",
        "heading": "Six stages on the way to CX excellence",
        "stages": [("MAT-1", "Ignoring"), ("MAT-2", "Exploring"), ("MAT-3", "Mobilizing"), ("MAT-4", "Transforming operations"), ("MAT-5", "Aligning"), ("MAT-6", "Embedding")],
        "built_on": "built on four competencies",
        "competencies": ["Purposeful leadership", "Compelling brand values", "Employee engagement", "Customer connectedness"],
    },
    "voc-cycle": {
        "title": "The voice-of-the-customer cycle",
        "desc": "Four actions in a clockwise cycle: VOC-1 Immediate response to the customer, VOC-2 Fixing shortcomings behind the feedback, VOC-3 Continuous improvement from patterns, VOC-4 Strategic change in products and policies, which leads back to immediate response.",
        "center": "Voice of the customer: listen and act",
        "steps": [("VOC-1", "Immediate response"), ("VOC-2", "Fixing shortcomings"), ("VOC-3", "Continuous improvement"), ("VOC-4", "Strategic change")],
    },
    "silo-zones": {
        "title": "Ten problem zones around the customer",
        "desc": "The customer sits in the centre, surrounded by the ten problem zones where silos let them down: PZ-01 between departments, PZ-02 sales channels, PZ-03 systems, PZ-04 data collection, PZ-05 processes, PZ-06 vision, PZ-07 understanding customers, PZ-08 aligning goals, PZ-09 measurement, PZ-10 hand-offs.",
        "customer": "Customer",
        "zones": [("PZ-01", "Between departments"), ("PZ-02", "Sales channels"), ("PZ-03", "Systems"), ("PZ-04", "Data collection"), ("PZ-05", "Processes"), ("PZ-06", "Vision"), ("PZ-07", "Understanding customers"), ("PZ-08", "Aligning goals"), ("PZ-09", "Measurement"), ("PZ-10", "Hand-offs")],
        "note": "Each zone is a gap between teams that the customer has to cross alone.",
    },
    "service-blueprint": {
        "title": "Service blueprint: a refund",
        "desc": "A service blueprint in four lanes for a refund. Customer actions: asks for a refund, calls to check, gets the money. Front-stage, seen by the customer: app refund form, contact-centre agent, confirmation message. The line of visibility separates what the customer sees from what they do not. Back-stage: request queued, agent looks up the case, payment released. Support processes: refund policy from Legal, weekly payment batch in Finance, app and CRM systems from IT. Each visible step depends on steps below the line.",
        "lanes": [
            ("Customer actions", None, ["Asks for a refund", "Calls to check", "Gets the money"]),
            ("Front-stage", "seen by the customer", ["App refund form", "Contact-centre agent", "Confirmation message"]),
            ("Back-stage", "unseen by the customer", ["Request queued", "Agent looks up case", "Payment released"]),
            ("Support processes", None, ["Refund policy|Legal", "Weekly payment batch|Finance", "App and CRM|IT"]),
        ],
        "visibility": "line of visibility",
        "note": "Everything below the dashed line is invisible to the customer, yet it decides what they feel above it.",
    },
}

RU = {
    "five-p": {
        "title": "5P лидера, ориентированного на цель",
        "desc": "Лидер, ориентированный на цель, и пять его привычек по Temkin Group: 5P-1 Passionate — увлечённый, его вдохновляет будущее компании; 5P-2 Persuasive — убедительный, добивается, чтобы каждый понимал цели; 5P-3 Positive — доброжелательный: сотрудники, регулярно получающие положительную обратную связь, в три раза более склонны делать то, что двигает компанию к успеху; 5P-4 Propelling — развивающий других, поддерживает, обучает и обеспечивает всем необходимым; 5P-5 Persistent — ответственный, его дела соответствуют словам.",
        "center": "Лидер, ориентированный на цель (5P)",
        "items": [
            ("5P-1", "Passionate", "Увлечённый", "Вдохновлён будущим компании"),
            ("5P-2", "Persuasive", "Убедительный", "Каждый понимает цели"),
            ("5P-3", "Positive", "Доброжелательный", "Положительная обратная связь: втрое более склонны двигать дело"),
            ("5P-4", "Propelling", "Развивающий других", "Поддерживает, обучает, обеспечивает необходимым"),
            ("5P-5", "Persistent", "Ответственный", "Дела соответствуют словам"),
        ],
    },
    "five-i": {
        "title": "5I вовлечённости сотрудников",
        "desc": "Пять способов вовлечь сотрудников по Temkin Group: 5I-1 Inform — информируйте, чтобы люди знали, чего от них ждут; 5I-2 Inspire — вдохновляйте, чтобы они гордились своей работой и компанией; 5I-3 Instruct — обучайте, с обратной связью; 5I-4 Involve — вовлекайте в разработку процессов и решение проблем клиентов; 5I-5 Incent — стимулируйте: оценивайте, поощряйте и вознаграждайте нужное поведение.",
        "center": "Вовлечённость сотрудников (5I)",
        "items": [
            ("5I-1", "Inform", "Информируйте", "Знать, чего от тебя ждут"),
            ("5I-2", "Inspire", "Вдохновляйте", "Гордиться работой и компанией"),
            ("5I-3", "Instruct", "Обучайте", "Обучение с обратной связью"),
            ("5I-4", "Involve", "Вовлекайте", "Вместе строить процессы и решать проблемы"),
            ("5I-5", "Incent", "Стимулируйте", "Оценивать, поощрять, вознаграждать"),
        ],
        "note": "Вовлечённые сотрудники работают больше, делают больше, чем от них ждут, и помогают другим.",
    },
    "maturity-ladder": {
        "title": "Четыре компетенции и шесть этапов зрелости клиентского опыта",
        "desc": "Шесть ступеней вверх: MAT-1 Игнорирование, MAT-2 Исследование, MAT-3 Мобилизация, MAT-4 Операционные преобразования, MAT-5 Согласование всех элементов, MAT-6 Внедрение. Они опираются на четыре компетенции: целенаправленное руководство, ценности компании, вовлечение сотрудников и вовлечение клиентов.",
        "heading": "Шесть этапов на пути к совершенству клиентского опыта",
        "stages": [("MAT-1", "Игнорирование"), ("MAT-2", "Исследование"), ("MAT-3", "Мобилизация"), ("MAT-4", "Операционные преобразования"), ("MAT-5", "Согласование всех элементов"), ("MAT-6", "Внедрение")],
        "built_on": "опираются на четыре компетенции",
        "competencies": ["Целенаправленное руководство", "Ценности компании", "Вовлечение сотрудников", "Вовлечение клиентов"],
    },
    "voc-cycle": {
        "title": "Цикл голоса клиента",
        "desc": "Четыре действия по кругу, по часовой стрелке: VOC-1 Мгновенное реагирование на отзыв клиента, VOC-2 Устранение недостатков, которые стоят за отзывом, VOC-3 Непрерывное улучшение по повторяющимся отзывам, VOC-4 Стратегические изменения продуктов и правил, после которых цикл снова начинается с реагирования.",
        "center": "Голос клиента: слушать и действовать",
        "steps": [("VOC-1", "Мгновенное реагирование"), ("VOC-2", "Устранение недостатков"), ("VOC-3", "Непрерывное улучшение"), ("VOC-4", "Стратегические изменения")],
    },
    "silo-zones": {
        "title": "Десять проблемных зон вокруг клиента",
        "desc": "В центре клиент, вокруг него десять проблемных зон, где разобщённость отделов его подводит: PZ-01 между отделами, PZ-02 каналы продаж, PZ-03 системы, PZ-04 сбор данных, PZ-05 процессы, PZ-06 видение, PZ-07 понимание клиентов, PZ-08 совпадение целей клиента и компании, PZ-09 измерение показателей, PZ-10 передача клиента.",
        "customer": "Клиент",
        "zones": [("PZ-01", "Между отделами"), ("PZ-02", "Каналы продаж"), ("PZ-03", "Системы"), ("PZ-04", "Сбор данных"), ("PZ-05", "Процессы"), ("PZ-06", "Видение"), ("PZ-07", "Понимание клиентов"), ("PZ-08", "Совпадение целей клиента и компании"), ("PZ-09", "Измерение показателей"), ("PZ-10", "Передача клиента")],
        "note": "Каждая зона — разрыв между командами, который клиенту приходится преодолевать в одиночку.",
    },
    "service-blueprint": {
        "title": "Карта сервиса: возврат денег",
        "desc": "Карта сервиса для возврата денег, четыре дорожки. Действия клиента: просит вернуть деньги, звонит уточнить, получает деньги. Видимая часть, которую видит клиент: форма возврата в приложении, оператор контакт-центра, сообщение с подтверждением. Линия видимости отделяет то, что клиент видит, от того, чего он не видит. Невидимая часть: заявка в очереди, оператор находит обращение, платёж проведён. Вспомогательные процессы: правила возврата от юристов, еженедельные выплаты в финансах, приложение и CRM от ИТ. Каждый видимый шаг зависит от шагов под линией.",
        "lanes": [
            ("Действия клиента", None, ["Просит вернуть деньги", "Звонит уточнить", "Получает деньги"]),
            ("Видимая часть", "её видит клиент", ["Форма возврата в приложении", "Оператор контакт-центра", "Сообщение с подтверждением"]),
            ("Невидимая часть", "клиент её не видит", ["Заявка в очереди", "Оператор находит обращение", "Платёж проведён"]),
            ("Вспомогательные процессы", None, ["Правила возврата|юристы", "Еженедельные выплаты|финансы", "Приложение и CRM|ИТ"]),
        ],
        "visibility": "линия видимости",
        "note": "Всё, что ниже пунктирной линии, клиент не видит, но именно это решает, что он почувствует над ней.",
    },
}


def main() -> None:
    for lang, diagrams in (("en", EN), ("ru", RU)):
        for name, d in diagrams.items():
            for layout in ("wide", "narrow"):
                suffix = ("" if lang == "en" else f".{lang}") + ("" if layout == "wide" else ".narrow")
                (OUT / f"{name}{suffix}.svg").write_text(DRAW[name](name, d, layout), "utf-8")


if __name__ == "__main__":
    main()
