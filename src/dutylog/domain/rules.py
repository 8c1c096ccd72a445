"""The shape of a policy: roles, entry kinds and rules. Built by `dutylog.policy` from TOML."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

ENTRY_FIELDS = ("days", "four_no", "title", "place", "people", "note", "object", "appeared", "patrol")


@dataclass(frozen=True, slots=True)
class Text:
    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True, slots=True)
class Target:
    min: float | None = None
    max: float | None = None

    @property
    def empty(self) -> bool:
        return self.min is None and self.max is None

    def as_dict(self) -> dict[str, float | None]:
        return {"min": _num(self.min), "max": _num(self.max)}


def _num(x: float | None) -> float | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    name: Text
    short: Text | None = None  # the word a header line shows ("市政府领导")
    implies: tuple[str, ...] = ()  # roles a holder of this one also holds

    def word(self, lang: str) -> str:
        return (self.short or self.name).get(lang)


@dataclass(frozen=True, slots=True)
class Term:
    """A named value of the policy's vocabulary: a link type, a patrol type."""

    id: str
    name: Text
    short: Text | None = None
    counter: Text | None = None  # the measure word of a count of them ("3 位", "3 家")

    def word(self, lang: str) -> str:
        return (self.short or self.name).get(lang)


@dataclass(frozen=True, slots=True)
class LedgerType:
    """A kind of tracked item (台账) and how its due day is set."""

    id: str
    name: Text
    due_workdays: int | None = None  # due N working days after it is opened, unless given
    due_required: bool = False  # the document sets no period: the user gives the due day
    rule: str = ""  # the [[deadlines]] id it implements

    def word(self, lang: str) -> str:
        return self.name.get(lang)


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of activity a user logs (`dutylog log KIND`)."""

    id: str
    name: Text
    day_based: bool = False  # --days defaults to 1 and is summed
    fields: tuple[str, ...] = ("title", "place", "people", "note")
    required: tuple[str, ...] = ()
    object_type: str | None = None  # link type --object must name
    pinyin: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    name: Text


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    clause: int
    section: str
    roles: tuple[str, ...]
    title: Text
    duty: str
    metric: str
    period: str
    unit: str
    kinds: tuple[str, ...] = ()
    target: Target = Target()
    role_targets: tuple[tuple[str, Target], ...] = ()  # first matching role wins
    window: tuple[str, str] | None = None
    link_type: str | None = None
    flag: str | None = None  # share_flagged / rate: which boolean field counts
    pace: bool = True  # False for shares and rates: min stands in for expected
    breakdown: str | None = None  # e.g. "patrol": also count per value of that field
    reading: str = ""
    # True where the target is the preset's reading, not a number the document gives
    target_reading: Text | None = None
    short: Text | None = None  # a few characters for narrow columns (the desk); optional

    def applies_to(self, roles: Sequence[str]) -> bool:
        return any(r in self.roles for r in roles)

    def target_for(self, roles: Sequence[str]) -> Target:
        for role in self.roles:
            if role in roles:
                for target_role, target in self.role_targets:
                    if target_role == role:
                        return target
        return self.target


@dataclass(frozen=True, slots=True)
class Deadline:
    id: str
    clause: int
    title: Text
    duty: str
    reading: str = ""


@dataclass(frozen=True, slots=True)
class Policy:
    id: str
    title: Text
    document: str
    roles: tuple[Role, ...]
    kinds: tuple[Kind, ...]
    sections: tuple[Section, ...]
    rules: tuple[Rule, ...]
    deadlines: tuple[Deadline, ...] = ()
    source: str = "builtin"
    link_types: tuple[Term, ...] = ()
    patrol_types: tuple[Term, ...] = ()
    ledger_types: tuple[LedgerType, ...] = ()
    _kind_index: dict[str, Kind] = field(default_factory=dict, compare=False, repr=False)

    def kind(self, kind_id: str) -> Kind | None:
        if not self._kind_index:
            self._kind_index.update({k.id: k for k in self.kinds})
        return self._kind_index.get(kind_id)

    @property
    def role_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.roles)

    @property
    def kind_ids(self) -> tuple[str, ...]:
        return tuple(k.id for k in self.kinds)

    @property
    def link_type_ids(self) -> tuple[str, ...]:
        return tuple(x.id for x in self.link_types)

    @property
    def patrol_type_ids(self) -> tuple[str, ...]:
        return tuple(x.id for x in self.patrol_types)

    @property
    def ledger_type_ids(self) -> tuple[str, ...]:
        return tuple(x.id for x in self.ledger_types)

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def link_type(self, type_id: str) -> Term | None:
        return next((x for x in self.link_types if x.id == type_id), None)

    def patrol_type(self, type_id: str) -> Term | None:
        return next((x for x in self.patrol_types if x.id == type_id), None)

    def ledger_type(self, type_id: str) -> LedgerType | None:
        return next((x for x in self.ledger_types if x.id == type_id), None)

    def expand_roles(self, roles: Iterable[str]) -> tuple[str, ...]:
        """The roles given plus every role they imply, in the policy's order.

        Unknown ids are kept (after the known ones) so a subject is never silently
        stripped of a role a user's older policy copy had."""
        by_id = {r.id: r for r in self.roles}
        held: set[str] = set()
        todo = list(roles)
        while todo:
            rid = todo.pop()
            if rid in held:
                continue
            held.add(rid)
            role = by_id.get(rid)
            if role is not None:
                todo.extend(role.implies)
        known = tuple(r.id for r in self.roles if r.id in held)
        return known + tuple(r for r in dict.fromkeys(roles) if r not in by_id)

    def rules_for(self, roles: Sequence[str]) -> list[Rule]:
        return [r for r in self.rules if r.applies_to(roles)]

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)
