"""Reading a process file: every file that cannot be read is a FlowFileError naming the file and,
when there is one, the line to look at; nothing else ever escapes, and nothing in a file runs.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import timing_limits

from flowedit.io import FlowFileError, load_document, loads_document
from flowedit.io.flowfile import MAX_FILE_BYTES
from flowedit.model import Document, NodeKind, Outcome

VALID = """\
flowedit: 1
title: Simple B2C funnel
lanes:
  - id: sales
    name: Sales rep
  - id: legal
    name: Legal
    height: 200
nodes:
  - id: lead
    kind: start
    name: Lead received
    lane: sales
    x: 140
    y: 90
  - id: qualified
    kind: decision
    name: Qualified?
    lane: sales
    x: 340
    y: 90
  - id: won
    kind: end
    name: Deal won
    lane: legal
    x: 540
    y: 90
    outcome: won
  - id: lost
    kind: end
    name: Deal lost
    lane: sales
    x: 340
    y: 200
    outcome: lost
edges:
  - id: e1
    from: lead
    to: qualified
  - id: e-yes
    from: qualified
    to: won
    label: Yes
    probability: 0.4
  - id: e-no
    from: qualified
    to: lost
    label: No
"""


def replaced(old: str, new: str, text: str = VALID) -> str:
    """VALID with the first occurrence of `old` replaced; fails loudly if `old` is not there."""
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based number of the line holding the `occurrence`-th `needle`."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} is not in the text")


def read_error(tmp_path: Path, data: str | bytes, name: str = "process.yaml") -> FlowFileError:
    """Writes `data` to a file, reads it back and returns the FlowFileError it must raise."""
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    with pytest.raises(FlowFileError) as caught:
        load_document(path)
    error = caught.value
    assert error.path == str(path)
    assert str(error).startswith(str(path))
    assert "Traceback" not in str(error)
    return error


def assert_error_at(tmp_path: Path, text: str, needle: str, *words: str,
                    occurrence: int = 1) -> FlowFileError:
    """Reading `text` fails on the line holding `needle`, with a message holding each word."""
    error = read_error(tmp_path, text)
    assert error.line == line_of(text, needle, occurrence), str(error)
    assert error.column is not None and error.column >= 1
    assert f":{error.line}:" in str(error)
    for word in words:
        assert word in error.problem, str(error)
    return error


# ---------------------------------------------------------------------------------- the valid file
def test_the_valid_file_reads_into_the_document_it_describes(tmp_path: Path) -> None:
    path = tmp_path / "funnel.yaml"
    path.write_text(VALID, encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "Simple B2C funnel"
    assert [(lane.id, lane.name, lane.height) for lane in doc.lanes] == [
        ("sales", "Sales rep", 180.0), ("legal", "Legal", 200.0)]
    assert list(doc.nodes) == ["lead", "qualified", "won", "lost"]
    assert doc.nodes["qualified"].kind is NodeKind.DECISION
    assert doc.nodes["won"].outcome is Outcome.WON
    assert (doc.nodes["lost"].x, doc.nodes["lost"].y) == (340.0, 200.0)
    assert list(doc.edges) == ["e1", "e-yes", "e-no"]
    assert doc.edges["e-yes"].probability == 0.4
    assert doc.edges["e-no"].probability is None


@pytest.mark.parametrize("word", ["Yes", "No", "yes", "on", "off", "true", "null", "~"])
def test_a_label_is_the_text_as_written_even_when_yaml_would_read_it_as_a_bool(
        word: str) -> None:
    text = replaced("label: Yes", f"label: {word}")
    label = loads_document(text).edges["e-yes"].label
    if word in ("null", "~"):
        assert label is None
    else:
        assert label == word


@pytest.mark.parametrize("written", ["1.50", "0x10", "2024-01-31", "1e3", "007"])
def test_names_and_labels_that_look_like_numbers_stay_as_written(written: str) -> None:
    text = replaced("name: Deal won", f"name: {written}")
    text = replaced("label: No", f"label: {written}", text)
    doc = loads_document(text)
    assert doc.nodes["won"].name == written
    assert doc.edges["e-no"].label == written


def test_edges_without_id_get_ids_that_no_other_edge_uses() -> None:
    text = replaced("  - id: e1\n    from: lead", "  - from: lead")
    text = replaced("id: e-yes", "id: e1", text)
    doc = loads_document(text)
    assert len(doc.edges) == 3
    assert doc.edges["e1"].target == "won"
    assert len(set(doc.edges)) == 3


def test_an_empty_node_list_is_an_empty_process() -> None:
    doc = loads_document("flowedit: 1\nnodes:\n")
    assert doc.nodes == {} and doc.edges == {} and doc.lanes == ()


def test_a_file_with_a_bom_is_read() -> None:
    assert loads_document(b"\xef\xbb\xbf" + VALID.encode()) == loads_document(VALID)


def test_text_with_a_bom_is_read() -> None:
    assert loads_document("\ufeff" + VALID) == loads_document(VALID)


def test_a_file_with_windows_line_ends_is_read(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode())
    assert load_document(path) == loads_document(VALID)


def test_a_file_with_crlf_reports_the_right_line() -> None:
    text = replaced("kind: decision", "kind: gateway").replace("\n", "\r\n")
    with pytest.raises(FlowFileError) as caught:
        loads_document(text.encode())
    assert caught.value.line == line_of(text, "gateway")


def test_quoted_ids_that_look_like_numbers_are_ids() -> None:
    text = VALID.replace("lead", "'42'")
    doc = loads_document(text)
    assert "42" in doc.nodes
    assert doc.edges["e1"].source == "42"


# ---------------------------------------------------------------------------------- wrong type
@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        ("x: 340", "x: far", "x: far", ("x must be a number", "'far'")),
        ("x: 340", "x: '340'", "x: '340'", ("x must be a number",)),
        ("x: 340", "x: true", "x: true", ("x must be a number",)),
        ("x: 340", "x: 2024-01-31", "x: 2024", ("x must be a number",)),
        ("probability: 0.4", "probability: 40%", "40%", ("not a percentage", "write 0.4")),
        ("height: 200", "height: [200]", "height: [200]", ("single value",)),
        ("name: Deal won", "name: {first: Deal}", "name: {first", ("single value",)),
        ("flowedit: 1\n", "flowedit: 1.0\n", "flowedit: 1.0", ("whole number",)),
        ("flowedit: 1\n", "flowedit: '1'\n", "flowedit: '1'", ("whole number",)),
        ("title: Simple B2C funnel", "title: [a, b]", "title: [a, b]", ("single value",)),
        ("  - id: legal\n    name: Legal\n    height: 200\n", "  - legal\n", "  - legal",
         ("a lane must be a mapping",)),
        ("name: Sales rep", "name: ~", "name: ~", ("must not be empty",)),
    ],
)
def test_a_value_of_the_wrong_type_is_reported_at_its_line(
        tmp_path: Path, old: str, new: str, needle: str, words: tuple[str, ...]) -> None:
    assert_error_at(tmp_path, replaced(old, new), needle, *words)


def test_a_list_that_is_not_a_list_is_refused(tmp_path: Path) -> None:
    text = VALID[:VALID.index("edges:")] + "edges: none\n"
    assert_error_at(tmp_path, text, "edges: none", "edges must be a list")


@pytest.mark.parametrize("text", ["just some words\n", "- a\n- b\n", "42\n", "'flowedit: 1'\n"])
def test_a_file_that_is_not_a_mapping_is_refused(tmp_path: Path, text: str) -> None:
    error = read_error(tmp_path, text)
    assert error.line == 1
    assert "must be a mapping" in error.problem


@pytest.mark.parametrize("tagged", ["!!bool maybe", "!!bool ''", "!!int ''", "!!float ''",
                                    "!!int 0xZZ", "!!float abc", "!!int 12abc"])
def test_an_explicit_tag_on_a_value_that_does_not_fit_it_is_a_file_error(
        tmp_path: Path, tagged: str) -> None:
    assert_error_at(tmp_path, replaced("x: 340", f"x: {tagged}"), "x: !!")


@pytest.mark.parametrize("tagged", ["!!bool maybe", "!!int ''"])
def test_an_unfitting_tag_on_the_format_version_is_a_file_error(tmp_path: Path,
                                                                tagged: str) -> None:
    assert_error_at(tmp_path, replaced("flowedit: 1\n", f"flowedit: {tagged}\n"), "flowedit:")


# ---------------------------------------------------------------------------------- keys
@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        ("    name: Deal won", "    name: Deal won\n    nmae: typo", "nmae",
         ("unknown key 'nmae'", "a node", "did you mean 'name'?")),
        ("title: Simple", "titel: Simple", "titel", ("unknown key 'titel'", "'title'")),
        ("    label: No", "    label: No\n    propability: 0.6", "propability",
         ("an edge", "did you mean 'probability'?")),
        ("    height: 200", "    height: 200\n    colour: red", "colour",
         ("unknown key 'colour'", "a lane", "did you mean 'color'?")),
        ("    height: 200", "    height: 200\n    shade: red", "shade",
         ("unknown key 'shade'", "a lane", "known keys: id, name, height, color")),
    ],
)
def test_an_unknown_key_is_reported_with_a_suggestion(
        tmp_path: Path, old: str, new: str, needle: str, words: tuple[str, ...]) -> None:
    assert_error_at(tmp_path, replaced(old, new), needle, *words)


@pytest.mark.parametrize(
    ("old", "new", "needle", "missing", "what"),
    [
        ("    kind: decision\n", "", "id: qualified", "kind",
         "the node 'qualified' ('Qualified?')"),
        ("    x: 540\n", "", "id: won", "x", "the node 'won' ('Deal won')"),
        ("    name: Legal\n", "", "id: legal", "name", "the lane 'legal'"),
        ("    to: qualified\n", "", "id: e1", "to", "the edge 'e1'"),
    ],
)
def test_a_missing_key_is_reported_at_the_entry_that_lacks_it(
        tmp_path: Path, old: str, new: str, needle: str, missing: str, what: str) -> None:
    assert_error_at(tmp_path, replaced(old, new), needle, f"{what} is missing the key '{missing}'")


@pytest.mark.parametrize(("text", "missing"), [("title: T\nnodes: []\n", "flowedit"),
                                             ("flowedit: 1\ntitle: T\n", "nodes")])
def test_a_file_without_version_or_nodes_names_the_missing_key(tmp_path: Path, text: str,
                                                               missing: str) -> None:
    error = read_error(tmp_path, text)
    assert f"the file is missing the key {missing!r}" in error.problem
    assert error.line == 1


def test_a_key_written_twice_is_reported_at_the_second(tmp_path: Path) -> None:
    text = replaced("    name: Deal won\n", "    name: Deal won\n    name: Deal closed\n")
    error = assert_error_at(tmp_path, text, "name: Deal closed", "'name' appears twice")
    assert f"first on line {line_of(text, 'name: Deal won')}" in error.problem


def test_a_top_level_key_written_twice_is_reported(tmp_path: Path) -> None:
    text = VALID + "title: Again\n"
    assert_error_at(tmp_path, text, "title: Again", "'title' appears twice")


def test_a_key_that_is_a_list_is_refused(tmp_path: Path) -> None:
    text = replaced("    name: Deal won\n", "    ? [a, b]\n    : c\n")
    assert_error_at(tmp_path, text, "? [a, b]", "key must be plain text")


# ---------------------------------------------------------------------------------- values
def test_an_unknown_kind_lists_the_kinds(tmp_path: Path) -> None:
    assert_error_at(tmp_path, replaced("kind: decision", "kind: gateway"), "gateway",
                    "unknown kind 'gateway'", "start | stage | decision | end")


def test_an_unknown_outcome_lists_the_outcomes(tmp_path: Path) -> None:
    assert_error_at(tmp_path, replaced("outcome: won", "outcome: maybe"), "outcome: maybe",
                    "unknown outcome 'maybe'", "won | lost")


def test_an_outcome_on_a_node_that_is_not_an_end_or_a_stage_is_refused(tmp_path: Path) -> None:
    text = replaced("kind: end", "kind: decision")
    assert_error_at(tmp_path, text, "outcome: won", "only an end or a stage can have an outcome")


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        ("  - id: won\n", "  - id: lead\n", "id: lead", ("node id 'lead' is used twice",)),
        ("  - id: legal\n", "  - id: sales\n", "id: sales", ("lane id 'sales' is used twice",)),
        ("  - id: e-no\n", "  - id: e-yes\n", "id: e-yes", ("edge id 'e-yes' is used twice",)),
    ],
)
def test_an_id_used_twice_is_reported_at_its_second_use(
        tmp_path: Path, old: str, new: str, needle: str, words: tuple[str, ...]) -> None:
    assert_error_at(tmp_path, replaced(old, new), needle, *words, occurrence=2)


@pytest.mark.parametrize(("old", "new"), [("to: won", "to: wonn"), ("from: lead", "from: leed")])
def test_an_edge_to_a_missing_node_suggests_the_closest(tmp_path: Path, old: str,
                                                       new: str) -> None:
    end = new.split(": ")[1]
    error = assert_error_at(tmp_path, replaced(old, new), new, f"{end!r} names no node")
    assert "did you mean" in error.problem


def test_an_edge_to_a_node_unlike_any_other_names_it(tmp_path: Path) -> None:
    error = assert_error_at(tmp_path, replaced("to: won", "to: zzzzzz"), "zzzzzz",
                            "'zzzzzz' names no node")
    assert "did you mean" not in error.problem


def test_a_loop_on_a_decision_is_refused_at_its_edge(tmp_path: Path) -> None:
    text = replaced("    to: lost\n", "    to: qualified\n")
    assert_error_at(tmp_path, text, "  - id: e-no", "only a stage can loop back to itself")


def test_a_node_in_a_lane_that_does_not_exist_lists_the_lanes(tmp_path: Path) -> None:
    assert_error_at(tmp_path, replaced("lane: legal", "lane: finance"), "lane: finance",
                    "no lane 'finance'", "sales, legal")


def test_a_node_in_a_lane_when_no_lanes_are_listed(tmp_path: Path) -> None:
    text = "flowedit: 1\nnodes:\n  - {id: a, kind: start, name: A, x: 0, y: 0, lane: sales}\n"
    assert_error_at(tmp_path, text, "lane: sales", "none are listed")


@pytest.mark.parametrize("value", ["1.5", "-0.1", "1.0000001", "2"])
def test_a_probability_outside_0_to_1_is_refused(tmp_path: Path, value: str) -> None:
    assert_error_at(tmp_path, replaced("probability: 0.4", f"probability: {value}"),
                    "probability:", "between 0 and 1", value)


@pytest.mark.parametrize("value", ["0", "1", "0.0", "1.0"])
def test_a_probability_of_0_or_1_is_fine(value: str) -> None:
    doc = loads_document(replaced("probability: 0.4", f"probability: {value}"))
    assert doc.edges["e-yes"].probability == float(value)


@pytest.mark.parametrize(
    ("value", "words"),
    [(".nan", ("finite",)), (".NaN", ("finite",)), (".inf", ("finite",)),
     ("-.inf", ("finite",)), ("NaN", ("must be a number",)), ("Infinity", ("must be a number",)),
     ("1e308", ("far too large",)), ("1" + "0" * 400, ("far too large",)),
     ("9" * 5000, ("not a valid value",))],
)
def test_coordinates_must_be_finite_numbers(tmp_path: Path, value: str,
                                           words: tuple[str, ...]) -> None:
    assert_error_at(tmp_path, replaced("x: 340", f"x: {value}"), f"x: {value[:5]}", *words)


@pytest.mark.parametrize("value", ["1.0e+308", "2000000", "-1000000.5"])
def test_a_coordinate_off_the_canvas_is_reported_at_its_node(tmp_path: Path, value: str) -> None:
    # The range is the model's rule: the reader names the node and points at its id.
    assert_error_at(tmp_path, replaced("x: 340", f"x: {value}"), "id: qualified",
                    "node 'qualified'", "x must be between")


def test_a_newer_format_version_asks_to_update(tmp_path: Path) -> None:
    assert_error_at(tmp_path, replaced("flowedit: 1", "flowedit: 2"), "flowedit: 2",
                    "format 2", "newer", "update flowedit")


@pytest.mark.parametrize("version", ["0", "-1"])
def test_a_format_version_below_1_does_not_exist(tmp_path: Path, version: str) -> None:
    assert_error_at(tmp_path, replaced("flowedit: 1", f"flowedit: {version}"), "flowedit:",
                    "does not exist")


@pytest.mark.parametrize(("old", "new"), [("  - id: lead", "  - id: 5"),
                                          ("  - id: sales", "  - id: 12"),
                                          ("  - id: e1", "  - id: 1.5"),
                                          ("from: lead", "from: 5"),
                                          ("  - id: won", "  - id: true")])
def test_an_id_written_as_a_number_asks_for_quotes(tmp_path: Path, old: str, new: str) -> None:
    value = new.split(": ")[1]
    assert_error_at(tmp_path, replaced(old, new), new, "must be text", f"'{value}'")


@pytest.mark.parametrize(("old", "new"), [("  - id: lead", "  - id: new lead"),
                                          ("  - id: sales", "  - id: sales/emea")])
def test_an_id_with_characters_ids_cannot_hold_is_refused(tmp_path: Path, old: str,
                                                         new: str) -> None:
    assert_error_at(tmp_path, replaced(old, new), new, "may only use")


# ---------------------------------------------------------------------------------- YAML itself
def test_a_tab_used_for_indentation_is_a_yaml_error(tmp_path: Path) -> None:
    text = replaced("    kind: decision", "\tkind: decision")
    assert_error_at(tmp_path, text, "\tkind", "a tab is used for indentation", "spaces")


def test_broken_yaml_is_reported_at_its_line(tmp_path: Path) -> None:
    text = replaced("    name: Deal won", "    name: [Deal won")
    error = read_error(tmp_path, text)
    assert "never closed" in error.problem
    assert error.line == line_of(text, "[Deal won")


def test_two_yaml_documents_are_refused_at_the_second(tmp_path: Path) -> None:
    text = VALID + "---\n" + VALID
    assert_error_at(tmp_path, text, "---", "one YAML document")


def test_explicit_document_markers_around_one_document_are_fine() -> None:
    assert loads_document("---\n" + VALID + "...\n") == loads_document(VALID)


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/apply:subprocess.call [['touch', '{marker}']]",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!!python/object:builtins.object {{}}",
    ],
)
def test_python_tags_are_refused_and_never_run(tmp_path: Path, payload: str) -> None:
    marker = tmp_path / "executed"
    text = replaced("title: Simple B2C funnel", "title: " + payload.format(marker=marker))
    error = assert_error_at(tmp_path, text, "title: !!python", "tag", "not allowed")
    assert "python" in error.problem
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!!binary aGVsbG8=", "!!set {a, b}", "!!timestamp 2024-01-01",
                                 "!custom value", "!<tag:example.com,2024:x> value"])
def test_other_yaml_tags_are_refused(tmp_path: Path, tag: str) -> None:
    text = replaced("title: Simple B2C funnel", f"title: {tag}")
    assert_error_at(tmp_path, text, "title: !", "not allowed")


def test_standard_tags_on_plain_values_are_fine() -> None:
    text = replaced("name: Deal won", "name: !!str 2024")
    text = replaced("x: 540", "x: !!float 540", text)
    doc = loads_document(text)
    assert doc.nodes["won"].name == "2024"
    assert doc.nodes["won"].x == 540.0


def test_an_anchor_is_refused(tmp_path: Path) -> None:
    text = replaced("    name: Deal won", "    name: &winner Deal won")
    assert_error_at(tmp_path, text, "&winner", "anchors", "&winner")


def test_an_alias_is_refused(tmp_path: Path) -> None:
    text = replaced("    name: Deal lost", "    name: *winner")
    assert_error_at(tmp_path, text, "*winner", "aliases")


def test_a_merge_key_is_an_unknown_key(tmp_path: Path) -> None:
    text = replaced("    name: Deal lost", "    <<: {name: Deal lost}")
    assert_error_at(tmp_path, text, "<<", "unknown key '<<'")


def test_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    lines = ['a0: &a0 "lol"']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    text = "flowedit: 1\nnodes: []\ntitle:\n" + "\n".join("  " + line for line in lines) + "\n"
    started = time.monotonic()
    error = read_error(tmp_path, text)
    timing_limits.within(time.monotonic() - started, 1.0)
    assert "anchors" in error.problem
    assert error.line == 4


@pytest.mark.parametrize(("opening", "closing"), [("[", "]"), ("{a: ", "}")])
@pytest.mark.parametrize("depth", [33, 100_000])
def test_deep_nesting_is_refused(tmp_path: Path, opening: str, closing: str, depth: int) -> None:
    text = "flowedit: 1\nnodes: []\ntitle: " + opening * depth + "x" + closing * depth + "\n"
    started = time.monotonic()
    error = read_error(tmp_path, text)
    timing_limits.within(time.monotonic() - started, 5.0)
    assert "nest" in error.problem
    assert error.line == 3


def test_nesting_up_to_the_limit_is_still_yaml(tmp_path: Path) -> None:
    text = "flowedit: 1\nnodes: []\ntitle: " + "[" * 30 + "x" + "]" * 30 + "\n"
    error = read_error(tmp_path, text)  # read as YAML, refused by the format: a title is text
    assert "single value" in error.problem


# ---------------------------------------------------------------------------------- bytes
def test_invalid_utf8_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    data = replaced("name: Deal won", "name: Deal w\xf6n").encode("latin-1")
    error = read_error(tmp_path, data)
    assert error.line == line_of(VALID, "name: Deal won")
    assert error.column == len("    name: Deal w") + 1
    assert "UTF-8" in error.problem


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03" * 100, bytes(range(256)) * 50,
                                  b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
                                  b"PK\x03\x04\x14\x00\x00\x00\x08\x00"])
def test_binary_garbage_is_refused(tmp_path: Path, data: bytes) -> None:
    error = read_error(tmp_path, data)
    assert ("binary" in error.problem or "UTF-8" in error.problem
            or error.problem.startswith("this looks like a"))


def test_a_nul_character_after_the_start_is_refused(tmp_path: Path) -> None:
    data = (VALID + "#" * 5000 + "\n").encode() + b"title2: \x00\n"
    read_error(tmp_path, data)


@pytest.mark.parametrize("before", ["Deal ", "Abschluss gewünscht 🤝 "])
def test_a_control_character_is_reported_at_its_line_and_column(tmp_path: Path,
                                                                before: str) -> None:
    text = replaced("name: Deal won", f"name: {before}\x07won")
    error = assert_error_at(tmp_path, text, "\x07", "#x0007", "not allowed")
    assert error.column == len(f"    name: {before}") + 1
    assert "\n" not in str(error)


def test_text_that_is_not_valid_unicode_is_a_file_error() -> None:
    with pytest.raises(FlowFileError, match="not valid Unicode"):
        loads_document(VALID.replace("Deal won", "Deal \ud800"))


@pytest.mark.parametrize("data", [b"", b"\n\n", b"   \n", b"# only a comment\n",
                                  b"\xef\xbb\xbf"])
def test_an_empty_file_says_so(tmp_path: Path, data: bytes) -> None:
    error = read_error(tmp_path, data)
    assert "empty" in error.problem
    assert error.line is None


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: takes no room on disk
    started = time.monotonic()
    with pytest.raises(FlowFileError) as caught:
        load_document(path)
    timing_limits.within(time.monotonic() - started, 1.0)
    assert caught.value.path == str(path)
    assert "20 MiB" in caught.value.problem


def test_a_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    padding = MAX_FILE_BYTES - len(VALID.encode())
    path.write_bytes(VALID.encode() + b"#" * (padding - 1) + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert load_document(path) == loads_document(VALID)


def test_contents_over_the_size_limit_are_refused() -> None:
    with pytest.raises(FlowFileError, match="20 MiB"):
        loads_document(b"#" * (MAX_FILE_BYTES + 1), "pasted.yaml")


def test_a_missing_file_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(FlowFileError) as caught:
        load_document(path)
    assert caught.value.path == str(path)
    assert "no such file" in caught.value.problem


def test_a_folder_is_a_file_error(tmp_path: Path) -> None:
    folder = tmp_path / "process.yaml"
    folder.mkdir()
    with pytest.raises(FlowFileError) as caught:
        load_document(folder)
    assert caught.value.path == str(folder)
    assert "folder" in caught.value.problem


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs a POSIX user who cannot read everything")
def test_an_unreadable_file_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(VALID)
    path.chmod(0)
    with pytest.raises(FlowFileError, match="cannot read"):
        load_document(path)


def test_loads_document_names_the_given_path() -> None:
    with pytest.raises(FlowFileError) as caught:
        loads_document("flowedit: 7\nnodes: []\n", "pasted/process.yaml")
    assert str(caught.value).startswith("pasted/process.yaml:1:")


def test_reading_returns_a_fresh_document_each_time() -> None:
    first, second = loads_document(VALID), loads_document(VALID)
    assert isinstance(first, Document)
    assert first == second and first is not second
