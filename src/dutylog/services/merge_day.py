"""The office's merge day (issue 14 §6): many bundles — a folder of them, or several paths —
merged one after another, each in its own transaction through the single-bundle import
(`Dutylog.import_bundle`), so a refused bundle leaves the database as it was and does not
stop the others.

`bundle_paths` turns what the user named into the list of files; `merge_all` imports them
and returns one `SourceResult` a file (new, updated, conflicts, or the refusal's reason).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dutylog.domain.errors import DutylogError, InvalidInput

if TYPE_CHECKING:
    from dutylog.store.bundle_read import ImportConflict

    from .core import Dutylog

BUNDLE_SUFFIXES = (".jsonl", ".sealed")

# (index of the file, number of files, records done in it, records in it)
MergeProgress = Callable[[int, int, int, int], None]


@dataclass
class SourceResult:
    """What one bundle did: `status` is "merged", "refused" (bad input: nothing of it was
    written) or "failed" (something else went wrong: nothing of it was written)."""

    path: Path
    status: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[ImportConflict] = field(default_factory=list)
    reason: str = ""  # in English, for --json
    error: BaseException | None = field(default=None, repr=False, compare=False)  # worded at the edge

    def as_json(self) -> dict[str, object]:
        return {"source": str(self.path), "status": self.status, "new": self.added,
                "updated": self.updated, "unchanged": self.unchanged,
                "conflicts": len(self.conflicts), "refused": self.status != "merged",
                "reason": self.reason or None}


@dataclass
class MergeDay:
    results: list[SourceResult]

    @property
    def merged(self) -> list[SourceResult]:
        return [r for r in self.results if r.status == "merged"]

    @property
    def refused(self) -> list[SourceResult]:
        return [r for r in self.results if r.status != "merged"]

    def total(self) -> dict[str, int]:
        ok = self.merged
        return {"sources": len(self.results), "merged": len(ok), "refused": len(self.refused),
                "new": sum(r.added for r in ok), "updated": sum(r.updated for r in ok),
                "unchanged": sum(r.unchanged for r in ok),
                "conflicts": sum(len(r.conflicts) for r in ok)}

    @property
    def exit_code(self) -> int:
        """0 all merged; 2 when a bundle was refused (bad input, CONTRACT exit codes);
        1 when one failed for another reason."""
        if any(r.status == "failed" for r in self.results):
            return 1
        return 2 if self.refused else 0


def bundle_paths(names: Iterable[str | Path]) -> list[Path]:
    """The files to import: a file named is taken as is; a folder gives its bundles — the
    regular, not hidden files ending in .jsonl or .sealed, or sealed by dutylog — sorted by
    name (not recursive). A name that does not exist, or a folder without a bundle, is
    refused before anything is imported."""
    from dutylog.sealing import is_sealed

    found: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            inside = sorted(p for p in path.iterdir()
                            if not p.name.startswith(".") and p.is_file()
                            and (p.name.endswith(BUNDLE_SUFFIXES) or is_sealed(p)))
            if not inside:
                raise InvalidInput(code="merge.no_bundle", field="path", path=path)
            found += inside
        elif path.exists():
            found.append(path)
        else:
            raise InvalidInput(code="path.missing", field="path", path=path)
    unique: list[Path] = []
    for p in found:
        if p.resolve() not in {q.resolve() for q in unique}:
            unique.append(p)
    return unique


def merge_all(svc: Dutylog, paths: list[Path], progress: MergeProgress | None = None,
              passphrase: Callable[[Path], bytes | None] | None = None) -> MergeDay:
    """Import every file of `paths` with `svc.import_bundle`, one transaction each; a
    refusal is noted and the next file imported. `passphrase(path)` gives a sealed
    bundle's passphrase (None: the bundle is refused as sealed). A result keeps its
    refusal (`error`), worded by the CLI and the app in their language."""
    results = []
    for i, path in enumerate(paths):
        step = None if progress is None else (
            lambda done, total, i=i: progress(i, len(paths), done, total))
        try:
            secret = passphrase(path) if passphrase is not None else None
            summary = svc.import_bundle(path, progress=step, passphrase=secret)
        except InvalidInput as exc:
            results.append(SourceResult(path, "refused", reason=_one_line(exc), error=exc))
        except (DutylogError, OSError) as exc:
            results.append(SourceResult(path, "failed", reason=_one_line(exc), error=exc))
        else:
            results.append(SourceResult(
                path, "merged", summary.added, summary.updated,
                summary.unchanged + getattr(summary, "older_kept", 0),
                list(summary.conflicts)))
        if progress is not None:
            progress(i + 1, len(paths), 0, 0)
    return MergeDay(results)


def _one_line(exc: BaseException) -> str:
    """The reason in English, as --json gives it (the CLI and the app word `error`)."""
    from dutylog.i18n import words

    return " ".join(words("en").refusal(exc).split())


def summary_table(day: MergeDay, lang: str | None = None) -> str:
    """The summary: a row per source (new, updated, conflicts, refused), then the total.
    `lang` None: the words in both languages ("来源 source"), as the CLI prints them."""
    from dutylog.i18n import t
    from dutylog.textcells import table
    from dutylog.textsafe import shown_line

    def w(key: str) -> str:
        return f"{t(key, 'zh')} {t(key, 'en')}" if lang is None else t(key, lang)

    rows = []
    for r in day.results:
        mark = "" if r.status == "merged" else w(f"merge.{r.status}")
        rows.append([shown_line(r.path.name), str(r.added), str(r.updated),
                     str(len(r.conflicts)), mark])
    tot = day.total()
    rows.append([f"{w('merge.total')} ({tot['merged']}/{tot['sources']})", str(tot["new"]),
                 str(tot["updated"]), str(tot["conflicts"]),
                 str(tot["refused"]) if tot["refused"] else ""])
    heads = [w(k) for k in ("merge.source", "merge.new", "merge.updated", "merge.conflicts",
                            "merge.refused")]
    return table(heads, rows, aligns=["left", "right", "right", "right", "left"])
