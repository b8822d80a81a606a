"""Where the status panel opens when the tray gives (or withholds) the icon's geometry."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tray_app.ui.shell.placement import MARGIN, Edge, Rect, panel_edge, panel_position

SCREEN = Rect(0, 0, 1920, 1080)
BOTTOM_PANEL = Rect(0, 0, 1920, 1040)
TOP_PANEL = Rect(0, 32, 1920, 1048)
LEFT_PANEL = Rect(48, 0, 1872, 1080)
RIGHT_PANEL = Rect(0, 0, 1872, 1080)
SIZE = (300, 200)


@pytest.mark.parametrize(
    ("available", "edge"),
    [
        (BOTTOM_PANEL, Edge.BOTTOM),
        (TOP_PANEL, Edge.TOP),
        (LEFT_PANEL, Edge.LEFT),
        (RIGHT_PANEL, Edge.RIGHT),
        (SCREEN, Edge.BOTTOM),  # no panel seen: bottom-right, where most trays are
    ],
)
def test_the_edge_with_a_panel_is_where_the_available_area_is_cut(
    available: Rect, edge: Edge
) -> None:
    assert panel_edge(SCREEN, available) is edge


def test_a_second_screen_right_of_the_first_finds_its_own_top_panel() -> None:
    screen = Rect(1920, 0, 1280, 1024)
    assert panel_edge(screen, Rect(1920, 28, 1280, 996)) is Edge.TOP


@pytest.mark.parametrize(
    ("available", "expected"),
    [
        (BOTTOM_PANEL, (1920 - 300 - MARGIN, 1040 - 200 - MARGIN)),
        (TOP_PANEL, (1920 - 300 - MARGIN, 32 + MARGIN)),
        (LEFT_PANEL, (48 + MARGIN, 1080 - 200 - MARGIN)),
        (RIGHT_PANEL, (1872 - 300 - MARGIN, 1080 - 200 - MARGIN)),
        (SCREEN, (1920 - 300 - MARGIN, 1080 - 200 - MARGIN)),
    ],
)
def test_without_icon_or_pointer_it_opens_in_the_panel_corner(
    available: Rect, expected: tuple[int, int]
) -> None:
    assert panel_position(SIZE, SCREEN, available) == expected


def test_an_empty_icon_geometry_counts_as_none() -> None:
    assert panel_position(SIZE, SCREEN, BOTTOM_PANEL, icon=Rect(0, 0, 0, 0)) == (
        panel_position(SIZE, SCREEN, BOTTOM_PANEL)
    )


def test_never_the_top_left_corner_when_sni_gives_nothing() -> None:
    assert panel_position(SIZE, SCREEN, TOP_PANEL, icon=Rect(0, 0, 0, 0)) != (0, 0)


def test_it_opens_below_an_icon_in_a_top_panel() -> None:
    icon = Rect(1800, 4, 24, 24)
    x, y = panel_position(SIZE, SCREEN, TOP_PANEL, icon=icon)
    assert y == 32 + MARGIN  # below the icon (28) and the panel under it
    assert x == 1920 - 300 - MARGIN  # pushed left to stay on screen


def test_it_opens_above_an_icon_in_a_bottom_panel() -> None:
    icon = Rect(900, 1050, 24, 24)
    x, y = panel_position(SIZE, SCREEN, BOTTOM_PANEL, icon=icon)
    assert (x, y) == (912 - 150, 1040 - MARGIN - 200)  # above the panel the icon is in


def test_the_pointer_is_used_when_the_icon_is_unknown() -> None:
    x, y = panel_position(SIZE, SCREEN, TOP_PANEL, pointer=(1000, 10))
    assert (x, y) == (1000 - 150, 32 + MARGIN)  # below the pointer, under the top panel
    x, y = panel_position(SIZE, SCREEN, BOTTOM_PANEL, pointer=(1000, 900))
    assert (x, y) == (850, 900 - MARGIN - 200)  # no room below: above the pointer


def test_a_pointer_on_another_screen_is_ignored() -> None:
    assert panel_position(SIZE, SCREEN, BOTTOM_PANEL, pointer=(5000, 10)) == (
        panel_position(SIZE, SCREEN, BOTTOM_PANEL)
    )


def test_a_panel_larger_than_the_screen_starts_at_the_area_origin() -> None:
    assert panel_position((3000, 2000), SCREEN, TOP_PANEL) == (0, 32)


def test_a_panel_that_fits_without_margins_is_centred_in_the_spare_room() -> None:
    assert panel_position((1916, 200), SCREEN, SCREEN) == (2, 1080 - 200 - MARGIN)


def test_rect_edges_and_center() -> None:
    rect = Rect(10, 20, 30, 40)
    assert (rect.right, rect.bottom, rect.center()) == (40, 60, (25, 40))
    assert Rect(0, 0, 0, 5).empty
    assert Rect(0, 0, 5, -1).empty
    assert not rect.empty


screens = st.builds(
    Rect,
    st.integers(-4000, 4000),
    st.integers(-4000, 4000),
    st.integers(320, 5000),
    st.integers(240, 3000),
)


@st.composite
def setups(draw: st.DrawFn) -> tuple[Rect, Rect, tuple[int, int], Rect | None, object]:
    screen = draw(screens)
    cut = [draw(st.integers(0, 80)) for _ in range(4)]
    available = Rect(
        screen.x + cut[0],
        screen.y + cut[1],
        screen.width - cut[0] - cut[2],
        screen.height - cut[1] - cut[3],
    )
    size = (draw(st.integers(1, available.width)), draw(st.integers(1, available.height)))
    icon = draw(
        st.none()
        | st.builds(
            Rect,
            st.integers(screen.x, screen.right),
            st.integers(screen.y, screen.bottom),
            st.integers(0, 64),
            st.integers(0, 64),
        )
    )
    pointer = draw(
        st.none()
        | st.tuples(st.integers(-9000, 9000), st.integers(-9000, 9000))
        | st.tuples(
            st.integers(screen.x, screen.right - 1), st.integers(screen.y, screen.bottom - 1)
        )
    )
    return screen, available, size, icon, pointer


@given(setups())
def test_a_panel_that_fits_always_lies_fully_inside_the_available_area(
    setup: tuple[Rect, Rect, tuple[int, int], Rect | None, tuple[int, int] | None],
) -> None:
    screen, available, size, icon, pointer = setup
    x, y = panel_position(size, screen, available, icon=icon, pointer=pointer)
    assert available.contains(Rect(x, y, *size))
