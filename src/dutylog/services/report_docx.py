"""`report --format docx`: the yearly 述职 report as a Word document (python-docx).

Laid out for Word and WPS alike: A4, every style given a Latin font and an East Asian font
(w:eastAsia: 宋体 for text, 黑体 for headings) with the theme fonts removed, so WPS and
Word on a Chinese system show the Chinese in the fonts an office expects, and the text
is marked zh-CN. Contents: title, subject and period, then per part of the document
(部分) a table of its duties — target, done, expected, status, shortfall in the words of
`fmt.rule_line` — and under each duty its supporting entries; then the year's ledger
items and trips. Entries marked sensitive are left out unless asked, as in the Markdown.
"""

from __future__ import annotations

import io
from datetime import datetime, time
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from dutylog import __version__
from dutylog.i18n import t

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section
    from docx.table import _Row
    from docx.text.paragraph import Paragraph

    from .core import Dutylog

from .report_rows import (
    StatusRow,
    colour_word,
    entries_by_rule,
    iso,
    ledger_rows,
    ledger_type_word,
    one_line,
    status_rows,
    trip_flags,
    trip_rows,
    word,
    year_span,
)
from .reports import ReportData, _span, entry_line

LATIN = "Times New Roman"
BODY_CJK = "宋体"  # SimSun: on every Chinese Windows and in WPS
HEADING_CJK = "黑体"  # SimHei
GREY = RGBColor(0x59, 0x59, 0x59)
BLACK = RGBColor(0, 0, 0)
TEXT_WIDTH = 16.6  # cm: A4 (21 cm) less two margins of 2.2 cm
STATUS_WIDTHS = (3.9, 2.1, 2.4, 1.4, 2.6, 4.2)  # duty, target, done, expected, status, note


def _fonts(rpr: BaseOxmlElement, latin: str, east_asia: str) -> None:
    """Latin and East Asian fonts on a run-properties element (a style's, or the document
    defaults'); theme fonts removed, since a theme font wins over a named one in Word."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _style(doc: DocxDocument, name: str, east_asia: str, size: float, bold: bool | None = None,
           before: float | None = None, after: float | None = None, centre: bool = False) -> None:
    style = doc.styles[name]
    _fonts(style.element.get_or_add_rPr(), LATIN, east_asia)
    style.font.size = Pt(size)
    style.font.color.rgb = BLACK
    style.font.italic = False
    if bold is not None:
        style.font.bold = bold
    fmt = style.paragraph_format
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    if centre:
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _prepare(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    # the document defaults too: text with no style of its own (table cells) inherits them
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr_default is not None:
        rpr = rpr_default.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            rpr_default.append(rpr)
        _fonts(rpr, LATIN, BODY_CJK)
    _style(doc, "Normal", BODY_CJK, 12, after=3)
    doc.styles["Normal"].paragraph_format.line_spacing = 1.25
    _style(doc, "Title", HEADING_CJK, 20, bold=True, before=0, after=12, centre=True)
    title = doc.styles["Title"].element.find(qn("w:pPr"))
    if title is not None:  # the default template underlines the title with a blue rule
        border = title.find(qn("w:pBdr"))
        if border is not None:
            title.remove(border)
    _style(doc, "Heading 1", HEADING_CJK, 16, bold=True, before=18, after=6)
    _style(doc, "Heading 2", HEADING_CJK, 13, bold=True, before=12, after=4)
    _style(doc, "Table Grid", BODY_CJK, 10.5)
    _page_numbers(section)


def _page_numbers(section: Section) -> None:
    """A centred page number in the footer (a PAGE field: Word and WPS fill it in)."""
    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    inner = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    inner.append(text)
    field.append(inner)
    para._p.append(field)
    para.add_run(" —")
    run.font.size = Pt(10.5)


def _header_row(row: _Row) -> None:
    """Bold, shaded, and repeated at the top of every page the table runs onto."""
    trpr = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for cell in row.cells:
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:color"), "auto")
        shade.set(qn("w:fill"), "E7E6E6")
        cell._tc.get_or_add_tcPr().append(shade)
        for para in cell.paragraphs:
            for run in para.runs:
                run.bold = True


def _table(doc: DocxDocument, headers: list[str], rows: list[list[str]],
           widths: tuple[float, ...]) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    _header_row(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = one_line(text)
    for row in table.rows:  # Word reads the cell widths, WPS and LibreOffice the grid
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    for col, width in zip(table.columns, widths, strict=True):
        col.width = Cm(width)


def _note(doc: DocxDocument, text: str) -> Paragraph:
    para = doc.add_paragraph()
    run = para.add_run(one_line(text))
    run.font.size = Pt(10.5)
    run.font.color.rgb = GREY
    return para


def _numbered(doc: DocxDocument, lines: list[str]) -> None:
    for i, text in enumerate(lines, 1):
        para = doc.add_paragraph(f"{i}. {text}")
        fmt = para.paragraph_format
        fmt.left_indent, fmt.first_line_indent = Cm(0.9), Cm(-0.9)
        fmt.space_after = Pt(0)


def docx_report(svc: Dutylog, data: ReportData, lang: str = "zh") -> bytes:
    policy, st = svc.policy, data.status
    zh = lang == "zh"
    colon = "：" if zh else ": "
    doc = Document()
    _prepare(doc)

    title = word("title", lang).format(name=one_line(st["subject"]), year=st["year"])
    doc.add_paragraph(title, style="Title")
    start, end = year_span(data)
    role_names = {r.id: r.name.get(lang) for r in policy.roles}
    facts = [
        (word("subject", lang), one_line(st["subject"])),
        (word("period", lang), word("period_text", lang).format(start=start.isoformat(), end=end.isoformat())),
        (word("roles", lang), "、".join(role_names.get(r, r) for r in st["roles"])),
        (word("basis", lang), f"{policy.document}（{policy.id}）" if zh else f"{policy.document} ({policy.id})"),
        (word("made", lang), f"dutylog {__version__}"),
    ]
    for label, value in facts:
        para = doc.add_paragraph()
        para.add_run(label + colon).bold = True
        para.add_run(value)
        para.paragraph_format.space_after = Pt(0)

    headers = [t("col.rule", lang), word("target", lang), word("actual", lang),
               t("col.expected", lang), word("status", lang), word("note", lang)]
    rows = status_rows(svc, data, lang)
    listed = entries_by_rule(data)
    results = {r.rule.id: r for r in data.progress.results}
    sections: list[tuple[str, list[StatusRow]]] = []
    for row in rows:  # rules come in the policy's order, a part's rules together
        if not sections or sections[-1][0] != row.section:
            sections.append((row.section, []))
        sections[-1][1].append(row)
    for section, members in sections:
        doc.add_heading(section or word("overview", lang), level=1)
        _table(doc, headers, [[r.duty, r.target, r.progress, r.expected or "", r.status, r.detail]
                              for r in members], STATUS_WIDTHS)
        for r in members:
            clause = word("clause_n", lang).format(n=r.clause)
            doc.add_heading(f"{r.duty}（{clause}）" if zh else f"{r.duty} ({clause})", level=2)
            rule = results[r.rule_id].rule
            if rule.duty:
                _note(doc, rule.duty)
            if r.rule_id not in listed:  # an assignment (links), not activities: list them
                linked = [ln for ln in svc.links(data.subject.name) if ln.link_type == rule.link_type]
                doc.add_paragraph().add_run(word("links", lang) + colon.strip()).bold = True
                lines = [one_line(ln.name) + _span(ln, lang) for ln in linked]
            else:
                doc.add_paragraph().add_run(word("entries", lang) + colon.strip()).bold = True
                lines = [entry_line(e, data, svc, lang, esc=one_line) for e in listed[r.rule_id]]
            if lines:
                _numbered(doc, lines)
            else:
                _note(doc, word("none", lang))
    if data.hidden:
        _note(doc, word("sensitive", lang).format(n=data.hidden))

    doc.add_heading(word("ledgers", lang), level=1)
    items = ledger_rows(svc, data)
    if items:
        est = t("ledger.est", lang)
        _table(doc, [t("col.type", lang), t("ledger.what", lang), t("ledger.opened", lang),
                     t("ledger.due", lang), t("ledger.closed", lang), t("ledger.colour", lang)],
               [[ledger_type_word(svc, i.type, lang), i.title or "—", i.opened.isoformat(),
                 (iso(i.due) or "—") + (f"（{est}）" if zh else f" ({est})") * i.due_estimated,
                 iso(i.closed), colour_word(i, lang)] for i in items],
               (2.6, 5.0, 2.3, 2.9, 2.3, 1.5))
    else:
        _note(doc, word("no_ledgers", lang))

    doc.add_heading(word("trips", lang), level=1)
    trips = trip_rows(svc, data)
    if trips:
        _table(doc, [t("leave.requested", lang), t("leave.depart", lang), t("leave.return", lang),
                     t("leave.dest", lang), t("leave.back", lang), t("leave.notice", lang),
                     t("leave.compliant", lang)],
               [[tr.requested.isoformat(), tr.depart.isoformat(), tr.return_date.isoformat(),
                 tr.destination or "—", iso(tr.back), str(tr.notice_days),
                 trip_flags(tr, lang)] for tr in trips],
               (2.3, 2.3, 2.3, 2.9, 2.3, 1.5, 3.0))
    else:
        _note(doc, word("no_trips", lang))

    props = doc.core_properties
    props.title, props.subject = title, policy.document
    props.author = props.last_modified_by = one_line(st["subject"])
    props.comments = f"dutylog {__version__}"
    props.language = "zh-CN" if zh else "en-US"
    props.created = props.modified = datetime.combine(end, time())  # the data's day, not the clock
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
