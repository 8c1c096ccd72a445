"""Textual's own strings a dutylog user sees, in Chinese: keyed by Textual's English (the
system commands of the palette, its placeholders), as a gettext catalog is."""

from __future__ import annotations

TEXTUAL: dict[str, str] = {
    # the palette's system commands (App.get_system_commands): titles and help
    "Theme": "主题",
    "Change the current theme": "更换配色主题",
    "Quit": "退出",
    "Quit the application as soon as possible": "立即退出程序",
    "Keys": "按键",
    "Hide the keys and widget help panel": "隐藏按键和帮助面板",
    "Show help for the focused widget and a summary of available keys": "显示当前部件的帮助和可用按键",
    "Minimize": "还原",
    "Minimize the widget and restore to normal size": "把部件还原到正常大小",
    "Maximize": "最大化",
    "Maximize the focused widget": "最大化当前部件",
    "Screenshot": "截图",
    "Save an SVG 'screenshot' of the current screen": "把当前屏幕保存为 SVG 截图",
    # the palette itself
    "Search for commands…": "搜索命令…（中文、拼音首字母或英文）",
    "Search for themes…": "搜索主题…",
    "No matches found": "没有匹配的命令",
    "palette": "命令",
    "Open the command palette": "打开命令面板",
}
