"""Validate the whole portal: portal.yml, every dataset's metadata and data. Collects, never throws."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from generator import load
from generator.cache import Cache, CacheError, dataset_key
from generator.config import Batas, DatasetSpec, Portal, ResourceSpec
from generator.errors import DatasetError
from generator.model import Dataset, Resource
from generator.render.downloads import XLSX_ROWS, ResourceWriter
from generator.sop.roles import codeowners_issues
from generator.templat import locate, read_template
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

_TEMPORARY: list[Cache] = []  # caches made for a call without one: kept until the process ends


def check(root: Path, cache: Cache | None = None, jobs: int | None = 1) -> tuple[Portal | None, list[Dataset], Report]:
    """The portal config, the datasets without errors, and every issue found. Datasets whose inputs
    are unchanged come from `cache`; the others are checked by `jobs` processes (None = every core),
    merged in discovery order, so the result does not depend on the number of jobs."""
    if cache is None:
        cache = Cache(root, None)
        _TEMPORARY.append(cache)  # its folder holds the downloads until the process ends
    issues: list[Issue] = []
    portal = None
    if (root / "portal.yml").is_symlink():  # never read a secret through it
        issues += link_issues(root, root / "portal.yml", "portal")
    elif not (root / "portal.yml").is_file():
        issues.append(Issue("portal-missing", "portal", "portal.yml", params={"root": str(root)}))
    else:
        try:
            raw = load.read_yaml(root / "portal.yml")
            portal, found = check_portal(raw, load.key_lines((root / "portal.yml").read_text(encoding="utf-8")))
            issues += found
        except DatasetError as error:
            issues.append(read_issue(error, "yaml-error", "portal", "portal.yml"))
    datasets = []
    links = link_issues(root, root / "datasets", "datasets")  # links and FIFOs are reported, never read
    issues += links
    blocked = frozenset(root / issue.file for issue in links)
    if portal is not None:
        paths = [path for path in load.discover(root) if not blocked & {path, *path.parents}]
        for dataset, found in check_datasets(root, portal, paths, blocked, cache, jobs):
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
        issues += view_issues(root, datasets)
        issues += check_content(root, portal, datasets, (settings or {}).get("nav"))
        issues += codeowners_issues(root, portal)
    return portal, datasets, Report(tuple(issues))


def view_issues(root: Path, datasets: list[Dataset]) -> list[Issue]:
    """The portal's boundary files, and the views each dataset declares (`satudata.tampilan`) against
    its data; inferred views are not checked: one that cannot be drawn is not shown."""
    if not any(d.spec.satudata.tampilan for d in datasets) and not (root / "batas").is_dir():
        return []
    # imported here: views/ reports with validate.report, which imports this package first
    from generator.views.check import check_views, declared
    from generator.views.regions import load as load_boundaries

    boundaries, issues = load_boundaries(root)
    return issues + check_views(datasets, declared(datasets), root, boundaries)


def check_datasets(
    root: Path, portal: Portal, paths: list[Path], blocked: frozenset[Path], cache: Cache, jobs: int | None
) -> list[tuple[Dataset | None, list[Issue]]]:
    """Each dataset's result in the order of `paths`: from the cache, else checked (in parallel) and stored."""
    try:
        return cached_results(root, portal, paths, blocked, cache, jobs)
    except OSError as error:  # a full disk or a file-size limit while writing downloads: the run stops
        from generator.build import describe

        raise CacheError(f"folder cache {cache.folder} tidak dapat ditulis: {describe(error)}") from error


def cached_results(
    root: Path, portal: Portal, paths: list[Path], blocked: frozenset[Path], cache: Cache, jobs: int | None
) -> list[tuple[Dataset | None, list[Issue]]]:
    with cache.locked():
        keys = [dataset_key(root, path) for path in paths]
        results: list[tuple[Dataset | None, list[Issue]] | None] = [cache.get(key) for key in keys]
        missing = [n for n, result in enumerate(results) if result is None]
        work = {n: cache.new_entry() for n in missing}
        workers = min(jobs or os.cpu_count() or 1, len(missing))
        if workers <= 1:
            for n in missing:
                found = check_dataset(root, portal, paths[n], blocked, work[n] / "files")
                results[n] = cache.put(keys[n], work[n], found)
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = {
                    n: pool.submit(check_dataset, root, portal, paths[n], blocked, work[n] / "files") for n in missing
                }
                for n in missing:  # in discovery order, whichever finishes first
                    results[n] = cache.put(keys[n], work[n], futures[n].result())
        if not cache.temporary:
            cache.prune()
    return [result for result in results if result is not None]


def read_issue(error: DatasetError, slug: str, dataset: str, file: str) -> Issue:
    """A file that cannot be read; a limit, a duplicate key or a formula has its own slug."""
    params = getattr(error, "params", None) or {"detail": error.detail}
    line = params.get("line")  # a YAML error's line goes in the BARIS column
    return Issue(getattr(error, "slug", slug), dataset, file, line if isinstance(line, int) else None, params=params)


def check_dataset(
    root: Path, portal: Portal, path: Path, blocked: frozenset[Path], out: Path
) -> tuple[Dataset | None, list[Issue]]:
    """One dataset's metadata and data, checked in one streaming pass that also writes its downloads
    into `out` (see render.downloads.ResourceWriter); on errors `out` holds garbage."""
    folder = path.parent
    dataset, file = f"{folder.parent.name}/{folder.name}", path.relative_to(root).as_posix()
    limits: Batas = portal.batas
    cells: dict[str, str] | None = None  # a filled XLSX template: the cell of each key
    try:
        if path.suffix == ".xlsx":
            raw, cells = read_template(path, limits)
        else:
            raw = load.read_yaml(path, limits)
    except DatasetError as error:
        return None, [
            read_issue(error, "susun-templat-rusak" if path.suffix == ".xlsx" else "yaml-error", dataset, file)
        ]
    # the line of each key, for the BARIS column (a template's issues name their cell instead)
    lines = None if cells is not None else load.key_lines(load.read_regular(path, limits).decode("utf-8"))
    spec, issues = parse(DatasetSpec, raw, dataset, file, lines)
    placeholders = placeholder_issues(raw, dataset, file)
    # a placeholder is one message, the one saying what to write, not also "not a valid value" for its key
    unfilled = {issue.params["key"] for issue in placeholders}
    issues = [i for i in issues if i.params.get("path", i.params.get("key")) not in unfilled] + placeholders
    if spec is not None:
        issues += check_dataset_meta(spec, portal, folder, file, lines)
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
    issues += unused_files(folder, specs, dataset, file)
    if cells is not None:
        issues = locate(issues, cells)
    if not public:  # a non-public dataset's cells never reach a (public) CI log
        issues = [replace(issue, private=True) for issue in issues]
    if spec is None or any(issue.severity == "error" for issue in issues):
        return None, issues
    return Dataset(spec, folder.relative_to(root), tuple(resources), files=out), issues


UNUSED_SHOWN = 10  # unused files named per dataset: a folder of old exports is said in a few lines


def unused_files(folder: Path, specs: list[ResourceSpec], dataset: str, file: str) -> list[Issue]:
    """Files in the dataset folder that no resource names (the template's data.csv checked while the
    operator's own file sits beside it): a warning that suggests the `path` to write."""
    if not specs:
        return []
    used = {(folder / spec.path).resolve() for spec in specs if "\0" not in spec.path}
    found = []
    for base, dirs, files in os.walk(folder):  # links are not followed (and are reported elsewhere)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(base) / name
            skip = name.startswith(".") or name == "datapackage.yaml" or name.upper().startswith("README")
            if not skip and not path.is_symlink() and path.is_file() and path.resolve() not in used:
                found.append(path.relative_to(folder).as_posix())
    missing = [spec for spec in specs if not (folder / spec.path).is_file()]
    target = (missing or specs)[0].name  # the table whose file is missing is the one to point at it
    named = ", ".join(spec.path for spec in specs)
    return [
        Issue("pesan-file-tak-terpakai", dataset, file, params={"path": path, "used": named, "name": target})
        for path in found[:UNUSED_SHOWN]
    ]


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
    return Resource(spec, check.rows, tuple(check.head), formats, kode=check.kode.found), issues
