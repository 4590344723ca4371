"""Signed checkpoints of the access log, kept outside the database (A5, docs/access-log.md).

A checkpoint says: "the chain had `count` seals and ended in `head` at `at`", signed
with a key derived from the audit key, which the database never holds. The sealer
writes one at most every REGIE_LOG_CHECKPOINT_SECONDS into REGIE_LOG_CHECKPOINT_DIR (a
WORM mount or synced object storage in production). `verify` checks the chain against
every checkpoint, so rows removed at the end of the log, or the whole log, are found:
the chain can only grow past what a checkpoint saw."""

import datetime
import hmac
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from regie.access.models import AccessLogSeal

_PREFIX = "checkpoint-"
_last_written: float | None = None  # per process: when this process last wrote one


@dataclass(frozen=True)
class Checkpoint:
    count: int
    head: str
    at: str
    signature: str
    name: str

    @property
    def valid(self) -> bool:
        """Signed with Regie's key: nobody without it made or changed this checkpoint."""
        return hmac.compare_digest(self.signature, _sign(self.count, self.head, self.at))

    @property
    def written_at(self) -> datetime.datetime | None:
        """When it was written; None for a file that cannot be read."""
        try:
            return datetime.datetime.fromisoformat(self.at)
        except ValueError:
            return None

    def as_json(self) -> str:
        data = {"count": self.count, "head": self.head, "at": self.at}
        return json.dumps({**data, "signature": self.signature}, indent=2) + "\n"


def _sign(count: int, head: str, at: str) -> str:
    key = hmac.digest(str(settings.REGIE_AUDIT_KEY).encode(), b"checkpoint key", "sha256")
    return hmac.digest(key, f"{count}|{head}|{at}".encode(), "sha256").hex()


def directory() -> Path:
    return Path(settings.REGIE_LOG_CHECKPOINT_DIR)


def due() -> bool:
    """Whether this process should write a checkpoint now (and sweep for stragglers)."""
    if _last_written is None:
        return True
    return time.monotonic() - _last_written >= settings.REGIE_LOG_CHECKPOINT_SECONDS


def write_latest() -> Checkpoint | None:
    """A checkpoint of the chain as it is now, unless one of it exists already. Written
    to a temporary name and renamed, so a reader never sees half a file; never
    overwritten, so an existing checkpoint cannot be replaced by a later sealer."""
    global _last_written
    head = AccessLogSeal.objects.order_by("-seq").values_list("seq", "hash").first()
    _last_written = time.monotonic()
    if head is None:
        return None
    count, head_hash = head
    at = timezone.now().isoformat()
    checkpoint = Checkpoint(count, head_hash, at, _sign(count, head_hash, at), _name(count))
    folder = directory()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / checkpoint.name
    if path.exists():
        return read(path)
    temporary = folder / f".{checkpoint.name}.{os.getpid()}.tmp"
    temporary.write_text(checkpoint.as_json())
    try:
        os.link(temporary, path)  # fails if another sealer wrote it meanwhile
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    return read(path)


def _name(count: int) -> str:
    return f"{_PREFIX}{count:012d}.json"


def read(path: Path) -> Checkpoint:
    """A checkpoint file as it is; one that cannot be read is returned as invalid."""
    try:
        data = json.loads(path.read_text())
        return Checkpoint(
            int(data["count"]),
            str(data["head"]),
            str(data["at"]),
            str(data["signature"]),
            path.name,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return Checkpoint(-1, "", "", "", path.name)


def all_checkpoints() -> list[Checkpoint]:
    """Every checkpoint in the folder, oldest first (none when there is no folder)."""
    folder = directory()
    if not folder.is_dir():
        return []
    return [read(path) for path in sorted(folder.glob(f"{_PREFIX}*.json"))]


def latest() -> Checkpoint | None:
    """The newest checkpoint, read alone (names sort by count)."""
    folder = directory()
    newest = max(folder.glob(f"{_PREFIX}*.json"), default=None) if folder.is_dir() else None
    return read(newest) if newest is not None else None
