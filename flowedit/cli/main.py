"""The `flowedit` command: opens the editor, or runs a headless subcommand.

`flowedit [FILE]` opens the editor; `flowedit check FILE...` checks processes. Subcommands import
Qt only when they need it, so `check` runs on a server with no display and no Qt libraries loaded.
`--lang zh_CN|id|en` (before or after the subcommand) picks the language; without it the
system's (flowedit/i18n.py).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from flowedit import __version__
from flowedit.cli.common import translate_argparse, write_utf8
from flowedit.i18n import N_, _, available_languages, set_language

#: Subcommand name -> one line of help. The command's module (flowedit.cli.NAME_command, with
#: `add_arguments(parser)` and `run(args) -> int`) is imported only when it runs: `flowedit
#: --help` and the editor then load no subcommand's libraries (networkx, numpy, scipy, Qt).
SUBCOMMANDS: dict[str, str] = {
    "calibrate": N_("measure a process on a CRM export: probabilities, days, conformance"),
    "check": N_("check process files for problems (unreachable stages, dead ends, ...)"),
    "convert": N_("convert to or from draw.io, Visio, BPMN, Mermaid, GraphML or DOT"),
    "diff": N_("compare two versions of a process: stages, arrows, lanes, win rate"),
    "export": N_("export a process as a PNG image, an SVG drawing or a PDF"),
    "layout": N_("Tidy Up: lay a process out in its lanes and write it as a new file"),
    "metrics": N_("expected lead flow: visits, win rate, days to win, bottleneck, leaks"),
    "present": N_("present a process full screen to train reps, step by step (--quiz)"),
    "simulate": N_("write a stage history (CSV) that a process would produce"),
}


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", metavar="LANG",
                        help=_("the language of the messages: {languages} (default: the "
                               "system's)").format(languages=", ".join(available_languages())))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flowedit",
        description=_("A visual flowchart editor for sales processes. Run without a subcommand "
                      "to open the editor."),
        epilog=_("subcommands:") + "\n" + "\n".join(
            f"  {name:10} {_(text)}" for name, text in SUBCOMMANDS.items())
        + "\n\n" + _("Run 'flowedit SUBCOMMAND --help' for the options of one."),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"flowedit {__version__}")
    _add_lang(parser)
    parser.add_argument("file", nargs="?", help=_(
        "a process file (.yaml) to open in the editor, or a diagram to import (draw.io, Visio, "
        "BPMN, Mermaid, GraphML, DOT)"))
    return parser


def _language_option(args: list[str]) -> str | None:
    """The value of --lang (or --lang=X) anywhere before a '--', taken out of `args` so the
    subcommand's own parser sees the rest; None when not given."""
    end = args.index("--") if "--" in args else len(args)
    for index, arg in enumerate(args[:end]):
        if arg == "--lang" and index + 1 < end:
            value = args[index + 1]
            del args[index:index + 2]
            return value
        if arg.startswith("--lang="):
            del args[index]
            return arg.split("=", 1)[1]
    return None


#: Exit status after Ctrl+C (128 + SIGINT), as a shell reports a command it interrupted.
EXIT_INTERRUPTED = 130
#: Exit status when the reader of the output went away (`| head`): 128 + SIGPIPE, as the
#: shell reports a Unix tool that the closed pipe stopped.
EXIT_BROKEN_PIPE = 141


def main(argv: Sequence[str] | None = None) -> int:
    """Runs flowedit; the exit status is documented in README.md. A closed pipe and Ctrl+C end
    it quietly, as they end any Unix tool: never with a traceback."""
    try:
        status = _run(argv)
        sys.stdout.flush()  # a closed pipe shows here, not at exit where it cannot be caught
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    return status


def _silence_stdout() -> None:
    """Points stdout at the null device, so that Python's final flush of what is left in its
    buffer does not fail again (and print 'Exception ignored')."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass


def _run(argv: Sequence[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    language = _language_option(args)
    set_language(language)
    translate_argparse()
    if args and args[0] in SUBCOMMANDS:
        command = import_module(f"flowedit.cli.{args[0]}_command")
        sub = argparse.ArgumentParser(prog=f"flowedit {args[0]}",
                                      description=_(SUBCOMMANDS[args[0]]))
        command.add_arguments(sub)
        _add_lang(sub)
        write_utf8()
        return command.run(sub.parse_args(args[1:]))
    options = _parser().parse_args(args)
    from flowedit.cli.editor_command import open_editor

    return open_editor(options.file, language)


if __name__ == "__main__":
    sys.exit(main())
