"""Read and check a policy file. Every error names the file, the rule id and what is wrong.

A refusal is coded (`policy.*` in lexicon/refusals.py) and worded at the edge: where in the
file (`policy.at`: 规则 research-days / rule research-days) and what is wrong, each with its
values; the policy file's own terms (metric, period, [[kinds]] …) stay as they are written."""

from __future__ import annotations

import json
import math
import re
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from dutylog.domain.errors import InvalidInput, PolicyError
from dutylog.domain.metrics import METRICS
from dutylog.domain.periods import PERIOD_KINDS
from dutylog.domain.rules import (
    ENTRY_FIELDS,
    Deadline,
    Kind,
    LedgerType,
    Policy,
    Role,
    Rule,
    Section,
    Target,
    Term,
    Text,
)

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

BUILTIN_ID = "haiyang-2022-17"
_BUILTIN_FILE = "haiyang-2022-17.toml"


def _packaged(name: str) -> Traversable:
    """A file shipped in this package: a plain path when the package is a folder (every
    pip/pipx install; `importlib.resources` and its zip readers cost a command ≈ 3 ms),
    else through `importlib.resources` (a zipped package)."""
    here = Path(__file__).with_name(name)
    if here.is_file():
        return here
    from importlib import resources

    return resources.files("dutylog.policy").joinpath(name)


def builtin_path() -> Traversable:
    return _packaged(_BUILTIN_FILE)


def builtin_text() -> str:
    return builtin_path().read_text(encoding="utf-8")


def holidays_template_text() -> str:
    """The documented template of a holiday file for `dutylog holidays import`."""
    return _packaged("holidays-template.txt").read_text(encoding="utf-8")


def load_policy(path: str | Path | None = None) -> Policy:
    """The built-in preset (`path` None) or a user's copy."""
    if path is None:
        return parse_policy(builtin_text(), source="builtin")
    from dutylog.console import UnreadableText, read_user_text

    p = Path(path)
    try:
        text = read_user_text(p)  # UTF-8 with or without BOM, or GBK as Notepad may save it
    except FileNotFoundError:
        raise PolicyError(code="policy.not_found", field="policy", path=p) from None
    except UnreadableText:
        raise PolicyError(code="file.not_text", field="policy", path=p) from None
    except OSError as exc:
        raise PolicyError(code="policy.unreadable", field="policy", path=p, reason=exc.strerror or exc) from None
    return parse_policy(text, source=str(p))


CACHE_SUFFIX = ".parsed.json"


def builtin_cache_entry(text: str) -> dict:
    """What `haiyang-2022-17.toml.parsed.json` holds: the preset as tomllib reads it, and
    the length and CRC-32 of the text it was read from (`make policy-cache` writes it)."""
    import tomllib

    return {"length": len(text), "crc32": zlib.crc32(text.encode("utf-8")),
            "data": tomllib.loads(text)}


def _cached_builtin(text: str) -> dict | None:
    """The shipped preset's parsed copy when it was made from exactly `text`, else None.
    Every command reads the policy; parsing 30 KB of TOML is a tenth of a `status`, the
    JSON copy a fiftieth of that. A copy that does not match is ignored, never trusted."""
    try:
        cached = json.loads(_packaged(_BUILTIN_FILE + CACHE_SUFFIX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (not isinstance(cached, dict) or cached.get("length") != len(text)
            or cached.get("crc32") != zlib.crc32(text.encode("utf-8"))
            or not isinstance(cached.get("data"), dict)):
        return None
    return cached["data"]


def parse_policy(text: str, source: str = "builtin") -> Policy:
    data = _cached_builtin(text) if source == "builtin" else None
    if data is not None:
        return _Builder(source).policy(data)
    try:
        import tomllib  # here: the shipped preset is read from its parsed copy

        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        block = _block_at(text, str(exc))
        where = _at(*block) if block else ""
        at = re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", str(exc))
        if at:  # the parser's own words stay English; the place is worded at the edge
            raise PolicyError(code="policy.not_toml_at", source=source, where=where, why=at[1],
                              line=int(at[2]), column=int(at[3])) from None
        raise PolicyError(code="policy.not_toml", source=source, where=where, why=exc) from None
    if source != "builtin":
        data = _with_builtin_vocabulary(data)
    return _Builder(source).policy(data)


VOCABULARY = ("link_types", "patrol_types", "ledger_types")


def _with_builtin_vocabulary(data: dict) -> dict:
    """A copy exported before a vocabulary table existed takes that table from the
    built-in preset (said in the README), so an older copy keeps working after an upgrade."""
    missing = [k for k in VOCABULARY if k not in data]
    if not missing:
        return data
    import tomllib

    builtin = tomllib.loads(builtin_text())
    return {**data, **{k: builtin[k] for k in missing}}


def _at(block: str | None = None, ident: object = None) -> InvalidInput:
    """Where in the file a problem is, as a coded value the edge words with its colon:
    规则 research-days： / rule research-days: (a block of the file and its id), 规则：
    (a block without its id), 文件顶层： / policy: (None: the file's top level)."""
    if block is None:
        return InvalidInput(code="policy.at_top")
    if ident is None:
        return InvalidInput(code="policy.at_block", field=block)
    return InvalidInput(code="policy.at", field=block, id=ident)


class _Builder:
    def __init__(self, source: str):
        self.source = source

    def fail(self, where: InvalidInput, *, code: str, **values):
        """Refuse the file: `where` (`_at`) and what is wrong, a code with its values."""
        raise PolicyError(code="policy.invalid", source=self.source, where=where,
                          what=InvalidInput(code=code, **values))

    def text(self, where: InvalidInput, value) -> Text:
        if isinstance(value, str):
            return Text(value, value)
        if not isinstance(value, dict) or not isinstance(value.get("zh"), str):
            self.fail(where, code="policy.needs_text")
        return Text(value["zh"], str(value.get("en") or value["zh"]))

    def target(self, where: InvalidInput, value) -> Target:
        if value is None:
            return Target()
        if not isinstance(value, dict) or set(value) - {"min", "max", "role"}:
            self.fail(where, code="policy.target_table")
        lo, hi = value.get("min"), value.get("max")
        for name, v in (("min", lo), ("max", hi)):
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))
                                  or not math.isfinite(v) or v < 0):
                self.fail(where, code="policy.target_number", name=name, given=repr(v))
        if lo is not None and hi is not None and hi < lo:
            self.fail(where, code="policy.target_order", hi=hi, lo=lo)
        return Target(None if lo is None else float(lo), None if hi is None else float(hi))

    def policy(self, data: dict) -> Policy:
        pid = data.get("id")
        if not isinstance(pid, str) or not pid:
            self.fail(_at(), code="policy.missing", key="id")
        roles = self.roles(data)
        self.link_types = self.terms(data, "link_types", "link type")
        patrol_types = self.terms(data, "patrol_types", "patrol type")
        ledger_types = tuple(self.ledger_type(x) for x in self.tables(data, "ledger_types"))
        self.unique("ledger type", [x.id for x in ledger_types])
        sections = tuple(Section(self.req(s, "id", "section"), self.text(_at("section", s.get("id")), s.get("name")))
                         for s in self.tables(data, "sections"))
        kinds = tuple(self.kind(k) for k in self.tables(data, "kinds"))
        role_ids = {r.id for r in roles}
        kind_ids = {k.id for k in kinds}
        section_ids = {s.id for s in sections}
        rules, seen = [], set()
        for raw in self.tables(data, "rules"):
            rule = self.rule(raw, role_ids, kind_ids, section_ids)
            if rule.id in seen:
                self.fail(_at("rule", rule.id), code="policy.duplicate_id", field="rule")
            seen.add(rule.id)
            rules.append(rule)
        if not rules:
            self.fail(_at(), code="policy.no_rules")
        self.distinct_shorts(rules)
        deadlines = tuple(Deadline(self.req(d, "id", "deadline"),
                                   self.clause(_at("deadline", d.get("id")), d.get("clause", 0)),
                                   self.text(_at("deadline", d.get("id")), d.get("title")),
                                   str(d.get("duty", "")), str(d.get("reading", "")))
                          for d in self.tables(data, "deadlines"))
        return Policy(pid, self.text(_at(), data.get("title", pid)), str(data.get("document", "")),
                      roles, kinds, sections, tuple(rules), deadlines, self.source,
                      self.link_types, patrol_types, ledger_types)

    def unique(self, what: str, ids: list[str]) -> None:
        seen = set()
        for i in ids:
            if i in seen:
                self.fail(_at(what, i), code="policy.duplicate_id", field=what)
            seen.add(i)

    def distinct_shorts(self, rules: list[Rule]) -> None:
        """Two duties under one short would be two columns of the desk under one head."""
        seen: dict[str, str] = {}
        for rule in rules:
            if rule.short is None:
                continue
            for word in dict.fromkeys((rule.short.zh, rule.short.en)):
                other = seen.setdefault(word.strip().casefold(), rule.id)
                if other != rule.id:
                    self.fail(_at("rule", rule.id), code="policy.short_taken", word=word, other=other)

    def roles(self, data: dict) -> tuple[Role, ...]:
        raw = self.tables(data, "roles")
        ids = [self.req(r, "id", "role") for r in raw]
        self.unique("role", ids)
        out = []
        for rid, r in zip(ids, raw, strict=True):
            where = _at("role", rid)
            implies = self.strings(where, "implies", r.get("implies", ()))
            bad = [x for x in implies if x not in ids or x == rid]
            if bad:
                self.fail(where, code="policy.implies_unknown", bad=bad, roles=ids)
            short = self.text(where, r["short"]) if "short" in r else None
            out.append(Role(rid, self.text(where, r.get("name")), short, implies))
        return tuple(out)

    def terms(self, data: dict, key: str, what: str) -> tuple[Term, ...]:
        out = []
        for x in self.tables(data, key):
            tid = self.req(x, "id", what)
            where = _at(what, tid)
            short = self.text(where, x["short"]) if "short" in x else None
            counter = self.text(where, x["counter"]) if "counter" in x else None
            out.append(Term(tid, self.text(where, x.get("name")), short, counter))
        self.unique(what, [x.id for x in out])
        return tuple(out)

    def ledger_type(self, raw: dict) -> LedgerType:
        lid = self.req(raw, "id", "ledger type")
        where = _at("ledger type", lid)
        workdays = raw.get("due_workdays")
        if workdays is not None and (isinstance(workdays, bool) or not isinstance(workdays, int)
                                     or not 1 <= workdays <= 60):
            self.fail(where, code="policy.due_workdays", given=repr(workdays))
        required = raw.get("due_required", False)
        if not isinstance(required, bool):
            self.fail(where, code="policy.due_required", given=repr(required))
        if workdays is None and not required:
            self.fail(where, code="policy.due_missing")
        return LedgerType(lid, self.text(where, raw.get("name")), workdays, required,
                          str(raw.get("rule", "")))

    def clause(self, where: InvalidInput, value) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 999:
            self.fail(where, code="policy.clause", given=repr(value))
        return value

    def strings(self, where: InvalidInput, key: str, value) -> tuple[str, ...]:
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            self.fail(where, code="policy.not_names", key=key, given=repr(value))
        return tuple(value)

    def tables(self, data: dict, key: str) -> list[dict]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(_at(), code="policy.not_tables", key=key)
        return value

    def req(self, table: dict, key: str, what: str) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value:
            self.fail(_at(what), code="policy.missing", key=key)
        return value

    def kind(self, raw: dict) -> Kind:
        kid = self.req(raw, "id", "kind")
        where = _at("kind", kid)
        fields = self.strings(where, "fields", raw.get("fields", ("title", "place", "people", "note")))
        bad = [f for f in fields if f not in ENTRY_FIELDS]
        if bad:
            self.fail(where, code="policy.unknown_fields", bad=bad, accepted=ENTRY_FIELDS)
        required = self.strings(where, "required", raw.get("required", ()))
        obj = raw.get("object_type")
        link_ids = [x.id for x in self.link_types]
        if obj is not None and obj not in link_ids:
            self.fail(where, code="policy.object_type", given=repr(obj), accepted=link_ids)
        return Kind(kid, self.text(where, raw.get("name", kid)), bool(raw.get("day_based", False)),
                    fields, required, obj, str(raw.get("pinyin", "")))

    def rule(self, raw: dict, role_ids, kind_ids, section_ids) -> Rule:
        rid = self.req(raw, "id", "rule")
        where = _at("rule", rid)
        roles = self.strings(where, "roles", raw.get("roles", ()))
        if not roles or any(r not in role_ids for r in roles):
            self.fail(where, code="policy.roles", accepted=sorted(role_ids), given=repr(list(roles)))
        metric = raw.get("metric")
        if not isinstance(metric, str) or metric not in METRICS:
            self.fail(where, code="policy.metric", given=repr(metric), accepted=list(METRICS))
        measure = METRICS[metric]
        period = raw.get("period")
        if period not in PERIOD_KINDS:
            self.fail(where, code="policy.period", given=repr(period), accepted=list(PERIOD_KINDS))
        if measure.yearly_only and period != "year":
            self.fail(where, code="policy.yearly_metric", metric=metric, given=repr(period))
        window = raw.get("window")
        if period == "window":
            if not (isinstance(window, list) and len(window) == 2 and all(_is_month_day(w) for w in window)):
                self.fail(where, code="policy.window")
            window = (window[0], window[1])
        kinds = self.strings(where, "kinds", raw.get("kinds", ()))
        if measure.needs_kinds and (not kinds or any(k not in kind_ids for k in kinds)):
            self.fail(where, code="policy.kinds", given=repr(list(kinds)))
        link_type = raw.get("link_type")
        link_ids = [x.id for x in self.link_types]
        if measure.needs_link_type and link_type not in link_ids:
            self.fail(where, code="policy.link_type", metric=metric, accepted=link_ids)
        section = raw.get("section", "")
        if section_ids and section not in section_ids:
            self.fail(where, code="policy.section", given=repr(section), accepted=sorted(section_ids))
        role_targets = []
        for rt in raw.get("role_targets", []):
            if not isinstance(rt, dict) or rt.get("role") not in roles:
                self.fail(where, code="policy.role_target")
            role_targets.append((rt["role"], self.target(where, rt)))
        clause = self.clause(where, raw.get("clause", 0))
        return Rule(
            id=rid, clause=clause, section=section, roles=roles,
            title=self.text(where, raw.get("title")), duty=str(raw.get("duty", "")),
            metric=metric, period=period, unit=str(raw.get("unit", "count")), kinds=kinds,
            target=self.target(where, raw.get("target")), role_targets=tuple(role_targets),
            window=window if period == "window" else None, link_type=link_type,
            flag=raw.get("flag"), pace=bool(raw.get("pace", True)), breakdown=raw.get("breakdown"),
            reading=str(raw.get("reading", "")),
            target_reading=self.text(where, raw["target_reading"]) if "target_reading" in raw else None,
            short=self.text(where, raw["short"]) if "short" in raw else None,
        )


def _block_at(text: str, message: str) -> tuple[str, str] | None:
    """The [[table]] and id around a TOML syntax error, e.g. ("rule", "research-days")."""
    m = re.search(r"at line (\d+)", message)
    if not m:
        return None
    lines = text.splitlines()[: int(m.group(1))]
    table, ident = None, None
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("[[") and stripped.endswith("]]"):
            table, ident = stripped[2:-2].strip(), None
        idm = re.match(r'id\s*=\s*"([^"]*)"', stripped)
        if idm and table:
            ident = idm.group(1)
    if table and ident:
        return table.rstrip("s").replace("_", " "), ident
    return None


def _is_month_day(text) -> bool:
    if not isinstance(text, str) or len(text) != 5 or text[2] != "-":
        return False
    try:
        m, d = int(text[:2]), int(text[3:])
    except ValueError:
        return False
    return 1 <= m <= 12 and 1 <= d <= 31
