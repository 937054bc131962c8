"""Docs are tested: every metadata key, check slug and CLI command appears in the help pages."""

from __future__ import annotations

import typing
from pathlib import Path

from pydantic import BaseModel

from generator.cli import parser
from generator.config import DatasetSpec, Portal
from generator.validate.messages import MESSAGES

HELP = Path(__file__).resolve().parents[1] / "content" / "bantuan"


def keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Dotted keys of a schema, as the docs write them: satudata.cakupan.kode, resources[].schema.fields[].unit."""
    found = []
    for name, field in model.model_fields.items():
        key = prefix + (field.alias or name)
        found.append(key)
        annotation = field.annotation
        is_list = typing.get_origin(annotation) is list
        for inner in typing.get_args(annotation) or (annotation,):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                found += keys(inner, key + ("[]." if is_list else "."))
    return found


def test_docs_document_every_metadata_and_portal_key():
    text = (HELP / "metadata.md").read_text()
    for key in keys(DatasetSpec) + keys(Portal):
        assert f"`{key}`" in text, f"{key} is missing from content/bantuan/metadata.md"


def test_docs_document_every_check_slug():
    text = (HELP / "operator.md").read_text()
    for slug in MESSAGES:
        assert f"`{slug}`" in text, f"{slug} is missing from content/bantuan/operator.md"


def test_docs_document_every_cli_command_and_option():
    text = (HELP / "cli.md").read_text()
    commands = parser()._subparsers._group_actions[0].choices  # noqa: SLF001
    for name, sub in commands.items():
        assert f"sebar {name}" in text, name
        for action in sub._actions:  # noqa: SLF001
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}" in text, f"{name} {option}"


def test_docs_document_every_view_block_and_publication_key():
    """Every key of a view, a block (pivot.baris through Tabel) and each `jenis`' front matter."""
    from generator.publications.blocks import Ikon
    from generator.publications.front import MODELS
    from generator.views.model import Angka, Tabel, View

    text = (HELP / "grafik.md").read_text()
    for model in [View, Angka, Tabel, Ikon, *MODELS.values()]:
        for key in keys(model):
            assert f"`{key}`" in text, f"{key} ({model.__name__}) is missing from content/bantuan/grafik.md"
