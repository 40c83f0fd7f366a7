"""The funnel panel: bars for the stages along the most likely path to a won end, the conversion
between them, each lane's lead-days and hand-offs, and PNG/SVG export of the chart."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flowedit.i18n import _, format_number
from flowedit.io.atomic import write_atomic
from flowedit.io.errors import FlowSaveError
from flowedit.render.funnel import funnel_png, funnel_size, funnel_svg, paint_funnel
from flowedit.ui.labels import one_line

if TYPE_CHECKING:  # the funnel's figures come from metrics (scipy): loaded on first use
    from flowedit.analysis.funnel import FunnelBar


class FunnelChart(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.bars: list[FunnelBar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def show_bars(self, bars: list[FunnelBar]) -> None:
        self.bars = bars
        self.setMinimumHeight(funnel_size(bars).height())
        self.update()

    def sizeHint(self) -> QSize:
        return funnel_size(self.bars)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_funnel(painter, QRectF(self.rect()), self.bars)
        painter.end()


class FunnelPanel(QWidget):
    message = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("funnelPanel")
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.chart = FunnelChart()
        self.lanes = QTableWidget(0, 4)
        self.lanes.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.lanes.horizontalHeader().setStretchLastSection(True)
        self.lanes.verticalHeader().hide()
        self.lanes.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.export_png = export_png = QPushButton()
        self.export_svg = export_svg = QPushButton()
        export_png.clicked.connect(lambda: self.export("png"))
        export_svg.clicked.connect(lambda: self.export("svg"))
        buttons = QHBoxLayout()
        buttons.addWidget(export_png)
        buttons.addWidget(export_svg)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.chart)
        scroller.setMinimumHeight(120)
        self.lanes.setMinimumHeight(60)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(scroller, 3)
        layout.addLayout(buttons)
        self.lanes_caption = QLabel()
        layout.addWidget(self.lanes_caption)
        layout.addWidget(self.lanes, 1)
        self.retranslate()
        self.headline.setText(_("Metrics appear here."))

    def retranslate(self) -> None:
        """The panel's own words in the current language (the figures follow with the next
        metrics, which the window asks for after a change of language)."""
        self.lanes.setHorizontalHeaderLabels([_("Lane"), _("Days leads spend"), _("Handed in"),
                                              _("Handed on")])
        self.export_png.setText(_("Export PNG…"))
        self.export_svg.setText(_("Export SVG…"))
        self.lanes_caption.setText(_("Where deals wait between teams:"))

    def show_metrics(self, doc, metrics, error: str | None) -> None:  # type: ignore[no-untyped-def]
        from flowedit.analysis.funnel import funnel_bars
        from flowedit.render.metrics_overlay import headline

        if metrics is None:
            self.headline.setText(_("No figures: {error}").format(error=error) if error
                                  else _("No figures yet."))
            self.chart.show_bars([])
            self.lanes.setRowCount(0)
            return
        self.headline.setText(headline(metrics, doc))
        self.chart.show_bars(funnel_bars(doc, metrics))
        self.lanes.setRowCount(len(metrics.lanes))
        for row, (lane_id, figures) in enumerate(metrics.lanes.items()):
            values = (one_line(doc.lane(lane_id).name), format_number(figures.lead_days, 0),
                      format_number(figures.handoffs_in, 0),
                      format_number(figures.handoffs_out, 0))
            for column, value in enumerate(values):
                self.lanes.setItem(row, column, QTableWidgetItem(value))

    def export(self, fmt: str, path: str | None = None) -> bool:
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(self, _("Export funnel"), f"funnel.{fmt}",
                                                        f"{fmt.upper()} (*.{fmt})")
            if not path:
                return False
        if fmt == "png":
            from PySide6.QtCore import QBuffer, QIODevice

            buffer = QBuffer()
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            funnel_png(self.chart.bars).save(buffer, "PNG")
            data = bytes(buffer.data().data())
        else:
            data = funnel_svg(self.chart.bars)
        try:
            write_atomic(Path(path), data)
        except FlowSaveError as error:
            self.message.emit(str(error))
            return False
        self.message.emit(_("Funnel exported to {path}").format(path=path))
        return True
