"""The fast path for big stage histories: pyarrow's multi-threaded CSV reader.

No Qt here. pyarrow is a dependency (pyproject.toml says why): benchmarks/bench_calibrate.py
measured the pure-Python reader at about 10x pyarrow's time on a 1,000,000-row export, and the
issue's goal is calibration within 2x of the fastest reader. Without pyarrow (a broken install)
this path steps aside and the exact reader gives the same result, slowly.

This path only reads what is plainly valid: UTF-8, one header line, the case, stage and time
columns as text and ISO times. Anything else — an empty cell, a short row, another date format,
a snapshot — returns None, and crm_table's exact reader reads the file and words the message
with its row. Both give the same history (tested); here `row` counts records, blank lines not
included, which only orders ties.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from flowedit.model.history import StageHistory

#: Bytes pyarrow parses at a time (several blocks in parallel).
BLOCK_BYTES = 1024 * 1024
#: Files up to this size are parsed whole by pyarrow.csv.read_csv, block by block on every core;
#: bigger ones are streamed batch by batch (open_csv), which keeps the peak memory of a 2 GB
#: export to the three columns used, dictionary-encoded.
WHOLE_FILE_BYTES = 256 * 1024 * 1024
#: From this many rows on, stages and times are converted on a second thread while the deals are.
PARALLEL_ROWS = 200_000
#: What str.strip() strips: every character whose isspace() is true (the exact reader strips
#: names with str.strip, and both readers must give the same names).
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
              "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def read_history(path: str, header: list[str], delimiter: str, columns: tuple[int, int, int],
                 names: dict[str, str], notes: list[str]) -> StageHistory | None:
    """The stage history in `path` read by pyarrow, or None to let the exact reader do it.

    Every pass over the rows runs in C: pyarrow reads only the three columns, parses the times
    while it reads and dictionary-encodes deals and stages per block; one unification makes the
    blocks share a dictionary (in order of first appearance, as the exact reader numbers them);
    trimming and the check for empty names run on the distinct names. The codes stay the int32
    indices pyarrow made (no widening copy); the times become float seconds, as every reader
    gives them."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.csv as pa_csv
    except ImportError:
        return None
    generated = [f"c{i}" for i in range(len(header))]
    case_column, stage_column, time_column = (generated[i] for i in columns)
    text = pa.dictionary(pa.int32(), pa.string())
    options = {
        "read_options": pa_csv.ReadOptions(column_names=generated, skip_rows=1,
                                           block_size=BLOCK_BYTES),
        "parse_options": pa_csv.ParseOptions(delimiter=delimiter),
        "convert_options": pa_csv.ConvertOptions(
            include_columns=[case_column, stage_column, time_column],
            column_types={case_column: text, stage_column: text,
                          time_column: pa.timestamp("us")},
            strings_can_be_null=False, quoted_strings_can_be_null=False)}
    try:
        if os.path.getsize(path) <= WHOLE_FILE_BYTES:
            table = pa_csv.read_csv(path, **options)
        else:
            table = pa_csv.open_csv(path, **options).read_all()
        if not table.num_rows or any(column.null_count for column in table.columns):
            return None  # no rows, or an empty time: the exact reader says so, with the row
        # the stage and time columns on a second thread while this one does the deals
        # (pyarrow and numpy let go of the GIL); for small files a thread costs more
        helper = ThreadPoolExecutor(max_workers=1) if table.num_rows >= PARALLEL_ROWS else None
        rest = (helper.submit(_stages_and_times, pa, table, stage_column, time_column)
                if helper is not None else None)
        if helper is not None:
            helper.shutdown(wait=False)  # the thread ends with its one task
        deals = (_sorted_runs(pa, pc, table.column(case_column))
                 or _unified(table.column(case_column)))
        stages, seconds = (rest.result() if rest is not None
                           else _stages_and_times(pa, table, stage_column, time_column))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError, OSError):
        return None
    encoded = []
    for name, (values, codes) in ((case_column, deals), (stage_column, stages)):
        trimmed = pc.utf8_trim(values, characters=WHITESPACE)
        if pc.any(pc.equal(pc.utf8_length(trimmed), 0)).as_py():
            return None  # an empty deal or stage: the exact reader names its row
        if not pc.all(pc.equal(trimmed, values)).as_py():
            encoded.append(_merged(trimmed.to_pylist(), codes))
        elif name == case_column:
            encoded.append((ArrowNames(values), codes))  # type: ignore[arg-type]
        else:
            encoded.append((values.to_pylist(), codes))
    (case_names, case_codes), (stage_names, stage_codes) = encoded
    return StageHistory(
        path, case_names, stage_names, case_codes, stage_codes, seconds,
        np.arange(2, table.num_rows + 2, dtype=np.int64), names, [*notes, "parsed by pyarrow"])


def _stages_and_times(pa: Any, table: Any, stage_column: str, time_column: str
                      ) -> tuple[tuple[Any, np.ndarray], np.ndarray]:
    """The stage dictionary and codes, and the times as float seconds (as every reader gives
    them), written block by block into one array."""
    seconds = np.empty(table.num_rows)
    first_row = 0
    for chunk in table.column(time_column).chunks:
        np.divide(chunk.to_numpy().view(np.int64), 1e6,
                  out=seconds[first_row:first_row + len(chunk)])
        first_row += len(chunk)
    return _few_names(pa, table.column(stage_column)), seconds


def _unified(column: Any) -> tuple[Any, np.ndarray]:
    """One dictionary for all blocks (in order of first appearance) and the codes into it,
    hashed by pyarrow: for a deal column in no particular order."""
    chunks = [chunk for chunk in column.unify_dictionaries().chunks if len(chunk)]
    return chunks[0].dictionary, np.concatenate([chunk.indices.to_numpy() for chunk in chunks])


def _few_names(pa: Any, column: Any) -> tuple[Any, np.ndarray]:
    """`_unified` for a column with few distinct names (the stages): each block's small
    dictionary is looked up in Python and its codes translated by one numpy gather."""
    seen: dict[str, int] = {}
    codes = np.empty(len(column), dtype=np.int32)
    first_row = 0
    for chunk in column.chunks:
        lookup = np.array([seen.setdefault(name, len(seen))
                           for name in chunk.dictionary.to_pylist()], dtype=np.int32)
        if len(chunk):
            np.take(lookup, chunk.indices.to_numpy(), out=codes[first_row:first_row + len(chunk)])
        first_row += len(chunk)
    return pa.array(list(seen), pa.string()), codes


def _sorted_runs(pa: Any, pc: Any, column: Any) -> tuple[Any, np.ndarray] | None:
    """The deal dictionary without hashing every block's names again, for an export grouped by
    deal with the deals in ascending order (as exports sorted by deal id are); None for any
    other file. A block's dictionary lists its deals in order of first appearance, so in such
    a file the blocks' dictionaries laid end to end are ascending (a block's first deal equal
    to the last one of the block before when a deal's rows span two blocks), and the codes are
    each block's codes shifted by the deals of the blocks before, going up by 0 or 1 from row
    to row: no deal comes back later. Both are checked; then the codes follow from positions
    alone."""
    chunks = [chunk for chunk in column.chunks if len(chunk)]
    names = pa.chunked_array([chunk.dictionary for chunk in chunks]).combine_chunks()
    before, after = names[:-1], names[1:]
    if pc.any(pc.less(after, before)).as_py():
        return None
    repeated = pc.equal(after, before).to_numpy(zero_copy_only=False)
    sizes = np.array([len(chunk.dictionary) for chunk in chunks])
    starts = np.cumsum(sizes) - sizes  # where each block's names begin
    joined = np.zeros(len(chunks), dtype=np.int64)  # the block goes on with the last deal
    joined[1:] = repeated[starts[1:] - 1]
    codes = np.empty(sum(map(len, chunks)), dtype=np.int32)
    first_row = 0
    for chunk, shift in zip(chunks, (starts - np.cumsum(joined)).tolist(), strict=True):
        np.add(chunk.indices.to_numpy(), shift, out=codes[first_row:first_row + len(chunk)])
        first_row += len(chunk)
    steps = np.diff(codes)
    if len(steps) and (steps.min() < 0 or steps.max() > 1):
        return None
    keep = np.ones(len(names), dtype=bool)
    keep[1:] = ~repeated
    return names.filter(pa.array(keep)), codes


class ArrowNames(Sequence[str]):
    """Deal ids left in pyarrow's array, made into str one at a time when asked for: calibration
    names three example deals per finding, so the 100,000 ids of a big export are never all
    turned into Python strings (that alone cost as much as a pass of calibration)."""

    __slots__ = ("_array",)

    def __init__(self, array: object) -> None:
        self._array = array

    def __len__(self) -> int:
        return len(self._array)  # type: ignore[arg-type]

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return self._array[index].to_pylist()  # type: ignore[index]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self._array[index].as_py()  # type: ignore[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self._array.to_pylist())  # type: ignore[attr-defined]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and not isinstance(other, str) and \
            list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ArrowNames({len(self)} names)"


def _merged(values: list[str], codes: np.ndarray) -> tuple[list[str], np.ndarray]:
    """Names that are the same once trimmed ('A ' and 'A') become one, in order of appearance."""
    first: dict[str, int] = {}
    remap = np.array([first.setdefault(value, len(first)) for value in values], dtype=np.int64)
    return list(first), remap[codes]
