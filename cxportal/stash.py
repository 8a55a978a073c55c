"""Finished HTML blocks carried past Markdown, as Python-Markdown's own stash carries raw HTML.

A quiz, a diagram or a path is complete HTML when the renderer makes it, and
Markdown leaves a raw HTML block as it is: parsing a quiz's markup only to copy it
through costs more than the rest of its page's conversion. So the renderer puts a
block here and writes a one-word token into the Markdown instead; the plugin puts
each block back into the page's HTML once Markdown is done. A token carries a
random key drawn for each build, so no content can forge one.
"""

from __future__ import annotations

import re
import secrets


class HtmlStash:
    def __init__(self) -> None:
        self.key = secrets.token_hex(6)
        self.blocks: list[str] = []
        # The token alone in a paragraph (`<p>token</p>`) is the block; anywhere else, the token is.
        self.pattern = re.compile(rf"<p>cxstash{self.key}n(\d+)</p>|cxstash{self.key}n(\d+)")

    def put(self, html: str) -> str:
        """The token that stands for `html`, on lines of its own so Markdown makes it a paragraph."""
        self.blocks.append(html)
        return f"\n\ncxstash{self.key}n{len(self.blocks) - 1}\n\n"

    def restore(self, text: str) -> str:
        """`text` (a page's HTML, or Markdown) with every token replaced by its block."""
        if f"cxstash{self.key}" not in text:
            return text
        return self.pattern.sub(lambda m: self.blocks[int(m.group(1) or m.group(2))], text)
