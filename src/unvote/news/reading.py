"""Reading an article: plain text or HTML in, the text a reader sees out, with a map back to the input.

Offsets everywhere in :mod:`unvote.news` are character offsets into :attr:`Article.text`; use
:meth:`Article.source_span` to turn them into offsets into the raw input (the HTML file a page would highlight).

>>> a = read_article("<p>The council met.</p><p>Link copied</p><footer>Back To Top</footer>")
>>> a.text
'The council met.'
>>> a.source_span(4, 11)
(7, 14)
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date

from selectolax.lexbor import LexborHTMLParser

from unvote.errors import UserError

# Elements whose text is never part of the story.
_DROP_TAGS = ("script", "style", "noscript", "nav", "footer", "header", "aside", "form", "button", "svg", "iframe",
              "template", "select", "figure figcaption")
# Class or id fragments that mark page furniture (share bars, cookie banners, menus, newsletter boxes).
_DROP_CLASS = re.compile(
    r"share|social|cookie|consent|menu|navbar|breadcrumb|newsletter|subscribe|related|promo|advert|"
    r"(^|[-_ ])ad([-_ ]|$)|sidebar|signup|comments?|tags?-list|back-?to-top|skip-link", re.I)
_BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "section", "article",
               "blockquote", "tr", "td", "th", "table", "main", "body", "html", "time", "dd", "dt", "pre"}

# Whole lines that are page furniture rather than story, in text copied from a page as well as in HTML.
_BOILERPLATE_LINE = re.compile(
    r"^\s*(link copied|copy link|back to top|skip to (main )?content|share( this( article| story)?)?( on \w+)?|"
    r"advertisement|scroll to continue.*|read more:?.*|related( stories| coverage)?:?|sign up.*newsletter.*|"
    r"follow us.*|print|email|facebook|twitter|x|linkedin|whatsapp|reddit|menu|search|home|world|news|"
    r"(we use|this site uses) cookies.*|accept( all)?( cookies)?|manage (cookie )?preferences|"
    r"our standards:.*|all rights reserved.*|©.*|subscribe.*|listen to this article.*|\d+ min read)\s*$",
    re.I)
# A byline is noise for checking, but only when it stands on its own line.
_BYLINE_LINE = re.compile(r"^\s*([Bb]y\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}(\s+and\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3})?"
                          r"|(reporting|writing|editing|additional reporting) by .*)\s*$")

_META_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
                   "publish-date", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date")


@dataclass(frozen=True)
class Article:
    """The text of a story as a reader sees it, with where each character came from in the input.

    ``source_offsets[i]`` is the offset in :attr:`source` of ``text[i]``. ``metadata_date`` is the publication
    date the page's metadata gives (HTML ``<meta>`` or ``<time>``), if any.
    """

    text: str
    source: str
    source_offsets: list[int] = field(repr=False)
    is_html: bool = False
    metadata_date: date | None = None

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the input that holds ``text[start:end]``: ``(start, end)`` offsets into :attr:`source`."""
        if not self.text:
            return (0, 0)
        start = min(max(start, 0), len(self.text) - 1)
        last = min(max(end - 1, start), len(self.text) - 1)
        src_end = self.source_offsets[last] + 1
        # An entity (&amp;) maps one character of text to several of source: take in the whole entity.
        if self.is_html and self.source[self.source_offsets[last]] == "&":
            semi = self.source.find(";", self.source_offsets[last])
            if 0 <= semi - self.source_offsets[last] <= 10:
                src_end = semi + 1
        return (self.source_offsets[start], src_end)


def looks_like_html(raw: str) -> bool:
    """Whether ``raw`` is HTML rather than plain text: ``looks_like_html("<p>Hi</p>") is True``."""
    head = raw.lstrip()[:2000].lower()
    return head.startswith("<") or bool(re.search(r"<(html|body|p|div|article|br|span|h1|meta)\b", head))


def read_article(raw: str) -> Article:
    """Read a story given as plain text or HTML; drop page furniture; keep a map back to the input.

    >>> read_article("UNITED NATIONS (Wire) -\\nLink copied\\nThe council met.").text
    'UNITED NATIONS (Wire) -\\nThe council met.'
    """
    if not isinstance(raw, str):
        raise UserError("The article must be text (str), not " + type(raw).__name__ + ".")
    if looks_like_html(raw):
        chars, offsets, meta = _html_chars(raw)
        is_html = True
    else:
        chars, offsets, meta = list(raw), list(range(len(raw))), None
        is_html = False
    text, offsets = _drop_boilerplate_lines(chars, offsets)
    if not text.strip():
        raise UserError("The article has no readable text once page furniture is removed.")
    return Article(text=text, source=raw, source_offsets=offsets, is_html=is_html, metadata_date=meta)


def _html_chars(raw: str) -> tuple[list[str], list[int], date | None]:
    """Visible characters of an HTML page, one per list item, with their offsets into ``raw``."""
    tree = LexborHTMLParser(raw)
    meta = _metadata_date(tree)
    for selector in _DROP_TAGS:
        for node in tree.css(selector):
            node.decompose()
    for node in tree.css("[class], [id], [role], [aria-hidden]"):
        attrs = node.attributes
        label = " ".join(str(attrs.get(k) or "") for k in ("class", "id", "role"))
        if (_DROP_CLASS.search(label) or attrs.get("aria-hidden") == "true"
                or (attrs.get("role") or "") in ("navigation", "banner", "contentinfo", "dialog")):
            node.decompose()
    root = tree.body or tree.root
    chars: list[str] = []
    offsets: list[int] = []
    cursor = 0
    last_block = None
    if root is None:
        return chars, offsets, meta
    for node in root.traverse(include_text=True):
        if not node.is_text_node:
            if node.tag == "br" and chars:
                chars.append("\n")
                offsets.append(offsets[-1])
            continue
        value = node.text(deep=False)
        if not value or not value.strip() and not chars:
            continue
        block = _block_ancestor(node)
        if chars and block != last_block and block is not None:
            chars.append("\n")
            offsets.append(offsets[-1])
        last_block = block
        where, cursor = _align(raw, cursor, value)
        for ch, off in zip(value, where):
            ch = " " if ch in "\xa0\t\r\n" else ch
            if ch == " " and chars and chars[-1] in " \n":
                continue
            if ch == " " and not chars:
                continue
            chars.append(ch)
            offsets.append(off)
    return chars, offsets, meta


def _block_ancestor(node):
    parent = node.parent
    while parent is not None and parent.tag not in _BLOCK_TAGS:
        parent = parent.parent
    return parent.mem_id if parent is not None else None


def _align(raw: str, cursor: int, value: str) -> tuple[list[int], int]:
    """Offsets into ``raw`` of each character of a decoded text node, scanning forward from ``cursor``."""
    # Find where the node starts: its first plain run of characters, searched for past the cursor.
    probe = re.match(r"[^&<>\xa0]{1,24}", value.lstrip())
    i = cursor
    if probe and probe.group(0).strip():
        found = raw.find(probe.group(0), cursor)
        if found >= 0:
            i = max(cursor, found - (len(value) - len(value.lstrip())))
    out = []
    for ch in value:
        while i < len(raw) and raw[i] == "<":
            close = raw.find(">", i)
            i = len(raw) if close < 0 else close + 1
        if i >= len(raw):
            out.append(len(raw) - 1)
            continue
        if raw[i] == "&":
            semi = raw.find(";", i, i + 12)
            if semi > 0 and html.unescape(raw[i:semi + 1]) != raw[i:semi + 1]:
                out.append(i)
                i = semi + 1
                continue
        out.append(i)
        i += 1
    return out, i


def _metadata_date(tree: LexborHTMLParser) -> date | None:
    for node in tree.css("meta"):
        key = (node.attributes.get("property") or node.attributes.get("name")
               or node.attributes.get("itemprop") or "").lower()
        if key in _META_DATE_KEYS:
            found = _iso_date(node.attributes.get("content") or "")
            if found:
                return found
    for node in tree.css("time[datetime]"):
        found = _iso_date(node.attributes.get("datetime") or "")
        if found:
            return found
    return None


def _iso_date(value: str) -> date | None:
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _drop_boilerplate_lines(chars: list[str], offsets: list[int]) -> tuple[str, list[int]]:
    text = "".join(chars)
    kept_chars: list[str] = []
    kept_offsets: list[int] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip() and not _BOILERPLATE_LINE.match(line) and not _BYLINE_LINE.match(line):
            if kept_chars:
                kept_chars.append("\n")
                kept_offsets.append(kept_offsets[-1])
            lstrip = len(line) - len(line.lstrip())
            rstrip = len(line.rstrip())
            kept_chars.extend(line[lstrip:rstrip])
            kept_offsets.extend(offsets[pos + lstrip:pos + rstrip])
        pos = end + 1
    return "".join(kept_chars), kept_offsets
