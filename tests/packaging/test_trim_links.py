"""Symbolic links PyInstaller makes to libraries (installers/trim.py): none may dangle once
the library they point to is trimmed."""

from __future__ import annotations

from installers import trim

LIB = "PySide6/Qt/lib"


def test_a_link_to_a_trimmed_library_goes_and_one_to_a_kept_library_stays() -> None:
    gui = (f"{LIB}/libQt6Gui.so.6", "/venv/libQt6Gui.so.6", "BINARY")
    to_gui = ("libQt6Gui.so.6", f"{LIB}/libQt6Gui.so.6", "SYMLINK")
    to_opengl = ("libQt6OpenGL.so.6", f"{LIB}/libQt6OpenGL.so.6", "SYMLINK")
    data = ("certifi/cacert.pem", "/venv/cacert.pem", "DATA")
    kept, dropped = trim.without_dangling_links([gui, to_gui, to_opengl, data])
    assert kept == [gui, to_gui, data]
    assert dropped == [to_opengl]


def test_a_link_target_is_relative_to_the_links_folder() -> None:
    core = (f"{LIB}/libQt6Core.so.6", "/venv/libQt6Core.so.6", "BINARY")
    beside = (f"{LIB}/libQt6Core.so", "libQt6Core.so.6", "SYMLINK")
    upward = ("PySide6/libQt6Core.so.6", "Qt/lib/libQt6Core.so.6", "SYMLINK")
    wrong = ("PySide6/libQt6Core.so", "libQt6Core.so.6", "SYMLINK")  # nothing at PySide6/...
    kept, dropped = trim.without_dangling_links([core, beside, upward, wrong])
    assert kept == [core, beside, upward]
    assert dropped == [wrong]
