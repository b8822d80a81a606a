"""What the frozen bundle keeps of what PyInstaller's analysis collected. Pure rules over
PyInstaller's table of contents (entries ``(destination, source, typecode)``), applied by the
spec file (``packaging/pyinstaller/timeman-tray.spec``), and tested on their own.

What the app uses of Qt (everything else goes):

* modules: QtCore, QtGui, QtWidgets, QtSvg, QtNetwork (QLocalServer for the single instance,
  QNetworkInformation for "the network is back") and QtDBus (the StatusNotifierItem tray and the
  xdg-desktop-portal theme use it from C++);
* plugins: the platforms (xcb, Wayland, offscreen on Linux; windows; cocoa), the SVG icon
  engine and image format, ICO (and ICNS on macOS), input methods for typing in the dialogs
  (compose, IBus), the portal platform theme, the network-information backends, the native
  styles, the Wayland xdg-shell and window decorations;
* translations: Qt's own ``qtbase_<lang>.qm`` for the languages the app has a catalogue for.

On Linux, shared libraries that the build machine's system provides (libxcb, fontconfig,
OpenSSL, ...) are not bundled: the package depends on them instead (computed from what the kept
files link to), as Debian policy asks. What stays is the Python runtime, PySide6's Qt with its
ICU, and the wheels' own libraries; of those, only what a kept file needs (:func:`needed_closure`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import PurePosixPath
from typing import Final

__all__ = [
    "DLOPENED",
    "EXCLUDED_MODULES",
    "PLUGINS",
    "Entry",
    "is_system_library",
    "keep_data",
    "keep_plugin",
    "needed_closure",
    "plugin_of",
    "select",
    "without_dangling_links",
]

Entry = tuple[str, str, str]
"""PyInstaller's TOC entry: (destination in the bundle, source path, typecode)."""

# Plugins kept, by folder: None keeps the folder whole, else the plugin names (file name without
# "lib" and the extension) or name prefixes ending in "*".
PLUGINS: Final[Mapping[str, frozenset[str] | None]] = {
    "platforms": frozenset({"qxcb", "qwayland*", "qoffscreen", "qwindows", "qcocoa"}),
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    "iconengines": None,
    "imageformats": frozenset({"qsvg", "qico", "qicns"}),
    "networkinformation": None,
    "styles": None,
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": None,
}

# Python modules the app never imports but that hooks or optional imports would pull in.
EXCLUDED_MODULES: Final = (
    "tkinter",
    "_tkinter",
    "unittest",
    "pydoc",
    "pydoc_data",
    "doctest",
    "lib2to3",
    "distutils",
    "setuptools",
    "pip",
    "pkg_resources",
    "pytest",
    "IPython",
    "gi",  # keyring's libsecret backend: the Secret Service one (jeepney) does the same
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtDesigner",
)

# Loaded with dlopen(), so no kept file names them in DT_NEEDED: keep them when bundled.
DLOPENED: Final = frozenset({"libdbus-1.so.3"})

_PLUGIN_DIR: Final = re.compile(r"(?:^|/)Qt\d?/plugins/(?P<folder>[^/]+)/(?P<file>[^/]+)$")
_QT_TRANSLATION: Final = re.compile(r"(?:^|/)Qt\d?/translations/(?P<file>[^/]+)$")
_SYSTEM_DIRS: Final = ("/lib/", "/lib32/", "/lib64/", "/usr/lib/", "/usr/lib32/", "/usr/lib64/")
_PYTHON_RUNTIME: Final = re.compile(r"/python3(?:\.\d+)?/|/libpython3[\d.]*\.so")


def plugin_of(destination: str) -> tuple[str, str] | None:
    """``(folder, name)`` of a Qt plugin (``("platforms", "qxcb")``), or None."""
    match = _PLUGIN_DIR.search(destination.replace("\\", "/"))
    if match is None:
        return None
    stem = match["file"].split(".", 1)[0]
    return match["folder"], stem.removeprefix("lib")


def keep_plugin(folder: str, name: str) -> bool:
    """Whether the plugin ``name`` of ``folder`` is used (see :data:`PLUGINS`)."""
    if folder not in PLUGINS:
        return False
    allowed = PLUGINS[folder]
    if allowed is None:
        return True
    return any(
        name.startswith(pattern[:-1]) if pattern.endswith("*") else name == pattern
        for pattern in allowed
    )


def keep_data(destination: str, languages: Iterable[str]) -> bool:
    """False for Qt's translations other than ``qtbase_<lang>.qm`` of ``languages``."""
    match = _QT_TRANSLATION.search(destination.replace("\\", "/"))
    if match is None:
        return True
    wanted = {f"qtbase_{language}.qm" for language in languages}
    return match["file"] in wanted


def without_dangling_links(entries: Iterable[Entry]) -> tuple[list[Entry], list[Entry]]:
    """Split ``entries`` into (kept, dropped): a symbolic link (``(name, target relative to
    the link's folder, "SYMLINK")``, as PyInstaller makes them for libraries it found under
    another name) goes when nothing kept is at its target, as when the library was trimmed."""
    listed = list(entries)
    files = {destination for destination, _source, kind in listed if kind != "SYMLINK"}
    kept: list[Entry] = []
    dropped: list[Entry] = []
    for entry in listed:
        destination, target, kind = entry
        where = posixpath.normpath(posixpath.join(posixpath.dirname(destination), target))
        (dropped if kind == "SYMLINK" and where not in files else kept).append(entry)
    return kept, dropped


def is_system_library(source: str) -> bool:
    """A shared library the build machine's system provides (not the Python runtime, not a
    file of the virtual environment)."""
    path = source.replace("\\", "/")
    if not path.startswith(_SYSTEM_DIRS):
        return False
    return _PYTHON_RUNTIME.search(path) is None


def needed_closure(
    roots: Iterable[str], needs: Mapping[str, Iterable[str]], provided: Mapping[str, str]
) -> set[str]:
    """The destinations reachable from ``roots`` through DT_NEEDED.

    ``needs`` maps a destination to the library names it needs; ``provided`` maps a library
    name (a file name or SONAME) to the destination that provides it.
    """
    reached: set[str] = set()
    pending = list(roots)
    while pending:
        current = pending.pop()
        if current in reached:
            continue
        reached.add(current)
        for name in needs.get(current, ()):
            target = provided.get(name)
            if target is not None and target not in reached:
                pending.append(target)
    return reached


def select(
    binaries: Iterable[Entry],
    *,
    linux: bool,
    read_needed: Callable[[str], tuple[tuple[str, ...], str | None]],
) -> tuple[list[Entry], list[Entry]]:
    """Split ``binaries`` into (kept, dropped).

    Unused Qt plugins go; on Linux also system libraries and then every bundled library no
    kept file needs (with the symbolic links PyInstaller made to it: ``(name, target,
    "SYMLINK")``). ``read_needed(source)`` returns ``(needed names, soname)`` of an ELF file.
    """
    kept: list[Entry] = []
    dropped: list[Entry] = []
    for entry in binaries:
        plugin = plugin_of(entry[0])
        unused_plugin = plugin is not None and not keep_plugin(*plugin)
        if unused_plugin or (linux and is_system_library(entry[1])):
            dropped.append(entry)
        else:
            kept.append(entry)
    if not linux:
        return kept, dropped
    links = [entry for entry in kept if entry[2] == "SYMLINK"]  # (name, target, "SYMLINK")
    kept = [entry for entry in kept if entry[2] != "SYMLINK"]
    needs: dict[str, tuple[str, ...]] = {}
    provided: dict[str, str] = {}
    for destination, source, _kind in kept:
        names, soname = read_needed(source)
        needs[destination] = names
        provided.setdefault(PurePosixPath(destination).name, destination)
        if soname:
            provided.setdefault(soname, destination)
    roots = [
        destination
        for destination, _source, kind in kept
        if kind == "EXTENSION"
        or plugin_of(destination) is not None
        or PurePosixPath(destination).name.startswith("libpython")
        or PurePosixPath(destination).name in DLOPENED
    ]
    reached = needed_closure(roots, needs, provided)
    reached.update(link[0] for link in links if link[1] in reached)
    kept += links
    return (
        [entry for entry in kept if entry[0] in reached],
        dropped + [entry for entry in kept if entry[0] not in reached],
    )
