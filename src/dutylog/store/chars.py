"""The one-character index: searches of 1–2 characters without reading every entry.

The trigram index (`entries_fts`) serves 3+ characters only. `entries_fts_chars` is an
FTS5 table (rowid = `entries.seq`) over each entry's title, place, people and note with
every character separated by a space (its external content is the view
`entries_fts_chars_text`, which computes that text), so each character is one token
(`unicode61`, which folds case and drops punctuation, symbols and spaces). One character
is then a term, two are the phrase "a b" (adjacent in the same field). What the index
returns is a candidate set: the caller checks each candidate with the exact LIKE, so
results are the LIKE's (ASCII case ignored, wildcards literal, per field).

The index is kept by plain-SQL triggers (no application function), so any program that
writes `entries` — the sqlite3 shell, an older dutylog — keeps it right. SQL has no
string split, so the triggers take the characters through `entries_fts_chars_pos`, the
positions 1..MAX_CHARS; a longer text is indexed up to MAX_CHARS plus the token LONG,
which every character query also matches (a long text is always a candidate, checked by
LIKE). Bulk writes (migration, large imports) compute the same text in Python: `spaced()`
gives the tokens the triggers' and the view's SQL give, which FTS5's 'delete' needs
('rebuild' works too, through the view, only slower).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

TABLE = "entries_fts_chars"
POS = "entries_fts_chars_pos"
VIEW = "entries_fts_chars_text"
TOKENIZE = "unicode61 remove_diacritics 0"
MAX_CHARS = 4000
LONG = "longtext"  # several letters: never one character's token
FIELDS = ("title", "place", "people", "note")
CHUNK = 5000


def spaced(text: str | None) -> str | None:
    """`text` (up to its first NUL, where SQLite's length() and LIKE stop) with a space
    between characters; LONG follows a text longer than MAX_CHARS. The Python twin of
    `sql_spaced`."""
    if text is None:
        return None
    if not isinstance(text, str):
        text = str(text)
    text = text.split("\0", 1)[0]
    if not text:
        return None
    out = " ".join(text[:MAX_CHARS])
    return f"{out} {LONG}" if len(text) > MAX_CHARS else out


def sql_spaced(ref: str) -> str:
    """SQL giving the tokens of `spaced(ref)` for a column reference (new.title…)."""
    return (f"((SELECT group_concat(c, ' ') FROM (SELECT substr({ref}, n, 1) AS c FROM {POS} "
            f"WHERE n <= length({ref}) ORDER BY n)) || "
            f"CASE WHEN length({ref}) > {MAX_CHARS} THEN ' {LONG}' ELSE '' END)")


def _values(prefix: str) -> str:
    return ", ".join(sql_spaced(f"{prefix}.{f}") for f in FIELDS)


_COLS = ", ".join(FIELDS)
_CHANGED = " OR ".join(f"old.{f} IS NOT new.{f}" for f in FIELDS)

INSERT_TRIGGER = f"""CREATE TRIGGER {TABLE}_insert AFTER INSERT ON entries BEGIN
    INSERT INTO {TABLE}(rowid, {_COLS}) VALUES (new.seq, {_values('new')});
END"""

DELETE_TRIGGER = f"""CREATE TRIGGER {TABLE}_delete AFTER DELETE ON entries BEGIN
    INSERT INTO {TABLE}({TABLE}, rowid, {_COLS}) VALUES ('delete', old.seq, {_values('old')});
END"""

UPDATE_TRIGGER = f"""CREATE TRIGGER {TABLE}_update AFTER UPDATE OF {_COLS} ON entries
WHEN {_CHANGED}
BEGIN
    INSERT INTO {TABLE}({TABLE}, rowid, {_COLS}) VALUES ('delete', old.seq, {_values('old')});
    INSERT INTO {TABLE}(rowid, {_COLS}) VALUES (new.seq, {_values('new')});
END"""

SCHEMA = [
    f"CREATE TABLE {POS} (n INTEGER PRIMARY KEY)",
    f"CREATE VIEW {VIEW} AS SELECT seq, "
    + ", ".join(f"{sql_spaced(f)} AS {f}" for f in FIELDS) + " FROM entries",
    f"""CREATE VIRTUAL TABLE {TABLE} USING fts5(
    {_COLS}, content='{VIEW}', content_rowid='seq', columnsize=0, tokenize='{TOKENIZE}'
)""",
    INSERT_TRIGGER,
    DELETE_TRIGGER,
    UPDATE_TRIGGER,
]


def create(conn: sqlite3.Connection) -> None:
    """The table, its positions and triggers, and the index of every existing entry."""
    for statement in SCHEMA:
        conn.execute(statement)
    conn.executemany(f"INSERT INTO {POS}(n) VALUES (?)",
                     ((n,) for n in range(1, MAX_CHARS + 1)))
    index_from(conn, 0)


def index_rows(conn: sqlite3.Connection, rows: Iterable) -> None:
    """Index (seq, title, place, people, note) rows not yet in the index."""
    conn.executemany(
        f"INSERT INTO {TABLE}(rowid, {_COLS}) VALUES (?, ?, ?, ?, ?)",
        [(r[0], spaced(r[1]), spaced(r[2]), spaced(r[3]), spaced(r[4])) for r in rows])


def unindex_rows(conn: sqlite3.Connection, rows: Iterable) -> None:
    """Take (seq, title, place, people, note) rows, as they are indexed, out of the index."""
    conn.executemany(
        f"INSERT INTO {TABLE}({TABLE}, rowid, {_COLS}) VALUES ('delete', ?, ?, ?, ?, ?)",
        [(r[0], spaced(r[1]), spaced(r[2]), spaced(r[3]), spaced(r[4])) for r in rows])


def indexed_rows(conn: sqlite3.Connection, seqs: list[int]) -> list:
    """The (seq, title, place, people, note) rows of these entries."""
    out = []
    for i in range(0, len(seqs), 500):
        chunk = seqs[i:i + 500]
        out += conn.execute(f"SELECT seq, {_COLS} FROM entries WHERE seq IN "
                            f"({', '.join('?' * len(chunk))})", chunk).fetchall()
    return out


def index_from(conn: sqlite3.Connection, after_seq: int) -> None:
    """Index every entry with seq > after_seq (none of them indexed yet), in chunks."""
    last = after_seq
    while True:
        rows = conn.execute(f"SELECT seq, {_COLS} FROM entries WHERE seq > ? ORDER BY seq "
                            f"LIMIT {CHUNK}", (last,)).fetchall()
        if not rows:
            return
        index_rows(conn, rows)
        last = rows[-1][0]


def phrase(search: str) -> str | None:
    """The FTS5 query text for a 1–2 character search: its characters as one phrase
    (or LONG); None when it has no character before a NUL."""
    text = spaced(search)
    if text is None:
        return None
    return '"' + text.replace('"', '""') + f'" OR {LONG}'


PROBE = "dutylog_chars_probe"


def has_tokens(conn: sqlite3.Connection, search: str) -> bool:
    """Whether the tokenizer keeps any character of `search` (else the index cannot
    serve it: punctuation, spaces, symbols). Asked of SQLite's own tokenizer through a
    one-row table in the connection's temp schema (the main database is not written)."""
    text = spaced(search)
    if text is None:
        return False
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{PROBE} USING fts5(x, "
                 f"tokenize='{TOKENIZE}')")
    conn.execute(f"INSERT INTO temp.{PROBE}(rowid, x) VALUES (1, ?)", (text,))
    try:
        query = '"' + text.replace('"', '""') + '"'
        return conn.execute(f"SELECT 1 FROM temp.{PROBE} WHERE {PROBE} MATCH ?",
                            (query,)).fetchone() is not None
    finally:
        conn.execute(f"DELETE FROM temp.{PROBE}")
