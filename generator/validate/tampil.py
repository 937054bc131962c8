"""Which datasets the portal will not show, and why, in words: no dataset vanishes from the preview silently."""

from __future__ import annotations

from pathlib import Path

from generator import load
from generator.model import Dataset
from generator.validate.report import Lang, wrapped

REASONS = {
    "terbatas": (
        "klasifikasi terbatas: hanya dataset berklasifikasi terbuka yang mendapat halaman dan unduhan di portal",
        "classified terbatas (restricted): only datasets classified terbuka get a page and downloads",
    ),
    "dikecualikan": (
        "klasifikasi dikecualikan: informasi yang dikecualikan tidak pernah terbit di portal",
        "classified dikecualikan (exempt): exempt information is never published",
    ),
    "galat": (
        "belum lolos pemeriksaan (lihat galat di atas); selama ada galat, portal tidak dibangun sama sekali",
        "has not passed the check (see the errors above); while there are errors, no portal is built",
    ),
}
HEAD = {
    "id": "Tidak akan tampil di portal ({count} dataset):",
    "en": "Will not appear on the portal ({count} datasets):",
}
NOTE = {
    "id": "Bila data berklasifikasi terbatas memang boleh dipublikasikan, Walidata dapat mengubahnya menjadi:",
    "en": "If restricted data may in fact be published, the Walidata can change it to:",
}


def not_shown(root: Path, datasets: list[Dataset] | tuple[Dataset, ...]) -> list[tuple[str, str]]:
    """(dataset, reason) for every dataset folder that gets no page: not `terbuka`, or not valid."""
    valid = {dataset.folder.as_posix(): dataset for dataset in datasets}
    found = []
    for path in load.discover(root):
        folder = path.parent.relative_to(root).as_posix()
        name = f"{path.parent.parent.name}/{path.parent.name}"
        dataset = valid.get(folder)
        if dataset is None:
            found.append((name, "galat"))
        elif not dataset.public:
            found.append((name, dataset.spec.satudata.klasifikasi))
    return found


def to_text(hidden: list[tuple[str, str]], lang: Lang = "id", width: int | None = None) -> str:
    """The list as `sebar check` and `sebar serve` print it; "" when every dataset is shown."""
    if not hidden:
        return ""
    lines = [HEAD[lang].format(count=len(hidden))]
    for name, reason in hidden:
        text = REASONS.get(reason, REASONS["terbatas"])[0 if lang == "id" else 1]
        lines += wrapped(f"{name} — {text}.", "  ", "    ", width)
    if any(reason == "terbatas" for _, reason in hidden):
        lines += wrapped(NOTE[lang], "", "", width) + ["    klasifikasi: terbuka"]
    return "\n".join(lines)
