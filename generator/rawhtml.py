"""A Markdown extension: a block of plain HTML is set aside whole, not parsed by html.parser twice.

Sebar's pages are mostly HTML blocks (tables, cards) between a few Markdown headings. Python-Markdown
and MkDocs each run html.parser over every raw block, which was most of the page pass. A block that
starts with a block-level tag that closes only at its very end, with no blank line inside, comes out
of Markdown unchanged anyway: it goes straight into Markdown's stash of raw HTML instead.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

OPENING = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")


class RawBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] = []
        for n, line in enumerate([*lines, ""]):
            if line.strip():
                block.append(line)
                continue
            if block:
                out += self.stashed(block, blank_after=n + 1 < len(lines))
                block = []
            out.append(line)
        return out[:-1]

    def stashed(self, block: list[str], blank_after: bool) -> list[str]:
        opening = OPENING.match(block[0])
        if opening is None:
            return block
        tag = opening.group(1).lower()
        text = "\n".join(block)
        # md_in_html (`markdown="1"`) asks for Markdown inside the block: left to Markdown
        if not self.md.is_block_level(tag) or "markdown=" in text or not closes_at_end(tag, text):
            return block
        # as html_block stores it: a blank line (and more) after the block keeps one newline
        return [self.md.htmlStash.store(text + "\n" if blank_after else text)]


def closes_at_end(tag: str, text: str) -> bool:
    """The first tag's element ends where the text ends (else Markdown may follow it in the block)."""
    if not text.rstrip().endswith(f"</{tag}>"):
        return False
    depth = 0
    tags = list(re.finditer(rf"<(/?){tag}[\s>/]", text, re.IGNORECASE))
    for n, match in enumerate(tags):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return n == len(tags) - 1
    return False


class RawBlocksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        # before MkDocs' anchor scan (21) and Markdown's html_block (20), after whitespace normalising (30)
        md.preprocessors.register(RawBlocks(md), "sebar_raw_blocks", 25)
