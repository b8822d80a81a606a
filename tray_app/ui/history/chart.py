"""A bar chart of worked hours per day against the plan, painted with QPainter.

Every colour comes from the widget's palette, so the chart follows a light or a dark theme:
the plot on ``Base``, bars in ``Highlight`` (the part above the plan mixed toward ``Text``), a
day still running as an outlined, lighter bar, the plan as a ``Text`` line with a ``Base`` halo
(it stays readable across a bar), weekends as a faint band, grid lines in ``Mid``. Only the
"not confirmed" dot is a fixed amber that reads on both.

Hovering a bar shows the day's figures. :meth:`HistoryChart.bar_rect` and
:meth:`HistoryChart.plan_line` give the painted geometry, for tests and screenshots.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QLineF, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from tray_app.core.timefmt import format_hm

__all__ = ["UNCONFIRMED", "ChartBar", "HistoryChart"]

UNCONFIRMED = QColor(226, 146, 0)
"""The amber of the "not confirmed" dot (fixed: it reads on light and dark)."""

_HOUR = 3600.0
_PAD = 10.0
_BAR_SHARE = 0.62
_PLAN_SHARE = 0.8


@dataclass(frozen=True)
class ChartBar:
    """One day of the chart."""

    day: date
    worked: timedelta
    planned: timedelta
    open: bool = False
    confirmed: bool | None = None


def _mix(first: QColor, second: QColor, share: float) -> QColor:
    """``first`` moved ``share`` of the way to ``second``."""
    return QColor.fromRgbF(
        first.redF() + (second.redF() - first.redF()) * share,
        first.greenF() + (second.greenF() - first.greenF()) * share,
        first.blueF() + (second.blueF() - first.blueF()) * share,
    )


def _faint(color: QColor, alpha: int) -> QColor:
    faint = QColor(color)
    faint.setAlpha(alpha)
    return faint


class HistoryChart(QWidget):
    """Worked hours per day (bars) against the plan (a line per day)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history_chart")
        self.setMinimumSize(420, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Worked hours per day"))
        self._bars: tuple[ChartBar, ...] = ()
        self._today: date | None = None

    # -- data --------------------------------------------------------------------------------

    def set_bars(self, bars: Sequence[ChartBar], today: date | None = None) -> None:
        """Show ``bars`` (one per day, oldest first); ``today`` is marked."""
        self._bars = tuple(bars)
        self._today = today
        worked = sum((b.worked for b in self._bars), timedelta(0))
        planned = sum((b.planned for b in self._bars), timedelta(0))
        self.setAccessibleDescription(
            self.tr("%n days: worked {worked} of {planned} planned", "", len(self._bars)).format(
                worked=format_hm(worked), planned=format_hm(planned)
            )
        )
        self.update()

    @property
    def bars(self) -> tuple[ChartBar, ...]:
        return self._bars

    def sizeHint(self) -> QSize:
        return QSize(760, 280)

    # -- geometry ----------------------------------------------------------------------------

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.85))
        return font

    def _legend_height(self) -> float:
        return QFontMetrics(self.font()).height() + _PAD

    def plot_rect(self) -> QRectF:
        """Where the bars go (inside the axes)."""
        small = QFontMetrics(self._small_font())
        left = small.horizontalAdvance("00 h") + _PAD * 1.5
        top = self._legend_height() + _PAD
        bottom = small.height() * 2 + _PAD * 1.2
        return QRectF(
            left,
            top,
            max(1.0, self.width() - left - _PAD * 1.5),
            max(1.0, self.height() - top - bottom),
        )

    def top_hours(self) -> int:
        """The hour at the top of the scale: above the longest bar or plan, even, at least 10."""
        longest = max(
            (max(b.worked, b.planned).total_seconds() / _HOUR for b in self._bars), default=0.0
        )
        hours = max(10, math.ceil(longest + 0.5))
        return hours + hours % 2

    def _slot(self, index: int) -> QRectF:
        plot = self.plot_rect()
        width = plot.width() / max(1, len(self._bars))
        return QRectF(plot.left() + index * width, plot.top(), width, plot.height())

    def _y(self, duration: timedelta) -> float:
        plot = self.plot_rect()
        share = min(1.0, duration.total_seconds() / _HOUR / self.top_hours())
        return plot.bottom() - share * plot.height()

    def bar_rect(self, index: int) -> QRectF:
        """The whole painted bar of day ``index`` (empty when nothing was worked)."""
        slot = self._slot(index)
        width = max(2.0, slot.width() * _BAR_SHARE)
        top = self._y(self._bars[index].worked)
        return QRectF(slot.center().x() - width / 2, top, width, slot.bottom() - top)

    def plan_line(self, index: int) -> QLineF | None:
        """The plan marker of day ``index`` (None without a plan)."""
        if self._bars[index].planned <= timedelta(0):
            return None
        slot = self._slot(index)
        half = slot.width() * _PLAN_SHARE / 2
        y = self._y(self._bars[index].planned)
        return QLineF(slot.center().x() - half, y, slot.center().x() + half, y)

    def index_at(self, x: float) -> int | None:
        """The day under the horizontal position ``x``."""
        plot = self.plot_rect()
        if not self._bars or not plot.left() <= x < plot.right():
            return None
        return min(len(self._bars) - 1, int((x - plot.left()) / plot.width() * len(self._bars)))

    # -- words -------------------------------------------------------------------------------

    def tooltip_text(self, bar: ChartBar) -> str:
        """What hovering a day shows."""
        day = QLocale().toString(QDate(bar.day.year, bar.day.month, bar.day.day), "dddd d MMMM")
        lines = [day]
        if bar.planned > timedelta(0):
            lines.append(
                self.tr("Worked {worked} of {planned} planned").format(
                    worked=format_hm(bar.worked), planned=format_hm(bar.planned)
                )
            )
        else:
            lines.append(self.tr("Worked {worked}").format(worked=format_hm(bar.worked)))
        if bar.open:
            lines.append(self.tr("The day is not closed yet"))
        if bar.confirmed is False:
            lines.append(self.tr("Awaits the supervisor's confirmation"))
        return "\n".join(lines)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.index_at(event.pos().x())
            if index is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_text(self._bars[index]), self)
            return True
        return super().event(event)

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            palette = self.palette()
            painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
            self._paint_weekends(painter, palette)
            self._paint_grid(painter, palette)
            for index in range(len(self._bars)):
                self._paint_bar(painter, palette, index)
            for index in range(len(self._bars)):
                self._paint_plan(painter, palette, index)
                self._paint_dot(painter, index)
            self._paint_days(painter, palette)
            self._paint_legend(painter, palette)
            if not self._bars:
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(
                    self.plot_rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No days to show")
                )
        finally:
            painter.end()

    def _paint_weekends(self, painter: QPainter, palette: QPalette) -> None:
        band = _faint(palette.color(QPalette.ColorRole.Text), 14)
        for index, bar in enumerate(self._bars):
            if bar.day.isoweekday() >= 6:
                painter.fillRect(self._slot(index), band)

    def _paint_grid(self, painter: QPainter, palette: QPalette) -> None:
        plot = self.plot_rect()
        top = self.top_hours()
        step = 2 if top <= 12 else 4
        painter.setFont(self._small_font())
        metrics = QFontMetrics(self._small_font())
        grid = _faint(palette.color(QPalette.ColorRole.Text), 40)
        label = palette.color(QPalette.ColorRole.PlaceholderText)
        for hours in range(0, top + 1, step):
            y = self._y(timedelta(hours=hours))
            painter.setPen(QPen(grid if hours else label, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            text = self.tr("{hours} h").format(hours=hours)
            painter.setPen(label)
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, plot.left() - _PAD * 0.6, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )

    def _paint_bar(self, painter: QPainter, palette: QPalette, index: int) -> None:
        bar = self._bars[index]
        if bar.worked <= timedelta(0):
            return
        rect = self.bar_rect(index)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        radius = min(4.0, rect.width() / 3)
        path = QPainterPath()
        path.addRoundedRect(rect.adjusted(0, 0, 0, radius), radius, radius)  # square bottom
        clip = QPainterPath()
        clip.addRect(rect)
        shape = path.intersected(clip)
        if bar.open:
            painter.fillPath(shape, _faint(highlight, 90))
            painter.setPen(QPen(highlight, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(shape)
        else:
            painter.fillPath(shape, highlight)
            if bar.planned > timedelta(0) and bar.worked > bar.planned:
                over = QRectF(
                    rect.left(), rect.top(), rect.width(), self._y(bar.planned) - rect.top()
                )
                extra = QPainterPath()
                extra.addRect(over)
                painter.fillPath(
                    shape.intersected(extra),
                    _mix(highlight, palette.color(QPalette.ColorRole.Text), 0.35),
                )

    def dot_center(self, index: int) -> QPointF:
        """Where the "not confirmed" dot of day ``index`` goes: above its bar and plan."""
        rect = self.bar_rect(index)
        line = self.plan_line(index)
        top = min(rect.top(), line.y1() - 2) if line is not None else rect.top()
        return QPointF(rect.center().x(), top - self._dot_radius(index) - 4)

    def _dot_radius(self, index: int) -> float:
        return max(2.5, min(4.0, self.bar_rect(index).width() / 3))

    def _paint_dot(self, painter: QPainter, index: int) -> None:
        if self._bars[index].confirmed is not False:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(UNCONFIRMED))
        radius = self._dot_radius(index)
        painter.drawEllipse(self.dot_center(index), radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_plan(self, painter: QPainter, palette: QPalette, index: int) -> None:
        line = self.plan_line(index)
        if line is None:
            return
        halo = QPen(palette.color(QPalette.ColorRole.Base), 4.5)
        halo.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(halo)
        painter.drawLine(line)
        mark = QPen(palette.color(QPalette.ColorRole.Text), 2)
        mark.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(mark)
        painter.drawLine(line)

    def _paint_days(self, painter: QPainter, palette: QPalette) -> None:
        if not self._bars:
            return
        plot = self.plot_rect()
        font = self._small_font()
        metrics = QFontMetrics(font)
        slot_width = plot.width() / len(self._bars)
        every = 1 if slot_width >= metrics.horizontalAdvance("30") + 4 else 2
        text = palette.color(QPalette.ColorRole.Text)
        quiet = palette.color(QPalette.ColorRole.PlaceholderText)
        locale = QLocale()
        for index, bar in enumerate(self._bars):
            slot = self._slot(index)
            monday = bar.day.isoweekday() == 1
            if monday and index:
                painter.setPen(QPen(_faint(text, 60), 1))
                painter.drawLine(
                    QPointF(slot.left(), plot.top()), QPointF(slot.left(), plot.bottom() + 4)
                )
            bold = QFont(font)
            bold.setBold(bar.day == self._today)
            painter.setFont(bold)
            row = QRectF(slot.left() - 10, plot.bottom() + 3, slot.width() + 20, metrics.height())
            if index % every == 0 or bar.day == self._today:
                painter.setPen(
                    palette.color(QPalette.ColorRole.Highlight) if bar.day == self._today else text
                )
                painter.drawText(row, Qt.AlignmentFlag.AlignHCenter, str(bar.day.day))
            if monday or (index == 0 and bar.day.isoweekday() <= 4):
                painter.setFont(font)
                painter.setPen(quiet)
                month = locale.toString(QDate(bar.day.year, bar.day.month, bar.day.day), "MMM")
                painter.drawText(
                    QRectF(slot.left() + 2, row.bottom() + 1, slot.width() * 7, metrics.height()),
                    Qt.AlignmentFlag.AlignLeft,
                    f"{bar.day.day} {month}",
                )

    def _legend_items(self) -> list[tuple[str, str]]:
        items = [("bar", self.tr("Worked")), ("over", self.tr("Over the plan"))]
        if any(b.open for b in self._bars):
            items.append(("open", self.tr("Not closed")))
        items.append(("plan", self.tr("Plan")))
        if any(b.confirmed is False for b in self._bars):
            items.append(("dot", self.tr("Not confirmed")))
        return items

    def _paint_legend(self, painter: QPainter, palette: QPalette) -> None:
        painter.setFont(self.font())
        metrics = QFontMetrics(self.font())
        highlight = palette.color(QPalette.ColorRole.Highlight)
        text = palette.color(QPalette.ColorRole.Text)
        swatch = metrics.height() * 0.7
        items = self._legend_items()
        widths = [swatch + 6 + metrics.horizontalAdvance(label) + 16 for _, label in items]
        x = self.width() - _PAD * 1.5 - sum(widths) + 16
        y = _PAD * 0.6
        for (kind, label), width in zip(items, widths, strict=True):
            box = QRectF(x, y + (metrics.height() - swatch) / 2, swatch, swatch)
            if kind == "bar":
                painter.fillRect(box, highlight)
            elif kind == "over":
                painter.fillRect(box, _mix(highlight, text, 0.35))
            elif kind == "open":
                painter.fillRect(box, _faint(highlight, 90))
                painter.setPen(QPen(highlight, 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(box)
            elif kind == "plan":
                painter.setPen(QPen(text, 2))
                painter.drawLine(
                    QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y())
                )
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QBrush(UNCONFIRMED))
                painter.drawEllipse(box.center(), swatch / 3, swatch / 3)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(text)
            painter.drawText(
                QRectF(box.right() + 6, y, width, metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            x += width
