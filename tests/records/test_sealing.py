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
    assert data not in blob or size < 8  # a byte or two may turn up in random ciphertext
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


# ---- through the command line: export --encrypt, import with the passphrase -----------------


def test_sealed_bundle_round_trip_and_refusals(run, tmp_path, monkeypatch):
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n", encoding="utf-8")
    assert run("subject", "add", "王明", "--role", "leader", "--since", "2025-01-01").code == 0
    assert run("log", "diary", "--subject", "王明", "--date", "2025-03-02", "--note", "海阳港机密").code == 0
    bundle = tmp_path / "b.sealed"
    r = run("export", bundle, "--encrypt", "--passphrase-file", secret)
    assert r.code == 0, r.err
    raw = bundle.read_bytes()
    assert is_sealed(bundle) and "海阳港".encode() not in raw and b"dutylog-bundle" not in raw
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no plain copy left
    monkeypatch.setenv("DUTYLOG_HOME", str(tmp_path / "office"))
    # a sealed bundle without its passphrase, with a wrong one, or altered by one byte: refused whole
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase", encoding="utf-8")
    r = run("import", bundle, "--passphrase-file", wrong)
    assert r.code == 2 and "口令不对" in r.err
    altered = tmp_path / "altered.sealed"
    data = bytearray(raw)
    data[-20] ^= 1
    altered.write_bytes(bytes(data))
    r = run("import", altered, "--passphrase-file", secret)
    assert r.code == 2 and r.err.count("\n") == 1
    assert run("entries", "--json").json == []
    r = run("import", bundle, "--passphrase-file", secret)
    assert r.code == 0, r.err
    assert [e["note"] for e in run("entries", "--json").json] == ["海阳港机密"]
    assert not list((tmp_path / "office").glob(".import-*"))  # the plain copy is gone
