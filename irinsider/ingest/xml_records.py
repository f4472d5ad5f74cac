"""PETRARCH's XML records: the input format of PETRARCH-2 and its validation suites.

    <Sentences>
    <Sentence date="20080801" id="AFP0808-01_1" sentence="True" source="AFP">
    <Text>Arnor sent humanitarian aid to Gondor.</Text>
    <Parse>(ROOT (S ...))</Parse>
    </Sentence>
    </Sentences>

Each ``<Sentence>`` becomes one article: its ``id``, its ``date`` (YYYYMMDD, or any date
`parse_date` reads) and the words of its ``<Text>``, as one block when ``sentence`` is
"True" (one sentence of a story) and in paragraphs otherwise (a whole story). The parse,
when present, is not read: irinsider parses the text itself; nor is ``source``.

    is_petrarch_xml(text)         whether the root element is <Sentences> or <Sentence>
    parse_xml_records(text)       [(line, Draft or ParseProblem), ...], one a record

A record without text is a problem of its own line; XML that is not well formed ends the
reading with one problem naming its line, after the records read before it. A document
type declaration (and so any entity of one) is refused, not expanded.
"""

from __future__ import annotations

import re
from datetime import date
from xml.parsers import expat

from ..model import Block
from .formats import Draft, ParseProblem, normalise_whitespace, parse_date

__all__ = ["RECORD", "ROOT", "is_petrarch_xml", "parse_xml_records"]

ROOT = "sentences"
RECORD = "sentence"
_TEXT = "text"
_HEAD = re.compile(r"\A\ufeff?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<([A-Za-z_][\w.-]*)",
                   re.S)
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def root_element(text: str) -> str | None:
    """The name of the first element of an XML text, or None if it starts otherwise."""
    m = _HEAD.match(text[:4096])
    return m[1] if m else None


def is_petrarch_xml(text: str) -> bool:
    """Whether the text's root element is PETRARCH's <Sentences> (or one <Sentence>)."""
    name = root_element(text)
    return name is not None and name.lower() in (ROOT, RECORD)


def _record_date(value: str, draft: Draft) -> date | None:
    text = value.strip()
    if not text:
        return None
    compact = _COMPACT_DATE.match(text)
    if compact:
        try:
            return date(int(compact[1]), int(compact[2]), int(compact[3]))
        except ValueError:
            pass
    else:
        found = parse_date(text, strict=True)
        if found is not None:
            return found
    draft.warnings.append(f"date {text[:40]!r} is not a date (use YYYYMMDD)")
    return None


class _Records:
    """Expat handlers collecting the records of one document."""

    def __init__(self, parser: expat.XMLParserType) -> None:
        self.parser = parser
        self.out: list[tuple[int, Draft | ParseProblem]] = []
        self.depth = 0
        self.root: str | None = None
        self.record: tuple[int, dict[str, str]] | None = None  # its line and attributes
        self.record_depth = 0
        self.in_text = False
        self.texts: list[str] = []

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        lowered = name.lower()
        if self.depth == 1:
            self.root = name
            if lowered not in (ROOT, RECORD):
                raise ParseProblem(f"not PETRARCH's XML records: the root element is <{name}>"
                                   " (want <Sentences> holding <Sentence> records)")
        if self.record is None and lowered == RECORD and self.depth <= 2:
            self.record = (self.parser.CurrentLineNumber, attrs)
            self.record_depth = self.depth
            self.texts = []
        elif self.record is not None and lowered == _TEXT \
                and self.depth == self.record_depth + 1:
            self.in_text = True

    def end(self, name: str) -> None:
        if self.in_text and name.lower() == _TEXT:
            self.in_text = False
        elif self.record is not None and self.depth == self.record_depth:
            line, attrs = self.record
            self.record = None
            self.out.append((line, self._draft(attrs)))
        self.depth -= 1

    def data(self, text: str) -> None:
        if self.in_text:
            self.texts.append(text)

    def _draft(self, attrs: dict[str, str]) -> Draft | ParseProblem:
        text = "".join(self.texts)
        if not text.strip():
            return ParseProblem("record has no <Text>")
        if attrs.get("sentence", "True").strip().lower() == "false":
            paragraphs = [normalise_whitespace(p) for p in re.split(r"\n\s*\n", text)]
        else:  # one sentence of a story, however its lines are broken
            paragraphs = [normalise_whitespace(text)]
        draft = Draft(blocks=[Block(p) for p in paragraphs if p])
        draft.id = normalise_whitespace(attrs.get("id", "")) or None
        draft.date = _record_date(attrs.get("date", ""), draft)
        return draft


def _refuse_doctype(*_: object) -> None:
    raise ParseProblem("a document type declaration is not read in PETRARCH's XML records")


def parse_xml_records(text: str) -> list[tuple[int, Draft | ParseProblem]]:
    """The records of a PETRARCH XML document, each with the line it starts on: a Draft,
    or the ParseProblem of that record. XML that is not well formed (or not PETRARCH's)
    ends the list with one ParseProblem naming its line."""
    parser = expat.ParserCreate()
    records = _Records(parser)
    parser.StartElementHandler = records.start
    parser.EndElementHandler = records.end
    parser.CharacterDataHandler = records.data
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.buffer_text = True
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        problem = ParseProblem(f"not well-formed XML: {expat.ErrorString(exc.code)} "
                               f"(column {exc.offset + 1})", exc.lineno)
        records.out.append((exc.lineno, problem))
    except ParseProblem as exc:
        exc.line = parser.CurrentLineNumber
        records.out.append((parser.CurrentLineNumber, exc))
    except RecursionError:
        records.out.append((parser.CurrentLineNumber,
                            ParseProblem("XML nested too deeply to read")))
    if records.root is not None and not records.out:
        records.out.append((1, ParseProblem("no <Sentence> records found")))
    return records.out
