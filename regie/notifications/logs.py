"""A log formatter that writes one JSON object per line, for log collectors.

Case content stays out: a record gives its time, level, logger, message (Regie's own log
messages name no person and hold no plan text) and, for errors, the exception's type and
the code frames, never the exception's message, which can repeat database values."""

import datetime
import json
import logging
import traceback
from typing import Any

# Attributes every LogRecord has; anything else was passed with `extra=` and is kept.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
# `request` (django.request) holds headers and cookies: never written.
_DROPPED = {"request"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in _DROPPED and not key.startswith("_"):
                entry[key] = (
                    value if isinstance(value, (int, float, bool, dict, list)) else str(value)
                )
        if record.exc_info and record.exc_info[0] is not None:
            exc_type, _exc, tb = record.exc_info
            entry["exception"] = exc_type.__qualname__
            entry["frames"] = [
                f"{frame.filename}:{frame.lineno} in {frame.name}"
                for frame in traceback.extract_tb(tb)
            ]
        return json.dumps(entry, ensure_ascii=False, default=str)
