"""The command palette (Ctrl+P): every action, each subject, recent years, each kind to log."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from dutylog import console
from dutylog.i18n import t

from . import fmt, registry
from .palette_text import highlight, plain, plain_help

YEARS_BACK = 5


class DutylogCommands(Provider):
    def commands(self) -> list[tuple[str, object, str]]:
        app = self.app
        lang, svc = app.lang, app.service
        help_text = t("cmd.help", lang)
        other = "en" if lang == "zh" else "zh"
        glyphs = "unicode" if console.ascii_mode() else "ascii"
        out: list[tuple[str, object, str]] = [
            (t("cmd.lang", lang), partial(app.action_set_lang, other), help_text),
            (t("cmd.glyphs", lang), partial(app.action_set_glyphs, glyphs), t(f"settings.glyphs.{glyphs}", lang))]
        if app.subject is None:
            return out
        out += [(t("cmd.subjects", lang), app.action_subjects, help_text),
                (t("cmd.add_subject", lang), partial(app.action_subjects, True), help_text),
                (t("cmd.operator", lang), app.action_operator, help_text),
                (t("cmd.desk", lang), app.action_desk, "w")]
        for s in svc.subjects():
            out.append((t("cmd.subject", lang, name=s.name), partial(app.set_subject, s.name),
                        fmt.roles_text(svc.policy, svc.roles_of(s), lang)))
        for year in range(app.today.year, app.today.year - YEARS_BACK, -1):
            out.append((t("cmd.year", lang, year=year), partial(app.set_year, year), help_text))
        out += [(t("cmd.entries", lang), app.action_entries, "e"),
                (t("cmd.links", lang), app.action_links, "k"),
                (t("cmd.calendar", lang), app.action_calendar, "c"),
                (t("cmd.dashboard", lang), app.action_dashboard, help_text)]
        for name in registry.PALETTE:
            out.append((t(f"open.{name}", lang), partial(app.action_open, name), help_text))
        for k in svc.policy.kinds:
            out.append((t("cmd.log", lang, kind=f"{k.name.get(lang)} ({k.pinyin})"),
                        partial(app.action_log, k.id), k.name.get(other)))
        return out

    def safe_commands(self) -> list[tuple[str, object, str]]:
        """The commands with every word as plain text: a subject's name comes from the
        user or a bundle, and Textual reads a palette's help (and `Matcher.highlight`)
        as markup — a name like "[@click=app.screenshot(…)]" must stay a name."""
        return [(plain(title), command, plain_help(help_text))
                for title, command, help_text in self.commands()]

    async def discover(self) -> Hits:
        for title, command, help_text in self.safe_commands():
            yield DiscoveryHit(Content(title), command, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, command, help_text in self.safe_commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, highlight(matcher, title), command, text=title, help=help_text)

