"""The cycle-3/4 addendum layouts of the synthetic corpus (called by ``make_corpus.py``; not run on its own).

Thirteen more fictional reviews (symbols A/HRC/99/31 to A/HRC/99/43), each a small Working Group report
plus the State's addendum in one layout (the first eight below; corpora/MANIFEST.md lists them all):

====================  ======  ===========  =======================================================
symbol                State   addendum     layout of the addendum
====================  ======  ===========  =======================================================
A/HRC/99/31/Add.1     LIE     PDF          annex table: id | position | comments (grouped and partial rows)
A/HRC/99/32/Add.1     SMR     DOCX         annex Word table: id | position | comments
A/HRC/99/33/Add.1     MLT     PDF          lines "33.1 Supported" / "33.2 Noted" (the report prints "33.1.")
A/HRC/99/34/Add.1     ISL     DOCX         Word table grouped by theme: id | recommendation | position
A/HRC/99/35/Add.1     LUX     PDF          prose lists with every range notation, a noted sentence, a partial one
A/HRC/99/36/Add.1     CYP     DOCX         grouped rows "36.3; 36.4; 36.9" | position | one justification
A/HRC/99/37/Add.1     MNE     PDF          "List of accepted recommendations (N in total): ..." + "all other"
A/HRC/99/38/Add.1     EST     PDF          positions per report paragraph (the report splits them by decision)
====================  ======  ===========  =======================================================

Every sentence is invented for this corpus. EXPECTED.json gets, for each addendum, ``positions`` (id → position)
and ``explanations`` (id → the explanation kept for partial positions).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import make_corpus as mc
from fpdf import FPDF
from make_corpus import ITEM_X, LINE, PARA_GAP, TEXT_L, TEXT_R, Cover, I, Item, Layout, Line, P, ReportSpec

S, N, PS = "supported", "noted", "partially supported"

# invented recommendations (text, recommending State(s)); every State is in make_corpus.ISO3
POOL: list[tuple[str, str]] = [
    ("Ratify the Optional Protocol to the Convention against Torture", "Denmark"),
    ("Adopt a national action plan against racism and intolerance", "Brazil"),
    ("Strengthen the independence and resources of the national human rights institution", "Portugal, Ghana"),
    ("Define marital rape explicitly as an offence in the Criminal Code", "Sweden"),
    ("Ensure that asylum seekers receive free legal aid at every stage of the procedure", "Mexico"),
    ("Raise the minimum age of marriage to 18 years without exception", "Canada"),
    ("Guarantee equal pay for work of equal value in the public and private sectors", "Norway"),
    ("Prevent hate speech online, including by training prosecutors and judges", "Germany"),
    ("Ratify the International Convention for the Protection of All Persons from Enforced Disappearance",
     "France"),
    ("Make public buildings and transport accessible to persons with disabilities", "Japan"),
    ("Adopt legislation that recognizes same-sex partnerships", "Netherlands"),
    ("Remove the requirement of spousal consent for access to contraception", "Uruguay"),
    ("Bring the definition of torture in domestic law into line with the Convention", "Chile"),
    ("Provide enough shelter places for women victims of violence in every region", "Spain"),
    ("Continue to integrate migrant children into the education system", "Morocco"),
    ("Set up an independent body to investigate complaints against the police", "Austria"),
    ("Shorten pretrial detention and use alternatives to detention", "Kenya"),
    ("Ratify the Convention on the Reduction of Statelessness", "Paraguay"),
    ("Decriminalize defamation and treat it under civil law", "Latvia"),
    ("Adopt a comprehensive strategy on the rights of older persons", "Thailand"),
]


def items(offset: int, count: int) -> list[Item]:
    out = []
    for n in range(count):
        text, states = POOL[(offset + n) % len(POOL)]
        out.append(I(P(text, states)))
    return out


@dataclass
class Review:
    key: str  # short name used in file names
    state: str
    iso3: str
    number: int  # A/HRC/99/<number>
    n_items: int
    offset: int
    addendum_kind: str  # "pdf" | "docx"
    layout: str
    n_delegations: int = 6  # speakers in the dialogue: moves section II down the pages
    positions: dict[str, str] = field(default_factory=dict)  # filled by the layout builder
    explanations: dict[str, str] = field(default_factory=dict)

    @property
    def symbol(self) -> str:
        return f"A/HRC/99/{self.number}"


REVIEWS = [
    Review("annex-table", "Liechtenstein", "LIE", 31, 12, 0, "pdf", "annex table, three columns"),
    Review("word-table", "San Marino", "SMR", 32, 10, 3, "docx", "annex Word table, three columns"),
    Review("id-lines", "Malta", "MLT", 33, 9, 6, "pdf", "one line per id: '33.1 Supported'"),
    Review("theme-tables", "Iceland", "ISL", 34, 10, 9, "docx", "Word table grouped by theme"),
    Review("prose-ranges", "Luxembourg", "LUX", 35, 18, 2, "pdf", "prose lists with ranges",
           n_delegations=11),  # its last item spans a page break: the running header falls mid-item
    Review("grouped-rows", "Cyprus", "CYP", 36, 11, 12, "docx", "grouped rows, one justification"),
    Review("accepted-list", "Montenegro", "MNE", 37, 14, 5, "pdf", "list of accepted + 'all other'"),
    Review("per-paragraph", "Estonia", "EST", 38, 11, 15, "pdf", "positions per report paragraph"),
    Review("theme-tables-pdf", "Ireland", "IRL", 39, 9, 4, "pdf", "table grouped by theme, position at the end"),
    Review("prose-docx", "Slovakia", "SVK", 40, 12, 8, "docx", "prose lists with ranges, in Word"),
    Review("accepted-list-docx", "Finland", "FIN", 41, 10, 11, "docx", "list of accepted + 'all other', in Word"),
    Review("id-lines-docx", "Croatia", "HRV", 42, 8, 14, "docx", "one paragraph per id, in Word"),
    Review("annex-table-wrapped", "Georgia", "GEO", 43, 12, 7, "pdf",
           "annex table with wrapping id and position cells"),
]


# ------------------------------------------------------------------------------------------ PDF layout
_CORE = str.maketrans({mc.SOFT: ""})


class CoreLayout(Layout):
    """make_corpus's layout with the PDF core font Times (not embedded): a file of a few KB."""

    def __init__(self, symbol: str, *, rule_under_header: bool = False):
        super().__init__(symbol, rule_under_header=rule_under_header)
        pdf = FPDF(unit="pt", format=(mc.PAGE_W, mc.PAGE_H))  # the same settings, without the DejaVu fonts
        pdf.set_auto_page_break(False)
        pdf.set_margins(0, 0, 0)
        pdf.set_creation_date(mc.FIXED_DATE)
        pdf.set_creator("upr_lens corpora/make_corpus.py")
        pdf.set_author("upr_lens (synthetic test corpus)")
        pdf.set_subject(mc.SYNTHETIC_NOTE)
        pdf.core_fonts_encoding = "windows-1252"  # dashes, quotes and bullets as printed
        self.pdf = pdf

    def width(self, text: str, style: str = "", size: float = 10.0) -> float:
        self.pdf.set_font("Times", style, size)
        return self.pdf.get_string_width(text.translate(_CORE))

    def text_at(self, x: float, base: float, text: str, style: str = "", size: float = 10.0) -> None:
        self.pdf.set_font("Times", style, size)
        self.pdf.text(x, base, text.translate(_CORE))


# ------------------------------------------------------------------------------------------ reports
def report_spec(r: Review) -> ReportSpec:
    spec = ReportSpec(
        file=f"synthetic-report-{r.key}.pdf", cycle=4, symbol=r.symbol, job=f"GE.23-{20000 + r.number}(E)",
        state=r.state, iso3=r.iso3, wg_session=98, hrc_session=99, wg_ordinal="ninety-eighth",
        hrc_ordinal="ninety-ninth", date_printed="20 November 2023", date_iso="2023-11-20",
        hrc_dates="26 February–5 April 2024", wg_dates="from 6 to 17 November 2023",
        review_meeting="7th meeting, on 9 November 2023", adopt_meeting="14th meeting, held on 15 November 2023",
        troika="Benin, Chile and Nepal", n_presentation=3, n_delegations=r.n_delegations,
    )
    para = 4 + spec.n_presentation + spec.n_delegations + 3 + 1
    exam = (f"The following recommendations will be examined by {r.state}, which will provide responses in "
            f"due time, but no later than the ninety-ninth session of the Human Rights Council:")
    its = items(r.offset, r.n_items)
    if r.key == "per-paragraph":
        # split across paragraphs by decision, and a lone recommendation with singular wording
        also = (f"The recommendations below will also be examined by {r.state}, which will respond to them "
                f"in due time:")
        spec.groups = [(para, "to_be_examined", exam, its[:6]), (para + 1, "to_be_examined", also, its[6:10]),
                       (para + 2, "noted", f"The recommendation below has been noted by {r.state}:", its[10:])]
    else:
        spec.groups = [(para, "to_be_examined", exam, its)]
    if r.key == "id-lines":
        spec.id_suffix = "."  # ids printed "33.1." as some reports do
    return spec


def examined_ids(spec: ReportSpec) -> list[str]:
    return [f"{p}.{n}" for p, decision, _, its in spec.groups if decision == "to_be_examined"
            for n in range(1, len(its) + 1)]


# ------------------------------------------------------------------------------------------ PDF helpers
def table_row(lay: Layout, cells: list[tuple[float, float, str, str]], gap: float = PARA_GAP) -> None:
    """One table row: each cell (x, width, text, style) wrapped in its column; lines side by side."""
    wrapped = [lay.wrap(text, style, 10.0, width, width) if text else [] for _, width, text, style in cells]
    for n in range(max(len(w) for w in wrapped)):
        pieces = []
        for (x, _, _, style), lines in zip(cells, wrapped):
            if n < len(lines):
                pieces += lay.pieces_for(lines[n], x, style, 10.0)
        lay.lines.append(Line(pieces, gap if n == 0 else 0.0, LINE, [], None, first=n == 0))


def pdf_addendum(spec: ReportSpec, body: Callable[[Layout], None], path: Path, job: str) -> int:
    lay = CoreLayout(spec.symbol + "/Add.1")
    body(lay)
    lay.paginate()
    mc.draw_cover(lay, Cover(spec.symbol + "/Add.1", job, "12 February 2024", "Ninety-ninth session",
                             spec.hrc_dates, "Universal periodic review", spec.state, addendum=True))
    lay.render_body(first_page_no=2)
    lay.output(path)
    return 1 + len(lay.pages)


def opening(lay: Layout, r: Review, n: int) -> None:
    lay.block(f"{r.state} took part in its review with an open mind and has studied each of the {n} "
              f"recommendations it received, together with the ministries and civil society.", label="1.",
              text_x=ITEM_X, gap=0.0)


# ------------------------------------------------------------------------------------------ layouts
def annex_table(r: Review, spec: ReportSpec, path: Path, narrow: bool = False) -> int:
    p = spec.groups[0][0]
    rows = [  # (ids as printed, position as printed, comment)
        (f"{p}.1", "Supported", "The draft law is before Parliament."),
        (f"{p}.2", "Supported", ""),
        (f"{p}.3", "Noted", "The present framework already gives the institution full independence."),
        (f"{p}.4; {p}.5; {p}.9", "Supported", "These three are covered by the equality programme adopted "
                                               "in 2023, with a budget for each year until 2027."),
        (f"{p}.6", "Supported in part", f"{r.state} supports the part on the minimum age and notes the "
                                        "part asking for no exception."),
        (f"{p}.7", "Noted", ""),
        (f"{p}.8", "Supported", "Training starts next year."),
        (f"{p}.10", "Noted in part", "The accessibility of buildings is supported; transport is a matter "
                                     "for the municipalities."),
        (f"{p}.11", "Noted", ""),
        (f"{p}.12", "Supported", ""),
    ]

    def body(lay: Layout) -> None:
        opening(lay, r, r.n_items)
        lay.block("Its position on each of them is given in the annex.", label="2.", text_x=ITEM_X)
        lay.heading("Annex", gap=18.0)
        cols = [(TEXT_L, 86.0), (TEXT_L + 92.0, 82.0), (TEXT_L + 180.0, TEXT_R - TEXT_L - 180.0)]
        if narrow:  # the id cell "17.4; 17.5; 17.9" and the position "Supported in part" wrap
            cols = [(TEXT_L, 46.0), (TEXT_L + 52.0, 56.0), (TEXT_L + 114.0, TEXT_R - TEXT_L - 114.0)]
        table_row(lay, [(x, w, t, "B") for (x, w), t in zip(cols, ("Recommendation", "Position", "Comments"))],
                  gap=0.0)
        for ids, pos, comment in rows:
            table_row(lay, [(x, w, t, "") for (x, w), t in zip(cols, (ids, pos, comment))])
    record(r, p, rows)
    return pdf_addendum(spec, body, path, "GE.24-02143(E)" if narrow else "GE.24-02131(E)")


def record(r: Review, p: int, rows: list[tuple[str, str, str]]) -> None:
    """positions (and explanations of partial ones) from rows of (ids, printed position, comment)."""
    for ids, pos, comment in rows:
        value = PS if "part" in pos.lower() else S if pos.lower().startswith(("support", "accept")) else N
        for rec_id in re.split(r";\s*", ids):
            r.positions[rec_id] = value
            if value == PS:
                r.explanations[rec_id] = comment
    assert sorted(r.positions) == sorted(f"{p}.{n}" for n in range(1, r.n_items + 1)), r.positions


def id_lines(r: Review, spec: ReportSpec, path: Path) -> int:
    p = spec.groups[0][0]
    rows = [
        (f"{p}.1", "Supported", ""), (f"{p}.2", "Supported", ""), (f"{p}.3", "Noted", ""),
        (f"{p}.4", "Supported", ""),
        (f"{p}.5", "Noted in part", "Malta supports the part on shelters in the main towns and notes the "
                                    "part on every region."),
        (f"{p}.6", "Noted", ""), (f"{p}.7", "Supported", ""), (f"{p}.8", "Supported", ""),
        (f"{p}.9", "Noted", ""),
    ]

    def body(lay: Layout) -> None:
        opening(lay, r, r.n_items)
        lay.block("The positions of Malta are as follows:", label="2.", text_x=ITEM_X)
        for ids, pos, comment in rows:
            lay.block(f"{ids} {pos}", label_x=ITEM_X, gap=2.0)
            if comment:
                lay.block(comment, label_x=ITEM_X, gap=0.0)
        lay.block("Malta will report on these recommendations at its midterm review.", label="3.",
                  text_x=ITEM_X)
    record(r, p, rows)
    return pdf_addendum(spec, body, path, "GE.24-02133(E)")


def prose_ranges(r: Review, spec: ReportSpec, path: Path) -> int:
    p = spec.groups[0][0]
    supported = f"{p}.1, {p}.4-{p}.6, {p}.8 to {p}.10, {p}.14.-{p}.15 and {p}.17"
    noted = f"{p}.2, {p}.3, {p}.7, {p}.11-13 and {p}.18"
    for n in (1, 4, 5, 6, 8, 9, 10, 14, 15, 17):
        r.positions[f"{p}.{n}"] = S
    for n in (2, 3, 7, 11, 12, 13, 18):
        r.positions[f"{p}.{n}"] = N
    partial = (f"Luxembourg supports in part recommendation {p}.16: it supports the part on the police "
               f"complaints body and notes the part that asks for it to be outside the ministry.")
    r.positions[f"{p}.16"] = PS
    r.explanations[f"{p}.16"] = partial

    def body(lay: Layout) -> None:
        opening(lay, r, r.n_items)
        lay.block(f"Luxembourg supports the following recommendations: {supported}. It notes the "
                  f"recommendations {noted}.", label="2.", text_x=ITEM_X)
        lay.block(partial, label="3.", text_x=ITEM_X)
    assert sorted(r.positions) == sorted(f"{p}.{n}" for n in range(1, r.n_items + 1))
    return pdf_addendum(spec, body, path, "GE.24-02135(E)")


def accepted_list(r: Review, spec: ReportSpec, path: Path) -> int:
    p = spec.groups[0][0]
    accepted = [1, 2, 4, 5, 6, 8, 9, 12, 13]
    printed = ", ".join(f"{p}.{n}" for n in accepted)
    for n in range(1, r.n_items + 1):
        r.positions[f"{p}.{n}"] = S if n in accepted else N

    def body(lay: Layout) -> None:
        opening(lay, r, r.n_items)
        lay.block("Montenegro accepts the recommendations listed below. All other recommendations are "
                  "noted.", label="2.", text_x=ITEM_X)
        lay.heading(f"List of accepted recommendations ({len(accepted)} in total):", size=11.0, gap=10.0,
                    after=14.0)
        lay.block(printed, label_x=TEXT_L, gap=0.0)
    return pdf_addendum(spec, body, path, "GE.24-02137(E)")


def per_paragraph(r: Review, spec: ReportSpec, path: Path) -> int:
    (p1, _, _, first), (p2, _, _, second) = spec.groups[0], spec.groups[1]
    for n in range(1, len(first) + 1):
        r.positions[f"{p1}.{n}"] = S
    for n in range(1, len(second) + 1):
        r.positions[f"{p2}.{n}"] = N

    def body(lay: Layout) -> None:
        opening(lay, r, r.n_items - 1)
        lay.block(f"The recommendations in paragraph {p1} of the report, which Estonia has examined with "
                  f"care, enjoy the support of Estonia.", label="2.", text_x=ITEM_X)
        lay.block(f"The recommendations in paragraph {p2} of the report have been noted by Estonia.",
                  label="3.", text_x=ITEM_X)
    return pdf_addendum(spec, body, path, "GE.24-02138(E)")


# ------------------------------------------------------------------------------------------ DOCX
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '</Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    '</Relationships>'
)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _paragraph(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p><w:r>{props}<w:t xml:space="preserve">{_esc(text)}</w:t></w:r></w:p>'


def _table(rows: list[list[str]]) -> str:
    width = max(len(row) for row in rows)
    grid = "".join('<w:gridCol w:w="3000"/>' for _ in range(width))
    borders = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                      for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr>'
           f"<w:tblGrid>{grid}</w:tblGrid>"]
    for n, cells in enumerate(rows):
        out.append("<w:tr>")
        span = width if len(cells) == 1 else 1  # a one-cell row spans the table (a theme heading)
        for cell in cells:
            props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
            out.append(f"<w:tc>{props}{_paragraph(cell, bold=n == 0 or span > 1)}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def docx_addendum(r: Review, spec: ReportSpec, path: Path, intro: list[str], tables: list[list[list[str]]]) -> None:
    """A Word addendum written part by part (a few KB): cover lines as paragraphs, then the tables."""
    import zipfile

    cover = [f"United Nations {spec.symbol}/Add.1", "General Assembly", "Distr.: General", "12 February 2024",
             "Original: English", "Human Rights Council", "Ninety-ninth session", spec.hrc_dates or "",
             "Agenda item 6", "Universal periodic review",
             "Report of the Working Group on the Universal Periodic Review*", spec.state, "Addendum",
             "Views on conclusions and/or recommendations, voluntary commitments and replies presented by the "
             "State under review", "* " + mc.SYNTHETIC_NOTE]
    body = "".join(_paragraph(line) for line in cover + intro) + "".join(_table(t) for t in tables)
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>'
                f'{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>Synthetic addendum {spec.symbol}/Add.1</dc:title>"
            "<dc:creator>upr_lens (synthetic test corpus)</dc:creator>"
            f"<dc:description>{_esc(mc.SYNTHETIC_NOTE)}</dc:description>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2020-01-01T00:00:00Z</dcterms:created>'
            "</cp:coreProperties>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
                           ("word/document.xml", document), ("docProps/core.xml", core)):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, text.encode("utf-8"))


def word_table(r: Review, spec: ReportSpec, path: Path) -> int:
    p = spec.groups[0][0]
    rows = [
        (f"{p}.1", "Supported", "Already under way."), (f"{p}.2", "Noted", ""),
        (f"{p}.3", "Supported", "A bill will be tabled in 2024."),
        (f"{p}.4", "Noted in part", "San Marino supports the part on training prosecutors and notes the rest."),
        (f"{p}.5", "Noted", "Not compatible with the Constitution at present."),
        (f"{p}.6", "Supported", ""), (f"{p}.7", "Supported", ""), (f"{p}.8", "Noted", ""),
        (f"{p}.9", "Partially supported", "The part on the definition is supported; the sentence levels "
                                          "are not changed."),
        (f"{p}.10", "Supported", ""),
    ]
    record(r, p, rows)
    table = [["Recommendation", "Position", "Comments"]] + [list(row) for row in rows]
    docx_addendum(r, spec, path, ["San Marino has considered all the recommendations of its review. The table "
                                  "below gives its position on each one."], [table])
    return 1


def theme_tables(r: Review, spec: ReportSpec, path: Path) -> int:
    p = spec.groups[0][0]
    its = spec.groups[0][3]
    themes = [("Theme: International instruments", [1, 4, 5]),
              ("Theme: Equality and non-discrimination", [2, 3, 6, 7]),
              ("Theme: Justice and the police", [8, 9, 10])]
    pos = {1: "Supported", 2: "Noted", 3: "Supported", 4: "Supported", 5: "Noted", 6: "Supported",
           7: "Supported", 8: "Noted", 9: "Supported", 10: "Supported in part"}
    comment = {10: "Iceland supports the part on alternatives to detention and notes the part on its length."}
    table = [["Recommendation", "Full text", "Position"]]
    rows = []
    for theme, numbers in themes:
        table.append([theme])
        for n in numbers:
            text = mc.clean(mc.item_printed(its[n - 1], False)).rstrip(";")
            cells = [f"{p}.{n}", text, pos[n] + (f": {comment[n]}" if n in comment else "")]
            table.append(cells)
            rows.append((f"{p}.{n}", pos[n], comment.get(n, "")))
    record(r, p, rows)
    docx_addendum(r, spec, path, ["Iceland sets out its positions below, recommendation by recommendation, "
                                  "in the order of the themes of its review."], [table])
    return 1


def grouped_rows(r: Review, spec: ReportSpec, path: Path) -> int:
    p = spec.groups[0][0]
    rows = [
        (f"{p}.1; {p}.2; {p}.8", "Supported", "Cyprus already works on these through its national plan for "
                                              "2024 to 2028 and will report on progress."),
        (f"{p}.3; {p}.4", "Noted", "The legal system does not allow this change for the time being."),
        (f"{p}.5", "Supported in part", "Cyprus supports the part on access to contraception without "
                                        "consent of a spouse; the wider reform is noted."),
        (f"{p}.6; {p}.7; {p}.11", "Supported", "Measures are included in the budget for next year."),
        (f"{p}.9; {p}.10", "Noted in part", "Cyprus supports the part on investigations by an independent "
                                            "body and notes the part on pretrial detention."),
    ]
    record(r, p, rows)
    table = [["Recommendations", "Position", "Justification"]] + [list(row) for row in rows]
    docx_addendum(r, spec, path, ["Cyprus has grouped the recommendations it received where one answer "
                                  "covers several of them."], [table])
    return 1


def theme_tables_pdf(r: Review, spec: ReportSpec, path: Path) -> int:
    p = spec.groups[0][0]
    its = spec.groups[0][3]
    themes = [("Civil and political rights", [1, 3, 4, 8]), ("Economic and social rights", [2, 5, 6]),
              ("Groups in vulnerable situations", [7, 9])]
    pos = {1: "Supported", 2: "Noted", 3: "Supported", 4: "Noted", 5: "Supported", 6: "Supported in part",
           7: "Supported", 8: "Supported", 9: "Noted"}
    rows = [(f"{p}.{n}", pos[n], "") for _, numbers in themes for n in numbers]
    record(r, p, rows)
    cols = [(TEXT_L, 40.0), (TEXT_L + 46.0, 228.0), (TEXT_L + 280.0, TEXT_R - TEXT_L - 280.0)]

    def body(lay: Layout) -> None:
        opening(lay, r, r.n_items)
        lay.block("The table below groups the recommendations by theme and gives the position of Ireland on "
                  "each of them.", label="2.", text_x=ITEM_X)
        table_row(lay, [(x, w, t, "B") for (x, w), t in zip(cols, ("No.", "Recommendation", "Position"))],
                  gap=12.0)
        for theme, numbers in themes:
            lay.block(theme, label_x=TEXT_L, style="B", gap=8.0)
            for n in numbers:
                text = mc.clean(mc.item_printed(its[n - 1], False)).rstrip(";")
                table_row(lay, [(x, w, t, "") for (x, w), t in zip(cols, (f"{p}.{n}", text, pos[n]))], gap=4.0)
    return pdf_addendum(spec, body, path, "GE.24-02139(E)")


def prose_docx(r: Review, spec: ReportSpec, path: Path) -> int:
    p = spec.groups[0][0]
    for n in (1, 2, 3, 5, 9, 10, 11):
        r.positions[f"{p}.{n}"] = S
    for n in (4, 6, 7, 12):
        r.positions[f"{p}.{n}"] = N
    partial = (f"Slovakia notes in part recommendation {p}.8; it supports the part on the statelessness "
               f"convention and will decide on the rest later.")
    r.positions[f"{p}.8"] = PS
    r.explanations[f"{p}.8"] = partial
    paragraphs = [  # no paragraph numbers in the text, as when Word numbers the paragraphs itself
        "Slovakia studied the twelve recommendations of its review with the ministries concerned.",
        f"Slovakia supports the following recommendations: {p}.1 to {p}.3, {p}.5 and {p}.9.-{p}.11. "
        f"Slovakia notes recommendations {p}.4, {p}.6-7 and {p}.12.",
        partial,
    ]
    assert sorted(r.positions) == sorted(f"{p}.{n}" for n in range(1, r.n_items + 1))
    docx_addendum(r, spec, path, paragraphs, [])
    return 1


def accepted_list_docx(r: Review, spec: ReportSpec, path: Path) -> int:
    p = spec.groups[0][0]
    accepted = [1, 3, 4, 7, 8, 10]
    for n in range(1, r.n_items + 1):
        r.positions[f"{p}.{n}"] = S if n in accepted else N
    paragraphs = [
        "1. Finland thanks the States that took part in its review.",
        "2. Finland gives its support to the recommendations in the list below; all other recommendations "
        "have been noted.",
        f"List of accepted recommendations ({len(accepted)} in total):",
        ", ".join(f"{p}.{n}" for n in accepted),
    ]
    docx_addendum(r, spec, path, paragraphs, [])
    return 1


def id_lines_docx(r: Review, spec: ReportSpec, path: Path) -> int:
    p = spec.groups[0][0]
    rows = [(f"{p}.1", "Supported", ""), (f"{p}.2", "Noted", ""), (f"{p}.3", "Supported", ""),
            (f"{p}.4", "Supported in part", "Croatia supports the part on older persons' care homes."),
            (f"{p}.5", "Noted", ""), (f"{p}.6", "Supported", ""), (f"{p}.7", "Supported", ""),
            (f"{p}.8", "Noted", "")]
    record(r, p, rows)
    paragraphs = ["1. Croatia responds to each recommendation of its review below."]
    for ids, pos, comment in rows:
        paragraphs.append(f"{ids} {pos}")
        if comment:
            paragraphs.append(comment)
    docx_addendum(r, spec, path, paragraphs, [])
    return 1


BUILDERS = {"annex-table": annex_table, "word-table": word_table, "id-lines": id_lines,
            "theme-tables": theme_tables, "prose-ranges": prose_ranges, "grouped-rows": grouped_rows,
            "accepted-list": accepted_list, "per-paragraph": per_paragraph, "theme-tables-pdf": theme_tables_pdf,
            "annex-table-wrapped": lambda r, spec, path: annex_table(r, spec, path, narrow=True),
            "prose-docx": prose_docx, "accepted-list-docx": accepted_list_docx, "id-lines-docx": id_lines_docx}


def build_all(out: Path) -> list[dict]:
    """Write the eight reviews' reports and addenda into *out*; return their EXPECTED.json entries."""
    documents = []
    for r in REVIEWS:
        spec = report_spec(r)
        lay, info = mc.build_report(spec, CoreLayout)
        lay.output(out / spec.file)
        documents.append(info)
        file = f"synthetic-addendum-{r.key}.{r.addendum_kind}"
        pages = BUILDERS[r.key](r, spec, out / file)
        examined = examined_ids(spec)
        assert sorted(r.positions) == sorted(examined), (r.key, r.positions, examined)
        documents.append({
            "file": file, "doc_type": "addendum", "symbol": spec.symbol + "/Add.1", "report_symbol": spec.symbol,
            "state": {"printed": r.state, "name": r.state, "iso3": r.iso3}, "layout_name": r.layout,
            "format": r.addendum_kind, "pages": pages,
            "positions": {k: r.positions[k] for k in examined},
            "explanations": {k: r.explanations[k] for k in examined if k in r.explanations},
        })
    return documents
