"""Stop PySide6 from reading the source of every module imported after it.

PySide6 6 hooks ``import`` (PYSIDE-2029): for each new module it calls
``shibokensupport.feature._mod_uses_pyside``, which reads the whole source file with
``inspect.getsource`` to see whether the text "PySide6" occurs in it. Modules that do get
feature selection 0 (Qt's own names), the others -1 (ignored). Reading the sources costs the
tray ~8.6 MiB that ``linecache`` then keeps for good, and a share of its start-up.

The app never uses ``from __feature__ import ...``, so selection 0 (what every PySide module
gets anyway) is right for every module, and the answer needs no source. A frozen build ships
no sources, so there the scan finds nothing and this changes nothing. If a PySide6 release
drops or renames the function, this does nothing and says so in the log.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)
_HOOK_MODULE = "shibokensupport.feature"
_HOOK = "_mod_uses_pyside"


def _uses_pyside(module: object) -> bool:
    del module
    return True


def stop_source_scan() -> bool:
    """Answer PySide6's per-module question without reading the module; whether it was done."""
    import PySide6  # noqa: F401, PLC0415  (loads shiboken and its import hook)

    feature = sys.modules.get(_HOOK_MODULE)
    if feature is None or not callable(getattr(feature, _HOOK, None)):
        log.info("PySide6 has no %s.%s; its import hook is left as it is", _HOOK_MODULE, _HOOK)
        return False
    setattr(feature, _HOOK, _uses_pyside)
    return True
