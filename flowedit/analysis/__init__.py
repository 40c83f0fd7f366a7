"""Pure analysis of a process document (checks, metrics). No Qt here."""

from flowedit.analysis.checks import CHECKS, Problem, Severity, check_document

__all__ = ["CHECKS", "Problem", "Severity", "check_document"]
