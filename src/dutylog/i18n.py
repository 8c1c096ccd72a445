"""One catalog of user-facing strings, Chinese first.

`words(lang)` is the catalog in one language, built once per run and handed down (the CLI
keeps it on click's context, the app on itself): `w("col.date")`, `w.refusal(exc)` for a
refusal's one line. `choose_lang` picks the language: `--lang`, else `DUTYLOG_LANG`, else
the saved setting, else Chinese. `t(key, lang)` is the same word for code that has only a
language at hand. The refusals' wordings, by code, are in `dutylog.lexicon.refusals`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from dutylog.lexicon.refusals import FIELDS, REFUSALS

LANGS = ("zh", "en")

STRINGS: dict[str, tuple[str, str]] = {
    # statuses
    "status.met": ("已完成", "met"),
    "status.on_track": ("进度正常", "on track"),
    "status.behind": ("落后", "behind"),
    "status.missed": ("未完成", "missed"),
    "status.over": ("超出上限", "over"),
    "status.none": ("无指标", "no target"),
    "status.open": ("进行中", "open"),
    "status.future": ("未开始", "future"),
    "ob.since": ("从哪天开始记录？此前结束的周期不作评判（补记更早的记录会自动提前）。",
                 "From which day do you keep the record? Periods that ended before it are not judged (an earlier entry moves it back)."),
    "ob.since_ph": ("开始记录日期，默认今天 {today}", "first day of the record; default today {today}"),
    "status.unreachable": ("无法完成", "unreachable"),
    "status.untracked": ("未记录", "not tracked"),
    "status.holding": ("达标中", "holding"),
    "why.days_left": ("剩余 {left} 天，还差 {need} 天", "{left} days left, {need} to go"),
    "why.rate": ("已有未出庭案件，本年无法达到100%", "a case without appearance: 100% can no longer be reached this year"),
    "why.untracked": ("开始记录之前，不作评判", "before record keeping started: not judged"),
    "why.no_links": ("尚未联系{what}", "no {what} linked yet"),
    "why.missing": ("尚缺：{names}", "still to do: {names}"),
    # "10 / 12月": periods met of the year's (the English strip line names the period)
    "pu.year": ("", ""), "pu.window": ("", ""), "pu.half": ("半年", ""),
    "pu.quarter": ("季", ""), "pu.month": ("月", ""),
    "pu.fortnight": ("双周", ""), "pu.week": ("周", ""),
    "period.week": ("每周", "week"),
    "pl.week_now": ("本周", "this week"),
    "pl.week": ("第{n}周", "week {n}"),
    # periods
    "period.year": ("年度", "year"),
    "period.half": ("半年", "half-year"),
    "period.quarter": ("季度", "quarter"),
    "period.month": ("月度", "month"),
    "period.fortnight": ("双周", "fortnight"),
    "period.window": ("一季度内", "by end of Q1"),
    # units
    "unit.days": ("天", "days"),
    "unit.count": ("次", "times"),
    "unit.share": ("占比", "share"),
    "unit.rate": ("比率", "rate"),
    "unit.links": ("个", "linked"),
    "unit.topics": ("个", "topics"),
    "unit.items": ("项", "items"),
    "unit.projects": ("个", "projects"),
    # table headings
    "col.rule": ("职责", "Duty"),
    "col.progress": ("进度", "Progress"),
    "col.actual": ("完成/目标", "Actual/target"),
    "col.expected": ("应达", "Expected"),
    "col.status": ("状态", "Status"),
    "col.id": ("编号", "ID"),
    "col.date": ("日期", "Date"),
    "col.kind": ("类别", "Kind"),
    "col.days": ("天数", "Days"),
    "col.title": ("标题", "Title"),
    "col.place": ("地点", "Place"),
    "col.by": ("记录人", "Recorded by"),
    "col.recorded_at": ("记录时间", "Recorded at"),
    "col.subject": ("对象", "Subject"),
    "col.roles": ("角色", "Roles"),
    "col.name": ("名称", "Name"),
    "col.type": ("类型", "Type"),
    "col.since": ("起", "Since"),
    "col.until": ("止", "Until"),
    "msg.no_entries": ("没有记录。", "No entries."),
    "msg.no_subjects": ("还没有对象。用 dutylog subject add 姓名 --role leader 添加。",
                        "No subjects yet. Add one: dutylog subject add NAME --role leader"),
    "msg.as_of": ("截至", "as of"),
    "msg.year": ("年度", "year"),
    "msg.four_no": ("四不两直", "unannounced"),
    "msg.no_target": ("无指标", "no target"),
    "msg.deleted": ("已删除", "deleted"),
}


# ---------------------------------------------------------------- terminal UI (tui/)
UI_STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("dutylog 履职记录", "dutylog"),
    "app.demo": ("演示数据（临时目录，不影响您的数据）", "Demo data (a temporary folder; your data is untouched)"),
    # keys shown in the footer
    "key.log": ("记录", "Log"),
    "key.entries": ("列表", "Entries"),
    "key.dashboard": ("仪表盘", "Dashboard"),
    "key.links": ("联系对象", "Links"),
    "key.subject": ("切换对象", "Subject"),
    "key.prev_year": ("上一年", "Prev year"),
    "key.next_year": ("下一年", "Next year"),
    "key.calendar": ("日历", "Calendar"),
    "key.quit": ("退出", "Quit"),
    "key.save": ("保存", "Save"),
    "key.cancel": ("取消", "Cancel"),
    "key.close": ("关闭", "Close"),
    "key.delete": ("删除", "Delete"),
    "key.undo": ("撤销", "Undo"),
    "key.edit": ("编辑", "Edit"),
    "key.back": ("返回", "Back"),
    "key.end_link": ("结束联系", "End link"),
    "key.more": ("更多", "More"),
    "key.ledger": ("台账", "Ledgers"),
    "key.history": ("历史", "History"),
    "key.palette": ("命令", "palette"),
    "app.quit_title": ("要退出吗？", "Do you want to quit?"),
    "app.how_to_quit": ("按 {key} 退出", "Press {key} to quit the app"),
    # dashboard
    "dash.header": ("{subject}　{roles}　{year}年　截至 {as_of}", "{subject} · {roles} · {year} · as of {as_of}"),
    "dash.progress": ("进度", "Progress"),
    "dash.calendar": ("日历", "Calendar"),
    "dash.due": ("近期待办", "Due next"),
    "dash.missed": ("本年未完成", "Missed this year"),
    "dash.ledger": ("台账与外出", "Ledgers and trips"),
    "dash.nothing_due": ("暂无待办", "Nothing due"),
    "dash.nothing_missed": ("没有", "None"),
    "dash.days_left": ("还剩{n}天", "{n} days left"),
    "dash.closes_today": ("今天截止", "due today"),
    "dash.not_yet": ("尚未安排", "nothing yet"),
    "dash.need": ("还差{need}", "{need} to go"),
    "dash.pace": ("应达{x}", "pace {x}"),
    "dash.periods_met": ("{met}/{total}{period}达标", "{met}/{total} {period}s met"),
    "dash.no_subject": ("还没有对象。", "No subject yet."),
    "dash.ledger_line": ("红 {red}　黄 {yellow}　外出未销假 {trips}", "red {red} · yellow {yellow} · open trips {trips}"),
    "pl.fortnight_now": ("本双周", "this fortnight"),
    "pl.fortnight": ("第{n}双周", "fortnight {n}"),
    "pl.month": ("{m}月", "{mon}"),
    "pl.quarter": ("第{q}季度", "Q{q}"),
    "pl.half1": ("上半年", "H1"),
    "pl.half2": ("下半年", "H2"),
    "pl.year": ("{y}年", "{y}"),
    "pl.window": ("一季度", "Q1"),
    # heatmap
    "strip.label": ("每周活动", "Weekly"),
    "hm.title": ("{year}年活动日历", "Activity in {year}"),
    "hm.hint": ("方向键选择日期，回车列出当天记录", "Arrows pick a day; Enter lists its entries"),
    "hm.day": ("{date}　共 {n} 条记录", "{date}: {n} entries"),
    "hm.less": ("少", "less"),
    "hm.more": ("多", "more"),
    "hm.weekdays": ("一,,三,,五,,日", "Mon,,Wed,,Fri,,Sun"),
    # log form
    "form.new": ("记录活动 — {subject}", "Log an activity — {subject}"),
    "form.edit": ("编辑记录 {id} — {subject}", "Edit entry {id} — {subject}"),
    "form.kind": ("类别", "Kind"),
    "form.kind_ph": ("输入中文、英文或拼音首字母，如 yxbg", "Type a name or pinyin initials, e.g. yxbg"),
    "form.date": ("日期", "Date"),
    "form.date_ph": ("今天、昨天或 YYYY-MM-DD", "today, yesterday or YYYY-MM-DD"),
    "form.days": ("天数", "Days"),
    "form.days_ph": ("如 1、0.5、半天、一天；默认 1", "e.g. 1, 0.5, 半天, 一天; default 1"),
    "form.four_no": ("四不两直", "Unannounced (四不两直)"),
    "form.title": ("标题", "Title"),
    "form.place": ("地点", "Place"),
    "form.people": ("参加人员", "People"),
    "form.note": ("备注", "Note"),
    "form.object": ("联系对象", "Linked object"),
    "form.appeared": ("负责人出庭应诉", "The head appeared in court"),
    "form.patrol": ("巡查类型", "Patrol"),
    "form.by": ("记录人", "Recorded by"),
    "form.choose": ("请选择", "Choose"),
    "form.required": ("必填", "required"),
    "form.saved": ("已保存：{kind}　{date}", "Saved: {kind} {date}"),
    "form.no_kind": ("没有匹配的类别", "No kind matches"),
    "form.pick_kind": ("类别：请从列表中选择一项", "kind: pick one from the list"),
    "form.no_links": ("尚未添加联系对象，按 k 添加", "Nothing linked yet; press k to add"),
    "form.unchanged": ("没有修改", "Nothing changed"),
    "form.bad_days": ("天数：请填写数字，如 1 或 0.5", "days: give a number such as 1 or 0.5"),
    # entries
    "ent.title": ("记录列表 — {subject}", "Entries — {subject}"),
    "ent.kind_ph": ("类别（中文/拼音）", "Kind (name/pinyin)"),
    "ent.from_ph": ("起始日期", "From"),
    "ent.to_ph": ("截止日期", "To"),
    "ent.search_ph": ("搜索标题、地点、人员、备注", "Search title, place, people, note"),
    "ent.count": ("共 {n} 条，已载入 {m} 条", "{n} entries, {m} loaded"),
    "ent.range": ("；日期 {start} 至 {end}", "; dates {start} to {end}"),
    "ent.deleted": ("已删除「{what}」，按 u 撤销", "Deleted “{what}” — press u to undo"),
    "ent.restored": ("已恢复「{what}」", "Restored “{what}”"),
    "ent.nothing_to_undo": ("没有可撤销的删除", "Nothing to undo"),
    "ent.no_kind": ("没有匹配「{text}」的类别", "No kind matches “{text}”"),
    # links
    "links.title": ("联系对象 — {subject}", "Linked objects — {subject}"),
    "links.name_ph": ("名称，如 海阳某公司", "Name, e.g. Haiyang Co."),
    "links.since_ph": ("起始日期（可空）", "Since (optional)"),
    "links.add": ("添加", "Add"),
    "links.added": ("已添加：{name}", "Linked: {name}"),
    "links.ended": ("已结束联系：{name}", "Link ended: {name}"),
    "links.active": ("联系中", "active"),
    "links.hint": ("回车添加（起始日期默认今天）　在列表中按 x 结束所选联系（截至今天，先询问）　u 撤销　Esc 关闭",
                   "Enter adds (since: today unless changed) · x in the list ends the selected link (as of today, asked first) · u undoes · Esc closes"),
    # first run
    "ob.title": ("欢迎使用 dutylog 履职记录", "Welcome to dutylog"),
    "ob.policy": ("依据：{doc}　{title}（内置预设）", "Policy: {doc} {title} (built-in preset)"),
    "ob.policy_ph": ("自己的政策文件路径（可空，默认用内置预设）", "Path of your own copy of the policy (optional; default: built-in)"),
    "ob.intro": ("为谁记录？填写姓名，勾选职务角色。", "Who is this for? Give a name and tick the roles."),
    "ob.name": ("姓名或单位", "Name of the person or body"),
    "ob.for_others": ("我为他人记录（秘书、办公室），可添加多位", "I record for others (secretary, office): add several"),
    "ob.recorder": ("您的姓名（作为记录人）", "Your name (as recorder)"),
    "ob.add": ("添加", "Add"),
    "ob.done": ("完成，进入仪表盘", "Done: open the dashboard"),
    "ob.demo": ("先看演示数据", "Try the demo first"),
    "ob.added": ("已添加：{names}", "Added: {names}"),
    # command palette
    "cmd.subject": ("切换对象：{name}", "Switch subject: {name}"),
    "cmd.year": ("查看年度：{year}", "Show year {year}"),
    "cmd.log": ("记录：{kind}", "Log: {kind}"),
    "cmd.entries": ("打开记录列表", "Open the entries"),
    "cmd.links": ("编辑联系对象", "Edit linked objects"),
    "cmd.calendar": ("打开活动日历", "Open the activity calendar"),
    "cmd.dashboard": ("回到仪表盘", "Back to the dashboard"),
    "cmd.lang": ("切换语言：English", "Language: 中文"),
    "cmd.help": ("dutylog 操作", "dutylog action"),
}
STRINGS.update(UI_STRINGS)

# ------------------------------------------- tui/screens: ledgers, leave, diary, records
# Column words shared with the table headings above: col.date, col.type, col.subject …
SCREEN_STRINGS: dict[str, tuple[str, str]] = {
    "screen.all": ("全部", "all"),
    # ledger (台账) and one ledger item
    "ledger.title": ("台账", "Ledger"), "ledger.colour": ("状态", "Colour"),
    "ledger.what": ("事项", "Item"), "ledger.opened": ("收到", "Opened"),
    "ledger.due": ("期限", "Due"), "ledger.closed": ("办结", "Closed"),
    "ledger.est": ("估算", "est."), "ledger.late": ("超期", "late"),
    "ledger.none": ("没有台账事项。按 a 新增。", "No items. Press a to add one."),
    "ledger.add": ("新增台账事项", "New ledger item"), "ledger.progress": ("报告进展", "Report progress"),
    "ledger.close": ("办结", "Close item"), "ledger.note": ("进展情况", "Progress"),
    "ledger.opened_f": ("收到日期", "Opened"),
    "ledger.due_hint": ("{types}可留空＝{n}个工作日", "blank = {n} working days for {types}"),
    "ledger.pick": ("先选中一项。", "Select an item first."),
    "ledger.counts": ("红 {red} · 黄 {yellow}", "red {red} · yellow {yellow}"),
    "ledger.colour.red": ("● 红", "● red"), "ledger.colour.yellow": ("◐ 黄", "◐ yellow"),
    "ledger.colour.blue": ("○ 蓝", "○ blue"), "ledger.colour.closed": ("✓ 办结", "✓ closed"),
    "item.note": ("进展", "Progress"), "item.by": ("报告人", "By"),
    "item.none": ("还没有进展报告。", "No progress reports yet."),
    "item.from": ("来自民情日记", "raised from diary entry"),
    # leave (请销假)
    "leave.title": ("请销假", "Leave"), "leave.dest": ("去向", "Destination"),
    "leave.requested": ("请假日期", "Requested"), "leave.depart": ("离海", "Depart"),
    "leave.return": ("返回", "Return"), "leave.back": ("销假", "Back"),
    "leave.notice": ("提前天数", "Notice"), "leave.compliant": ("合规", "Compliant"),
    "leave.yes": ("✓ 是", "✓ yes"), "leave.no": ("✗ 否（不足3天）", "✗ no (under 3 days)"),
    "leave.emergency": ("紧急", "emergency"), "leave.open": ("● 未销假", "● not back"),
    "leave.none": ("没有请假记录。按 r 登记。", "No trips. Press r to record one."),
    "leave.request": ("登记外出请假", "Record a leave request"), "leave.back_f": ("销假日期", "Back on"),
    "leave.emergency_f": ("紧急事项（离岗同时报告）", "Emergency (reported when leaving)"),
    "leave.pick": ("先选中一条。", "Select a trip first."), "leave.open_n": ("未销假", "not back"),
    # people's diary (民情日记)
    "diary.title": ("民情日记", "People's diary"), "diary.people": ("走访对象", "People met"),
    "diary.raised": ("反映问题", "What was raised"), "diary.follow": ("跟进", "Follow-up"),
    "diary.search": ("搜索（任意字词）", "Search (any text)"), "diary.place_f": ("按地点筛选", "Filter by place"),
    "diary.open": ("只看未办结的跟进", "Open follow-ups only"),
    "diary.none": ("没有符合条件的日记。", "No diary entries match."),
    "diary.raise": ("提出跟进事项", "Raise a follow-up"), "diary.item": ("跟进事项标题", "Follow-up title"),
    "diary.pick": ("先选中一条日记。", "Select an entry first."),
    "diary.more": ("只显示最新的 {n} 条；输入搜索词或地点缩小范围。",
                   "Showing the newest {n}; search or filter by place to narrow."),
    "diary.no_item": ("这条日记还没有跟进事项；按 f 提出。", "No follow-up yet; press f to raise one."),
    # an entry's history, and entries awaiting confirmation
    "history.title": ("记录的历史版本", "Entry history"), "history.when": ("修改时间", "Changed at"),
    "history.by": ("修改人", "By"), "history.how": ("方式", "How"),
    "history.what": ("标题/备注", "Title / note"), "history.changes": ("改动", "Changed fields"),
    "history.first": ("（首个版本）", "(first version)"),
    "history.field.kind": ("类别", "kind"), "history.field.date": ("日期", "date"),
    "history.field.days": ("天数", "days"), "history.field.four_no": ("四不两直", "four_no"),
    "history.field.title": ("标题", "title"), "history.field.place": ("地点", "place"),
    "history.field.people": ("人员", "people"), "history.field.note": ("备注", "note"),
    "history.field.object": ("联系对象", "object"), "history.field.appeared": ("出庭", "appeared"),
    "history.field.patrol": ("巡查", "patrol"), "history.field.confirmed_by": ("确认", "confirmed_by"),
    "history.field.sensitive": ("敏感", "sensitive"), "history.field.deleted": ("删除", "deleted"),
    "history.reason.add": ("新增", "added"), "history.reason.edit": ("修改", "edited"),
    "history.reason.delete": ("删除", "deleted"), "history.reason.undelete": ("恢复", "restored"),
    "history.reason.confirm": ("确认", "confirmed"), "history.reason.import": ("导入", "imported"),
    "history.reason.import-older": ("导入（较早）", "imported (older)"),
    "review.title": ("待确认的记录 · {name} · {n} 条", "Awaiting confirmation · {name} · {n}"),
    "review.empty": ("没有待确认的记录。", "Nothing awaits confirmation."),
    "review.confirmed": ("已确认 {id}", "Confirmed {id}"),
    "review.rejected": ("已退回（删除）{id}，按 u 撤销", "Rejected (deleted) {id}; press u to undo"),
    "review.undone": ("已撤销退回 {id}", "Brought back {id}"),
    "review.nothing_to_undo": ("没有可撤销的退回。", "Nothing to undo."),
    "review.no_row": ("先选中一条记录。", "Select an entry first."),
    # court cases and patrols
    "casebook.courts": ("行政应诉案件", "Court cases"), "casebook.patrols": ("巡河湖、巡湾、巡林", "Patrols"),
    "casebook.case": ("案件", "Case"), "casebook.appeared": ("出庭", "Appeared"),
    "casebook.yes": ("✓ 出庭", "✓ appeared"), "casebook.no": ("✗ 未出庭", "✗ did not appear"),
    "casebook.unknown": ("未记录", "not recorded"), "casebook.rate": ("出庭应诉率", "Appearance rate"),
    "casebook.month": ("月", "Month"),
    "casebook.total": ("合计", "Total"), "casebook.year": ("全年", "Year"),
    "casebook.target": ("年度目标", "Yearly target"), "casebook.no_target": ("未设定", "none set"),
    # export dialog
    "export.md": ("述职报告（Markdown）", "Annual report (Markdown)"),
    "export.csv": ("记录表（Excel CSV）", "Entries for Excel (CSV)"),
    "export.ics": ("日历（iCalendar）", "Calendar (iCalendar)"),
    "export.docx": ("述职报告（Word）", "Annual report (Word)"),
    "export.xlsx": ("台账工作簿（Excel）", "Workbook for Excel (xlsx)"),
    "export.bundle": ("合并包（JSON Lines）", "Merge bundle (JSON Lines)"),
    "export.file": ("保存到文件（回车确认，Esc 取消）：", "Save to file (Enter to write, Esc to cancel):"),
    "export.written": ("已写入 {path}", "Written: {path}"),
    "export.exists": ("{path} 已存在；再按回车替换它，或改个文件名", "{path} exists; press Enter again to replace it, or change the name"),
    # export commands of the palette (label, help)
    "export.cmd.md": ("导出述职报告 Markdown", "Export annual report (Markdown)"),
    "export.cmd.csv": ("导出记录表 CSV（Excel）", "Export entries for Excel (CSV)"),
    "export.cmd.ics": ("导出日历 ICS", "Export calendar (ICS)"),
    "export.cmd.docx": ("导出述职报告 Word（docx）", "Export annual report (Word, docx)"),
    "export.cmd.xlsx": ("导出台账工作簿 Excel（xlsx）", "Export workbook for Excel (xlsx)"),
    "export.cmd.bundle": ("导出合并包", "Export merge bundle"),
    "export.help.md": ("每条职责的目标、完成、状态和佐证记录，可粘贴到 Word",
                       "Target, actual, status and supporting entries per duty; pastes into Word"),
    "export.help.csv": ("UTF-8 带 BOM，双击用 Excel 打开中文不乱码", "UTF-8 with BOM, opens in Excel by double-click"),
    "export.help.docx": ("标题、各部分完成情况表、每条职责下的记录、台账和外出，Word 和 WPS 可直接打开",
                         "Title, a status table per part, the entries under each duty, ledgers and trips; opens in Word and WPS"),
    "export.help.xlsx": ("台账、台账事项、完成情况、外出四张表，表头冻结，日期为日期格式",
                         "Sheets of entries, ledger items, status and trips; frozen headers, dates as dates"),
    "export.help.ics": ("一线办公、台账到期日和外出", "Frontline sessions, ledger due dates and trips"),
    "export.help.bundle": ("给秘书或汇总办公室的 JSON Lines 文件",
                           "A JSON Lines file for another laptop or the office"),
    # the date a date field's text names (tui/widgets/date_hint.py)
    "date.weekdays": ("星期一,星期二,星期三,星期四,星期五,星期六,星期日",
                      "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday"),
    # import-table (cli/table_import.py)
    "ti.row": ("第 {n} 行", "row {n}"),
    "ti.refused": ("{file}：{total} 行中有 {bad} 行有误，未导入任何记录；改正后再导入",
                   "{file}: {bad} of {total} rows refused; nothing was imported. Fix them and import again"),
    "ti.sheet": ("（工作表 {sheet}）", " (sheet {sheet})"),
    "ti.encoding": ("（编码 {encoding}）", " ({encoding})"),
    "ti.head": ("{where}：{rows} 行", "{where}: {rows} rows"),
    "ti.for": ("，记入 {subject}", ", for {subject}"),
    "ti.columns": ("读取的列：{cols}", "Columns read: {cols}"),
    "ti.ignored": ("不导入的列：{cols}", "Columns left out: {cols}"),
    "ti.more": ("……另 {n} 行", "… {n} more rows"),
    "ti.totals": ("将新增 {n} 条记录，共 {days} 天；按类别：{kinds}",
                  "{n} new entries, {days} days in all; by kind: {kinds}"),
    "ti.present": ("已导入过 {n} 行，这些不再改动", "{n} rows were imported before and are left as they are"),
    "ti.nothing": ("没有新的记录，未作改动", "Nothing new; nothing was changed"),
    "ti.dry_run": ("预览完毕，未作改动（去掉 --dry-run 导入）", "Preview only; nothing was changed (drop --dry-run to import)"),
    "ti.no_tty": ("没有可以确认的终端；核对以上预览后加 --yes 再运行",
                  "no terminal to ask; check the preview above and run again with --yes"),
    "ti.ask": ("导入这 {n} 条记录？", "Import these {n} entries?"),
    "ti.declined": ("未导入", "Nothing imported"),
    "ti.done": ("已导入 {n} 条记录", "Imported {n} entries"),
    "ti.col.row": ("行", "Row"),
    "ti.col.subject": ("姓名", "Name"),
    "ti.col.text": ("标题·对象·备注", "Title · object · note"),
    # the office's merge day: import a folder of bundles (services/merge_day.py)
    "merge.cmd": ("导入合并包（文件或文件夹）", "Import bundles (a file or a folder)"),
    "merge.help": ("各笔记本交来的 JSON Lines 合并包，每个包单独成事务", "JSON Lines bundles from the laptops, one transaction each"),
    "merge.path": ("合并包或文件夹（回车导入，Esc 关闭）：", "Bundle or folder (Enter to import, Esc to close):"),
    "merge.running": ("正在导入 {n} 个合并包…", "Importing {n} bundles…"),
    "merge.done": ("已合并 {merged}/{sources} 个合并包", "Merged {merged} of {sources} bundles"),
    "merge.source": ("来源", "source"), "merge.new": ("新增", "new"),
    "merge.updated": ("更新", "updated"), "merge.conflicts": ("冲突", "conflicts"),
    "merge.refused": ("拒绝", "refused"), "merge.failed": ("失败", "failed"),
    "merge.total": ("合计", "total"),
    # the command line's own report lines (cli/bundles.py, cli/progress.py, cli/demo.py)
    "cli.exported": ("已写入 {n} 条记录到 {path}", "{n} records written to {path}"),
    "cli.exported_sealed": ("已写入 {n} 条记录到 {path}（已加密）", "{n} records written to {path} (sealed)"),
    "cli.import_summary": ("新增 {added}，更新 {updated}，未变 {unchanged}，已解决冲突 {conflicts}",
                           "added {added}, updated {updated}, unchanged {unchanged}, conflicts resolved {conflicts}"),
    "cli.import_older": ("（未变的记录中有 {older} 条比这里的版本旧）",
                         " ({older} of the unchanged were older than the version here)"),
    "cli.import_conflict": ("  冲突：{what}", "  conflict: {what}"),
    "cli.source_refused": ("dutylog: 已拒绝：{where}{reason}", "dutylog: refused: {where}{reason}"),
    "cli.demo_kept": ("演示数据保留在 {home}", "demo data kept in {home}"),
    "cli.importing": ("导入", "importing"), "cli.checking": ("检查", "checking"),
    "cli.merging": ("合并", "merging"),
    "cli.vocab.roles": ("角色", "roles"), "cli.vocab.link_types": ("联系类型", "link types"),
    "cli.vocab.patrol_types": ("巡查类型", "patrol types"), "cli.vocab.ledger_types": ("台账类型", "ledger types"),
    "cli.vocab.workdays": ("{n} 个工作日", "{n} working days"),
    # the screens the palette opens (tui/registry.py PALETTE)
    "open.ledger": ("台账（督办、会签、纪要、整改）", "Ledgers (supervision, co-signing, minutes)"),
    "open.diary": ("民情日记", "People's diary"),
    "open.leave": ("外出请假与销假", "Leave and return"),
    "open.casebook": ("出庭应诉与巡河湖湾林", "Court cases and patrols"),
    "open.review": ("待本人确认的记录", "Entries awaiting confirmation"),
    # footer keys of the later screens, and the form's button
    "key.add": ("新增", "Add"),
    "key.progress": ("进展", "Progress"),
    "key.close_item": ("办结", "Close"),
    "key.open": ("查看", "Open"),
    "key.open_follow_up": ("查看跟进", "Open"),
    "key.follow_up": ("跟进", "Follow up"),
    "key.search": ("搜索", "Search"),
    "key.request": ("请假", "Request"),
    "key.report_back": ("销假", "Report back"),
    "key.confirm": ("确认", "Confirm"),
    "key.reject": ("退回", "Reject"),
    "form.ok": ("确定", "OK"),
}
STRINGS.update(SCREEN_STRINGS)

# ------------------------------------------- keys that work with an IME, help, settings (issue 10)
HELP_STRINGS: dict[str, tuple[str, str]] = {
    "key.help": ("帮助", "Help"),
    "key.settings": ("设置", "Settings"),
    "help.title": ("帮助：按键与符号", "Help: keys and marks"),
    "help.keys": ("本屏按键", "Keys on this screen"),
    "help.ime": ("中文输入法下字母键会进入输入法，请用功能键（F1–F9）或 Ctrl 组合键；字母键在英文状态下同样可用。",
                 "With a Chinese IME in Chinese mode the letters go to the IME: use the function keys (F1–F9) or Ctrl; the letters work in English mode."),
    "help.palette": ("命令面板（全部操作、切换语言/主题/符号）", "command palette (every action; language, theme, glyphs)"),
    "help.legend": ("符号说明", "What the marks mean"),
    "help.bar": ("配额条：已完成部分着色（绿 已完成，青 进度正常，黄 落后，红 未完成，紫 超出上限）",
                 "quota bar: the done part coloured (green met, cyan on track, yellow behind, red missed, magenta over)"),
    "help.pace": ("进度线：按时间今天应达到的位置（“应达”）", "pace mark: where the count should stand today (\"pace\")"),
    "help.plus": ("超过指标（条满后）", "beyond the target (the bar is full)"),
    "help.no_target": ("无数量指标", "no number to reach"),
    "help.strip": ("周期条（每月、每季度、每双周……）：", "period strip (each month, quarter, fortnight …):"),
    "help.heat": ("日历与每周活动：绿色越亮记录越多，[ ] 为光标", "calendar and weekly strip: the brighter the green, the more entries; [ ] is the cursor"),
    "help.close": ("Esc 或 F1 关闭", "Esc or F1 closes"),
    "help.status.met": ("本周期指标已完成", "the period's target is reached"),
    "help.status.on_track": ("按进度正常推进", "keeping pace"),
    "help.status.holding": ("比例类指标暂时达标，年底前仍可能下降", "a share above its minimum for now; it can still fall before the year ends"),
    "help.status.behind": ("低于应达进度", "below the pace"),
    "help.status.closes_today": ("本周期今天结束，尚未完成", "the period ends today and is not done"),
    "help.status.missed": ("周期已结束，未完成", "the period ended short"),
    "help.status.unreachable": ("剩余时间内已无法完成", "can no longer be reached in the time left"),
    "help.status.over": ("超出上限", "above the maximum"),
    "help.status.untracked": ("开始记录之前，不作评判", "before record keeping started: not judged"),
    "help.status.future": ("尚未开始的周期", "a period still to come"),
    "help.status.open": ("进行中的周期", "the period under way"),
    "settings.title": ("设置", "Settings"),
    "settings.lang": ("语言", "Language"),
    "settings.theme": ("主题", "Theme"),
    "settings.glyphs": ("符号", "Glyphs"),
    "settings.glyphs.unicode": ("图形符号 ✓ ● │", "Unicode marks ✓ ● │"),
    "settings.glyphs.ascii": ("ASCII 符号（终端把 · … 显示成双宽时）", "ASCII marks (when the terminal draws · … two cells wide)"),
    "settings.saved": ("设置已保存，下次启动时沿用", "Settings saved for the next start"),
    "cmd.settings": ("设置：语言、主题、符号", "Settings: language, theme, glyphs"),
    "cmd.glyphs": ("符号：切换 ASCII / 图形", "Glyphs: switch ASCII / Unicode"),
}
STRINGS.update(HELP_STRINGS)


# issue 14 (the secretary's desk): subjects, the operator, pending entries, the desk
DESK_STRINGS: dict[str, tuple[str, str]] = {
    "ask.yes": ("是", "Yes"),
    "ask.no": ("否", "No"),
    "subjects.title": ("记录对象 · {n} 位（含已归档 {archived} 位）", "Subjects · {n} ({archived} archived)"),
    "subjects.archived": ("已归档 {day}", "archived {day}"),
    "subjects.active": ("在用", "active"),
    "subjects.add": ("新增记录对象", "Add a subject"),
    "subjects.edit": ("修改 {name}：姓名、角色、开始记录日期", "Change {name}: name, roles, tracking start"),
    "subjects.name": ("姓名或单位", "Name"),
    "subjects.since": ("开始记录日期", "Tracking start"),
    "subjects.since_ph": ("默认今天 {today}", "default today {today}"),
    "subjects.added": ("已添加 {name}，按 u 撤销", "Added {name}; press u to undo"),
    "subjects.changed": ("已修改 {name}，按 u 撤销", "Changed {name}; press u to undo"),
    "subjects.archived_msg": ("已归档 {name}（记录保留），按 u 撤销", "Archived {name} (records kept); press u to undo"),
    "subjects.restored": ("已恢复 {name}，按 u 撤销", "Restored {name}; press u to undo"),
    "subjects.ask_archive": ("归档 {name}？记录全部保留，可随时恢复。", "Archive {name}? Every record is kept; restore any time."),
    "subjects.undone": ("已撤销：{name}", "Undone: {name}"),
    "subjects.nothing_to_undo": ("没有可撤销的修改。", "Nothing to undo."),
    "subjects.pick": ("先选中一位。", "Select a subject first."),
    "key.rename": ("修改", "Change"),
    "key.archive": ("归档/恢复", "Archive/restore"),
    "key.subjects": ("记录对象", "Subjects"),
    "key.review": ("待确认", "Review"),
    "key.review_n": ("待确认 {n}", "Review {n}"),
    "key.confirmed_only": ("仅已确认", "Confirmed only"),
    "key.desk": ("总览", "Desk"),
    "key.filter": ("筛选", "Filter"),
    "key.sort": ("排序", "Sort"),
    "key.export": ("导出", "Export"),
    "cmd.subjects": ("管理记录对象（新增、修改、归档）", "Manage subjects (add, change, archive)"),
    "cmd.add_subject": ("新增记录对象", "Add a subject"),
    "cmd.operator": ("设置本机使用者", "Set who uses this computer"),
    "cmd.desk": ("总览：所有记录对象", "Desk: every subject"),
    "operator.title": ("本机使用者（默认记录人）", "Who uses this computer (default recorder)"),
    "operator.name": ("姓名", "Name"),
    "operator.saved": ("本机使用者：{name}", "This computer's user: {name}"),
    "ob.operator": ("本机使用者（您的姓名，作为记录人）", "Who uses this computer (your name, as recorder)"),
    "ob.ask_unsaved": ("“{name}”尚未添加：添加后完成？", "“{name}” is not added yet: add it and finish?"),
    "ob.need_one": ("请先填写姓名并勾选角色。", "Give a name and tick roles first."),
    "dash.pending": ("含待确认 {n}", "{n} pending"),
    "dash.pending_short": ("待{n}", "{n}?"),
    "dash.confirmed_only": ("仅计已确认", "confirmed only"),
    "entries.pending": ("待确认", "pending"),
    "review.ask_confirm": ("由{name}本人确认？", "Confirmed by {name} in person?"),
    "review.ask_reject": ("退回（删除）这条记录？按 u 可撤销。", "Reject (delete) this entry? u undoes it."),
    "review.confirmed_by": ("已确认 {id}（{name}本人确认，{operator}录入）", "Confirmed {id} (by {name}, keyed by {operator})"),
    "review.not_asked": ("未确认：须由本人确认。", "Not confirmed: the subject must confirm."),
    "links.ask_end": ("结束与“{name}”的联系（截至今天 {day}）？按 u 可撤销。", "End the link to “{name}” (last day today, {day})? u undoes it."),
    "links.end_undone": ("已撤销结束联系：{name}", "Link restored: {name}"),
    "links.since_default": ("起始日期，默认今天 {today}", "Since; default today {today}"),
    "desk.title": ("总览 · {n} 位 · {as_of}", "Desk · {n} subjects · {as_of}"),
    "desk.due_week": ("本周到期：{items}", "Due this week: {items}"),
    "desk.due_none": ("本周没有到期事项。", "Nothing due this week."),
    "desk.col_name": ("姓名", "Name"),
    "desk.col_pending": ("待确认", "Pending"),
    "desk.col_behind": ("落后", "Behind"),
    "desk.filter_ph": ("筛选：角色、镇街或状态（如 落后）", "Filter: role, town or status (e.g. behind)"),
    "desk.sort_name": ("按添加顺序", "in order added"),
    "desk.sort_behind": ("按落后最多", "most behind first"),
    "desk.exported": ("已导出 {path}", "Exported {path}"),
    "desk.state.met": ("达标", "met"),
    "desk.state.on_track": ("正常", "on track"),
    "desk.state.due_soon": ("临近", "due soon"),
    "desk.state.behind": ("落后", "behind"),
    "desk.state.unreachable": ("无法完成", "unreachable"),
    "desk.state.missed": ("未完成", "missed"),
    "desk.export_title": ("导出总览（.xlsx 或 .csv）", "Export the desk (.xlsx or .csv)"),
    "desk.export_path": ("保存到", "Save to"),
    "desk.export_exists": ("path: {path} already exists; give another name", "path: {path} already exists; give another name"),
    "desk.export_kind": ("path: end the name with .xlsx or .csv", "path: end the name with .xlsx or .csv"),
    "desk.pick": ("先选中一位。", "Select a subject first."),
    "desk.legend": ("■达标 ■正常 ■临近 ■落后 ■无法完成 ■未完成", "■met ■on track ■due soon ■behind ■unreachable ■missed"),
}
STRINGS.update(DESK_STRINGS)
# ------------------------------------------------------------------- the command line (cli/)
CLI_STRINGS: dict[str, tuple[str, str]] = {
    "cli.est": ("（估算）", " (est.)"),
    "cli.estimated": ("（估算）", " (estimated)"),
    "cli.no_ledger_items": ("没有台账事项。", "No ledger items."),
    "cli.did_not_appear": ("未出庭", "did not appear"),
    "cli.late": ("超期", "Late"),
    "cli.unspecified": ("未注明", "unspecified"),
    "cli.appearance_rate": ("出庭应诉率", "appearance rate"),
    "cli.yes": ("是", "yes"),
    "cli.no": ("否", "no"),
    "cli.no_trips": ("没有请假记录。", "No trips."),
    "cli.requested": ("请假", "Requested"),
    "cli.emergency": ("紧急", "Emergency"),
    "cli.open": ("未销假", "Open"),
    "cli.open_": ("未销假", "open"),
    "cli.holiday": ("放假", "holiday"),
    "cli.workday": ("上班", "workday"),
    "cli.no_entries_of_your": ("没有自行录入的节假日。", "No entries of your own."),
    "cli.kind": ("类型", "Kind"),
    "cli.not_covered": ("{y} 年不在内置日历中：未录入的日子按估算（周末和法定节日休息，不含调休）。",
                        "{y} is not in the built-in calendar: days not entered are estimated "
                        "(weekends and statutory holidays off, no make-up workdays)."),
    "cli.days_entered": ("已录入 {n} 天。", "{n} days entered."),
    "cli.colour.red": ("红·逾期", "red · overdue"), "cli.colour.yellow": ("黄·临期", "yellow · due soon"),
    "cli.colour.blue": ("蓝·正常", "blue · on schedule"), "cli.colour.closed": ("已办结", "closed"),
    "backup.none": ("没有备份。现在备份：dutylog backup create", "No backups yet. Take one now: dutylog backup create"),
    "backup.col.taken": ("时间", "taken"), "backup.col.size": ("大小", "size"), "backup.col.file": ("文件", "file"),
    "backup.replaced": ("恢复时替换下的文件", "replaced by a restore"),
    "backup.checked": ("已检查", "checked"), "backup.damaged": ("检查未通过", "failed the check"),
    "backup.rule": ("保留规则：最近 {daily} 天每天最新一份、最近 {weekly} 周每周最新一份，以及最近一份通过检查的备份；"
                    "总大小不超过数据库的 {factor} 倍（至少 {floor_mib} MiB），超出时先删最旧的。每天的备份在命令结束后于后台进行并检查。",
                    "Kept: the newest copy of each of the last {daily} days and of each of the last {weekly} weeks, "
                    "and the newest copy that passed the check; in all at most {factor}× the database (at least "
                    "{floor_mib} MiB), the oldest going first. The day's copy is taken and checked in the background "
                    "after a command."),
    "backup.ask": ("用 {src} 替换 {db}？当前文件会保留在 backups/ 中。", "Replace {db} by {src}? The current file is kept in backups/."),
    "backup.restored": ("已恢复 {src}", "restored {src}"),
    "backup.kept": ("替换下的数据库保留为 {kept}", "the replaced database is kept as {kept}"),
}
STRINGS.update(CLI_STRINGS)


def default_lang() -> str:
    """The language DUTYLOG_LANG names, else Chinese."""
    return choose_lang()


def choose_lang(given: str | None = None, saved: str | None = None) -> str:
    """`given` (--lang), else DUTYLOG_LANG, else `saved` (the user's setting), else zh."""
    for lang in (given, os.environ.get("DUTYLOG_LANG"), saved):
        code = (lang or "").strip().lower()[:2]
        if code in LANGS:
            return code
    return "zh"


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Words:
    """The catalog in one language. Built once per run by `words(lang)`, handed down."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGS else "zh"
        i = LANGS.index(self.lang)
        self._table = {key: pair[i] for key, pair in STRINGS.items()}
        self._refusals = {code: pair[i] for code, pair in REFUSALS.items()}

    def __call__(self, key: str, /, **values: Any) -> str:
        text = self._table.get(key, key)
        return text.format(**values) if values else text

    def __contains__(self, key: str) -> bool:
        return key in self._table

    def field(self, name: str | None) -> str:
        """A field's name as a refusal says it: 日期 for date in Chinese."""
        if not name:
            return ""
        return FIELDS.get(name, name) if self.lang == "zh" else name

    def value(self, value: Any) -> Any:
        """A refusal's value as it is shown: a list joined, a name in the language, a
        refusal worded; anything else as it is (str.format shows it)."""
        if isinstance(value, BaseException) and getattr(value, "code", None):
            return self.refusal(value)
        if isinstance(value, BaseException):
            return str(value)
        if hasattr(value, "zh") and hasattr(value, "en"):
            return getattr(value, self.lang) or value.zh
        if isinstance(value, Mapping) and "zh" in value:
            return value.get(self.lang) or value["zh"]
        if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
            return ("、" if self.lang == "zh" else ", ").join(str(self.value(v)) for v in value)
        return value

    def refusal(self, exc: BaseException) -> str:
        """The one line a refusal is shown as: its code's wording with its values; a
        refusal without a code (plain text) as it is."""
        code = getattr(exc, "code", None)
        text = self._refusals.get(code) if code else None
        if text is None:
            return " ".join(str(exc).split())
        values = _Blank({k: self.value(v) for k, v in getattr(exc, "params", {}).items()})
        values.setdefault("field", self.field(getattr(exc, "field", None)))
        try:
            return " ".join(text.format_map(values).split())
        except (ValueError, IndexError, AttributeError):  # a wording the values do not fit
            return " ".join(str(exc).split())

    def refusal_code(self, code: str, field: str | None = None, **params: Any) -> str:
        """The wording of `code` with these values, without an exception at hand."""
        from dutylog.domain.errors import InvalidInput

        return self.refusal(InvalidInput(code=code, field=field, **params))


@cache
def words(lang: str = "zh") -> Words:
    """The catalog in `lang`, built once per run."""
    return Words(lang)


def t(key: str, lang: str = "zh", /, **values) -> str:
    return words(lang if lang in LANGS else "zh")(key, **values)


def named(prefix: str, key: str, lang: str = "zh") -> str:
    """The catalog's word for `prefix.key` (a ledger type, a reason …), else `key` as it is."""
    full = f"{prefix}.{key}"
    return t(full, lang) if full in STRINGS else key
