"""Extraction: turn an article (HTML, Markdown, plain text, PDF) into a `Document` of blocks.

Every later stage works on `Document.text`, a plain-text rendering of the article's main content,
and on its blocks (headings, paragraphs, list items, table rows), each knowing its character span in
that text. Provenance spans everywhere in the reader point into this text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from rehabit.errors import RehabitError
from rehabit.reader.glued import unglue

BlockKind = Literal["heading", "para", "item", "row"]

MAX_BLOCKS = 20_000
MAX_BLOCK_CHARS = 20_000
MAX_TEXT_CHARS = 400_000  # far longer than any article's main text; keeps time bounded
MAX_HTML_CHARS = 800_000


class UnreadableInput(RehabitError):
    """The input cannot be read as an article at all (empty, binary, too large, no text layer)."""


@dataclass(frozen=True)
class Block:
    """One unit of an article's structure, with its span in `Document.text`.

    `marked` says the block's kind came from markup (a real heading or list); plain text lines are
    guessed; `numbered` marks an item of a numbered list ("2. Towel pickup"). `lead` is a bold lead-in at
    the start of the block ("**Wall sit.** Stand..."), `cells` and `header` the cells of a table row and of
    its table's header row.
    """

    kind: BlockKind
    text: str
    start: int
    end: int
    level: int = 0
    marked: bool = False
    lead: str = ""
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    numbered: bool = False


@dataclass
class Document:
    """An article's main text as blocks; `title` and `source` come from the page when it has them."""

    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    source: str = ""
    format: str = "txt"
    warnings: list[str] = field(default_factory=list)

    def add(self, kind: BlockKind, text: str, **extra: object) -> None:
        """Append a block, extending `text` (blocks are separated by a blank line)."""
        text = _clean_inline(text)[:MAX_BLOCK_CHARS]
        if not text or len(self.blocks) >= MAX_BLOCKS:
            return
        if self.text:
            self.text += "\n\n"
        start = len(self.text)
        self.text += text
        self.blocks.append(Block(kind, text, start, len(self.text), **extra))  # type: ignore[arg-type]


def _truncate(raw: str, doc: Document) -> str:
    if len(raw) <= MAX_TEXT_CHARS:
        return raw
    cut = raw.rfind("\n", 0, MAX_TEXT_CHARS)
    doc.warnings.append(f"the text is very long; only its first {MAX_TEXT_CHARS:,} characters were read")
    return raw[: cut if cut > 0 else MAX_TEXT_CHARS]


def _clean_inline(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


# --- plain text -------------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:(?:[-*•·▪‣◦●○–—]|\(?\d{1,2}(?:\.\)|[.)]))\s+(?=\S)|\d{1,2}[.)](?=[A-Z][a-z]))")
_RULE = re.compile(r"^\s*[-=_*~#]{4,}\s*$")
_TERMINAL = (".", "!", "?", ":", ";")
_OPEN_END = re.compile(  # a line that stops mid-sentence ("Hold for approximately" / "1-2 minutes.")
    r"(?<![-‐‑])\b(?:for|of|to|and|or|the|a|an|with|your|approximately|about|around|up|at|in|on|by|from|into|than|"
    r"between)$",
    re.I,
)


def from_text(raw: str, source: str = "") -> Document:
    """Blocks from plain text: blank lines and bullets separate blocks; wrapped lines are joined."""
    doc = Document(source=source, format="txt")
    raw = _truncate(raw, doc)
    lines = raw.splitlines()
    position = 0
    while position < len(lines) and not lines[position].strip():
        position += 1
    header = {}
    while position < len(lines):
        match = re.match(r"^(source|title):\s*(.*)$", lines[position].strip(), re.I)
        if not match:
            break
        header[match.group(1).lower()] = match.group(2).strip()
        position += 1
    doc.source = header.get("source", source)
    if header.get("title"):
        doc.add("heading", header["title"], level=1, marked=True)  # a page's title can name its one exercise
    pending: list[str] = []
    pending_kind: BlockKind = "para"
    pending_indent = 0
    pending_numbered = False
    table: list[tuple[str, ...]] = []

    def flush() -> None:
        nonlocal pending
        if pending:
            doc.add(pending_kind, " ".join(part.strip() for part in pending), numbered=pending_numbered)
        pending = []

    def flush_table() -> None:
        # two or more lines of tab-separated cells are a table; its first line is the header when it has
        # no number and the rows do ("Exercise  Sets x reps  Rest" over "Glute bridge  2 x 15  45 s")
        nonlocal table
        rows, table = table, []
        if len(rows) == 1:
            take(" – ".join(rows[0]))  # one line of cells: a name set apart from its dose
            return
        header: tuple[str, ...] = ()
        if not _has_digit(rows[0]) and any(_has_digit(row) for row in rows[1:]):
            header, rows = rows[0], rows[1:]
        for row in rows:
            doc.add("row", " | ".join(row), cells=row, header=header, marked=True)

    def take(line: str) -> None:
        nonlocal pending, pending_kind, pending_indent, pending_numbered
        indent = len(line) - len(line.lstrip())
        bullet = _BULLET.match(line)
        if bullet:
            flush()
            pending, pending_kind, pending_indent = [line[bullet.end() :]], "item", indent
            pending_numbered = bullet.group(0).lstrip(" (")[:1].isdigit()
            return
        previous = pending[-1].rstrip() if pending else ""
        continues = bool(pending) and (
            (pending_kind == "item" and indent > pending_indent)
            or (not previous.endswith(_TERMINAL) and line.lstrip()[:1].islower())
            or bool(_OPEN_END.search(previous))
        )
        if continues:
            pending.append(line)
        else:
            flush()
            pending, pending_kind, pending_indent, pending_numbered = [line], "para", indent, False

    for line in lines[position:]:
        cells = tuple(cell.strip() for cell in line.strip().split("\t") if cell.strip())
        if len(cells) >= 2:
            flush()
            table.append(cells)
            continue
        if table and not line.strip():
            continue  # rows printed with space between them are still one table
        if table:
            flush_table()
        if not line.strip() or _RULE.match(line):
            flush()
            continue
        for piece in unglue(line):
            take(piece)
    if table:
        flush_table()
    flush()
    doc.title = header.get("title") or _guess_title(doc.blocks)
    return doc


def _has_digit(cells: tuple[str, ...]) -> bool:
    return any(character.isdigit() for cell in cells for character in cell)


def _guess_title(blocks: list[Block]) -> str:
    """The first line that reads like a title (3-16 words, no full stop), skipping menus."""
    for block in blocks[:80]:
        words = block.text.split()
        if 3 <= len(words) <= 16 and block.text[-1:] not in ".!,;:" and not block.text.lower().startswith("skip"):
            return block.text[:300]
    return next((b.text for b in blocks), "")[:300]


# --- Markdown ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _markdown() -> Any:
    from markdown_it import MarkdownIt  # only pages in Markdown need it

    return MarkdownIt("commonmark", {"maxNesting": 40}).enable("table")


def from_markdown(raw: str, source: str = "", title: str = "") -> Document:
    """Blocks from Markdown: headings, paragraphs, list items (with their bold lead-ins), table rows."""
    doc = Document(source=source, format="md")
    raw = _truncate(raw, doc)
    front = re.match(r"^---\s*\n(.*?)\n---\s*\n", raw, re.S)
    if front:
        found = re.search(r"^title:\s*[\"']?(.*?)[\"']?\s*$", front.group(1), re.M)
        title = title or (found.group(1) if found else "")
        raw = raw[front.end() :]
    tokens = _markdown().parse(raw)
    kind: BlockKind = "para"
    level = 0
    list_depth = 0
    ordered: list[bool] = []
    header: tuple[str, ...] = ()
    row: list[str] = []
    in_head = False
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            kind, level = "heading", int(token.tag[1:])
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
            ordered.append(token.type == "ordered_list_open")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            ordered = ordered[:-1]
        elif token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            if in_head:
                header = tuple(row)
            elif any(row):
                doc.add("row", " | ".join(row), cells=tuple(row), header=header, marked=True)
        elif token.type == "table_close":
            header = ()
        elif token.type == "inline":
            text, lead = _inline_text(token)
            if index and tokens[index - 1].type in ("th_open", "td_open"):
                row.append(text)
            elif kind == "heading":
                doc.add("heading", text, level=level, marked=True)
                if not title and level == 1:
                    title = text
            elif _is_bold_line(token):
                doc.add("heading", text, level=7, marked=True, lead=lead)
            elif list_depth:
                doc.add("item", text, level=list_depth, marked=True, lead=lead, numbered=bool(ordered and ordered[-1]))
            else:
                doc.add("para", text, lead=lead)
        elif token.type == "heading_close":
            kind = "para"
    doc.title = title or next((b.text for b in doc.blocks), "")[:300]
    return doc


def _inline_text(token: object) -> tuple[str, str]:
    """The text of an inline token without markup, and its bold lead-in if it starts with one."""
    children = [c for c in getattr(token, "children", None) or [] if c.type != "image"]
    parts = [c.content if c.type in ("text", "code_inline") else " " if "break" in c.type else "" for c in children]
    lead = ""
    first = next((i for i, c in enumerate(children) if c.type != "text" or c.content.strip()), None)
    if first is not None and children[first].type == "strong_open":
        close = next((i for i in range(first, len(children)) if children[i].type == "strong_close"), len(children))
        lead = "".join(parts[first:close]).strip()
    return "".join(parts), lead


def _is_bold_line(token: object) -> bool:
    children = [c for c in getattr(token, "children", None) or [] if c.type != "softbreak"]
    return (
        len(children) == 3
        and children[0].type == "strong_open"
        and children[-1].type == "strong_close"
        and len(children[1].content.split()) <= 12
    )


# --- HTML -------------------------------------------------------------------------------------

MAX_HTML_DEPTH = 400
_NOT_TEXT = re.compile(r"<(script|style|svg|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)


def from_html(raw: str, source: str = "") -> Document:
    """The page's main content via trafilatura (headings, lists and tables kept), as Markdown blocks."""
    import trafilatura

    title_match = re.search(r"<title[^>]*>(.*?)</title>", raw[:200_000], re.S | re.I)
    title = _clean_inline(_unescape(re.sub(r"<[^>]+>", " ", title_match.group(1)))) if title_match else ""
    raw = _NOT_TEXT.sub(" ", raw)
    if len(raw) > MAX_HTML_CHARS or _nesting_depth(raw) > MAX_HTML_DEPTH:
        doc = from_text(_strip_tags(raw), source)
        doc.title, doc.format = title or doc.title, "html"
        return doc
    try:
        markdown = trafilatura.extract(
            raw,
            output_format="markdown",
            include_tables=True,
            include_formatting=True,
            include_links=False,
            include_images=False,
            include_comments=False,
            favor_recall=True,
        )
    except (RecursionError, ValueError, TypeError, AttributeError):
        markdown = None
    if not markdown or not markdown.strip():
        return from_text(_strip_tags(raw), source)
    if title and not re.search(r"(?m)^# \S", markdown):
        markdown = f"# {_without_site_name(title)}\n\n{markdown}"  # a page's title can name its one exercise
    doc = from_markdown(markdown, source)
    first_heading = next((b.text for b in doc.blocks if b.kind == "heading" and b.level == 1), "")
    doc.title = first_heading or _without_site_name(title) or doc.title
    doc.format = "html"
    return doc


@lru_cache(maxsize=1)
def warm_up_html() -> None:
    """Import the HTML extraction libraries (trafilatura, markdown-it) in this process, once.

    Each read extracts in a worker forked from this process: loaded here, every later worker starts
    with them instead of importing them again (about 0.2 s a page otherwise)."""
    import trafilatura  # noqa: F401

    from_markdown("# Warm up\n\n- Lie on your back.\n")


def from_html_text(raw: str, source: str = "") -> Document:
    """The whole page's text without tags, read as plain text (a fallback when main-content extraction
    keeps nothing useful)."""
    raw = _NOT_TEXT.sub(" ", raw[:MAX_HTML_CHARS])
    doc = from_text(_strip_tags(raw), source)
    doc.format = "html"
    return doc


def _without_site_name(title: str) -> str:
    """A page title without the site's name after a bar or dash ("Wall sit | Fit Site" -> "Wall sit")."""
    return re.split(r"\s+[|–—]\s+|\s+-\s+(?=[^-]*$)", title, maxsplit=1)[0].strip() if title else ""


def _nesting_depth(raw: str) -> int:
    depth = deepest = 0
    for match in re.finditer(r"<(/?)(div|span|section|article|ul|ol|li|table|p|b|i|em|strong|a)\b", raw[:5_000_000]):
        depth += -1 if match.group(1) else 1
        deepest = max(deepest, depth)
    return deepest


def _strip_tags(raw: str) -> str:
    raw = re.sub(r"<(script|style|noscript)\b.*?</\1\s*>", " ", raw, flags=re.S | re.I)
    raw = re.sub(r"<(br|/p|/div|/li|/h\d|/tr|/section|/article)\b[^>]*>", "\n\n", raw, flags=re.I)
    return _unescape(re.sub(r"<[^>]*>", " ", raw))


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


# PDF handouts are read by rehabit.reader.pdf (page by page within limits, scanned pages through OCR).
