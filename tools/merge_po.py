"""A git merge driver for message catalogues: two branches that each add translations never
conflict. Keeps every entry of both sides (a translation changed on one side wins over the
unchanged other side); run `python tools/extract_messages.py` after the merge to put the entries
back in source order and drop the ones no longer used.

Set it up once per clone (docs/translating.md):

    git config merge.po.driver "python3 tools/merge_po.py %O %A %B"
    printf '*.po merge=po\\n*.pot merge=po\\n' >> .git/info/attributes
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flowedit.i18n import po_entries  # noqa: E402
from tools.extract_messages import Message, entry_text  # noqa: E402


def merged(base: str, ours: str, theirs: str) -> str:
    old = {e.msgid: e for e in po_entries(base)}
    mine = {e.msgid: e for e in po_entries(ours)}
    other = {e.msgid: e for e in po_entries(theirs)}
    order = list(mine) + [m for m in other if m not in mine]
    header = "\nmsgid ".join(ours.split("\nmsgid ", 2)[:2]).rstrip("\n")  # comment + header entry
    blocks = []
    for msgid in order:
        entry = mine.get(msgid) or other[msgid]
        strings = entry.msgstr
        if msgid in mine and msgid in other:
            was = old[msgid].msgstr if msgid in old else None
            if (other[msgid].msgstr != was and any(other[msgid].msgstr)) or not any(strings):
                strings = other[msgid].msgstr
        if msgid == "":
            continue
        blocks.append(entry_text(Message(msgid, entry.plural), strings))
    return "\n\n".join([header, *blocks]) + "\n"


def main(base: str, ours: str, theirs: str) -> int:
    read = lambda p: Path(p).read_text(encoding="utf-8")  # noqa: E731
    Path(ours).write_text(merged(read(base), read(ours), read(theirs)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
