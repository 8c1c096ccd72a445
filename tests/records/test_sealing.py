"""Sealed bundles and backups (issue 12 §10): a round trip, and every alteration refused."""

from __future__ import annotations

import io

import pytest

from dutylog.sealing import MAGIC, SealError, is_sealed, open_chunks, open_file, seal_chunks, seal_file

PASS = "海阳市政府办公室 2025"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch):
    """scrypt at a test cost (the real cost, n = 2**15, is read back from each file's header)."""
    import dutylog.sealing

    monkeypatch.setattr(dutylog.sealing, "SCRYPT", {"n": 2**10, "r": 8, "p": 1})


def sealed(data: bytes, chunk: int = 64) -> bytes:
    out = io.BytesIO()
    seal_chunks([data[i:i + 7] for i in range(0, len(data), 7)] or [b""], PASS, out, chunk_size=chunk)
    return out.getvalue()


def opened(blob: bytes, passphrase=PASS) -> bytes:
    return b"".join(open_chunks(io.BytesIO(blob), passphrase))


@pytest.mark.parametrize("size", [0, 1, 63, 64, 65, 128, 1000])
def test_round_trip_at_every_chunk_edge(size):
    data = bytes((i * 7) % 256 for i in range(size))
    blob = sealed(data)
    assert blob.startswith(MAGIC)
    assert data not in blob or size == 0
    assert opened(blob) == data


def test_the_plain_text_is_not_in_the_file():
    data = "王明 2025-03-02 海阳港调研 机密".encode() * 20
    blob = sealed(data)
    assert "海阳港".encode() not in blob


def test_wrong_passphrase_is_refused():
    with pytest.raises(SealError, match="wrong passphrase"):
        opened(sealed(b"x" * 200), "another passphrase")


def test_every_one_byte_change_is_refused():
    blob = sealed(b"records " * 40)
    body_start = blob.index(b"\n", len(MAGIC)) + 1
    for i in range(body_start, len(blob), 5):
        altered = bytearray(blob)
        altered[i] ^= 0x01
        with pytest.raises(SealError):
            opened(bytes(altered))


def test_a_header_change_is_refused():
    blob = sealed(b"records " * 40)
    with pytest.raises(SealError):
        opened(blob.replace(b'"r": 8', b'"r": 9'))


@pytest.mark.parametrize("cut", ["chunk", "tag"])
def test_a_cut_short_file_is_refused(cut):
    blob = sealed(b"z" * 300)  # 5 chunks of 64 + last
    body_start = blob.index(b"\n", len(MAGIC)) + 1
    keep = body_start + 2 * (64 + 16) if cut == "chunk" else len(blob) - 3
    with pytest.raises(SealError):
        opened(blob[:keep])


def test_chunks_cannot_be_reordered_or_repeated():
    blob = sealed(b"a" * 64 + b"b" * 64 + b"c" * 10)
    start = blob.index(b"\n", len(MAGIC)) + 1
    c1, c2, rest = blob[start:start + 80], blob[start + 80:start + 160], blob[start + 160:]
    for body in (c2 + c1 + rest, c1 + c1 + rest, c1 + rest):
        with pytest.raises(SealError):
            opened(blob[:start] + body)


def test_short_passphrase_is_refused():
    with pytest.raises(SealError, match="at least 8"):
        seal_chunks([b"x"], "1234", io.BytesIO())


def test_files(tmp_path):
    plain, box, back = tmp_path / "b.jsonl", tmp_path / "b.sealed", tmp_path / "back.jsonl"
    plain.write_bytes(b'{"format": "dutylog-bundle"}\n' * 1000)
    seal_file(plain, box, PASS)
    assert is_sealed(box) and not is_sealed(plain)
    open_file(box, back, PASS)
    assert back.read_bytes() == plain.read_bytes()
    with pytest.raises(SealError):
        open_file(box, tmp_path / "no.jsonl", "wrong passphrase!")
    assert not (tmp_path / "no.jsonl").exists()
