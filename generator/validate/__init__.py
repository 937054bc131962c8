"""Validate the whole portal: portal.yml, every dataset's metadata and data. Collects, never throws."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator import load
from generator.config import DatasetSpec, Portal, ResourceSpec
from generator.errors import DatasetError
from generator.model import Dataset, Resource
from generator.validate.metadata import (
    check_dataset_meta,
    check_portal,
    parse,
    placeholder_issues,
    resource_path_issue,
)
from generator.validate.report import Issue, Report
from generator.validate.site import check_templates, site_config
from generator.validate.table import check_table


def check(root: Path) -> tuple[Portal | None, list[Dataset], Report]:
    """The portal config, the datasets without errors, and every issue found."""
    issues: list[Issue] = []
    portal = None
    if not (root / "portal.yml").is_file():
        issues.append(Issue("portal-missing", "portal", "portal.yml", params={"root": str(root)}))
    else:
        try:
            portal, found = check_portal(load.read_yaml(root / "portal.yml"))
            issues += found
        except DatasetError as error:
            issues.append(Issue("yaml-error", "portal", "portal.yml", params={"detail": error.detail}))
    datasets = []
    if portal is not None:
        for path in load.discover(root):
            dataset, found = check_dataset(root, portal, path)
            issues += found
            if dataset is not None:
                datasets.append(dataset)
    issues += site_config(root)[1] + check_templates(root, portal, datasets)
    history = load.git_history(root, [d.folder for d in datasets])
    for n, dataset in enumerate(datasets):
        if dataset.folder in history:
            commit, date = history[dataset.folder]
            datasets[n] = replace(dataset, updated=date, commit=commit)
    return portal, datasets, Report(tuple(issues))


def check_dataset(root: Path, portal: Portal, path: Path) -> tuple[Dataset | None, list[Issue]]:
    folder = path.parent
    dataset, file = f"{folder.parent.name}/{folder.name}", path.relative_to(root).as_posix()
    try:
        raw = load.read_yaml(path)
    except DatasetError as error:
        return None, [Issue("yaml-error", dataset, file, params={"detail": error.detail})]
    spec, issues = parse(DatasetSpec, raw, dataset, file)
    issues += placeholder_issues(raw, dataset, file)
    if spec is not None:
        issues += check_dataset_meta(spec, portal, folder, file)
        specs = list(spec.resources)
    else:  # still check the data of every well-formed resource: the operator sees all at once
        raw_resources = raw.get("resources") if isinstance(raw, dict) else None
        parsed = [parse(ResourceSpec, r, dataset, file)[0] for r in raw_resources or [] if isinstance(r, dict)]
        specs = [r for r in parsed if r is not None]
    resources = []
    for resource in specs:
        data_file = (folder / resource.path).relative_to(root).as_posix()
        problem = resource_path_issue(folder, resource.path, dataset, file)
        if problem:
            issues.append(problem)
            continue
        try:
            table = load.read_table(folder / resource.path, resource.dialect)
        except DatasetError as error:
            issues.append(Issue("resource-unreadable", dataset, data_file, params={"detail": error.detail}))
            continue
        found, records = check_table(resource, table, dataset, data_file)
        issues += found
        resources.append(Resource(resource, table, records))
    if spec is None or any(issue.severity == "error" for issue in issues):
        return None, issues
    return Dataset(spec, folder.relative_to(root), tuple(resources)), issues
