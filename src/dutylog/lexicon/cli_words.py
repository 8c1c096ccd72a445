"""The command line's Chinese: click's own strings and the commands' help texts.

Both tables are keyed by the English source text, as a gettext catalog is: click words
its messages with `_("Missing option")`, and a command's help is the English its
decorator gives (`inspect.cleandoc`-ed). `dutylog.cli.speech` puts them in place;
tests/cli/test_lang.py fails when a help text has no Chinese here.
"""

from __future__ import annotations

# click's gettext message ids (click 8.x) -> Chinese
CLICK: dict[str, str] = {
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "Aborted!": "已中止！",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "查看帮助：{command} {option}",
    "Missing command.": "缺少命令。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是其中之一：{possibilities}？）",
    "Invalid value: {message}": "值不对：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值不对：{message}",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "Value must be an iterable.": "值必须是一组。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是以下之一：{choices}。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合以下任一格式：{formats}。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数字（{number_type}）。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是是/否；可用：{states}",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "file": "文件", "directory": "文件夹", "path": "路径",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行。",
    "Could not open file {filename!r}: {message}": "打不开文件 {filename!r}：{message}",
    "unknown error": "未知错误",
    "Do you want to continue?": "要继续吗？",
    "Confirm the action without prompting.": "不询问，直接确认。",
}

# the commands' help (English as the decorators give it, cleaned) -> Chinese
HELP: dict[str, str] = {
    # issue 14 §6: import a folder of bundles
    "Merge bundles (files, or folders of .jsonl bundles); each bundle in its own\ntransaction; importing the same bundle twice changes nothing. Exit 2 when any bundle\nwas refused (the others are merged).":
        "合并合并包（文件，或放有 .jsonl 合并包的文件夹）；每个包单独成一个事务；\n同一个包导入两次不会重复。有包被拒绝时退出码为 2（其余的包照常合并）。",
    "The summary as JSON (per source and the total).": "以 JSON 输出汇总（每个来源及合计）。",
    # issue 12: sealed backups, --force
    "Seal the copy with a passphrase (for a laptop that may be lost).": "用口令加密备份（以防笔记本丢失）。",
    "The passphrase of a sealed backup, from FILE.": "加密备份的口令，从文件 FILE 读取。",
    "Replace PATH if it exists.": "PATH 已存在时替换它。",
    "File to write.": "要写入的文件。",
    "Replace the file if it exists.": "文件已存在时替换它。",
    # import-table (issue 11 §5)
    "Import the rows of an Excel or CSV 台账 as entries, all or nothing.\n\nColumns by header (Chinese or English): 日期 类别 天数 标题 地点 人员 备注 对象 记录人 姓名\n(date kind days title place people note object by subject). Importing the same file\nagain changes nothing.":
        "把 Excel 或 CSV 台账的各行作为记录导入，要么全部导入，要么一行不导。\n\n按表头（中文或英文）识别列：日期 类别 天数 标题 地点 人员 备注 对象 记录人 姓名。\n同一个文件再导入一次不会有任何改变。",
    "Import without asking (needed when no one is at the terminal).": "不询问直接导入（无人值守时必须给出）。",
    "Show the preview and the refusals; change nothing.": "只显示预览和不合格的行，不做任何改动。",
    "The workbook's sheet to read (default: 台账, else the first with a header row).":
        "要读取的工作表（默认：台账，否则第一个有表头的工作表）。",
    "Whose entries the rows are (needed unless the file has a 姓名/subject column; fills its empty cells).":
        "这些行是谁的记录（文件没有“姓名”列时必须给出；也用于填补该列的空格）。",
    # subject archive / restore (issue 14)
    "Archive a subject who left: kept with every record, hidden from lists (restore brings it back).":
        "归档已离任的对象：记录全部保留，只是不在列表中显示（restore 可恢复）。",
    "Who archives it (default: the subject).": "谁归档；默认：本人。",
    "Archived subjects too.": "也列出已归档的对象。",
    "List subjects (archived ones with --all).": "列出对象（加 --all 含已归档的）。",
    "Bring an archived subject back into the lists.": "把已归档的对象恢复到列表中。",
    "Who restores it (default: the subject).": "谁恢复；默认：本人。",
    # dutylog
    "dutylog — 履职记录：海政发〔2022〕17号 duties, logged and tracked offline.":
        "dutylog 履职记录：按海政发〔2022〕17号记录和跟踪履职，全部离线。",
    "Language of the interface (default: DUTYLOG_LANG, else the saved setting, else zh).":
        "界面语言（默认：DUTYLOG_LANG，其次是保存的设置，否则中文 zh）。",
    "Draw bars and marks with ASCII (also DUTYLOG_ASCII=1; automatic on the old Windows console).":
        "用 ASCII 字符画进度条和标记（也可设 DUTYLOG_ASCII=1；旧版 Windows 控制台自动使用）。",
    # backup
    "Copies of the database in the data folder's backups/ (one is taken automatically each day).":
        "数据库的备份，存放在数据目录的 backups/ 中（每天自动备份一次）。",
    "Take a consistent copy of the database now.": "立即备份数据库（一致的副本）。",
    "Backups, oldest first.": "列出备份，从旧到新。",
    "Replace the database by the backup FILE (the replaced file is kept in backups/).":
        "用备份文件 FILE 替换数据库（被替换的文件保留在 backups/ 中）。",
    "Do not ask before replacing the database.": "替换数据库前不再询问。",
    # entries
    "The subject confirms an entry someone else recorded.": "本人确认他人代为登记的记录。",
    "The subject confirming the entry.": "确认记录的本人。",
    "Delete an entry (a tombstone: `dutylog undelete ID` brings it back).":
        "删除一条记录（留有删除标记：`dutylog undelete 编号` 可恢复）。",
    "Who deletes it; default: the subject.": "谁删除；默认：本人。",
    "Change an entry; the old version stays in its history.": "修改一条记录；旧版本保留在其历史中。",
    "Days spent (half days allowed: 0.5, 1.5 …).": "天数（可按半天：0.5、1.5 …）。",
    "Title (required for research-topic, major-item, service-project).":
        "标题（research-topic、major-item、service-project 必填）。",
    "Where it happened.": "地点。",
    "People met or present.": "参加或走访的人员。",
    "Anything else worth keeping.": "其他需要记下的内容。",
    "Linked enterprise or department head it concerns.": "所涉及的联系企业或部门负责人。",
    "Who recorded it (a secretary); default: the subject.": "记录人（如秘书）；默认：本人。",
    "court-case: did the head appear in court (yes|no).": "行政应诉案件：负责人是否出庭（yes|no）。",
    "patrol: a patrol type of the policy (policy show).": "巡查：政策中的巡查类型（见 policy show）。",
    "List entries, oldest first.": "列出记录，从早到晚。",
    "Any substring of title, place, people or note, Chinese included.":
        "在标题、地点、人员、备注中搜索任意字词（含中文）。",
    "Include deleted entries.": "包括已删除的记录。",
    "Every version of an entry, oldest first.": "一条记录的所有版本，从旧到新。",
    "Bring a deleted entry back.": "恢复一条已删除的记录。",
    "Record one activity; prints the new entry's id.": "登记一项活动；输出新记录的编号。",
    "Whose activity it is.": "谁的活动。",
    "YYYY-MM-DD, today/yesterday, 今天/昨天.": "YYYY-MM-DD、今天/昨天（today/yesterday）等。",
    "The visit was 四不两直 (unannounced).": "这次走访是四不两直。",
    "Keep out of exports and bundles unless asked.": "敏感：除非特别要求，不进入导出和合并包。",
    "Also open a follow-up ledger item due that day.": "同时建立一个当天到期的跟进台账事项。",
    # demo
    "Open the app on a sample year for two leaders and a Party-member cadre.\n\n"
    "The data lives in a temporary folder; your own database is never touched.":
        "用一年的演示数据（两位领导和一名党员干部）打开应用。\n\n数据放在临时目录中，不会动您自己的数据库。",
    "Pretend today is this date (YYYY-MM-DD).": "把这一天当作今天（YYYY-MM-DD）。",
    "Keep the demo folder afterwards and print its path.": "结束后保留演示目录并输出其路径。",
    # bundles
    "Write a merge bundle to PATH.": "把合并包写到 PATH。",
    "Only records changed on or after this date.": "只导出这一天及以后改动的记录。",
    "Only what changed since the last export to this destination.": "只导出上次导出到该目的地以来的改动。",
    "Also export entries marked sensitive.": "也导出标为敏感的记录。",
    "Seal the bundle with a passphrase (for a USB stick that may be lost).": "用口令加密合并包（以防 U 盘丢失）。",
    "Read the passphrase (or the office's key file) from FILE.": "从文件 FILE 读取口令（或办公室的密钥文件）。",
    "Merge a bundle; importing the same bundle twice changes nothing.": "合并一个合并包；同一个包导入两次不会重复。",
    "The passphrase of a sealed bundle, from FILE.": "加密合并包的口令，从文件 FILE 读取。",
    # ledgers, courts, patrols
    "Court cases of a year (clause 26): appeared yes/no and the appearance rate.":
        "一年的行政应诉案件（第26条）：是否出庭及出庭应诉率。",
    "Tracked items with a deadline (台账: the policy's ledger types, see policy show).":
        "有期限的台账事项（台账类型见 policy show）。",
    "Open a tracked item of TYPE, a ledger type of the policy (policy show); prints its id.":
        "新建一个 TYPE 类型的台账事项（类型见 policy show）；输出其编号。",
    "The day the item arrived (YYYY-MM-DD, today …).": "收到事项的日期（YYYY-MM-DD、今天 …）。",
    "Due day; default: the working days after --opened that the policy sets for TYPE (policy show); required for a type without them.":
        "期限；默认：收到日期后政策为该类型规定的工作日数（见 policy show）；没有规定的类型必填。",
    "Close an item (办结).": "办结一个事项。",
    "Items, most urgent first (red, yellow, blue, closed).": "列出事项，最紧急的在前（红、黄、蓝、已办结）。",
    "Only items not yet closed.": "只列未办结的事项。",
    "Add a progress report (定期报告进展) to an item.": "为事项添加进展报告（定期报告进展）。",
    "One item with its history of progress reports.": "一个事项及其历次进展报告。",
    "Patrols (clause 20) by type, per month and for the year.": "巡河湖湾林（第20条），按类型、按月和全年统计。",
    "Set the yearly patrol target (0 removes it).": "设定全年巡查目标（0 表示取消）。",
    # holidays, workdays
    "Your own entries from a year's official holiday notice (they win over the built-in calendar).":
        "您按当年国务院放假通知自行录入的日子（优先于内置日历）。",
    "Import a holiday notice file: lines `DATE[..DATE] holiday|workday [NAME]`\n"
    "(`dutylog holidays template` prints a documented example).":
        "导入放假通知文件：每行 `日期[..日期] holiday|workday [名称]`\n（`dutylog holidays template` 输出带说明的示例）。",
    "Your entries for a year.": "列出某年自行录入的日子。",
    "Mark one day a holiday or a (make-up) workday.": "把某天标为放假或（调休）上班。",
    "e.g. 春节": "如 春节",
    "Print a documented holiday file to fill in for `holidays import`.": "输出一个带说明的假日文件模板，填好后用 `holidays import` 导入。",
    "The N-th working day after DATE (DATE excluded).": "DATE 之后的第 N 个工作日（不含 DATE 当天）。",
    # leave
    "Leave requests (请假) and returns (销假).": "外出请假与销假。",
    "Record the 销假 of a trip.": "登记一次外出的销假。",
    "Trips with their notice days, compliance and open flag.": "列出外出：提前天数、是否合规、是否未销假。",
    "Record a trip out of the city; prints its id.": "登记一次离开本市的外出；输出其编号。",
    "The day the written request was made.": "提出书面请假的日期。",
    "An emergency, reported when leaving.": "紧急事项，离岗时同时报告。",
    # subjects and links
    "Assign a linked object; TYPE is a link type of the policy (policy show).":
        "建立联系对象；TYPE 是政策中的联系类型（见 policy show）。",
    "First day of the link (YYYY-MM-DD); default: today.": "联系开始的日期（YYYY-MM-DD）；默认：今天。",
    "List a subject's linked objects.": "列出某对象的联系对象。",
    "End a link (it still counts for the days it was active).": "结束联系（联系期间的记录仍然计入）。",
    "Last day of the link (YYYY-MM-DD).": "联系的最后一天（YYYY-MM-DD）。",
    "People and bodies whose duties are tracked.": "被记录履职的个人和单位。",
    "Add a person or body.": "添加一个人或单位。",
    "A role of the policy (dutylog roles / policy show); repeatable.": "政策中的角色（见 dutylog roles / policy show）；可重复。",
    "The day record keeping starts (default: today); periods that ended before it are not judged.":
        "开始记录的日期（默认：今天）；此前结束的周期不作评判。",
    "Change a subject's roles, tracking start or name (the old version stays in its history).":
        "修改对象的角色、开始记录日期或名称（旧版本保留在历史中）。",
    "Roles of the policy (dutylog roles), replacing the present ones (repeatable).":
        "政策中的角色（见 dutylog roles），替换现有角色（可重复）。",
    "The day record keeping started.": "开始记录的日期。",
    "A new name.": "新名称。",
    "List subjects.": "列出对象。",
    "The roles `subject add --role` accepts, and the roles each one implies.":
        "`subject add --role` 可用的角色，以及每个角色包含的角色。",
    # policy
    "The policy preset (rules and targets) in use.": "正在使用的政策预设（职责和指标）。",
    "Write the policy in use as TOML to PATH, to edit a copy.": "把正在使用的政策写成 TOML 文件 PATH，以便修改副本。",
    "Rules and targets of the policy in use, and its vocabulary: roles, link, patrol\nand ledger types.":
        "正在使用的政策的职责和指标，以及其词汇：角色、联系类型、巡查类型和台账类型。",
    "Use your own copy of the policy (`builtin` goes back to the preset).": "使用您自己的政策副本（`builtin` 回到内置预设）。",
    # report, status
    "Write the year's report for SUBJECT.": "为对象 SUBJECT 写出年度报告。",
    "Whose year it is.": "谁的年度。",
    "YYYY; default: the current year.": "年份 YYYY；默认：今年。",
    "md: 述职 material; docx: the same as a Word document; csv: entries for Excel; xlsx: an Excel workbook of entries, ledgers and the status table; ics: sessions, due dates and trips.":
        "md：述职材料；docx：同样内容的 Word 文档；csv：供 Excel 使用的记录表；xlsx：含记录、台账和进度表的 Excel 工作簿；ics：一线办公、期限和外出的日历。",
    "File to write (replaced if it exists).": "要写入的文件（已存在则替换）。",
    "Also include entries marked sensitive.": "也包括标为敏感的记录。",
    "Progress of every rule that applies to the subject's roles.": "对象角色所适用的每条职责的进度。",
    "Leave out entries still awaiting the subject's confirmation.": "不计尚待本人确认的记录。",
}
