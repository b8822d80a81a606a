"""What the tray does before its icon shows: the per-user lock and the loading icon."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tray_app.startup import tray_main as main
from tray_app.startup.instance_lock import InstanceLock
from tray_app.startup.single_instance import SingleInstance
from tray_app.ui.shared.icons import IconSpec, IconState, render


def test_one_lock_per_user_and_holding_it_twice_is_still_holding_it(qapp: QApplication) -> None:
    first, second = InstanceLock(), InstanceLock()
    assert first.acquire()
    assert first.acquire()  # QLockFile alone would say no to its own holder
    assert not second.acquire()
    first.release()
    first.release()  # harmless
    assert second.acquire()
    second.release()


def test_the_command_server_takes_over_a_held_lock(qapp: QApplication) -> None:
    lock = InstanceLock()
    assert lock.acquire()
    server = SingleInstance(lock=lock)
    assert server.acquire()
    assert Path(server.name).exists()  # listening
    assert not InstanceLock().acquire()
    server.release()
    assert not lock.held
    assert InstanceLock().acquire()


def test_the_loading_icon_is_the_svg_drawn_by_qt(qapp: QApplication) -> None:
    image = main.loading_icon().pixmap(32).toImage()
    assert image.width() == 32
    ours = render(IconSpec(IconState.LOADING), 32)  # from the same file, plus a halo
    drawn = {(x, y) for x in range(32) for y in range(32) if image.pixelColor(x, y).alpha() > 128}
    assert len(drawn) > 100
    assert all(ours.pixelColor(x, y).alpha() > 0 for x, y in drawn)


def test_without_the_file_the_apps_renderer_draws_it(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda _name: None)
    monkeypatch.setattr(main, "_SOURCE_ICONS", tmp_path / "resources" / "icons")
    icon = main.loading_icon()
    assert {size.width() for size in icon.availableSizes()} >= {16, 32, 64}
