"""Validate the whole portal: portal.yml, every dataset's metadata and data. Collects, never throws."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from generator import load
from generator.config import Batas, DatasetSpec, Portal, ResourceSpec
from generator.errors import DatasetError
from generator.model import Dataset, Resource
from generator.render.downloads import XLSX_ROWS, ResourceWriter
from generator.validate.content import check_content, link_issues
from generator.validate.metadata import (
    check_dataset_meta,
    check_portal,
    parse,
    placeholder_issues,
    resource_path_issue,
)
from generator.validate.privacy import PrivacyScan
from generator.validate.report import Issue, Report
from generator.validate.site import check_templates, site_config
from generator.validate.table import TableCheck, schema_issues


def check(root: Path) -> tuple[Portal | None, list[Dataset], Report]:
    """The portal config, the datasets without errors, and every issue found."""
    issues: list[Issue] = []
    portal = None
    if (root / "portal.yml").is_symlink():  # never read a secret through it
        issues += link_issues(root, root / "portal.yml", "portal")
    elif not (root / "portal.yml").is_file():
        issues.append(Issue("portal-missing", "portal", "portal.yml", params={"root": str(root)}))
    else:
        try:
            portal, found = check_portal(load.read_yaml(root / "portal.yml"))
            issues += found
        except DatasetError as error:
            issues.append(read_issue(error, "yaml-error", "portal", "portal.yml"))
    datasets = []
    links = link_issues(root, root / "datasets", "datasets")  # links and FIFOs are reported, never read
    issues += links
    blocked = frozenset(root / issue.file for issue in links)
    if portal is not None:
        for path in load.discover(root):
            if blocked & {path, *path.parents}:
                continue
            # until the orchestration keeps them (cache), each dataset's downloads go to a temporary folder
            out = Path(tempfile.mkdtemp(prefix="sebar-unduhan-"))
            dataset, found = check_dataset(root, portal, path, blocked, out)
            if dataset is None:
                shutil.rmtree(out, ignore_errors=True)
            issues += found
            if dataset is not None:
                datasets.append(dataset)
    settings, found = site_config(root)
    issues += found + check_templates(root, portal, datasets)
    history = load.git_history(root, [d.folder for d in datasets])
    for n, dataset in enumerate(datasets):
        if dataset.folder in history:
            commit, date = history[dataset.folder]
            datasets[n] = replace(dataset, updated=date, commit=commit)
    if portal is not None:
        issues += check_content(root, portal, datasets, (settings or {}).get("nav"))
    return portal, datasets, Report(tuple(issues))


def read_issue(error: DatasetError, slug: str, dataset: str, file: str) -> Issue:
    """A file that cannot be read; a limit, a duplicate key or a formula has its own slug."""
    params = getattr(error, "params", None) or {"detail": error.detail}
    return Issue(getattr(error, "slug", slug), dataset, file, params=params)


def check_dataset(
    root: Path, portal: Portal, path: Path, blocked: frozenset[Path], out: Path
) -> tuple[Dataset | None, list[Issue]]:
    """One dataset's metadata and data, checked in one streaming pass that also writes its downloads
    into `out` (see render.downloads.ResourceWriter); on errors `out` holds garbage."""
    folder = path.parent
    dataset, file = f"{folder.parent.name}/{folder.name}", path.relative_to(root).as_posix()
    limits: Batas = portal.batas
    try:
        raw = load.read_yaml(path, limits)
    except DatasetError as error:
        return None, [read_issue(error, "yaml-error", dataset, file)]
    spec, issues = parse(DatasetSpec, raw, dataset, file)
    issues += placeholder_issues(raw, dataset, file)
    if spec is not None:
        issues += check_dataset_meta(spec, portal, folder, file)
        specs = list(spec.resources)
    else:  # still check the data of every well-formed resource: the operator sees all at once
        raw_resources = raw.get("resources") if isinstance(raw, dict) else None
        parsed = [parse(ResourceSpec, r, dataset, file)[0] for r in raw_resources or [] if isinstance(r, dict)]
        specs = [r for r in parsed if r is not None]
    satudata = raw.get("satudata") if isinstance(raw, dict) else None
    public = isinstance(satudata, dict) and satudata.get("klasifikasi") == "terbuka"
    resources = []
    for resource in specs:
        wrong = schema_issues(resource, dataset, file)
        if wrong:
            issues += wrong
            continue
        problem = resource_path_issue(folder, resource.path, dataset, file)
        if problem:
            issues.append(problem)
            continue
        data_file = (folder / resource.path).relative_to(root).as_posix()
        if blocked & {folder / resource.path, *(folder / resource.path).parents}:
            continue  # a link or special file, already reported
        try:
            checked = check_resource(resource, folder / resource.path, limits, public, dataset, data_file, out)
        except DatasetError as error:
            issues.append(read_issue(error, "resource-unreadable", dataset, data_file))
            continue
        issues += checked[1]
        resources.append(checked[0])
    if not public:  # a non-public dataset's cells never reach a (public) CI log
        issues = [replace(issue, private=True) for issue in issues]
    if spec is None or any(issue.severity == "error" for issue in issues):
        return None, issues
    return Dataset(spec, folder.relative_to(root), tuple(resources), files=out), issues


def check_resource(
    spec: ResourceSpec, path: Path, limits: Batas, public: bool, dataset: str, file: str, out: Path
) -> tuple[Resource, list[Issue]]:
    """Read, check and write one table chunk by chunk; the writer stops at the first error."""
    stream = load.open_table(path, spec.dialect, limits)
    check = TableCheck(spec, stream.header, stream.header_row, dataset, file)
    privacy = PrivacyScan(spec, dataset, file) if public else None
    writer: ResourceWriter | None = None
    formats: tuple[str, ...] = ()
    try:
        if not check.failed:
            writer = ResourceWriter(spec, out, xlsx=stream.lines <= XLSX_ROWS)
        for rows, lines in stream.chunks:
            columns = check.chunk(rows, lines)
            if privacy is not None and rows:
                privacy.scan(rows, lines)
            if writer is not None and columns is None:
                writer.abort()
                writer = None
            if writer is not None and columns is not None:
                writer.write(columns)
            if writer is None and check.finished and privacy is None:
                break
        if writer is not None:
            formats = writer.close()
            writer = None
    finally:
        if writer is not None:
            writer.abort()
    issues = check.issues() + (privacy.issues() if privacy is not None else [])
    return Resource(spec, check.rows, tuple(check.head), formats), issues
