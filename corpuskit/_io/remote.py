"""Input and output paths given as fsspec URLs (``s3://``, ``gs://``, ``file://``, ``memory://``).

Plain paths never come here: callers test :func:`is_url` first, and ``fsspec`` is
imported only when a URL is actually used, so local runs neither need nor load it.
URLs are kept as the user wrote them (a glob's matches keep the pattern's prefix), so
``meta.source`` names the URL a document came from.
"""

from __future__ import annotations

import io
import re
import uuid
from typing import IO, Any

from corpuskit._errors import InputError

__all__ = [
    "expand_url",
    "is_url",
    "url_fingerprint",
    "url_fs",
    "url_open",
    "url_prepare_output",
    "url_size",
    "url_write_via_temporary",
]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*(?:://|::)")
_MAGIC = re.compile(r"[*?\[]")

INSTALL_HINT = "pip install 'corpuskit[ray]' (or: pip install fsspec)"


def is_url(path: object) -> bool:
    """True for ``scheme://...`` (and fsspec chains ``a::b://...``); False for plain paths."""
    return isinstance(path, str) and _SCHEME.match(path) is not None


def url_fs(url: str, key: str | None = None) -> tuple[Any, str]:
    """(fsspec filesystem, path inside it) of ``url``; a clear InputError when that is impossible."""
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise InputError(f"'{url}' is a URL, which needs the fsspec package: {INSTALL_HINT}", key=key) from None
    try:
        fs, path = url_to_fs(url)
        inner: str = path  # fsspec is untyped: its paths are str
        return fs, inner
    except ImportError as exc:  # the protocol's own package (s3fs, gcsfs, ...) is missing
        raise InputError(f"cannot open '{url}': {exc}", key=key) from None
    except ValueError as exc:  # an unknown protocol
        raise InputError(f"cannot open '{url}': {exc}", key=key) from None


def _rebuild(url: str, stripped: str, fs: Any, found: str) -> str:
    """The URL of ``found`` (a path inside ``fs``), spelled like the user's ``url``."""
    cut = _MAGIC.search(stripped)
    head = stripped[: cut.start()] if cut else stripped
    head = head[: head.rfind("/") + 1]
    ucut = _MAGIC.search(url)
    uhead = url[: ucut.start()] if ucut else url
    uhead = uhead[: uhead.rfind("/") + 1]
    if head and uhead and found.startswith(head) and uhead.endswith(head.lstrip("/")):
        return uhead + found[len(head):]
    url_of_found: str = fs.unstrip_protocol(found)
    return url_of_found


def expand_url(pattern: str, stage_name: str) -> list[str]:
    """Files a URL names (a file, a directory's files, or a glob's matches), sorted; missing -> InputError."""
    key = f"{stage_name}.paths"
    fs, path = url_fs(pattern, key)
    hint = "check the URL, and that this machine has credentials for its storage"
    try:
        if _MAGIC.search(path):
            found = fs.glob(path, detail=True)
            matched = sorted(p for p, info in found.items() if info.get("type") == "file")
            if not matched:
                raise InputError(f"no file matches '{pattern}'", key=key, hint=hint)
            return [_rebuild(pattern, path, fs, p) for p in matched]
        if fs.isfile(path):
            return [pattern]
        if fs.isdir(path):
            matched = sorted(fs.find(path))
            if not matched:
                raise InputError(f"directory '{pattern}' holds no file", key=key)
            base = pattern.rstrip("/") + "/"
            root = path.rstrip("/") + "/"
            return [base + p[len(root):] if p.startswith(root) else fs.unstrip_protocol(p) for p in matched]
    except OSError as exc:
        raise InputError(f"cannot list '{pattern}': {exc}", key=key, hint=hint) from None
    raise InputError(f"input '{pattern}' does not exist", key=key, hint=hint)


def url_size(url: str) -> int:
    """Size in bytes of the file at ``url``."""
    fs, path = url_fs(url)
    return int(fs.size(path) or 0)


def url_fingerprint(url: str) -> list[Any]:
    """``[url, size, version]``: what tells a resumed run that a remote input changed."""
    try:
        fs, path = url_fs(url)
        info = fs.info(path)
    except (OSError, InputError):
        return [url, -1, -1]
    version = next((str(info[k]) for k in ("ETag", "etag", "md5Hash", "generation", "LastModified", "mtime",
                                              "updated", "created") if info.get(k) is not None), "")
    return [url, int(info.get("size") or 0), version]


def url_open(url: str) -> IO[bytes]:
    """A buffered binary reader on ``url``, seekable when the filesystem supports it.

    fsspec's own files find a line end by reading a whole block and seeking back
    (thousands of lines a second); ``io.BufferedReader`` makes ``readline`` and line
    iteration run at memory speed over the same ranged reads.
    """
    fs, path = url_fs(url)
    return io.BufferedReader(fs.open(path, "rb"), buffer_size=1 << 20)


def url_prepare_output(url: str, key: str | None = None) -> None:
    """Create the parent of an output URL and check it can be written (an OSError if not)."""
    fs, path = url_fs(url, key)
    parent, name = _split(path)
    if parent:
        fs.makedirs(parent, exist_ok=True)
    probe = _join(parent, f".{name}.probe-{uuid.uuid4().hex[:12]}")
    fs.pipe_file(probe, b"")
    fs.rm_file(probe)


def url_write_via_temporary(url: str, write: Any) -> None:
    """Call ``write(binary file)`` on a temporary object next to ``url``, then ``fs.mv`` it into place.

    The final name appears only once the temporary is complete (closed: uploaded); on
    any error the temporary is removed and the final name is left as it was.
    """
    fs, path = url_fs(url)
    parent, name = _split(path)
    if parent:
        fs.makedirs(parent, exist_ok=True)
    tmp = _join(parent, f".{name}.tmp-{uuid.uuid4().hex[:12]}")
    try:
        with fs.open(tmp, "wb") as raw:
            write(raw)
        fs.mv(tmp, path)
    except BaseException:
        try:
            if fs.exists(tmp):
                fs.rm_file(tmp)
        except OSError:
            pass
        raise


def _split(path: str) -> tuple[str, str]:
    cut = path.rstrip("/").rfind("/")
    return (path[:cut], path[cut + 1 :]) if cut >= 0 else ("", path)


def _join(parent: str, name: str) -> str:
    return f"{parent}/{name}" if parent else name
