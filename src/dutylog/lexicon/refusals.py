"""How each refusal is worded, by its code: (zh, en).

A refusal is raised with a code and its values (`dutylog.domain.errors`):

    raise InvalidInput(code="date.future", field="date", when=when, today=today)

and worded at the edge (`Words.refusal`) from this table. `{field}` is the field's name in
the language (FIELDS), a list value is joined with 、 or ", ", a value with `zh` and `en`
(a kind's name) is the language's, and a refusal given as a value is worded too.
A new refusal: a code here with both wordings (tests/test_lang.py checks every code used
in src/ has them), then raise it with that code.
"""

from __future__ import annotations

# The fields refusals name, in Chinese (English: the field's own name).
FIELDS: dict[str, str] = {
    "date": "日期", "since": "起始日期", "until": "截止日期", "from": "起始日期", "to": "截止日期",
    "days": "天数", "title": "标题", "object": "联系对象", "kind": "类别", "role": "角色",
    "roles": "角色", "name": "名称", "subject": "对象", "year": "年度", "as-of": "截至日期",
    "as_of": "截至日期", "appeared": "出庭", "patrol": "巡查类型", "id": "编号", "by": "确认人",
    "opened": "收到日期", "due": "期限", "requested": "请假日期", "depart": "离海日期",
    "return": "返回日期", "note": "备注", "place": "地点", "people": "人员", "type": "类型",
    "target": "目标", "format": "格式", "out": "输出文件", "path": "文件", "policy": "政策文件",
    "passphrase": "口令", "follow-up-due": "跟进期限", "destination": "去向",
}

DATE_FORMS_ZH = "YYYY-MM-DD（也可 YYYY/M/D、YYYY.M.D、YYYY年M月D日）、M月D日、今天、昨天、前天、N天前、上周一…上周日、本周一…本周日"
DATE_FORMS_EN = ("YYYY-MM-DD (also YYYY/M/D, YYYY.M.D, YYYY年M月D日), M月D日, 今天, 昨天, 前天, N天前, "
                 "上周一…上周日, 本周一…本周日, today, yesterday")
KIND_HOW_ZH = "可输入类别的编号、中文名称或其开头几个字、英文名称或拼音首字母"
KIND_HOW_EN = "type a kind's id, Chinese name or its first characters, English name or pinyin initials"

REFUSALS: dict[str, tuple[str, str]] = {
    # dates, years, days (domain/dates.py)
    "date.not_a_date": (f"{{field}}：“{{text}}”不是日期；可以写 {DATE_FORMS_ZH}",
                        f"{{field}}: {{text!r}} is not a date; use {DATE_FORMS_EN}"),
    "date.no_such_day": (f"{{field}}：日历上没有 {{text}} 这一天；可以写 {DATE_FORMS_ZH}",
                         f"{{field}}: {{text}} does not exist on the calendar; use {DATE_FORMS_EN}"),
    "date.too_long_ago": (f"{{field}}：{{text}} 是一百多年前；可以写 {DATE_FORMS_ZH}",
                          f"{{field}}: {{text}} is more than a hundred years ago; use {DATE_FORMS_EN}"),
    "date.future": ("{field}：{when} 晚于今天（{today}）；不能登记将来的日子",
                    "{field}: {when} is in the future (today is {today}); future activities cannot be logged"),
    "date.too_early": ("{field}：{when} 早于 {first} 年；请检查年份", "{field}: {when} is before {first}; check the year"),
    "day.future": ("{field}：{when} 晚于今天（{today}）", "{field}: {when} is in the future (today is {today})"),
    "year.not_a_year": ("{field}：“{text}”不是年份；请写四位数字，如 2025",
                        "{field}: {text!r} is not a year; use four digits such as 2025"),
    "year.range": ("{field}：{year} 超出范围；请写 2000 至 2100 之间的年份",
                   "{field}: {year} is out of range; use a year between 2000 and 2100"),
    "days.not_a_number": ("{field}：“{text}”不是数字；请填天数，如 1 或 0.5",
                          "{field}: {text!r} is not a number; give days such as 1 or 0.5"),
    "days.not_positive": ("{field}：{days} 须大于 0；请填天数，如 1 或 0.5",
                          "{field}: {days} must be more than 0; give days such as 1 or 0.5"),
    "days.not_half": ("{field}：{days} 不是整天或半天；请按 0.5 天填写",
                      "{field}: {days} is not a whole or half day; use steps of 0.5"),
    "days.over_a_year": ("{field}：{days} 超过一年；一条记录最多 366 天",
                         "{field}: {days} is more than a year; one entry covers at most 366 days"),
    "days.past_today": ("{field}：从 {when} 起 {days} 天会超过今天（{today}）；最多 {most} 天——跨多天的活动记在第一天",
                        "{field}: {days} days from {when} would run past today ({today}); at most {most} — date a longer stay on its first day"),
    "range.backwards": ("截止日期 {date_to} 早于起始日期 {date_from}", "--to {date_to} is before --from {date_from}"),
    "env.today": ("DUTYLOG_TODAY：“{text}”不是 YYYY-MM-DD 格式的日期", "DUTYLOG_TODAY: {text!r} is not a YYYY-MM-DD date"),
    # kinds (domain/kinds.py)
    "kind.none_given": (f"{{field}}：没有填写类别；{KIND_HOW_ZH}", f"{{field}}: no kind given; {KIND_HOW_EN}"),
    "kind.ambiguous": ("{field}：“{text}”可能是 {names}；请多输入几个字",
                       "{field}: {text!r} could be {names}; type more of the name"),
    "kind.unknown_close": (f"{{field}}：没有类别“{{text}}”；是不是 {{names}}？（{KIND_HOW_ZH}）",
                           f"{{field}}: unknown kind {{text!r}}; did you mean {{names}}? ({KIND_HOW_EN})"),
    "kind.unknown": (f"{{field}}：没有类别“{{text}}”；类别有：{{names}}（{KIND_HOW_ZH}）",
                     f"{{field}}: unknown kind {{text!r}}; kinds: {{names}} ({KIND_HOW_EN})"),
    # one activity (domain/validate.py)
    "entry.title_required": ("{field}：“{kind_name}”必须填写标题（按不同标题计数）",
                             "{field}: --title is required for {kind} (its rule counts distinct titles)"),
    "entry.object_required": ("{field}：“{kind_name}”必须选择联系对象",
                              "{field}: --object is required for {kind} (name the linked {object_type})"),
    "entry.appeared_not_here": ("{field}：只有行政应诉案件才填是否出庭，“{kind_name}”不填",
                                "{field}: --appeared only applies to court-case, not {kind}"),
    "entry.patrol_not_here": ("{field}：只有巡河湖湾林才填巡查类型，“{kind_name}”不填",
                              "{field}: --patrol only applies to patrol, not {kind}"),
    "entry.patrol_unknown": ("{field}：“{text}”不是巡查类型；可选：{accepted}",
                             "{field}: {text!r} is not a patrol type; accepted: {accepted}"),
    "text.too_long": ("{field}：共 {length} 字，最多保存 {most} 字", "{field}: text is {length} characters; at most {most} are kept"),
    "text.nul": ("{field}：含有不可见的空字符（NUL）", "{field}: contains a NUL character"),
    "yes_no": ("{field}：“{text}”不是 是/否（yes/no）", "{field}: {text!r} is not yes or no"),
    # entries (store/entries.py, services/logbook.py, services/records.py)
    "entry.deleted": ("{field}：记录 {id} 已删除", "{field}: entry {id} is deleted"),
    "entry.deleted_first": ("记录 {id} 已删除；请先恢复（undelete）", "entry {id} is deleted; undelete it first"),
    "entry.deleted_confirm": ("记录 {id} 已删除；请先恢复再确认", "entry {id} is deleted; undelete it before confirming"),
    "entry.already_deleted": ("记录 {id} 已经删除；恢复请用：dutylog undelete {id}",
                              "entry {id} is already deleted; bring it back with: dutylog undelete {id}"),
    "entry.not_deleted": ("记录 {id} 没有被删除", "entry {id} is not deleted"),
    "entry.changed_meanwhile": ("记录 {id} 刚被别处修改；请重试", "entry {id} changed meanwhile; try again"),
    "edit.nothing": ("没有要修改的内容；请至少给出一项，如 --date 或 --note",
                     "edit: nothing to change; give at least one option such as --date or --note"),
    "edit.subject_nothing": ("没有要修改的内容；请给出 --role、--since 或 --rename",
                             "edit: nothing to change; give --role, --since or --rename"),
    "id.too_short": ("{field}：记录编号至少 {least} 位，收到“{text}”",
                     "{field}: an entry id needs at least {least} characters, got {text!r}"),
    "id.unknown": ("{field}：没有编号为“{text}”的记录", "{field}: no entry with id {text!r}"),
    "id.ambiguous": ("{field}：“{text}”对应多条记录：{matches}；请多输入几位",
                     "{field}: {text!r} matches several entries: {matches}; give more characters"),
    "confirm.no_name": ("{field}：请写明确认人姓名", "{field}: confirm needs the name of who confirms"),
    "confirm.not_subject": ("{field}：只有本人（{subject}）可以确认这条记录，不是“{by}”",
                            "{field}: only the subject ({subject}) can confirm this entry, not {by!r}"),
    # subjects, roles, links (services/subjects.py, store/subjects.py)
    "role.none": ("{field}：请至少给一个角色（--role）；可选：{accepted}",
                  "{field}: give at least one --role; accepted: {accepted}"),
    "role.unknown": ("{field}：没有角色“{text}”；可选：{accepted}", "{field}: unknown role {text!r}; accepted: {accepted}"),
    "subject.no_name": ("{field}：请填写姓名或单位名称", "{field}: a subject needs a name"),
    "subject.exists": ("{field}：已有同名对象“{name}”", "{field}: subject {name!r} already exists"),
    "subject.unknown": ("{field}：没有名为“{name}”的对象；已有：{known}", "{field}: no subject named {name!r}; known: {known}"),
    "subject.unknown_none": ("{field}：没有名为“{name}”的对象；先添加：dutylog subject add 姓名 --role 角色",
                             "{field}: no subject named {name!r}; add one with: dutylog subject add NAME --role ROLE"),
    "link.type_unknown": ("{field}：没有联系类型“{text}”；可选：{accepted}",
                          "{field}: unknown link type {text!r}; accepted: {accepted}"),
    "link.no_name": ("{field}：请填写联系对象名称", "{field}: a linked object needs a name"),
    "link.exists": ("{field}：{subject} 已与“{name}”建立 {type} 联系", "{field}: {subject} already has an active {type} link to {name!r}"),
    "link.already_ended": ("与“{name}”的联系已于 {until} 结束", "link {name!r} already ended on {until}"),
    "link.ends_before_start": ("{field}：联系不能在开始（{since}）之前结束（{until}）",
                               "{field}: a link cannot end ({until}) before it starts ({since})"),
    "link.entries_after": ("{field}：“{name}”有 {n} 条记录晚于 {until}（最早 {first}）；请在 {last} 或之后结束联系",
                           "{field}: {n} entries for {name!r} are dated after {until} (the first on {first}); end the link on or after {last}"),
    "link.not_linked": ("{field}：“{name}”没有作为 {what} 与 {subject} 建立联系；已联系：{linked}",
                        "{field}: {name!r} is not linked to {subject} as {what}; linked: {linked}"),
    "link.not_linked_none": ("{field}：“{name}”没有作为 {what} 与 {subject} 建立联系；请先联系：dutylog link {subject} {type} 名称",
                             "{field}: {name!r} is not linked to {subject} as {what}; link it first: dutylog link {subject} {type} NAME"),
    "link.not_linked_here": ("{field}：“{name}”没有与本对象建立联系；已联系：{linked}",
                             "{field}: {name!r} is not linked to this subject; linked: {linked}"),
    "link.several_types": ("{field}：“{name}”在 {on} 以多种类型联系（{types}）",
                           "{field}: {name!r} is linked as several types ({types}) on {on}"),
    "link.several_types_any": ("{field}：“{name}”以多种类型联系（{types}）；请写明类型",
                               "{field}: {name!r} is linked as several types ({types}); name the type"),
    "link.not_on_day": ("{field}：{on} 这天“{name}”不在与 {subject} 的联系期间（联系期间：{spans}）",
                        "{field}: {name!r} was not linked to {subject} on {on} (linked {spans})"),
    # ledgers, leave, holidays (services/ledgers.py, services/leave.py)
    "ledger.no_note": ("{field}：报告进展须写明进展情况（--note）", "{field}: a progress report needs a --note"),
    "ledger.closed_no_progress": ("{field}：台账事项 {id} 已于 {closed} 办结，不能再报告进展",
                                  "{field}: ledger item {id} was closed on {closed}; no more progress reports"),
    "ledger.already_closed": ("{field}：台账事项 {id} 已经办结（{closed}）", "{field}: ledger item {id} is already closed ({closed})"),
    "ledger.before_opened": ("{field}：{when} 早于事项收到日期（{opened}）", "{field}: {when} is before the item was opened ({opened})"),
    "ledger.due_before_entry": ("{field}：{due} 早于日记日期 {date}", "{field}: {due} is before the entry's date {date}"),
    "leave.requested_future": ("{field}：{when} 晚于今天（{today}）；请填提出请假的那天",
                               "{field}: {when} is in the future (today is {today}); give the day the request was made"),
    "leave.already_back": ("{field}：外出 {id} 已经销假（{back}）", "{field}: trip {id} already has its 销假 ({back})"),
    "holiday.kind": ("{field}：“{text}”既不是 holiday（放假）也不是 workday（上班）",
                     "{field}: {text!r} is neither holiday nor workday; accepted: holiday, workday"),
    "holiday.unreadable": ("{field}：读不了假日文件 {path}：{reason}", "cannot read holiday file {path}: {reason}"),
    "holiday.bad_line": ("{path}：第 {line} 行：{reason}", "{path}: line {line}: {reason}"),
    "holiday.empty": ("{path}：没有假日行（例如 2027-02-06..2027-02-12 holiday 春节）",
                      "{path}: no holiday lines found (e.g. 2027-02-06..2027-02-12 holiday 春节)"),
    "target.not_positive": ("{field}：须大于 0，收到 {target}", "{field}: must be more than 0, got {target}"),
    # reports and files (services/reports.py, services/bundles.py, policy/loader.py)
    "report.format": ("{field}：没有格式“{text}”；可选：{accepted}", "{field}: unknown format {text!r}; accepted: {accepted}"),
    "out.folder": ("{field}：{path} 是文件夹；请给文件名，如 {example}", "{field}: {path} is a folder; give a file name such as {example}"),
    "out.no_folder": ("{field}：文件夹 {folder} 不存在", "{field}: the folder {folder} does not exist"),
    "out.own_data": ("{field}：{path} 是 dutylog 自己的数据；请换一个文件名", "{field}: {path} is dutylog's own data; choose another file name"),
    "out.locked": ("{field}：无法替换 {path}：请先在 Excel/WPS 中关闭该文件（{reason}）",
                   "{field}: cannot replace {path}: close it in Excel/WPS first ({reason})"),
    "out.exists": ("{field}：{path} 已存在；请换一个新文件名", "{path} already exists; choose a new file name"),
    "out.unwritable": ("{field}：无法写入 {path}（{reason}）", "{field}: cannot write {path} ({reason})"),
    "bundle.no_destination": ("{field}：请给出目的地名称，如 --to office-pc", "{field}: give a destination name, e.g. --to office-pc"),
    "bundle.sealed": ("{path} 已加密：请给出口令（--passphrase-file 文件，或在提示时输入）",
                      "{path} is sealed: give its passphrase (--passphrase-file FILE, or type it when asked)"),
    "bundle.no_file": ("{field}：找不到合并包 {path}", "{path}: cannot read it: no such bundle file"),
    "passphrase.no_terminal": ("{field}：没有终端可以询问口令；请用 --passphrase-file 文件",
                               "{field}: no terminal to ask on; give --passphrase-file FILE"),
    "passphrase.unreadable": ("{field}：读不了 {path}（{reason}）", "passphrase-file: cannot read {path} ({reason})"),
    "policy.not_found": ("{field}：找不到政策文件 {path}", "{path}: policy file not found"),
    "policy.unreadable": ("{field}：读不了政策文件 {path}（{reason}）", "{path}: cannot read policy file ({reason})"),
    # the command line's own refusals (cli/, worded from click's exceptions)
    "usage.missing_option": ("缺少选项 {name}", "Missing option {name}."),
    "usage.missing_argument": ("缺少参数 {name}", "Missing argument {name}."),
    "usage.see_help": ("（查看：{path} --help）", "(see: {path} --help)"),
    "run.aborted": ("已中止", "aborted"),
    "run.interrupted": ("已中断；没有写入一半的数据", "interrupted; nothing was half-written"),
    "run.unexpected": ("意外错误：{name}：{reason}（设置 DUTYLOG_DEBUG=1 查看详情）",
                       "unexpected error: {name}: {reason} (set DUTYLOG_DEBUG=1 for details)"),
}
