"""The shape of a policy: roles, entry kinds and rules. Built by `dutylog.policy` from TOML."""

from __future__ import annotations

from dataclasses import dataclass, field

METRICS = ("count", "sum_days", "share_flagged", "distinct_titles", "per_object", "rate", "links")
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

    def as_dict(self) -> dict:
        return {"min": _num(self.min), "max": _num(self.max)}


def _num(x: float | None):
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    name: Text


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

    def applies_to(self, roles: tuple[str, ...] | list[str]) -> bool:
        return any(r in self.roles for r in roles)

    def target_for(self, roles: tuple[str, ...] | list[str]) -> Target:
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
    _kind_index: dict = field(default_factory=dict, compare=False, repr=False)

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

    def rules_for(self, roles) -> list[Rule]:
        return [r for r in self.rules if r.applies_to(roles)]

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)
