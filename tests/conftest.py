"""Every test runs headless: Qt draws offscreen and never needs a display."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("XDG_STATE_HOME", os.path.join(os.environ.get("TMPDIR", "/tmp"),
                                                     "flowedit-test-state"))
