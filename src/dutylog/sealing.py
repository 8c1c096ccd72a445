"""Sealed files: bundles and backups encrypted and authenticated with a passphrase (or the
office's key file), so a lost USB stick or laptop gives nothing away (clause 25; issue 12).

Format (version 1), streamed so a large bundle never sits in memory whole:

    line 1:  DUTYLOG-SEALED 1\\n
    line 2:  {"kdf": "scrypt", "n": 2**15, "r": 8, "p": 1, "salt": hex, "nonce": hex,
              "chunk": 1048576}\\n
    then:    chunks of ChaCha20-Poly1305 ciphertext, each `chunk` bytes of plain text
             (the last shorter) plus a 16-byte tag.

Each chunk's nonce is the file's 12-byte nonce with the chunk's number added to its last 8
bytes; its associated data is the header lines plus "last" or "more", so chunks cannot be
reordered, dropped, repeated or cut off at a chunk boundary, and a one-byte change
anywhere is refused. The key is scrypt(passphrase, salt). A key file is read as bytes and
used as the passphrase.

Uses `cryptography` (pyca): well-kept, audited, wheels for Windows, macOS and Linux.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

MAGIC = b"DUTYLOG-SEALED 1\n"
CHUNK = 1 << 20
TAG = 16
SCRYPT = {"n": 2**15, "r": 8, "p": 1}


class SealError(ValueError):
    """A sealed file that cannot be opened: wrong passphrase, altered or truncated. Its
    `code` names the refusal's wording in the catalog (dutylog.lexicon.refusals)."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.params: dict[str, object] = {}


def is_sealed(path: str | os.PathLike) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def passphrase_bytes(passphrase: str | bytes) -> bytes:
    data = passphrase.encode("utf-8") if isinstance(passphrase, str) else bytes(passphrase)
    if len(data) < 8:
        raise SealError("the passphrase is too short: use at least 8 characters (a sentence is best)", "seal.short")
    return data


def read_passphrase_file(path: str | os.PathLike) -> bytes:
    """A passphrase file (one line; the line end is not part of it) or an office key file."""
    data = Path(path).read_bytes()
    if data.endswith(b"\r\n"):
        data = data[:-2]
    elif data.endswith(b"\n"):
        data = data[:-1]
    return passphrase_bytes(data)


def _key(passphrase: bytes, salt: bytes, params: dict) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"]).derive(passphrase)


def _nonce(base: bytes, counter: int) -> bytes:
    head, tail = base[:4], int.from_bytes(base[4:], "big")
    return head + ((tail + counter) % (1 << 64)).to_bytes(8, "big")


def seal_chunks(chunks: Iterable[bytes], passphrase: str | bytes, out: BinaryIO,
                chunk_size: int = CHUNK) -> int:
    """Write `chunks` (any sizes) sealed to `out`; returns the bytes written."""
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    salt, nonce = os.urandom(16), os.urandom(12)
    header = MAGIC + json.dumps({"kdf": "scrypt", **SCRYPT, "salt": salt.hex(), "nonce": nonce.hex(),
                                 "chunk": chunk_size}, sort_keys=True).encode() + b"\n"
    aead = ChaCha20Poly1305(_key(passphrase_bytes(passphrase), salt, SCRYPT))
    out.write(header)
    written, counter, buffer = len(header), 0, bytearray()
    for piece in chunks:
        buffer += piece
        while len(buffer) > chunk_size:  # more follows this chunk
            written += _write(out, aead, nonce, counter, bytes(buffer[:chunk_size]), header, last=False)
            del buffer[:chunk_size]
            counter += 1
    return written + _write(out, aead, nonce, counter, bytes(buffer), header, last=True)


def _write(out, aead, nonce, counter, plain, header, last) -> int:
    sealed = aead.encrypt(_nonce(nonce, counter), plain, header + (b"last" if last else b"more"))
    out.write(sealed)
    return len(sealed)


def open_chunks(fh: BinaryIO, passphrase: str | bytes) -> Iterator[bytes]:
    """The plain text of a sealed file, chunk by chunk; SealError when it cannot be opened."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    if fh.read(len(MAGIC)) != MAGIC:
        raise SealError("not a sealed dutylog file", "seal.not_sealed")
    line = fh.readline(4096)
    try:
        params = json.loads(line)
        salt, nonce = bytes.fromhex(params["salt"]), bytes.fromhex(params["nonce"])
        size = int(params["chunk"])
        kdf = {k: int(params[k]) for k in ("n", "r", "p")}
        if params.get("kdf") != "scrypt" or len(nonce) != 12 or not 1 <= size <= 64 * CHUNK \
                or kdf["n"] > 2**20 or kdf["r"] > 16 or kdf["p"] > 4:
            raise ValueError
    except (ValueError, KeyError, TypeError):
        raise SealError("the sealed file's header is damaged", "seal.header") from None
    header = MAGIC + line
    aead = ChaCha20Poly1305(_key(passphrase_bytes(passphrase), salt, kdf))
    counter = 0
    current = fh.read(size + TAG)
    while True:
        following = fh.read(size + TAG)
        last = not following
        try:
            yield aead.decrypt(_nonce(nonce, counter), current, header + (b"last" if last else b"more"))
        except InvalidTag:
            raise SealError("wrong passphrase, or the file was altered or cut short", "seal.wrong") from None
        if last:
            return
        counter, current = counter + 1, following


def seal_file(src: str | os.PathLike, dest: str | os.PathLike, passphrase: str | bytes) -> None:
    with open(src, "rb") as fin, open(dest, "wb") as fout:
        seal_chunks(iter(lambda: fin.read(CHUNK), b""), passphrase, fout)


def open_file(src: str | os.PathLike, dest: str | os.PathLike, passphrase: str | bytes) -> None:
    """Write the plain text of `src` to `dest`; `dest` is removed again if `src` is refused."""
    try:
        with open(src, "rb") as fin, open(dest, "wb") as fout:
            for plain in open_chunks(fin, passphrase):
                fout.write(plain)
    except BaseException:
        Path(dest).unlink(missing_ok=True)
        raise
