"""Merge bundles: export a selection, import another copy's, each record checked
against this policy (the store knows no policy)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dutylog.domain.dates import check_range, parse_days
from dutylog.domain.errors import InvalidInput
from dutylog.domain.validate import check_entry

from .context import Context
from .subjects import Roster

if TYPE_CHECKING:
    from dutylog.store.bundle_read import ImportSummary


class Transfers:
    def __init__(self, ctx: Context, roster: Roster) -> None:
        self._ctx = ctx
        self._roster = roster

    def export(self, path: Path, subject: str | None = None, since: date | None = None,
               to: str | None = None, include_sensitive: bool = False,
               passphrase: bytes | None = None, force: bool = False) -> int:
        """Write a bundle; with a passphrase, sealed (dutylog.sealing): the plain bundle is
        written in the data folder (never on the USB stick) and removed once sealed. An
        existing file is replaced only with `force`; a device or pipe never."""
        from dutylog.console import check_output_file

        check_output_file(path, force)
        subject_id = self._roster.subject(subject).id if subject else None
        if to is not None and not to.strip():
            raise InvalidInput(code="bundle.no_destination", field="to")
        if passphrase is None:
            return self._ctx.store.bundles.export_bundle(
                path, subject_id=subject_id, since=since, include_sensitive=include_sensitive, to=to)
        from dutylog.sealing import SealError, seal_file

        plain = Path(self._ctx.store.home) / f".export-{path.name}.plain"
        try:
            n = self._ctx.store.bundles.export_bundle(
                plain, subject_id=subject_id, since=since, include_sensitive=include_sensitive, to=to)
            import tempfile

            fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                        suffix=".sealing")  # O_EXCL: never a planted link
            os.close(fd)
            sealed = Path(name)
            try:
                seal_file(plain, sealed, passphrase)
                sealed.replace(path)
            except BaseException:
                sealed.unlink(missing_ok=True)
                raise
        except SealError as exc:
            raise InvalidInput(code="passphrase.refused", field="passphrase", reason=exc) from None
        finally:
            plain.unlink(missing_ok=True)
        return n

    def import_bundle(self, path: Path,
                      progress: Callable[[int, int], None] | None = None,
                      passphrase: bytes | None = None) -> ImportSummary:
        """Merge a bundle; a sealed one is opened with the passphrase into a temporary
        plain copy in the data folder (removed afterwards) — a wrong passphrase or one
        altered byte refuses it whole."""
        from dutylog.console import check_input_file
        from dutylog.sealing import SealError, is_sealed, open_file

        check_input_file(path)  # before anything opens it: a FIFO would hang
        if not is_sealed(path):
            return self._ctx.store.bundles.import_bundle(
                path, validate_record=self.validate_bundle_record, progress=progress)
        if passphrase is None:
            raise InvalidInput(code="bundle.sealed", field="passphrase", path=path)
        plain = Path(self._ctx.store.home) / f".import-{path.name}.plain"
        try:
            open_file(path, plain, passphrase)
            return self._ctx.store.bundles.import_bundle(
                plain, validate_record=self.validate_bundle_record, progress=progress)
        except SealError as exc:
            raise InvalidInput(code="bundle.unsealed_refused", field="passphrase", path=path, reason=exc) from None
        finally:
            plain.unlink(missing_ok=True)

    def validate_bundle_record(self, rec: dict[str, Any]) -> Exception | None:
        """The check the store's bundle reader runs on each record. A bundle is a file
        from another machine: its vocabulary must be this policy's — an entry's kind,
        fields and patrol type, a subject's roles, a link's link type, a ledger item's
        ledger type. A coded refusal (worded at the edge, in the run's language), or None."""
        kind, policy = rec.get("type"), self._ctx.policy
        problem = self._check_dates(rec)
        if problem:
            return problem
        if kind == "entry":
            return self.validate_bundle_entry(rec)
        if kind == "subject":
            bad = next((r for r in rec.get("roles") or () if policy.role(r) is None), None)
            return None if bad is None else _unknown("roles", "role", bad, policy.role_ids)
        if kind == "link" and policy.link_type(str(rec.get("link_type"))) is None:
            return _unknown("link_type", "link type", rec.get("link_type"),
                            policy.link_type_ids)
        if kind == "ledger" and policy.ledger_type(str(rec.get("ledger_type"))) is None:
            return _unknown("ledger_type", "ledger type", rec.get("ledger_type"),
                            policy.ledger_type_ids)
        return None

    def _check_dates(self, rec: dict[str, Any]) -> Exception | None:
        """A bundle's dates by the CLI's rules: from 2000, no later than today where the
        CLI refuses the future, at most ten years ahead elsewhere; a trip returns after it
        departs."""
        return _dates_of(rec, self._ctx.today)

    def validate_bundle_entry(self, rec: dict[str, Any]) -> Exception | None:
        """Check an incoming entry record against the policy (its kind, fields and patrol
        type); None when it is acceptable."""
        policy = self._ctx.policy
        kind = policy.kind(rec.get("kind", ""))
        if kind is None:
            return InvalidInput(code="bundle.unknown_kind", given=repr(rec.get("kind")),
                                accepted=list(policy.kind_ids))
        try:
            when = date.fromisoformat(rec["date"])
            days = rec.get("days")
            if days is not None:
                parse_days(days)
            check_entry(policy, kind=kind.id, when=when, today=self._ctx.today, days=days,
                        title=rec.get("title"), object_id=rec.get("object"),
                        appeared=rec.get("appeared"), patrol=rec.get("patrol"),
                        texts={k: rec.get(k) for k in ("title", "place", "people", "note")})
        except (InvalidInput, ValueError, TypeError, KeyError) as exc:
            # the line's reason: a coded refusal is worded at the edge, in the run's
            # language; a plain one (a ValueError's text) is shown as it is
            return exc
        return None


# The dates of each record and how far they may go: "past" ones no later than today (as
# the CLI's), the others up to today + 10 years; all from 2000 (domain.dates.check_range).
_DATES = {"subject": (("since", "past"),), "link": (("since", "any"), ("until", "any")),
          "ledger": (("opened", "past"), ("due", "any"), ("closed", "past")),
          "ledger_progress": (("date", "past"),),
          "trip": (("requested", "past"), ("depart", "any"), ("return", "any"),
                   ("back", "past")),
          "holiday": (("date", "any"),)}


def _dates_of(rec: dict[str, Any], today: date) -> Exception | None:
    for field, reach in _DATES.get(rec.get("type") or "", ()):
        text = rec.get(field)
        if text is None:
            continue
        day = date.fromisoformat(text)
        if reach == "past" and day > today:
            return InvalidInput(code="day.future", field=field, when=day, today=today)
        try:
            check_range(day, today, field)
        except InvalidInput as exc:
            return exc
    if rec.get("type") == "trip":
        from dutylog.domain.ledger import validate_trip  # (the calendar: only when needed)

        try:
            validate_trip(date.fromisoformat(rec["depart"]), date.fromisoformat(rec["return"]),
                          date.fromisoformat(rec["back"]) if rec.get("back") else None)
        except InvalidInput as exc:
            return exc
    return None


_WHAT = {"role": {"zh": "角色", "en": "role"}, "link type": {"zh": "联系类型", "en": "link type"},
         "ledger type": {"zh": "台账类型", "en": "ledger type"}}


def _unknown(field: str, what: str, value: object, accepted: Iterable[str]) -> Exception:
    return InvalidInput(code="bundle.unknown_value", field=field, what=_WHAT[what],
                        given=repr(value), accepted=list(accepted))
