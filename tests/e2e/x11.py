"""X11 pieces of the e2e harness: the window model, ``xwininfo -tree`` parsing, and a small
ctypes binding to libX11 and libXtst (both come with xdotool) for what the command-line tools
do badly: looking at the tray every few milliseconds without starting a process, and typing
any Unicode text reliably.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import time
from dataclasses import dataclass
from typing import Final


class DesktopError(AssertionError):
    """Something on the test desktop did not happen in time, or a tool failed.

    An ``AssertionError`` so that pytest shows it as a test failure with its full message.
    """


@dataclass(frozen=True)
class Geometry:
    """A rectangle in root-window coordinates."""

    x: int
    y: int
    w: int
    h: int

    @property
    def center(self) -> tuple[int, int]:
        return (self.x + self.w // 2, self.y + self.h // 2)

    def contains(self, x: int, y: int) -> bool:
        return self.x <= x < self.x + self.w and self.y <= y < self.y + self.h


@dataclass(frozen=True)
class XWindow:
    """One window of ``xwininfo -root -tree``: its absolute geometry and its ancestry.

    ``depth`` is 1 for children of the root window; ``parents`` lists the ids from the root's
    child down to the direct parent (empty for children of the root).
    """

    wid: int
    name: str | None
    res_name: str | None
    res_class: str | None
    geometry: Geometry
    depth: int
    parents: tuple[int, ...]

    def matches(self, pattern: re.Pattern[str]) -> bool:
        """Whether ``pattern`` is found in the name, the resource name or the class."""
        return any(
            text is not None and pattern.search(text) is not None
            for text in (self.name, self.res_name, self.res_class)
        )


_TREE_LINE: Final = re.compile(
    r"^(?P<indent>\s*)(?P<wid>0x[0-9a-f]+) "
    r'(?:"(?P<name>(?:[^"\\]|\\.)*)"|\(has no name\)): '
    r'\((?:"(?P<res_name>(?:[^"\\]|\\.)*)" "(?P<res_class>(?:[^"\\]|\\.)*)")?\)\s+'
    r"(?P<w>\d+)x(?P<h>\d+)[+-]-?\d+[+-]-?\d+\s+\+(?P<x>-?\d+)\+(?P<y>-?\d+)\s*$"
)


def parse_tree(text: str) -> list[XWindow]:
    """The windows of an ``xwininfo -root -tree`` listing, in its order (depth first)."""
    windows: list[XWindow] = []
    stack: list[tuple[int, int]] = []  # (indent, wid) of the open ancestors
    for line in text.splitlines():
        match = _TREE_LINE.match(line)
        if match is None:
            continue
        indent = len(match["indent"])
        while stack and stack[-1][0] >= indent:
            stack.pop()
        wid = int(match["wid"], 16)
        windows.append(
            XWindow(
                wid=wid,
                name=match["name"],
                res_name=match["res_name"],
                res_class=match["res_class"],
                geometry=Geometry(
                    int(match["x"]), int(match["y"]), int(match["w"]), int(match["h"])
                ),
                depth=len(stack) + 1,
                parents=tuple(parent for _, parent in stack),
            )
        )
        stack.append((indent, wid))
    return windows


class _XClassHint(ctypes.Structure):
    _fields_ = (("res_name", ctypes.c_void_p), ("res_class", ctypes.c_void_p))


_X_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


def _ignore_x_error(display: int | None, event: int | None) -> int:
    # A window may vanish between two calls (BadWindow); Xlib's default handler would exit
    # the whole process. The failing call returns a zero status instead, which we check.
    return 0


_IGNORE_X_ERROR: Final = _X_ERROR_HANDLER(_ignore_x_error)  # kept alive: C holds a pointer


class XConnection:
    """A few Xlib calls through ctypes (libX11 comes with xdotool), on one open connection:
    the tray selection's owner, and walking the windows under the tray without starting a
    process per look (``xwininfo`` costs ~3 ms of CPU per call and, polled every few ms, slows
    the very start-up a benchmark measures).
    """

    def __init__(self, display: str) -> None:
        lib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        c_ulong_p = ctypes.POINTER(ctypes.c_ulong)
        c_int_p = ctypes.POINTER(ctypes.c_int)
        c_uint_p = ctypes.POINTER(ctypes.c_uint)
        lib.XOpenDisplay.restype = ctypes.c_void_p
        lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        lib.XSetErrorHandler.argtypes = [_X_ERROR_HANDLER]
        lib.XSetErrorHandler.restype = ctypes.c_void_p
        lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        lib.XDefaultRootWindow.restype = ctypes.c_ulong
        lib.XInternAtom.restype = ctypes.c_ulong
        lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        lib.XGetSelectionOwner.restype = ctypes.c_ulong
        lib.XGetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        lib.XQueryTree.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            c_ulong_p,
            c_ulong_p,
            ctypes.POINTER(c_ulong_p),
            c_uint_p,
        ]
        lib.XFree.argtypes = [ctypes.c_void_p]
        lib.XFetchName.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_void_p)]
        lib.XGetClassHint.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(_XClassHint),
        ]
        lib.XGetGeometry.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            c_ulong_p,
            c_int_p,
            c_int_p,
            c_uint_p,
            c_uint_p,
            c_uint_p,
            c_uint_p,
        ]
        lib.XTranslateCoordinates.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.c_ulong,
            ctypes.c_int,
            ctypes.c_int,
            c_int_p,
            c_int_p,
            c_ulong_p,
        ]
        lib.XSetErrorHandler(_IGNORE_X_ERROR)
        handle = lib.XOpenDisplay(display.encode())
        if not handle:
            raise DesktopError(f"cannot open display {display}")
        self._lib = lib
        self._handle: int | None = handle
        self.root = int(lib.XDefaultRootWindow(handle))

    def close(self) -> None:
        if self._handle is not None:
            self._lib.XCloseDisplay(self._handle)
            self._handle = None

    def selection_owner(self, selection: str) -> int:
        """The window owning ``selection`` (0: none)."""
        atom = self._lib.XInternAtom(self._handle, selection.encode(), 0)
        return int(self._lib.XGetSelectionOwner(self._handle, atom))

    def children(self, wid: int) -> list[int]:
        """Direct children, bottom to top ([] if the window is gone)."""
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        array = ctypes.POINTER(ctypes.c_ulong)()
        count = ctypes.c_uint()
        status = self._lib.XQueryTree(
            self._handle,
            wid,
            ctypes.byref(root),
            ctypes.byref(parent),
            ctypes.byref(array),
            ctypes.byref(count),
        )
        if not status:
            return []
        try:
            return [int(array[index]) for index in range(count.value)]
        finally:
            if array:
                self._lib.XFree(array)

    def _string(self, pointer: int | None) -> str | None:
        if not pointer:
            return None
        try:
            return ctypes.string_at(pointer).decode("utf-8", errors="replace")
        finally:
            self._lib.XFree(pointer)

    def describe(self, wid: int, depth: int, parents: tuple[int, ...]) -> XWindow | None:
        """Name (WM_NAME), class and absolute geometry (None if the window is gone)."""
        root, child = ctypes.c_ulong(), ctypes.c_ulong()
        x, y = ctypes.c_int(), ctypes.c_int()
        w, h, border, bits = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
        if not self._lib.XGetGeometry(
            self._handle,
            wid,
            ctypes.byref(root),
            ctypes.byref(x),
            ctypes.byref(y),
            ctypes.byref(w),
            ctypes.byref(h),
            ctypes.byref(border),
            ctypes.byref(bits),
        ):
            return None
        if not self._lib.XTranslateCoordinates(
            self._handle,
            wid,
            self.root,
            0,
            0,
            ctypes.byref(x),
            ctypes.byref(y),
            ctypes.byref(child),
        ):
            return None
        name = ctypes.c_void_p()
        self._lib.XFetchName(self._handle, wid, ctypes.byref(name))
        hint = _XClassHint()
        self._lib.XGetClassHint(self._handle, wid, ctypes.byref(hint))
        return XWindow(
            wid=wid,
            name=self._string(name.value),
            res_name=self._string(hint.res_name),
            res_class=self._string(hint.res_class),
            geometry=Geometry(x.value, y.value, w.value, h.value),
            depth=depth,
            parents=parents,
        )

    # -- keyboard (XTest) ---------------------------------------------------------------------

    def _load_keyboard(self) -> None:
        lib = self._lib
        lib.XDisplayKeycodes.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_int),
        ]
        lib.XGetKeyboardMapping.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ubyte,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_int),
        ]
        lib.XGetKeyboardMapping.restype = ctypes.POINTER(ctypes.c_ulong)
        lib.XChangeKeyboardMapping.argtypes = [
            ctypes.c_void_p,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_ulong),
            ctypes.c_int,
        ]
        lib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.XFlush.argtypes = [ctypes.c_void_p]
        xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
        xtst.XTestFakeKeyEvent.argtypes = [
            ctypes.c_void_p,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_ulong,
        ]
        self._xtst = xtst

    def keymap(self) -> dict[int, tuple[int, ...]]:
        """Keycode -> its keysyms (levels), as the server has them now."""
        if not hasattr(self, "_xtst"):
            self._load_keyboard()
        low, high = ctypes.c_int(), ctypes.c_int()
        self._lib.XDisplayKeycodes(self._handle, ctypes.byref(low), ctypes.byref(high))
        count = high.value - low.value + 1
        per = ctypes.c_int()
        table = self._lib.XGetKeyboardMapping(self._handle, low.value, count, ctypes.byref(per))
        try:
            return {
                low.value + index: tuple(
                    int(table[index * per.value + level]) for level in range(per.value)
                )
                for index in range(count)
            }
        finally:
            self._lib.XFree(table)

    def set_keysyms(self, keycode: int, keysyms: tuple[int, ...]) -> None:
        array = (ctypes.c_ulong * len(keysyms))(*keysyms)
        self._lib.XChangeKeyboardMapping(self._handle, keycode, len(keysyms), array, 1)

    def fake_key(self, keycode: int, press: bool) -> None:
        self._xtst.XTestFakeKeyEvent(self._handle, keycode, 1 if press else 0, 0)

    def sync(self) -> None:
        self._lib.XSync(self._handle, 0)

    def subtree(self, top: XWindow, max_depth: int = 4) -> list[XWindow]:
        """The windows below ``top`` (depth first), down to ``max_depth`` levels."""
        found: list[XWindow] = []

        def walk(wid: int, depth: int, parents: tuple[int, ...]) -> None:
            if depth - top.depth > max_depth:
                return
            for child in self.children(wid):
                window = self.describe(child, depth, parents)
                if window is not None:
                    found.append(window)
                    walk(child, depth + 1, (*parents, child))

        walk(top.wid, top.depth + 1, (*top.parents, top.wid))
        return found


_SPECIAL_KEYSYMS: Final = {"\n": 0xFF0D, "\t": 0xFF09, "\b": 0xFF08}
_SHIFT_L: Final = 0xFFE1
_KEYMAP_SETTLE_S: Final = 0.25


def keysym_for(char: str) -> int:
    """The X keysym that types ``char``: Latin-1 keysyms are the code point, the rest
    ``0x1000000 + code point`` (understood by xkbcommon, hence Qt).
    """
    if char in _SPECIAL_KEYSYMS:
        return _SPECIAL_KEYSYMS[char]
    code = ord(char)
    return code if 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xFF else 0x1000000 + code


@dataclass(frozen=True)
class _Keys:
    """Where each keysym is on the keyboard now, the Shift key, and the empty keycodes."""

    present: dict[int, tuple[int, bool]]
    """keysym -> (keycode, needs Shift); unshifted places preferred."""
    shift: int | None
    spare: list[int]

    @classmethod
    def read(cls, conn: XConnection) -> _Keys:
        keymap = conn.keymap()
        shift = next((code for code, syms in keymap.items() if syms and syms[0] == _SHIFT_L), None)
        present: dict[int, tuple[int, bool]] = {}
        for level in (0, 1) if shift is not None else (0,):
            for code, syms in sorted(keymap.items()):
                if len(syms) > level and syms[level]:
                    present.setdefault(syms[level], (code, level == 1))
        spare = [code for code, syms in sorted(keymap.items()) if not any(syms)]
        return cls(present, shift, spare)

    def next_batch(self, keysyms: list[int], start: int) -> tuple[int, dict[int, int]]:
        """The end of the longest run from ``start`` whose missing keysyms fit into the spare
        keycodes, and the keycode for each of them.
        """
        batch: dict[int, int] = {}
        end = start
        while end < len(keysyms):
            sym = keysyms[end]
            if sym not in self.present and sym not in batch:
                if len(batch) == len(self.spare):
                    break
                batch[sym] = self.spare[len(batch)]
            end += 1
        if end == start:
            raise DesktopError("the keyboard map has no spare keycode to type with")
        return end, batch


def type_with_xtest(conn: XConnection, text: str, delay_s: float) -> None:
    """Type ``text`` through XTest. Characters the keymap lacks get spare (empty) keycodes,
    as many at a time as there are spare ones, mapped *before* typing and left in place until
    the clients had time to reload the keymap. (xdotool remaps one scratch keycode per
    character and reverts it right after the key; a client that reloads its keymap a moment
    late sees the reverted map and drops the character: about one in 30 runs here.)
    """
    keys = _Keys.read(conn)
    keysyms = [keysym_for(char) for char in text]
    start = 0
    while start < len(keysyms):
        end, batch = keys.next_batch(keysyms, start)
        for sym, code in batch.items():
            conn.set_keysyms(code, (sym, sym))
        conn.sync()
        if batch:
            time.sleep(_KEYMAP_SETTLE_S)
        for sym in keysyms[start:end]:
            code, shifted = keys.present.get(sym, (batch.get(sym, 0), False))
            modifier = keys.shift if shifted else None
            if modifier is not None:
                conn.fake_key(modifier, press=True)
            conn.fake_key(code, press=True)
            conn.fake_key(code, press=False)
            if modifier is not None:
                conn.fake_key(modifier, press=False)
            conn.sync()
            time.sleep(delay_s)
        if batch:
            time.sleep(_KEYMAP_SETTLE_S)  # let the clients handle the keys before a remap
            for code in batch.values():
                conn.set_keysyms(code, (0, 0))
            conn.sync()
        start = end
