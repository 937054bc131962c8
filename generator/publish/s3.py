"""An S3-compatible bucket: only changed files are sent (by SHA-256), removed ones deleted, in a safe order.

Sebar's manifest object (`<prefix>.sebar-manifest.json`) lists every key it put there with its SHA-256:
only those keys are ever deleted, so other files in the bucket or outside the prefix are never touched.
Order: new and changed files first, pages (HTML) after them, deletions last, the manifest at the very
end, so a reader never gets a page that links a file not yet (or no longer) there, and a run killed
midway is finished by the next one.
"""

from __future__ import annotations

import json
import mimetypes
import re
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from generator.config import PublikasiS3
from generator.publish.base import Published, PublishError, PublishResult, required_env, sha256, site_files

MANIFEST = ".sebar-manifest.json"
TYPES = {  # what mimetypes does not know, or guesses differently on each machine
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".jsonld": "application/ld+json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".csv": "text/csv; charset=utf-8",
    ".parquet": "application/vnd.apache.parquet",
    ".sqlite": "application/vnd.sqlite3",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".svg": "image/svg+xml",
    ".map": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".gz": "application/gzip",
    ".wasm": "application/wasm",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
    ".pf_fragment": "application/octet-stream",  # Pagefind's index: gzip data its script unpacks
    ".pf_index": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pagefind": "application/octet-stream",
}
# a name that changes whenever its content does (bundle.a5f9d56c.min.js, Pagefind's fragments) may be kept for a year
HASHED = re.compile(r"\.[0-9a-f]{8,}\.|^pagefind/(?:fragment|index)/|\.pf_(?:fragment|index)$")
NO_CACHE = "no-cache"  # pages: always checked with the server, so a new publication shows at once
SHORT = "public, max-age=300"
LONG = "public, max-age=31536000, immutable"


def content_type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def cache_control(name: str) -> str:
    if name.endswith(".html"):
        return NO_CACHE
    return LONG if HASHED.search(name) else SHORT


class S3Target:
    name = "s3"

    def __init__(self, settings: PublikasiS3) -> None:
        required_env("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")  # boto3 reads them itself
        self.settings = settings
        self.prefix = settings.prefix
        self.client = boto3.client(
            "s3",
            endpoint_url=settings.endpoint_url,
            region_name=settings.region,
            config=Config(retries={"max_attempts": 3, "mode": "standard"}),
        )

    @property
    def destination(self) -> str:
        return f"s3://{self.settings.bucket}/{self.prefix}"

    def publish(self, site: Path) -> PublishResult:
        try:
            return self._publish(site)
        except (BotoCoreError, ClientError) as error:
            raise PublishError(
                f"{self.destination}: layanan S3 menolak atau tidak terjangkau ({error}). Periksa "
                "`publikasi.s3` di portal.yml dan kunci AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY; "
                "jalankan ulang `sebar publish --target s3`: file yang sudah terkirim tidak dikirim dua kali"
            ) from error

    def _publish(self, site: Path) -> PublishResult:
        files = site_files(site)
        previous = self._manifest()
        present = self._keys()
        result = PublishResult(self.name, self.destination)
        local = {name: sha256(path) for name, path in files.items()}
        send = []
        for name, digest in local.items():
            if previous.get(name) == digest and self.prefix + name in present:
                result.unchanged.append(Published(name, digest))
            else:
                send.append(name)
        send.sort(key=lambda name: (name.endswith(".html"), name))  # pages after what they link
        for name in send:
            self._put(files[name], name, local[name])
            result.uploaded.append(Published(name, local[name]))
        removed = sorted(set(previous) - set(local))
        for name in removed:
            self.client.delete_object(Bucket=self.settings.bucket, Key=self.prefix + name)
        result.deleted = removed
        manifest = json.dumps(local, indent=0, sort_keys=True).encode()
        self.client.put_object(
            Bucket=self.settings.bucket,
            Key=self.prefix + MANIFEST,
            Body=manifest,
            ContentType="application/json",
            CacheControl=NO_CACHE,
        )
        return result

    def _put(self, path: Path, name: str, digest: str) -> None:
        with path.open("rb") as body:
            self.client.put_object(
                Bucket=self.settings.bucket,
                Key=self.prefix + name,
                Body=body,
                ContentType=content_type(name),
                CacheControl=cache_control(name),
                Metadata={"sha256": digest},
            )

    def _manifest(self) -> dict[str, str]:
        try:
            answer = self.client.get_object(Bucket=self.settings.bucket, Key=self.prefix + MANIFEST)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return {}  # the first publication here
            raise
        data: Any = json.loads(answer["Body"].read())
        if not isinstance(data, dict):
            raise PublishError(f"{self.destination}{MANIFEST} rusak; hapus file itu lalu ulangi `sebar publish`")
        return {str(key): str(value) for key, value in data.items()}

    def _keys(self) -> set[str]:
        keys: set[str] = set()
        pages = self.client.get_paginator("list_objects_v2")
        for page in pages.paginate(Bucket=self.settings.bucket, Prefix=self.prefix):
            keys.update(item["Key"] for item in page.get("Contents", []))
        return keys
