"""CRM exports in, stage histories out: CSV in any delimiter and the usual encodings, and XLSX.

No Qt here. Three shapes of export are recognised from their columns:

- a stage history (event log), one row per stage entry: case, stage, time columns
  (Salesforce `OpportunityId, StageName, CreatedDate`; process mining `case:concept:name,
  concept:name, time:timestamp`; `deal_id, stage, entered_at` ...);
- a wide export, one row per deal with a "Date entered <stage>" column per stage (HubSpot);
- a snapshot, one row per deal with its current stage, created and closed dates and amount.

Files are streamed in chunks: memory grows with a few numbers per row, never with the file's
text (a 2 GB export is not loaded whole). Every problem is a CrmExportError naming file and row;
nothing is half-read.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import difflib
import itertools
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

import numpy as np

from flowedit.io import crm_arrow
from flowedit.io.crm_dates import describe, parse_iso_fast, parse_many
from flowedit.io.errors import quoted
from flowedit.model.history import DealSnapshot, StageHistory, normalised

#: Rows read and converted at a time: large enough for numpy to pay, small enough to bound memory.
CHUNK_ROWS = 65_536
#: Characters of unquoted CSV split at a time.
BLOCK_CHARS = 4 * 1024 * 1024
#: Characters csv.Sniffer looks at (it is slow: a few lines are enough).
SNIFF_CHARS = 4096
#: Bytes looked at to guess the encoding and the delimiter.
SAMPLE_BYTES = 64 * 1024

#: Column names each role is recognised by, best first, compared without case, accents and
#: punctuation ("Opportunity ID" = "opportunity_id" = "OpportunityId").
CASE_COLUMNS = ("opportunityid", "caseconceptname", "dealid", "caseid", "recordid", "leadid",
                "opportunity", "deal", "case", "hsobjectid", "id")
STAGE_COLUMNS = ("stagename", "stage", "dealstage", "conceptname", "tostage", "newstage",
                 "pipelinestage", "activity", "status")
TIME_COLUMNS = ("enteredat", "entereddate", "timetimestamp", "createddate", "timestamp",
                "changedat", "changedate", "stagedate", "eventtime", "datetime", "date",
                "createdat", "createdon", "createdate", "engagedate", "time")
CLOSED_COLUMNS = ("closedate", "closeddate", "closedat", "closedon")
AMOUNT_COLUMNS = ("amount", "closevalue", "dealamount", "dealvalue", "value", "expectedrevenue")
_WIDE = (re.compile(r"^\s*date\s+entered\s+(.+)$", re.IGNORECASE),
         re.compile(r"^\s*entered\s+(.+?)(?:\s+(?:date|at|on))?\s*$", re.IGNORECASE),
         re.compile(r"^\s*(.+?)\s*[-_ ]\s*entered(?:\s*[-_ ]\s*(?:at|date|on))?\s*$",
                    re.IGNORECASE))


class CrmExportError(Exception):
    """An export that cannot be read; the message names the file and, when known, the row."""

    def __init__(self, path: str | os.PathLike[str], problem: str, row: int | None = None
                 ) -> None:
        self.path = os.fspath(path)
        self.problem = problem
        self.row = row
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.row is None else f"{self.path}: row {self.row}"
        return f"{where}: {self.problem}"


# ----------------------------------------------------------------------------- tables
@dataclass
class _Table:
    """Header and rows of a CSV file or a worksheet, whatever it was saved as."""

    header: list[str]
    header_row: int
    chunks: Iterator[tuple[np.ndarray, _Chunk]]  # (row numbers, rows)
    close: Callable[[], None]
    notes: list[str] = field(default_factory=list)
    cell_source: str = "CSV"
    #: Set for a CSV file simple enough for the fast reader: (encoding, delimiter).
    plain_csv: tuple[str, str] | None = None


def _open_table(path: str, sheet: str | None, encoding: str | None = None) -> _Table:
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head.startswith(b"PK\x03\x04"):
        return _open_xlsx(path, sheet)
    if sheet is not None:
        raise CrmExportError(path, "--sheet applies to Excel files (.xlsx); this is a text file")
    return _open_csv(path, encoding)


def _detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(sample) >= 4 and b"\x00" in sample[:200]:
        even = sample[0:200:2].count(0)
        odd = sample[1:200:2].count(0)
        return "utf-16-be" if even > odd else "utf-16-le"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 reads every byte
        return "latin-1" if any(b in sample for b in b"\x81\x8d\x8f\x90\x9d") else "cp1252"


def _open_csv(path: str, encoding: str | None) -> _Table:
    with open(path, "rb") as handle:
        raw = handle.read(SAMPLE_BYTES)
    if not raw.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise CrmExportError(path, "the file is empty: no header and no rows")
    chosen = encoding or _detect_encoding(raw)
    text = open(path, encoding=chosen, newline="")  # noqa: SIM115 — closed by _rows
    try:
        sample = text.read(SAMPLE_BYTES // 2)
    except UnicodeDecodeError:
        text.close()
        raise
    text.seek(0)
    delimiter = _delimiter(sample)
    reader = csv.reader(text, delimiter=delimiter)
    header_row = 0
    header: list[str] = []
    for record in reader:
        header_row += 1
        if any(cell.strip() for cell in record):
            header = [cell.strip().lstrip("\ufeff") for cell in record]
            break
    if not header:
        text.close()
        raise CrmExportError(path, "the file is empty: no header and no rows")
    names = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}
    notes = [f"read as {chosen.upper().replace('-SIG', ' with BOM')}, "
             f"{names.get(delimiter, repr(delimiter))}-separated"]

    plain = '"' not in sample  # no quoting: rows can be split without the csv module

    def chunks() -> Iterator[tuple[np.ndarray, _Chunk]]:
        line = reader.line_num
        if plain:
            carry = ""
            while block := text.read(BLOCK_CHARS):
                block = carry + block
                cut = block.rfind("\n") + 1
                block, carry = block[:cut], block[cut:]
                if block:
                    yield from _split(block, line, delimiter, len(header))
                    line += block.count("\n")
            if carry:
                yield from _split(carry + "\n", line, delimiter, len(header))
            return
        try:
            while True:
                # the line each record ends on: blank lines and quoted line breaks make it
                # differ from the record's position, and messages must name the line
                lines: list[int] = []
                note = lines.append
                chunk = [record for record in itertools.islice(reader, CHUNK_ROWS)
                         if not note(reader.line_num)]
                if not chunk:
                    break
                yield np.array(lines, dtype=np.int64), chunk  # type: ignore[misc]
        except csv.Error as error:
            raise CrmExportError(path, f"not readable as CSV: {error}",
                                 reader.line_num) from None

    simple = plain and header_row == 1 and chosen in ("utf-8", "utf-8-sig")
    return _Table(header, header_row, chunks(), text.close, notes,
                  plain_csv=(chosen, delimiter) if simple else None)


class _Flat:
    """The rows of a block as one flat list of cells (`width` per row): columns are slices."""

    def __init__(self, cells: list[str], width: int) -> None:
        self.cells = cells
        self.width = width

    def column(self, index: int) -> list[str]:
        return self.cells[index::self.width]

    def records(self) -> list[list[str]]:
        w = self.width
        return [self.cells[k:k + w] for k in range(0, len(self.cells), w)]


_Chunk = list[list[object]] | _Flat


def _split(block: str, line: int, delimiter: str, width: int
           ) -> Iterator[tuple[np.ndarray, _Chunk]]:
    """Whole lines of unquoted CSV after `line`: split with str methods when every line has
    `width` cells (C speed, the common case), else with the csv module, line numbers kept."""
    if "\r" in block:
        block = block.replace("\r\n", "\n").replace("\r", "\n")
    count = block.count("\n")
    cells = block.replace("\n", delimiter).split(delimiter)
    cells.pop()  # after the last line's end
    if len(cells) == count * width and '"' not in block:
        yield np.arange(line + 1, line + count + 1, dtype=np.int64), _Flat(cells, width)
        return
    lines = block.split("\n")[:-1]
    yield (np.arange(line + 1, line + count + 1, dtype=np.int64),
           [record or [] for record in csv.reader(lines, delimiter=delimiter)])


def _delimiter(sample: str) -> str:
    """`sniffed_delimiter`, without its 1 ms of counting every character of every line when the
    sample holds one of , ; tab | and the header line has it: the sniffer only ever guesses a
    delimiter it saw, so that one is its answer."""
    first, cut = _header_and_cut(sample)
    present = [d for d in ",;\t|" if d in cut]
    if len(present) == 1 and present[0] in first:
        return present[0]
    return sniffed_delimiter(sample)


def sniffed_delimiter(sample: str) -> str:
    """csv.Sniffer's guess when the header line agrees, else the most frequent of , ; tab |."""
    first, cut = _header_and_cut(sample)
    try:
        guess = csv.Sniffer().sniff(cut[:SNIFF_CHARS], delimiters=",;\t|").delimiter
        if guess in first:
            return guess
    except csv.Error:
        pass
    counts = {d: first.count(d) for d in ",;\t|"}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def _header_and_cut(sample: str) -> tuple[str, str]:
    """The first line with text, and the sample up to its last whole line (what is sniffed)."""
    first = next((line for line in sample.splitlines() if line.strip()), "")
    head = sample[:SNIFF_CHARS]
    return first, head[: head.rfind("\n") + 1] or head


def _open_xlsx(path: str, sheet: str | None) -> _Table:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise CrmExportError(path, "reading Excel files needs openpyxl: pip install openpyxl"
                             ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken zip or XML
        raise CrmExportError(path, f"not a readable Excel file ({error})") from None
    names = book.sheetnames
    notes = []
    if sheet is None:
        sheet = names[0]
        if len(names) > 1:
            notes.append(f"the workbook has {len(names)} sheets ({', '.join(names)}); read the "
                         f"first, {sheet!r} (choose another with --sheet)")
    elif sheet not in names:
        book.close()
        raise CrmExportError(path, f"there is no sheet {sheet!r}; the sheets are "
                                   f"{', '.join(names)}")
    rows = book[sheet].iter_rows(values_only=True)
    header_row = 0
    header: list[str] = []
    for values in rows:
        header_row += 1
        if any(v not in (None, "") for v in values):
            header = ["" if v is None else str(v).strip() for v in values]
            break
    if not header:
        book.close()
        raise CrmExportError(path, f"sheet {sheet!r} is empty: no header and no rows")
    notes.insert(0, f"read sheet {sheet!r} of an Excel workbook")

    def chunks() -> Iterator[tuple[np.ndarray, _Chunk]]:
        first = header_row + 1
        while block := list(itertools.islice(rows, CHUNK_ROWS)):
            yield (np.arange(first, first + len(block), dtype=np.int64),
                   [[_cell(v) for v in values] for values in block])
            first += len(block)

    return _Table(header, header_row, chunks(), book.close, notes,
                  cell_source=f"sheet {sheet!r}")


def _cell(value: object) -> object:
    """Worksheet cells as the CSV reader would give them; dates stay dates."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    return value


def _formula_without_value(path: str, sheet: str, row: int, column: int) -> bool:
    """Whether a cell read as empty holds a formula whose result Excel never saved (a file
    written by a script, never opened in Excel)."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        for values in book[sheet].iter_rows(min_row=row, max_row=row, values_only=True):
            value = values[column] if column < len(values) else None
            return isinstance(value, str) and value.startswith("=")
    finally:
        book.close()
    return False


# ----------------------------------------------------------------------------- columns
@dataclass
class _Layout:
    kind: str  # "long" or "wide"
    case: int
    stage: int = -1
    time: int = -1
    closed: int = -1
    amount: int = -1
    wide: list[tuple[int, str]] = field(default_factory=list)


def _find(header: list[str], candidates: tuple[str, ...], taken: set[int]) -> int:
    keys = [normalised(name) for name in header]
    for candidate in candidates:
        for index, key in enumerate(keys):
            if key == candidate and index not in taken:
                return index
    return -1


def _named(path: str, header: list[str], name: str, option: str) -> int:
    if name in header:
        return header.index(name)
    keys = [normalised(h) for h in header]
    if normalised(name) in keys:
        return keys.index(normalised(name))
    raise CrmExportError(path, f"{option} {name!r}: there is no such column; "
                               f"{_columns_found(header, name)}")


def _columns_found(header: list[str], wanted: str | None = None,
                   candidates: tuple[str, ...] = ()) -> str:
    found = ", ".join(repr(h) for h in header[:40]) + (" ..." if len(header) > 40 else "")
    keys = {normalised(h): h for h in header}
    likely = []
    if wanted:
        likely = difflib.get_close_matches(wanted, header, n=2, cutoff=0.5)
    for candidate in candidates:
        likely += [keys[k] for k in difflib.get_close_matches(candidate, list(keys), n=2,
                                                              cutoff=0.7)]
    likely = list(dict.fromkeys(likely))[:3]
    hint = f"; likely: {', '.join(repr(x) for x in likely)}" if likely else ""
    return f"the columns found are {found}{hint}"


def _wide_columns(header: list[str]) -> list[tuple[int, str]]:
    found = []
    for index, name in enumerate(header):
        if re.match(r"^\s*date\s+exited", name, re.IGNORECASE):
            continue
        for pattern in _WIDE:
            if match := pattern.match(name):
                stage = match.group(1).strip().strip("\"'“”‘’ ")
                stage = re.sub(r"\s*\([^()]*\)\s*$", "", stage).strip("\"'“”‘’ ")
                if stage:
                    found.append((index, stage))
                break
    return found


def _layout(path: str, header: list[str], case: str | None, stage: str | None,
            time: str | None, amount: str | None) -> _Layout:
    taken: set[int] = set()

    def pick(name: str | None, option: str, candidates: tuple[str, ...], role: str,
             required: bool = True) -> int:
        index = (_named(path, header, name, option) if name
                 else _find(header, candidates, taken))
        if index < 0 and required:
            raise CrmExportError(path, f"no column for the {role} ({option} COL names it); "
                                       f"{_columns_found(header, None, candidates[:4])}")
        if index >= 0:
            taken.add(index)
        return index

    wide = [] if (stage or time) else _wide_columns(header)
    if len(wide) >= 2:
        case_index = pick(case, "--case", CASE_COLUMNS, "deal id")
        wide = [(i, s) for i, s in wide if i != case_index]
        return _Layout("wide", case_index, wide=wide)
    case_index = pick(case, "--case", CASE_COLUMNS, "deal id")
    stage_index = pick(stage, "--stage", STAGE_COLUMNS, "stage")
    time_index = pick(time, "--time", TIME_COLUMNS, "time a stage was entered")
    closed = -1 if time else _find(header, CLOSED_COLUMNS, taken)
    if closed >= 0:
        taken.add(closed)
    amount_index = pick(amount, "--amount", AMOUNT_COLUMNS, "amount", required=False)
    return _Layout("long", case_index, stage_index, time_index, closed, amount_index)


# ----------------------------------------------------------------------------- reading
def read_crm_export(path: str | os.PathLike[str], *, case: str | None = None,
                    stage: str | None = None, time: str | None = None,
                    amount: str | None = None, sheet: str | None = None
                    ) -> StageHistory | DealSnapshot:
    """The export at `path` as a stage history, or as a snapshot when it has one row per deal
    and a close-date column. Columns are chosen by their usual names unless given. Raises
    CrmExportError naming the file (and row) for anything it cannot read."""
    name = os.fspath(path)
    try:
        try:
            return _read(name, case, stage, time, amount, sheet, None)
        except UnicodeDecodeError:
            # the sample looked like UTF-8 but a later row is not: a cp1252 export
            return _read(name, case, stage, time, amount, sheet, "cp1252")
    except OSError as error:
        raise CrmExportError(name, error.strerror or str(error)) from None


def _read(path: str, case: str | None, stage: str | None, time: str | None,
          amount: str | None, sheet: str | None, encoding: str | None
          ) -> StageHistory | DealSnapshot:
    table = _open_table(path, sheet, encoding)
    try:
        layout = _layout(path, table.header, case, stage, time, amount)
        if layout.kind == "wide":
            return _read_wide(path, table, layout)
        if table.plain_csv and layout.closed < 0 and layout.amount < 0:
            columns = (layout.case, layout.stage, layout.time)
            fast = crm_arrow.read_history(
                path, table.header, table.plain_csv[1], columns,
                dict(zip(("case", "stage", "time"), (table.header[i] for i in columns),
                         strict=True)), table.notes)
            if fast is not None:
                return fast
        return _read_long(path, table, layout, forced_time=time is not None)
    finally:
        table.chunks.close()  # type: ignore[attr-defined]
        table.close()


class _Codes:
    """Text values to small integers, chunk after chunk (the codes are dense at the end)."""

    def __init__(self) -> None:
        self.codes: dict[object, int] = {}
        self.counter = itertools.count()

    def add(self, values: list[object]) -> np.ndarray:
        return np.fromiter(map(self.codes.setdefault, values, self.counter), dtype=np.int64,
                           count=len(values))

    def dense(self, sparse: np.ndarray) -> tuple[list[str], np.ndarray]:
        """Names (stripped, equal ones merged) and the dense code of each value."""
        keys = list(self.codes)
        ids = np.fromiter(self.codes.values(), dtype=np.int64, count=len(keys))
        lookup = np.empty(int(ids.max()) + 1 if len(ids) else 0, dtype=np.int64)
        names = list(map(str.strip, map(str, keys)))
        if len(set(names)) == len(names):  # nothing to merge: codes in order of appearance
            lookup[ids] = np.arange(len(ids))
            return names, lookup[sparse]
        merged: dict[str, int] = {}
        for position, name in enumerate(names):
            lookup[ids[position]] = merged.setdefault(name, len(merged))
        return list(merged), lookup[sparse]


class _Times:
    """Timestamps of one column, parsed once per distinct value of a chunk; both readings of
    A/B/YYYY dates are kept until the whole file has said which one it uses."""

    def __init__(self, path: str, column: str) -> None:
        self.path = path
        self.column = column
        self.day_first: list[np.ndarray] = []
        self.month_first: list[np.ndarray] = []
        self.rows: list[np.ndarray] = []

    def add(self, values: list[object], rows: np.ndarray) -> None:
        whole = parse_iso_fast(values)  # plain ISO text: parsed in C, no look-up needed
        if whole is not None:
            self.day_first.append(whole)
            self.month_first.append(whole)
            self.rows.append(rows)
            return
        local: dict[object, int] = {}
        codes = np.fromiter(map(local.setdefault, values, itertools.count()), dtype=np.int64,
                            count=len(values))
        keys = list(local)
        day_first, month_first, bad = parse_many(keys)
        if bad is not None:
            where = int(rows[np.argmax(codes == local[keys[bad]])])
            raise CrmExportError(self.path, f"{quoted(str(keys[bad]))} in column "
                                            f"{self.column!r} is not a date", where)
        lookup = np.empty(len(values))
        lookup[list(local.values())] = day_first
        self.day_first.append(lookup[codes])
        if month_first is day_first:
            self.month_first.append(self.day_first[-1])
        else:
            other = np.empty(len(values))
            other[list(local.values())] = month_first
            self.month_first.append(other[codes])
        self.rows.append(rows)

    def result(self) -> np.ndarray:
        day_first = np.concatenate(self.day_first) if self.day_first else np.empty(0)
        month_first = np.concatenate(self.month_first) if self.month_first else np.empty(0)
        if all(a is b for a, b in zip(self.day_first, self.month_first, strict=True)) or \
                np.array_equal(day_first, month_first, equal_nan=True):
            return day_first
        rows = np.concatenate(self.rows)
        only_day = np.isinf(month_first) & ~np.isinf(day_first)
        only_month = np.isinf(day_first) & ~np.isinf(month_first)
        if only_day.any() and only_month.any():
            a, b = int(rows[np.argmax(only_day)]), int(rows[np.argmax(only_month)])
            raise CrmExportError(self.path, f"column {self.column!r} mixes day/month dates "
                                            f"(row {a}) and month/day dates (row {b}); export "
                                            "dates as YYYY-MM-DD", min(a, b))
        if only_day.any():
            return day_first
        if only_month.any():
            return month_first
        differ = np.flatnonzero(day_first != month_first)
        first = int(differ[0])
        raise CrmExportError(
            self.path, f"the dates in column {self.column!r} (such as "
                       f"{describe(day_first[first])} or {describe(month_first[first])}) could "
                       "be day/month or month/day and no date in the file has a day above 12 "
                       "to settle it; export dates as YYYY-MM-DD", int(rows[first]))


def _usable(path: str, rows: np.ndarray, chunk: _Chunk, width: int
            ) -> tuple[list[list[object]] | _Flat, np.ndarray]:
    """The rows of a chunk that hold data, and their row numbers; blank lines are skipped, a
    row too short for the columns used is refused."""
    if isinstance(chunk, _Flat) or not chunk or min(map(len, chunk)) >= width:
        return chunk, rows
    keep = []
    for index, record in enumerate(chunk):
        if len(record) >= width:
            keep.append(index)
        elif any(str(cell).strip() for cell in record):
            raise CrmExportError(path, f"the row has {len(record)} cells, fewer than the "
                                       f"{width} the columns used need", int(rows[index]))
    return [chunk[i] for i in keep], rows[keep]


def _column(chunk: list[list[object]] | _Flat, index: int) -> list[object]:
    if isinstance(chunk, _Flat):
        return chunk.column(index)  # type: ignore[return-value]
    return list(map(itemgetter(index), chunk))


def _read_long(path: str, table: _Table, layout: _Layout, forced_time: bool
               ) -> StageHistory | DealSnapshot:
    header = table.header
    used = [layout.case, layout.stage, layout.time, layout.closed, layout.amount]
    width = max(used) + 1
    cases, stages = _Codes(), _Codes()
    times = _Times(path, header[layout.time])
    closed = _Times(path, header[layout.closed]) if layout.closed >= 0 else None
    case_parts, stage_parts, row_parts, amount_parts = [], [], [], []
    for numbers, raw in table.chunks:
        chunk, rows = _usable(path, numbers, raw, width)
        if not len(rows):
            continue
        case_parts.append(cases.add(_column(chunk, layout.case)))
        stage_parts.append(stages.add(_column(chunk, layout.stage)))
        times.add(_column(chunk, layout.time), rows)
        if closed is not None:
            closed.add(_column(chunk, layout.closed), rows)
        if layout.amount >= 0:
            amount_parts.append(_amounts(path, _column(chunk, layout.amount), rows,
                                         header[layout.amount]))
        row_parts.append(rows)
    if not row_parts:
        raise CrmExportError(path, "the file has a header but no rows")
    rows = np.concatenate(row_parts)
    case_names, case_codes = cases.dense(np.concatenate(case_parts))
    stage_names, stage_codes = stages.dense(np.concatenate(stage_parts))
    for names, codes, role in ((case_names, case_codes, layout.case),
                               (stage_names, stage_codes, layout.stage)):
        if "" in names:
            empty = int(np.argmax(codes == names.index("")))
            _refuse_empty(path, table, int(rows[empty]), role)
    time_values = times.result()
    columns = {"case": header[layout.case], "stage": header[layout.stage],
               "time": header[layout.time]}
    one_row_each = len(case_names) == len(rows)
    if closed is not None and one_row_each and not forced_time:
        columns["created"] = columns.pop("time")
        columns["closed"] = header[layout.closed]
        amounts = np.full(len(rows), math.nan)
        if layout.amount >= 0:
            columns["amount"] = header[layout.amount]
            amounts = np.concatenate(amount_parts)
        return DealSnapshot(path, case_names, stage_names, stage_codes, time_values,
                            closed.result(), amounts, rows, columns,
                            [*table.notes, "one row per deal with a close date: a snapshot"])
    missing = np.isnan(time_values)
    if missing.any():
        _refuse_empty(path, table, int(rows[np.argmax(missing)]), layout.time)
    return StageHistory(path, case_names, stage_names, case_codes, stage_codes, time_values,
                        rows, columns, table.notes)


def _refuse_empty(path: str, table: _Table, row: int, column: int) -> None:
    name = table.header[column]
    if table.cell_source != "CSV" and _formula_without_value(
            path, table.cell_source[7:-1], row, column):
        raise CrmExportError(path, f"column {name!r} holds a formula whose result was never "
                                   "saved; open the file in Excel and save it again", row)
    raise CrmExportError(path, f"column {name!r} is empty", row)


def _amounts(path: str, values: list[object], rows: np.ndarray, column: str) -> np.ndarray:
    result = np.empty(len(values))
    for index, value in enumerate(values):
        text = re.sub(r"[\s$€£¥]", "", str(value))
        if not text:
            result[index] = math.nan
            continue
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            result[index] = float(text.replace(",", ""))
        except ValueError:
            raise CrmExportError(path, f"{quoted(str(value))} in column {column!r} is not an "
                                       "amount", int(rows[index])) from None
    return result


def _read_wide(path: str, table: _Table, layout: _Layout) -> StageHistory:
    """One row per deal, a date column per stage: one stage entry per filled date."""
    header = table.header
    width = max([layout.case, *(i for i, _ in layout.wide)]) + 1
    cases, stage_names = _Codes(), [s for _, s in layout.wide]
    case_parts, stage_parts, row_parts = [], [], []
    times = _Times(path, "Date entered ...")
    for numbers, raw in table.chunks:
        chunk, rows = _usable(path, numbers, raw.records() if isinstance(raw, _Flat) else raw,
                              width)
        values, entry_rows, entry_cases, entry_stages = [], [], [], []
        for record, row in zip(chunk, rows, strict=True):
            for position, (column, _) in enumerate(layout.wide):
                value = record[column]
                if value not in ("", None):
                    values.append(value)
                    entry_rows.append(row)
                    entry_cases.append(record[layout.case])
                    entry_stages.append(position)
        if not values:
            continue
        row_array = np.array(entry_rows, dtype=np.int64)
        times.add(values, row_array)
        case_parts.append(cases.add(entry_cases))
        stage_parts.append(np.array(entry_stages, dtype=np.int64))
        row_parts.append(row_array)
    if not row_parts:
        raise CrmExportError(path, "no row has a date in any 'Date entered' column")
    case_names, case_codes = cases.dense(np.concatenate(case_parts))
    columns = {"case": header[layout.case],
               "stages": ", ".join(header[i] for i, _ in layout.wide)}
    return StageHistory(path, case_names, stage_names, case_codes, np.concatenate(stage_parts),
                        times.result(), np.concatenate(row_parts), columns,
                        [*table.notes, f"a wide export: {len(layout.wide)} 'date entered' "
                                       "columns, one per stage"])


# ----------------------------------------------------------------------------- writing
def write_stage_history(path: str | os.PathLike[str], history: StageHistory) -> None:
    """A stage history as CSV (`deal_id,stage,entered_at`, UTC ISO times to the second), written
    to a temporary file beside `path` and renamed over it: an interrupted write leaves nothing
    half-written."""
    target = Path(path)
    order = np.lexsort((history.row, history.time, history.case))
    stamps = np.datetime_as_string(
        np.round(history.time[order]).astype("datetime64[s]"), unit="s")
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                dir=target.parent if str(target.parent) else ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(("deal_id", "stage", "entered_at"))
            case_names = np.array(list(history.case_names), dtype=object)[history.case[order]]
            stage_names = np.array(history.stage_names, dtype=object)[history.stage[order]]
            writer.writerows(zip(case_names, stage_names, stamps, strict=True))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
