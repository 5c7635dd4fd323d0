"""Where the cards go on an A4 sheet: the grid, the crop marks and the fold marks (millimetres).

The backs are placed for long-edge duplex: turning the sheet over its long (left or right) edge mirrors
x and keeps y, so the back of the card at x sits at page width - x - card width. The grid is centred,
so the back side is the same grid; the templates draw every back at the mirrored place of its front.
"""
from __future__ import annotations

from dataclasses import dataclass

A4 = (210.0, 297.0)
CARD = (85.6, 54.0)   # ISO/IEC 7810 ID-1, a wallet card
MARK_GAP = 2.5        # crop marks start this far from the trim, outside the cards
MARK_LENGTH = 5.0


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Grid:
    cols: int
    rows: int
    cell: tuple[float, float]
    page: tuple[float, float] = A4
    folds: int = 1  # a fold-over card: a cell is `folds` card heights tall, folded between them

    @property
    def left(self) -> float:
        return (self.page[0] - self.cols * self.cell[0]) / 2

    @property
    def top(self) -> float:
        return (self.page[1] - self.rows * self.cell[1]) / 2

    def fronts(self) -> list[Box]:
        w, h = self.cell
        return [Box(self.left + c * w, self.top + r * h, w, h) for r in range(self.rows) for c in range(self.cols)]

    def backs(self) -> list[Box]:
        """The back of each front, in the same order: mirrored for long-edge duplex."""
        return [Box(self.page[0] - b.x - b.w, b.y, b.w, b.h) for b in self.fronts()]

    def cut_xs(self) -> list[float]:
        return [self.left + c * self.cell[0] for c in range(self.cols + 1)]

    def cut_ys(self) -> list[float]:
        return [self.top + r * self.cell[1] for r in range(self.rows + 1)]

    def fold_ys(self) -> list[float]:
        step = self.cell[1] / self.folds
        return [self.top + r * self.cell[1] + k * step for r in range(self.rows) for k in range(1, self.folds)]

    def crop_marks(self) -> list[Box]:
        """Thin lines in the margins, in line with every cut (zero width or height: a line)."""
        right, bottom = self.left + self.cols * self.cell[0], self.top + self.rows * self.cell[1]
        g, n = MARK_GAP, MARK_LENGTH
        marks = []
        for x in self.cut_xs():
            marks += [Box(x, self.top - g - n, 0, n), Box(x, bottom + g, 0, n)]
        for y in self.cut_ys():
            marks += [Box(self.left - g - n, y, n, 0), Box(right + g, y, n, 0)]
        return marks

    def fold_marks(self) -> list[Box]:
        right = self.left + self.cols * self.cell[0]
        g, n = MARK_GAP, MARK_LENGTH
        return [m for y in self.fold_ys() for m in (Box(self.left - g - n, y, n, 0), Box(right + g, y, n, 0))]


CARD_SHEET = Grid(cols=2, rows=5, cell=CARD)                      # ten cards
FOLD_SHEET = Grid(cols=2, rows=2, cell=(CARD[0], 2 * CARD[1]), folds=2)  # four fold-over cards
