"""The build helpers live in packaging/installers (packaging/ is not a Python package: the name
would shadow the ``packaging`` library); make them importable for these tests."""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
if str(PACKAGING) not in sys.path:
    sys.path.insert(0, str(PACKAGING))
