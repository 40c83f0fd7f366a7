"""The canvas scene: observes the document and keeps one item per lane, node and arrow.

Items are created, updated and removed only in answer to the model's change batches; only the
items a change concerns are touched (a moved shape re-routes its own arrows, nothing else).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from flowedit.i18n import _
from flowedit.model import Change, Document, Node, Routing
from flowedit.model.geometry import lane_bands, node_extent
from flowedit.render.edges import EdgeRoute, edge_route
from flowedit.render.labels import GAP, label_layout, obstacle_array
from flowedit.render.painting import PILL_HALF_HEIGHT, PILL_REACH
from flowedit.render.shapes import node_rect
from flowedit.ui.canvas.items.edge_item import EdgeItem
from flowedit.ui.canvas.items.ghost_item import GhostItem
from flowedit.ui.canvas.items.lane_item import LaneItem
from flowedit.ui.canvas.items.node_item import NodeItem

if TYPE_CHECKING:  # the overlay pulls in scipy: loaded when metrics are first shown
    import numpy as np

    from flowedit.analysis import Problem, Severity
    from flowedit.render.metrics_overlay import Overlay
    from flowedit.render.routes import RouteBook

#: Room the scene keeps around the diagram so it can grow while the user drags outward.
_SCENE_MARGIN = 600.0
_MIN_LANE_WIDTH = 1400.0
_LANE_RIGHT_ROOM = 240.0
_STARTING_AREA = QRectF(-600, -600, 3200, 2200)
#: How often the canvas takes over the arrows routed in the background (milliseconds): often
#: enough to look live, seldom enough to leave the routing thread the processor.
ROUTING_STEP_MS = 40


def _routes_for(doc: Document) -> RouteBook:
    """The canvas's route book (big documents route in the background). The router (numpy)
    loads with the first orthogonal drawing, not when the editor starts."""
    from flowedit.render.routes import routes_for

    return routes_for(doc, complete=False)


class DiagramScene(QGraphicsScene):
    #: Emitted after the scene has followed a batch of model changes.
    changed_model = Signal()
    #: Emitted when the arrows of a big orthogonal document, first drawn as placeholders,
    #: are all routed (see `routing_busy`).
    routes_settled = Signal()

    def __init__(self, doc: Document, place_labels: bool = True) -> None:
        """`place_labels=False` (opening a file) draws the arrows' labels at their usual spot
        first; `place_labels()` moves them clear of shapes and each other once the window shows,
        so the first paint does not wait for it."""
        super().__init__()
        self.doc = doc
        self.node_items: dict[str, NodeItem] = {}
        self.edge_items: dict[str, EdgeItem] = {}
        self.lane_items: dict[str, LaneItem] = {}
        self._flags: dict[str, Severity] = {}
        self._edge_widths: dict[str, float] = {}
        self.overlay: Overlay | None = None
        #: Goes up whenever what the zoomed-out sketch shows may have changed (canvas/sketch.py).
        self.sketch_version = 0
        self.marks: dict[str, tuple[str, QColor]] = {}
        self._selection_dropped = False
        self.ghosts: list[GhostItem] = []
        self._lane_left = 0.0
        self._lane_right = _MIN_LANE_WIDTH
        #: Selected shapes in the order they were selected; the first is the anchor that the
        #: align commands line the others up on (as in Visio and draw.io).
        self._selection_order: list[str] = []
        #: Shapes a gesture in progress shows elsewhere than the model has them (`preview`).
        self._previewed: dict[str, Node] = {}
        self.selectionChanged.connect(self._follow_selection_order)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        #: Takes over what the route book routed in the background (big documents only).
        self._routing_timer = QTimer(self)
        self._routing_timer.setInterval(ROUTING_STEP_MS)
        self._routing_timer.timeout.connect(self._take_routes)
        #: Labels still to be placed clear of everything (`place_labels`).
        self.labels_pending = False
        self._build(place_labels)
        doc.subscribe(self._on_changes)

    def detach(self) -> None:
        """Stops following the document (the window is closing or shows another one)."""
        if self._on_changes in self.doc.listeners():
            self.doc.unsubscribe(self._on_changes)
        self._routing_timer.stop()
        if self.doc.routing is Routing.ORTHOGONAL:
            _routes_for(self.doc).stop_background()

    def show_document(self, doc: Document) -> None:
        """Follows another process from now on (a sub-process drilled into, or its parent):
        one scene for every level, so that the view, panels and their connections stay."""
        self.detach()
        with QSignalBlocker(self):
            self.clear()
        self.doc = doc
        self.node_items.clear()
        self.edge_items.clear()
        self.lane_items.clear()
        self._flags = {}
        self._edge_widths = {}
        self.overlay = None
        self.marks = {}
        self.ghosts = []
        self._previewed = {}
        self._selection_order = []
        self._lane_left, self._lane_right = 0.0, _MIN_LANE_WIDTH
        self.sketch_version += 1
        self.labels_pending = False
        self._build()
        doc.subscribe(self._on_changes)
        self.selectionChanged.emit()
        self.changed_model.emit()

    # ------------------------------------------------------------------ building
    def _build(self, place_labels: bool = True) -> None:
        for node in self.doc.nodes.values():
            left, _top, right, _bottom = node_extent(node)
            self._lane_left = min(self._lane_left, left - 80)
            self._lane_right = max(self._lane_right, right + _LANE_RIGHT_ROOM)
        for lane in self.doc.lanes:
            self._add_lane_item(lane.id)
        for node_id in self.doc.nodes:
            self._add_node_item(node_id)
        # all labels placed at once on a grid index: asking the scene's index after every item
        # added would rebuild it each time (minutes for 5,000 shapes)
        if place_labels or self.doc.routing is Routing.ORTHOGONAL:
            layout = label_layout(self.doc, complete=False)
        else:  # routes only; an empty label box draws the label at its usual spot for now
            self.labels_pending = any(edge.label for edge in self.doc.edges.values())
            layout = {edge.id: (edge_route(self.doc, edge), QRectF())
                      for edge in self.doc.edges.values()}
        for edge_id, placed in layout.items():
            self._add_edge_item(edge_id, placed)
        self._layout_lanes()
        self._grow_scene_rect()
        if self.doc.routing is Routing.ORTHOGONAL:
            self._watch_routing(_routes_for(self.doc))

    def place_labels(self) -> None:
        """Moves the labels a quick build left at their usual spot to where a full build puts
        them: the same layout, only later. Arrows without a label do not take part in it."""
        if not self.labels_pending:
            return
        self.labels_pending = False
        labelled = [edge.id for edge in self.doc.edges.values() if edge.label]
        for edge_id, placed in label_layout(self.doc, labelled).items():
            item = self.edge_items.get(edge_id)
            if item is not None:
                # a gesture under way shows other positions: then each label finds its own place
                item.sync(None if self._previewed else placed)

    def _add_node_item(self, node_id: str) -> None:
        if node_id not in self.doc.nodes:  # added and removed again within the batch
            return
        item = NodeItem(self.doc.nodes[node_id])
        self.node_items[node_id] = item
        self.addItem(item)
        item.sync()

    def _add_edge_item(self, edge_id: str,
                       placed: tuple[EdgeRoute, QRectF | None] | None = None) -> None:
        if edge_id not in self.doc.edges:
            return
        item = EdgeItem(edge_id)
        self.edge_items[edge_id] = item
        self.addItem(item)
        item.sync(placed)

    def _add_lane_item(self, lane_id: str) -> None:
        item = LaneItem(lane_id)
        self.lane_items[lane_id] = item
        self.addItem(item)

    # ------------------------------------------------------------------ following the model
    def _on_changes(self, batch: list[Change]) -> None:
        moved_nodes: set[str] = set()
        reroute: set[str] = set()
        lanes_changed = False
        for change in batch:
            if change.what == "node":
                if change.how == "added":
                    self._add_node_item(change.id)
                elif change.how == "removed":
                    self._remove(self.node_items.pop(change.id, None))
                else:
                    moved_nodes.add(change.id)
            elif change.what == "edge":
                if change.how == "added":
                    self._add_edge_item(change.id)
                elif change.how == "removed":
                    gone = self.edge_items.pop(change.id, None)
                    if gone is not None:  # an opposite arrow or a loop may move back
                        reroute.update(edge for end in gone.ends if end in self.doc.nodes
                                       for edge in self.doc.edges_of(end))
                    self._remove(gone)
                else:
                    reroute.add(change.id)
                if change.id in self.doc.edges:
                    edge = self.doc.edges[change.id]
                    reroute.update(self.doc.edges_of(edge.source))
                    reroute.update(self.doc.edges_of(edge.target))
            elif change.what == "routing":
                reroute.update(self.doc.edges)
            elif change.what == "lane":
                lanes_changed = True
                if change.how == "added":
                    self._add_lane_item(change.id)
                elif change.how == "removed":
                    self._remove(self.lane_items.pop(change.id, None))
        for node_id in moved_nodes - self.doc.nodes.keys():
            self._previewed.pop(node_id, None)
        self._follow_nodes(moved_nodes, reroute, lanes_changed)
        if self._selection_dropped:
            self._selection_dropped = False
            self.selectionChanged.emit()
        self.changed_model.emit()

    def _follow_nodes(self, moved_nodes: set[str], reroute: set[str],
                      lanes_changed: bool) -> None:
        """Items of moved or resized shapes follow them (as shown), and so do their arrows."""
        for node_id in moved_nodes:
            item = self.node_items.get(node_id)
            if item is None:
                continue
            item.sync()
            reroute.update(self.doc.edges_of(node_id))
            left, _top, right, _bottom = node_extent(self.shown_node(node_id))
            if left - 80 < self._lane_left or right + _LANE_RIGHT_ROOM > self._lane_right:
                self._lane_left = min(self._lane_left, left - 80)
                self._lane_right = max(self._lane_right, right + _LANE_RIGHT_ROOM)
                lanes_changed = True
        if self.doc.routing is Routing.ORTHOGONAL:  # whatever the router moved, nudges included
            reroute |= self.route_book().refresh(self._previewed)
        reroute |= self._labels_near(moved_nodes, reroute)
        for edge_id in sorted(reroute, key=self._edge_order):
            if edge_id in self.edge_items:
                self.edge_items[edge_id].sync()
                if self.overlay is not None:  # its metrics pills slide off the arrow's ends
                    for end in self.edge_items[edge_id].ends:
                        if end in self.node_items:
                            self.node_items[end].update()
        if lanes_changed:
            self._layout_lanes()
        self._grow_scene_rect(moved_nodes)

    def route_book(self) -> RouteBook:
        """The document's orthogonal routes, caught up with the model and any preview. In a
        big document some may still be placeholders, routed in the background."""
        book = _routes_for(self.doc)
        book.refresh(self._previewed)
        self._watch_routing(book)
        return book

    # ------------------------------------------------------------------ background routing
    def routing_busy(self) -> bool:
        """Some arrows are still drawn as placeholders (`routes_settled` follows)."""
        return self._routing_timer.isActive()

    def _watch_routing(self, book: RouteBook) -> None:
        if book.busy and not self._routing_timer.isActive():
            self._routing_timer.start()

    def _take_routes(self) -> None:
        """One step of background routing: redraws the arrows routed (or nudged) since the
        last step; the arrows in view are routed first."""
        if self.doc.routing is not Routing.ORTHOGONAL:
            self._routing_timer.stop()
            return
        book = _routes_for(self.doc)
        book.refresh(self._previewed)
        for edge_id in sorted(book.step(self._edges_in_view), key=self._edge_order):
            if edge_id in self.edge_items:
                self.edge_items[edge_id].sync()
        if not book.busy:
            self._routing_timer.stop()
            self.routes_settled.emit()

    def _edges_in_view(self) -> list[str]:
        found: list[str] = []
        for view in self.views():
            area = view.mapToScene(view.viewport().rect()).boundingRect()
            for item in self.items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
                if isinstance(item, EdgeItem):
                    found.append(item.edge_id)
        return found

    # ------------------------------------------------------------------ gesture previews
    def shown_node(self, node_id: str) -> Node:
        """The shape as drawn: where a gesture in progress shows it, else the model's."""
        return self._previewed.get(node_id) or self.doc.nodes[node_id]

    def preview(self, nodes: dict[str, Node]) -> None:
        """Draws these shapes (and their arrows) where a gesture would put them, without
        touching the model: observers of the document hear only of the one edit a gesture
        commits. preview({}) draws the model again."""
        changed = (self._previewed.keys() | nodes.keys()) & self.doc.nodes.keys()
        self._previewed = dict(nodes)
        self._follow_nodes(set(changed), set(), False)

    def label_obstacles(self, edge_id: str, area: QRectF) -> np.ndarray:
        """Where the label of `edge_id` must not go, within `area`: the shapes and the other
        arrows' labels there (render/labels.py), found through the scene's own index."""
        rects = []
        for item in self.items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if isinstance(item, NodeItem) and item.node_id in self.doc.nodes:
                shape = node_rect(self.shown_node(item.node_id))
                rects.append(shape.adjusted(-GAP, -GAP, GAP, GAP))
            elif (isinstance(item, EdgeItem) and item.edge_id != edge_id
                  and not item.label_rect.isEmpty()):
                rects.append(item.label_rect)
        return obstacle_array(rects)

    def note_obstacles(self, area: QRectF) -> list[QRectF]:
        """Where a note on an arrow (ui/calibration, shown with the metrics overlay) must not
        go, within `area`: each shape with the room its overlay pills may take (across its top
        and bottom edges, slid up to PILL_REACH beyond its sides), and every arrow's label."""
        rects = []
        reach, rise = PILL_REACH + GAP, PILL_HALF_HEIGHT + GAP
        for item in self.items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if isinstance(item, NodeItem) and item.node_id in self.doc.nodes:
                shape = node_rect(self.shown_node(item.node_id))
                rects.append(shape.adjusted(-reach, -rise, reach, rise))
            elif isinstance(item, EdgeItem) and not item.label_rect.isEmpty():
                rects.append(item.label_rect)
        return rects

    def routes_meeting(self, node_id: str) -> list[EdgeRoute]:
        """The routes of the arrows that start or end at the shape."""
        routes = (self.edge_items[edge_id].route for edge_id in self.doc.edges_of(node_id)
                  if edge_id in self.edge_items)
        return [route for route in routes if route is not None]

    def _edge_order(self, edge_id: str) -> int:
        return self.doc.edge_index(edge_id) if edge_id in self.doc.edges else -1

    def _labels_near(self, moved_nodes: set[str], reroute: set[str]) -> set[str]:
        """Arrows whose label a moved shape now covers, and loops on the far ends of the moved
        shapes' arrows (their free side may have changed): they are placed again too."""
        more: set[str] = set()
        if not moved_nodes:
            return more
        for node_id in moved_nodes:
            if node_id not in self.doc.nodes:
                continue
            rect = node_rect(self.shown_node(node_id))
            for item in self.items(rect, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
                if isinstance(item, EdgeItem) and item.label_rect.intersects(rect):
                    more.add(item.edge_id)
        for edge_id in list(reroute):
            edge = self.doc.edges.get(edge_id)
            if edge is None:
                continue
            for end in (edge.source, edge.target):
                more.update(loop for loop in self.doc.edges_of(end)
                            if self.doc.edges[loop].source == self.doc.edges[loop].target)
        return more

    def _remove(self, item: QGraphicsItem | None) -> None:
        if item is not None:
            with QSignalBlocker(self):  # removing a selected item notifies; batch it instead
                self._selection_dropped |= item.isSelected()
                self.removeItem(item)
                self.sketch_version += 1

    def _layout_lanes(self) -> None:
        bands = lane_bands(self.doc)
        for index, lane in enumerate(self.doc.lanes):
            top, bottom = bands[lane.id]
            self.lane_items[lane.id].place(
                QRectF(self._lane_left, top, self._lane_right - self._lane_left, bottom - top),
                index)

    def _grow_scene_rect(self, node_ids: set[str] | None = None) -> None:
        """The scene grows with the diagram (never shrinks under the user's feet). It starts
        larger than a screen, so the first shapes placed never make the view jump."""
        rect = self.sceneRect() if node_ids is not None else _STARTING_AREA
        ids = self.doc.nodes if node_ids is None else node_ids
        for node_id in ids:
            if node_id in self.doc.nodes:
                left, top, right, bottom = node_extent(self.shown_node(node_id))
                rect = rect.united(QRectF(left, top, right - left, bottom - top).adjusted(
                    -_SCENE_MARGIN, -_SCENE_MARGIN, _SCENE_MARGIN, _SCENE_MARGIN))
        for item in self.lane_items.values():
            rect = rect.united(item.band.adjusted(-_SCENE_MARGIN, -_SCENE_MARGIN,
                                                  _SCENE_MARGIN, _SCENE_MARGIN))
        if rect != self.sceneRect():
            self.setSceneRect(rect)

    def diagram_rect(self) -> QRectF:
        """What zoom-to-fit shows: every shape, arrow and label, and the lanes' headers (every
        lane from top to bottom), but not the empty room the lanes keep on their right."""
        rect = QRectF()
        for item in (*self.node_items.values(), *self.edge_items.values()):
            rect = rect.united(item.sceneBoundingRect())
        for lane_item in self.lane_items.values():
            rect = rect.united(lane_item.header_rect())
        return rect

    def fit_lanes(self) -> None:
        """Lanes end where the drawing does again: they only ever grow while shapes move, so
        after Tidy Up drew a process narrower they would keep the old width."""
        self._lane_left, self._lane_right = 0.0, _MIN_LANE_WIDTH
        for node in self.doc.nodes.values():
            left, _top, right, _bottom = node_extent(node)
            self._lane_left = min(self._lane_left, left - 80)
            self._lane_right = max(self._lane_right, right + _LANE_RIGHT_ROOM)
        self._layout_lanes()
        self.sketch_version += 1

    # ------------------------------------------------------------------ problems
    def show_problems(self, problems: list[Problem]) -> None:
        """Flags shapes with an error; repaints only the shapes whose flag changed."""
        from flowedit.analysis import Severity

        flags: dict[str, Severity] = {}
        for problem in problems:
            if problem.node and problem.severity is Severity.ERROR:
                flags[problem.node] = Severity.ERROR
        changed = set(flags) ^ set(self._flags)
        self._flags = flags
        if changed:
            self.sketch_version += 1
        for node_id in changed:
            if node_id in self.node_items:
                self.node_items[node_id].update()

    def show_metrics(self, overlay: Overlay | None) -> None:
        """Shows (or, with None, hides) the metrics overlay on every shape and arrow."""
        self.overlay = overlay
        self._edge_widths = dict(overlay.edge_widths) if overlay else {}
        self.sketch_version += 1
        for item in (*self.node_items.values(), *self.edge_items.values()):
            item.update()

    def show_comparison(self, marks: dict[str, tuple[str, QColor]],
                        ghosts: list[Node]) -> None:
        """Marks shapes added or changed since a compared version (each mark's text in
        English, said in the language of the moment), and draws the removed ones as ghosts
        where they were; empty arguments clear it."""
        for ghost in self.ghosts:
            self.removeItem(ghost)
        self.ghosts = [GhostItem(node) for node in ghosts]
        for ghost in self.ghosts:
            self.addItem(ghost)
        self.marks = dict(marks)
        for item in self.node_items.values():
            item.update()

    def tag_of(self, node_id: str) -> tuple[str, QColor] | None:
        """The tag drawn over a shape: a comparison mark, else a metrics tag."""
        if node_id in self.marks:
            text, colour = self.marks[node_id]
            return _(text), colour
        return self.overlay.tags.get(node_id) if self.overlay else None

    def is_flagged(self, node_id: str) -> bool:
        return node_id in self._flags

    def edge_width(self, edge_id: str) -> float:
        return self._edge_widths.get(edge_id, 1.6)

    # ------------------------------------------------------------------ look-ups
    def node_item_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item
        return None

    def selected_ids(self) -> tuple[list[str], list[str], list[str]]:
        """(node ids, edge ids, lane ids) of the selection, in document order."""
        items = self.selectedItems()
        nodes = [i.node_id for i in items if isinstance(i, NodeItem)]
        edges = [i.edge_id for i in items if isinstance(i, EdgeItem)]
        lanes = {i.lane_id for i in items if isinstance(i, LaneItem)}
        return (_in_order(nodes, self.doc.nodes), _in_order(edges, self.doc.edges),
                [lane.id for lane in self.doc.lanes if lane.id in lanes])

    def anchor(self) -> str | None:
        """The shape selected first, when two or more are selected (None otherwise)."""
        return self._selection_order[0] if len(self._selection_order) > 1 else None

    def selected_nodes_anchor_first(self) -> list[str]:
        """The selected shapes in document order, the anchor moved to the front."""
        node_ids = self.selected_ids()[0]
        anchor = self.anchor()
        if anchor in node_ids:
            node_ids.remove(anchor)
            node_ids.insert(0, anchor)
        return node_ids

    def _follow_selection_order(self) -> None:
        """Keeps the order of selection: shapes deselected drop out, newly selected ones join
        at the end (several at once, e.g. by a rubber band, in document order)."""
        before = self.anchor()
        selected = self.selected_ids()[0]
        still = set(selected)
        order = [node_id for node_id in self._selection_order if node_id in still]
        known = set(order)
        order += [node_id for node_id in selected if node_id not in known]
        self._selection_order = order
        after = self.anchor()
        if after != before:
            for node_id in (before, after):
                if node_id in self.node_items:
                    self.node_items[node_id].update()

    def select_only(self, node_ids: list[str] = (), edge_ids: list[str] = (),  # type: ignore[assignment]
                    lane_ids: list[str] = ()) -> None:  # type: ignore[assignment]
        """One selection change for observers, however many items (Select All on 5,000 shapes
        used to notify 5,000 times)."""
        with QSignalBlocker(self):
            self._select_only(node_ids, edge_ids, lane_ids)
        self.selectionChanged.emit()

    def _select_only(self, node_ids, edge_ids, lane_ids) -> None:  # type: ignore[no-untyped-def]
        self.clearSelection()
        self._selection_order = [node_id for node_id in node_ids if node_id in self.node_items]
        for node_id in node_ids:
            if node_id in self.node_items:
                self.node_items[node_id].setSelected(True)
        for edge_id in edge_ids:
            if edge_id in self.edge_items:
                self.edge_items[edge_id].setSelected(True)
        for lane_id in lane_ids:
            if lane_id in self.lane_items:
                self.lane_items[lane_id].setSelected(True)


def _in_order(ids: list[str], order: dict[str, object]) -> list[str]:
    """`ids` in document order (one pass with set look-ups)."""
    if len(ids) <= 1:
        return ids
    wanted = set(ids)
    return [key for key in order if key in wanted]
