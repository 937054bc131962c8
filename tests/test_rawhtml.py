"""Sebar's raw-HTML blocks: set aside whole, with the bytes Markdown's own html_block gives."""

from __future__ import annotations

import markdown
import pytest

from generator.rawhtml import RawBlocksExtension

EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]
CASES = [
    '<div class="a">\n<table><tr><td>1</td></tr></table>\n</div>\n\n## Data\n\n<p>x</p>',
    "<h1>Judul</h1>\n\n<p class='b'>satu</p>\n\n<ul>\n<li>a</li>\n</ul>",
    "<div>a</div>\n# Judul di blok yang sama\n\nteks *miring*",  # Markdown after the element: not set aside
    "<div>\n<div>a</div>\n</div>\n<p>b</p>",  # two elements in one block: not set aside
    "<div>a\n\n*b*\n</div>",  # a blank line inside: Markdown's own handling
    '<div markdown="1">*a*</div>',
    '<span>sebaris</span>\n\n<script type="application/ld+json">{"a":1}</script>',
    "teks\n\n<hr>\n\n<p>akhir</p>",
]


@pytest.mark.parametrize("text", CASES)
def test_rawhtml_output_same_as_markdown(text):
    plain = markdown.Markdown(extensions=EXTENSIONS).convert(text)
    assert markdown.Markdown(extensions=[*EXTENSIONS, RawBlocksExtension()]).convert(text) == plain


def test_rawhtml_block_set_aside_whole():
    md = markdown.Markdown(extensions=[RawBlocksExtension()])
    md.convert('<div class="a">\n<p>1</p>\n</div>\n\n<p>2</p>')
    assert md.htmlStash.rawHtmlBlocks == ['<div class="a">\n<p>1</p>\n</div>\n', "<p>2</p>\n"]
