"""A demo scene's hotspots as the customer sees them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HotspotRow:
    """A tappable area of the scene, as fractions of the scene picture."""

    hotspot_id: str
    label: str
    rect_x: float
    rect_y: float
    rect_w: float
    rect_h: float
