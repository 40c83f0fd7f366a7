#!/bin/sh
# Peers for `python -m benchmarks`: Graphviz (neato) and Dia, measured side by side with flowedit.
# Kept here, not in .ci/run, because the unit tests never need them (issue 13).
set -eu
if command -v neato >/dev/null 2>&1 && command -v dia >/dev/null 2>&1; then
    echo "graphviz and dia already installed"; exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends graphviz dia
