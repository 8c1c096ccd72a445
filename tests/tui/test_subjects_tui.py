"""Issue 14 part 1: subjects managed in the TUI (palette, subjects screen, onboarding)."""

from __future__ import annotations

from datetime import date

from textual.widgets import Checkbox, Input, SelectionList

from dutylog.tui.dialogs.ask import AskDialog
from dutylog.tui.dialogs.form import FormDialog
from dutylog.tui.screens.dashboard import DashboardScreen
from dutylog.tui.screens.onboarding import OnboardingScreen
from dutylog.tui.screens.subjects import SubjectsScreen

from .conftest import SIZE
from .test_flows import press, run_command


async def test_done_keeps_a_typed_name_and_the_role_cursor_starts_again(svc, make):
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#ob-others")
        app.screen.query_one("#ob-recorder", Input).value = "李秘书"
        app.screen.query_one("#ob-name", Input).value = "王明"
        roles = app.screen.query_one(SelectionList)
        roles.highlighted = 4  # the cursor left on 干部 (cadre), the fifth row
        roles.select("cadre")
        await press(pilot, "#ob-add")
        assert roles.highlighted == 0 and list(roles.selected) == []
        # typed, roles ticked, 完成 pressed without 添加: kept, not dropped
        app.screen.query_one("#ob-name", Input).value = "李华"
        roles.select("dept-head")
        await press(pilot, "#ob-done")
        assert not isinstance(app.screen, OnboardingScreen)
    assert [(s.name, s.roles) for s in svc.subjects()] == [("王明", ("cadre",)),
                                                           ("李华", ("dept-head",))]
    assert svc.prefs.recorder() == "李秘书"


async def test_done_with_a_typed_name_but_no_role_stays_and_says_why(svc, make):
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#ob-others")
        app.screen.query_one("#ob-name", Input).value = "王明"
        await press(pilot, "#ob-done")
        assert isinstance(app.screen, OnboardingScreen)
        assert "请至少选一个角色" in str(app.screen.query_one("#err-role").render())
        assert app.screen.query_one("#ob-name", Input).value == "王明"
    assert svc.subjects() == []


async def test_a_single_official_is_the_operator(svc, make):
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the first-run screen is mounted (slow under a loaded machine)
        app.screen.query_one("#ob-name", Input).value = "王明"
        app.screen.query_one(SelectionList).select("leader")
        await press(pilot, "#ob-add")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    assert svc.prefs.recorder() == "王明"


async def test_subjects_screen_adds_changes_archives_and_undoes(svc, make):
    svc.add_subject("王明", ["leader"], since=date(2025, 1, 1))
    svc.prefs.save_recorder("李秘书")
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "管理记录对象")
        assert isinstance(app.screen, SubjectsScreen)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#f-name", Input).value = "李华"
        form.query_one("#f-since", Input).value = "2025-03-01"
        form.query_one("#f-role-dept-head", Checkbox).value = True
        await press(pilot, "#ok")
        assert isinstance(app.screen, SubjectsScreen)
        assert app.screen.table.row_count == 2
        assert svc.subject("李华").since == date(2025, 3, 1)
        # change 李华's roles and name
        app.screen.table.move_cursor(row=1)
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#f-name", Input).value = "李华华"
        app.screen.query_one("#f-role-econ-dept-head", Checkbox).value = True
        await press(pilot, "#ok")
        assert svc.subject("李华华").roles == ("dept-head", "econ-dept-head")
        # archive asks first; 否 changes nothing
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, AskDialog)
        await pilot.press("n")
        await pilot.pause()
        assert svc.subject("李华华").archived is None
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [s.name for s in svc.subjects()] == ["王明"]
        assert "已归档" in str(app.screen.table.get_row_at(1)[3])
        await pilot.press("u")  # undo the archive
        await pilot.pause()
        assert [s.name for s in svc.subjects()] == ["王明", "李华华"]
        await pilot.press("u")  # undo the change: name and roles back
        await pilot.pause()
        assert svc.subject("李华").roles == ("dept-head",)
        await pilot.press("enter")  # opens 李华's dashboard
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and app.subject == "李华"
    reasons = [(v["reason"], v["changed_by"]) for v in svc.roster.subject_history("李华")]
    assert reasons == [("add", "李秘书"), ("edit", "李秘书"), ("archive", "李秘书"),
                       ("restore", "李秘书"), ("edit", "李秘书")]
