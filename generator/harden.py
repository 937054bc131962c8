"""Built pages made safer after mkdocs: a Content-Security-Policy per page, rel="noopener" on links out."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

PLACEHOLDER = '<meta http-equiv="Content-Security-Policy" content="sebar-csp">'
# Only the site's own files; Pagefind needs WebAssembly. frame-ancestors cannot be set in a meta tag.
# style-src allows one inline style: the empty one (plotly.js's colour bar clears its rects' style="").
EMPTY = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; "
    f"style-src 'self' 'unsafe-hashes' {EMPTY}; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module")  # JSON and JSON-LD are data
TYPE = re.compile(r"""\stype=["']?([^"'\s>]*)""", re.IGNORECASE)
LINK = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
HREF = re.compile(r"""\shref=(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
REL = re.compile(r"""\srel=(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)


def harden(site: Path, own_url: str | None, since: float | None = None) -> None:
    """Rewrite every HTML page of `site` (only those written at or after `since`, when given: the
    others were hardened by an earlier build); the same input gives the same bytes. A rewritten page
    is a new file, never written in place (the published site may share the old one)."""
    own_host = urlsplit(own_url).hostname if own_url else None
    for page in sorted(site.rglob("*.html")):
        if since is not None and page.stat().st_mtime < since:
            continue
        html = page.read_text(encoding="utf-8")
        new = policy(links(html, own_host))
        if new != html:
            temporary = page.with_name(f".{page.name}.baru")
            temporary.write_text(new, encoding="utf-8")
            os.replace(temporary, page)


def policy(html: str) -> str:
    """The placeholder becomes the policy, allowing exactly the page's own inline scripts by hash."""
    if PLACEHOLDER not in html:
        return html
    hashes = []
    for match in SCRIPT.finditer(html):
        attrs, body = match.groups()
        kind = TYPE.search(attrs)
        if " src=" in attrs.lower() or (kind.group(1).lower() if kind else "") not in SCRIPT_TYPES:
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    value = POLICY.format(hashes="".join(" " + h for h in dict.fromkeys(hashes)))
    return html.replace(PLACEHOLDER, f'<meta http-equiv="Content-Security-Policy" content="{value}">', 1)


def links(html: str, own_host: str | None) -> str:
    """Links to another host get rel="noopener noreferrer": the page they open cannot reach back."""

    def fix(match: re.Match[str]) -> str:
        tag = match.group(0)
        href = HREF.search(tag)
        if not href:
            return tag
        url = urlsplit(href.group(2).strip())
        if url.scheme.lower() not in ("http", "https") or (own_host and url.hostname == own_host):
            return tag
        rel = REL.search(tag)
        if rel is None:
            return tag[:-1].rstrip("/").rstrip() + ' rel="noopener noreferrer">'
        words = rel.group(2).split()
        words += [w for w in ("noopener", "noreferrer") if w not in words]
        return tag[: rel.start()] + f' rel="{" ".join(words)}"' + tag[rel.end() :]

    return LINK.sub(fix, html)
