"""A refusal from the services, in the user's language, for the field it names.

The services word their refusals in English (the CLI's contract); the form shows a
Chinese sentence first when the interface is Chinese, and keeps the exact message below.
"""

from __future__ import annotations

from rich.text import Text

# (field, words in the English message) -> Chinese explanation; first match wins
ZH = [
    ("date", "in the future", "日期不能晚于今天：未来的活动不能登记"),
    ("date", "not a date", "日期格式不对：可填 今天、前天、3天前、上周五、11月3日 或 2026-11-03"),
    ("date", "does not exist", "日历上没有这一天"),
    ("from", "not a date", "起始日期格式不对：可填 今天、前天、3天前、上周五、11月3日 或 2026-11-03"),
    ("to", "not a date", "截止日期格式不对：可填 今天、前天、3天前、上周五、11月3日 或 2026-11-03"),
    ("date", "before 2000", "日期早于 2000 年：请检查年份"),
    ("days", "run past today", "天数超过了从该日期到今天的天数：多日的活动按第一天的日期登记"),
    ("days", "not a number", "天数请填数字（如 1、0.5）或 半天、一天，不接受 1e1 这类写法"),
    ("days", "whole or half", "天数按半天计：0.5、1、1.5 …"),
    ("days", "more than a year", "一条记录最多 366 天"),
    ("days", "", "天数须为大于 0 的数字，可按半天填写（如 0.5）"),
    ("title", "required", "此类活动必须填写标题（按不同标题计数）"),
    ("object", "required", "此类活动必须选择联系对象"),
    ("object", "was not linked", "这一天不在该对象的联系期间内（一次走访或谈话计入当天联系的对象）"),
    ("object", "not a", "所选对象没有与本人建立联系"),
    ("kind", "", "请从列表中选择活动类别"),
    ("name", "already", "已有同名对象"),
    ("name", "needs a name", "请填写名称"),
    ("role", "", "请至少勾选一个角色"),
    ("since", "in the future", "开始记录的日期不能晚于今天"),
    ("since", "", "起始日期格式不对：可填 今天、前天、3天前、上周五、11月3日 或 2026-11-03"),
    ("policy", "not found", "找不到这个政策文件"),
]


def explain(exc: Exception, lang: str) -> Text:
    message = str(exc)
    field = getattr(exc, "field", None)
    out = Text()
    if lang == "zh":
        for f, words, zh in ZH:
            if f == field and words in message:
                out.append(zh + "\n", style="bold red")
                break
    out.append(message, style="red" if out.plain else "bold red")
    return out
