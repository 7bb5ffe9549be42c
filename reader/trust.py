"""Which derived files Reader may trust: those it wrote itself, signed with this user's key.

Whoosh keeps pickles in its index files (the table of contents, block headers, stored
fields), and unpickling runs code. A library folder can come from anywhere (a shared drive, a
colleague's archive), so index files are opened only when a keyed hash (BLAKE2b with a secret
kept in the user's config folder, file mode 0600) written by this user's Reader verifies. An
index that does not verify is never opened: it is rebuilt from the SQLite store, which holds
data, not code.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from pathlib import Path

log = logging.getLogger(__name__)

KEY_ENV = "READER_KEY_FILE"  # tests and portable installs may put the key elsewhere
_KEY_BYTES = 32
_session_key: bytes | None = None


def key_path() -> Path:
    if os.environ.get(KEY_ENV):
        return Path(os.environ[KEY_ENV]).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("Reader", appauthor=False)) / "index.key"


def user_key() -> bytes:
    """This user's secret, created on first use. When it cannot be stored (a read-only home),
    a key for this session only: indexes are then rebuilt on each start, never trusted."""
    global _session_key
    path = key_path()
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:
        log.warning("cannot read the index key %s (%s); using a key for this session", path, exc)
        return _fallback_key()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another Reader made it a moment ago
        return _read_key(path)
    except OSError as exc:
        log.warning("cannot store the index key %s (%s); using a key for this session", path, exc)
        return _fallback_key()
    with os.fdopen(fd, "w") as out:
        out.write(secrets.token_hex(_KEY_BYTES))
    return _read_key(path)


def _read_key(path: Path) -> bytes:
    text = path.read_text("ascii").strip()
    if len(text) < 2 * _KEY_BYTES:  # being written by another process, or damaged
        raise ValueError("the key file is incomplete")
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    return bytes.fromhex(text[: 2 * _KEY_BYTES])


def _fallback_key() -> bytes:
    global _session_key
    if _session_key is None:
        _session_key = secrets.token_bytes(_KEY_BYTES)
    return _session_key


def file_mac(path: Path, key: bytes) -> str:
    """The keyed hash of a file's bytes."""
    mac = hashlib.blake2b(key=key, digest_size=32)
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            mac.update(chunk)
    return mac.hexdigest()


def text_mac(text: str, key: bytes) -> str:
    return hashlib.blake2b(text.encode("utf-8"), key=key, digest_size=32).hexdigest()
