"""mkdocs.yml and templates/: read safely, keep only allowed settings; check and build share this."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from jinja2 import FileSystemLoader, TemplateError, nodes
from jinja2.sandbox import SandboxedEnvironment

from generator import load
from generator.config import Portal
from generator.errors import DatasetError
from generator.model import Dataset
from generator.validate.report import Issue

THEME = Path(__file__).resolve().parent.parent / "theme"  # Sebar's own theme overrides (custom_dir)
FILE = "mkdocs.yml"
# Keys passed to mkdocs as written. site_name comes from portal.yml; docs_dir, site_dir and
# theme.custom_dir are Sebar's. Anything else (hooks, INHERIT, extra_templates, watch...) is refused.
PLAIN_KEYS = (
    "site_description",
    "site_author",
    "copyright",
    "use_directory_urls",
    "strict",
    "nav",
    "validation",
    "not_in_nav",
    "exclude_docs",
)
FIXED = {"docs_dir": "content", "site_dir": "site"}  # accepted only with the value Sebar uses anyway
THEME_KEYS = ("name", "language", "locale", "direction", "font", "icon", "palette", "features", "logo", "favicon")
EXTRA_KEYS = ("generator", "social", "homepage")
SAFE_PLUGINS = ("search", "tags")
# Extensions that read no files and run no code named in the config (not pymdownx.snippets or b64).
SAFE_EXTENSIONS = (
    "abbr admonition attr_list def_list fenced_code footnotes md_in_html tables toc codehilite meta "
    "nl2br sane_lists smarty wikilinks pymdownx.arithmatex pymdownx.betterem pymdownx.caret pymdownx.critic "
    "pymdownx.details pymdownx.emoji pymdownx.highlight pymdownx.inlinehilite pymdownx.keys pymdownx.mark "
    "pymdownx.smartsymbols pymdownx.superfences pymdownx.tabbed pymdownx.tasklist pymdownx.tilde"
).split()
# YAML tags a safe load understands; any other (!!python/..., !ENV, !relative) is refused.
CORE_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}

WHY = {
    "code": ("menjalankan kode Python saat situs dibangun", "it runs Python code while the site is built"),
    "fixed": ("Sebar menentukan folder ini sendiri (`{value}`)", "Sebar sets this folder itself (`{value}`)"),
    "theme": ("Sebar hanya memakai tema `material` dengan templatnya sendiri", "Sebar only uses `material`"),
    "font": ("huruf dari situs lain tidak dipakai: tulis `font: false`", "no fonts from other sites: `font: false`"),
    "local": (
        "hanya file di dalam situs yang boleh dimuat (path relatif tanpa `..`)",
        "only files inside the site may be loaded (a relative path without `..`)",
    ),
    "unknown": ("kunci ini tidak didukung Sebar", "Sebar does not support this key"),
}


def issue(slug: str, key: str, **params: Any) -> Issue:
    return Issue(slug, "portal", FILE, column=key, params={"key": key, **params})


def refused(key: str, why: str, **values: str) -> Issue:
    id_why, en_why = WHY[why]
    return issue("mkdocs-key", key, why=id_why.format(**values), why_en=en_why.format(**values))


def local_path(value: object) -> bool:
    text = value if isinstance(value, str) else ""
    return bool(text) and "://" not in text and not text.startswith(("/", "\\")) and ".." not in text.split("/")


def unsafe_tags(text: str) -> list[Issue]:
    """Tags found by scanning only (nothing is constructed), so a hostile tag is never run."""
    found = []
    with contextlib.suppress(yaml.YAMLError):  # a syntax error is reported by the load itself
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.TagToken):
                handle, suffix = token.value
                tag = (handle or "") + suffix
                full = "tag:yaml.org,2002:" + suffix if handle == "!!" else tag
                if full not in CORE_TAGS:
                    line = token.start_mark.line + 1
                    found.append(replace(issue("mkdocs-tag", "", tag=tag, line=line), row=line))
    return found


def named(entry: object) -> tuple[str, Any]:
    """A plugins/markdown_extensions entry: `name` or `{name: options}`."""
    if isinstance(entry, dict) and len(entry) == 1:
        ((name, options),) = entry.items()
        return str(name), options
    return str(entry), None


def entries(value: object) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [(str(k), v) for k, v in value.items()]
    return [named(e) for e in value] if isinstance(value, list) else []


def site_config(root: Path) -> tuple[dict[str, Any] | None, list[Issue]]:
    """The effective mkdocs config built from mkdocs.yml's allowed keys, or None and the issues."""
    path = root / FILE
    if path.is_symlink():  # never read a secret through it
        return None, [Issue("symlink", "portal", FILE, params={"path": FILE, "target": os.readlink(path)})]
    if not path.is_file():
        return None, [issue("mkdocs-missing", "", root=str(root))]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Issue("yaml-error", "portal", FILE, params={"detail": f"file tidak dapat dibaca ({error})"})]
    tags = unsafe_tags(text)
    if tags:
        return None, tags
    try:
        raw = load.read_yaml(path)
    except DatasetError as error:
        return None, [Issue("yaml-error", "portal", FILE, params={"detail": error.detail})]
    if not isinstance(raw, dict):
        return None, [Issue("yaml-error", "portal", FILE, params={"detail": "isinya bukan daftar kunci: nilai"})]
    config: dict[str, Any] = {}
    issues: list[Issue] = []
    for key, value in raw.items():
        key = str(key)
        if key == "site_name":
            continue  # portal.yml's `nama` is the site's name
        if key in PLAIN_KEYS:
            config[key] = value
        elif key in FIXED:
            if value != FIXED[key]:
                issues.append(refused(key, "fixed", value=FIXED[key]))
        elif key == "hooks":
            issues.append(refused(key, "code"))
        elif key == "theme":
            issues += theme(value, config)
        elif key == "plugins":
            issues += plugins(value, config)
        elif key == "markdown_extensions":
            issues += extensions(value, config)
        elif key in ("extra_css", "extra_javascript"):
            items = value if isinstance(value, list) else [value]
            bad = [v for v in items if not local_path(v)]
            issues += [refused(f"{key}: {v}", "local") for v in bad]
            config[key] = items
        elif key == "extra" and isinstance(value, dict):
            for name, item in value.items():
                if name in EXTRA_KEYS:
                    config.setdefault("extra", {})[name] = item
                else:
                    issues.append(refused(f"extra.{name}", "unknown"))
        else:
            issues.append(refused(key, "unknown"))
    config.setdefault("theme", {"name": "material"})["custom_dir"] = str(THEME)
    if not issues:
        issues += mkdocs_errors(config)
    return (None if issues else config), issues


def theme(value: object, config: dict[str, Any]) -> list[Issue]:
    value = {"name": value} if isinstance(value, str) else value
    if not isinstance(value, dict) or value.get("name") != "material":
        return [refused("theme.name", "theme")]
    issues = []
    for name, item in value.items():
        if name == "font" and item is not False:
            issues.append(refused("theme.font", "font"))
        elif name in ("logo", "favicon") and not local_path(item):
            issues.append(refused(f"theme.{name}", "local"))
        elif name not in THEME_KEYS:
            issues.append(refused(f"theme.{name}", "theme" if name == "custom_dir" else "unknown"))
    config["theme"] = {k: v for k, v in value.items() if k in THEME_KEYS}
    return issues


def plugins(value: object, config: dict[str, Any]) -> list[Issue]:
    found = entries(value)
    config["plugins"] = [{n: o} if o else n for n, o in found if n in SAFE_PLUGINS]
    allowed = ", ".join(SAFE_PLUGINS)
    return [issue("mkdocs-plugin", "plugins", name=n, allowed=allowed) for n, _ in found if n not in SAFE_PLUGINS]


def extensions(value: object, config: dict[str, Any]) -> list[Issue]:
    found = entries(value)
    issues = [
        issue("mkdocs-extension", "markdown_extensions", name=n, allowed=", ".join(SAFE_EXTENSIONS))
        for n, _ in found
        if n.removeprefix("markdown.extensions.") not in SAFE_EXTENSIONS
    ]
    config["markdown_extensions"] = [{n: o} if o else n for n, o in found]
    return issues


def mkdocs_errors(config: dict[str, Any]) -> list[Issue]:
    """mkdocs' own validation of the effective config (types, nav, extension options), as build runs it."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    errors = Collect(logging.ERROR)
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.ERROR)
    logger.addHandler(errors)
    logger.propagate = False  # its errors become our issues, not log lines
    try:
        with tempfile.TemporaryDirectory(prefix="sebar-cek-") as work:
            (Path(work) / "docs").mkdir()
            text = io.StringIO(yaml.safe_dump({**config, "site_name": "cek"}, allow_unicode=True))
            load_config(text, config_file_path=f"{work}/{FILE}", docs_dir=f"{work}/docs", site_dir=f"{work}/site")
    except (MkDocsException, SystemExit) as error:
        details = [r.getMessage() for r in errors.records] or [str(error) or "konfigurasi tidak sah"]
        return [issue("mkdocs-config", "", detail=d) for d in details]
    finally:
        logger.removeHandler(errors)
        logger.setLevel(level)
        logger.propagate = propagate
    return []


class Collect(logging.Handler):
    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


# --- templates/ ----------------------------------------------------------------------------


def check_templates(root: Path, portal: Portal | None, datasets: list[Dataset]) -> list[Issue]:
    """Flag the portal's template overrides for review; refuse what the sandbox would refuse at build."""
    folder = root / "templates"
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.rglob("*") if p.is_symlink() or p.is_file())
    names = [p.relative_to(folder).as_posix() for p in files]
    if not names:
        return []
    issues = [Issue("template-override", "portal", "templates/", params={"names": ", ".join(names)})]
    env = SandboxedEnvironment(loader=FileSystemLoader(folder))
    for path, name in zip(files, names, strict=True):
        file = f"templates/{name}"
        if path.is_symlink() or not path.resolve().is_relative_to(folder.resolve()):
            issues.append(unsafe(file, 0, "tautan simbolik (symlink)", "a symbolic link"))
            continue
        try:
            tree = env.parse(path.read_text(encoding="utf-8"), name, file)
        except TemplateError as error:
            issues.append(
                Issue(
                    "template-error",
                    "portal",
                    file,
                    row=getattr(error, "lineno", None),
                    params={"name": name, "detail": str(error)},
                )
            )
            continue
        except (OSError, UnicodeDecodeError) as error:
            issues.append(Issue("template-error", "portal", file, params={"name": name, "detail": str(error)}))
            continue
        for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
            attr = getattr(node, "attr", None) or getattr(getattr(node, "arg", None), "value", None)
            if isinstance(attr, str) and attr.startswith("_"):
                issues.append(unsafe(file, node.lineno, f"atribut internal `{attr}`", f"internal attribute `{attr}`"))
    if portal is not None and not any(i.severity == "error" for i in issues):
        issues += render_all(root, portal, datasets)
    return issues


def unsafe(file: str, line: int, what: str, what_en: str) -> Issue:
    return Issue("template-unsafe", "portal", file, row=line or None, params={"what": what, "what_en": what_en})


def render_all(root: Path, portal: Portal, datasets: list[Dataset]) -> list[Issue]:
    """Render every page in memory, as build will: what fails there fails here."""
    from generator.render.pages import Pages, TemplateFailed

    try:
        for _ in Pages(root, portal, [d for d in datasets if d.public]).all():
            pass
    except TemplateFailed as error:
        slug = "template-unsafe" if error.unsafe else "template-error"
        params = {"what": error.detail, "what_en": error.detail, "name": error.name, "detail": error.detail}
        return [Issue(slug, "portal", f"templates/{error.name}", params=params)]
    return []
