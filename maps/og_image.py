"""A cluster's link-preview picture (og:image): Egypt's governorates and the cluster's point, no tiles.

Drawn with Pillow from the governorate outlines in clusters.shapes: the whole
country on the left, the cluster's surroundings on the right, so a link shared
on WhatsApp or Facebook shows where the place is. 1200x630 is the size both
ask for. No text: names would need Arabic shaping, and the preview's own title
already carries them.
"""

import io
import math

from PIL import Image, ImageDraw

from clusters.geo import EGYPT_EXTENT
from clusters.shapes import governorate_outlines

WIDTH, HEIGHT = 1200, 630
# Bumped whenever the drawing changes, so the ETags (and caches) move with it.
DRAWING_VERSION = 1
SEA = (208, 222, 229)
LAND = (247, 247, 244)
OUTLINE = (95, 107, 115)
HIGHLIGHT = (222, 235, 247)
FRAME = (11, 110, 79)
# Half the side of the close-up, in degrees of latitude.
CLOSE_UP_HALF_SIDE = 1.4


def _hex(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return tuple(int(color[i:i + 2], 16) for i in (0, 2, 4))


class _View:
    """Lon/lat to pixels in a box, an equirectangular projection squeezed by cos(latitude)."""

    def __init__(self, bounds, box):
        min_lon, min_lat, max_lon, max_lat = bounds
        self.left, self.top, width, height = box
        self.kx = math.cos(math.radians((min_lat + max_lat) / 2))
        scale = min(width / ((max_lon - min_lon) * self.kx), height / (max_lat - min_lat))
        self.scale = scale
        # Centre the bounds in the box.
        self.x0 = min_lon - (width / scale / self.kx - (max_lon - min_lon)) / 2
        self.y0 = max_lat + (height / scale - (max_lat - min_lat)) / 2

    def xy(self, lon, lat):
        return (self.left + (lon - self.x0) * self.kx * self.scale, self.top + (self.y0 - lat) * self.scale)


def _panel(outlines, bounds, size, point, color, containing):
    image = Image.new("RGB", size, SEA)
    draw = ImageDraw.Draw(image)
    view = _View(bounds, (0, 0, *size))
    for index, rings in enumerate(outlines):
        fill = HIGHLIGHT if index == containing else LAND
        # Outer and inner rings alike: governorates have no holes worth a pixel here.
        for ring in rings:
            draw.polygon([view.xy(lon, lat) for lon, lat in ring], fill=fill, outline=OUTLINE)
    x, y = view.xy(*point)
    radius = max(9, size[0] // 45)
    draw.ellipse([x - radius - 4, y - radius - 4, x + radius + 4, y + radius + 4], fill=(255, 255, 255))
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=_hex(color), outline=(29, 42, 51), width=2)
    return image


def _containing(outlines, lon, lat) -> int | None:
    """The index of the governorate whose outline holds the point (ray casting on the outer rings)."""
    for index, rings in enumerate(outlines):
        for ring in rings:
            inside = False
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
            if inside:
                return index
    return None


def cluster_preview_png(lon: float, lat: float, color: str) -> bytes:
    outlines = governorate_outlines()
    containing = _containing(outlines, lon, lat)
    canvas = Image.new("RGB", (WIDTH, HEIGHT), FRAME)
    gap = 10
    left_size = (HEIGHT - 2 * gap, HEIGHT - 2 * gap)
    canvas.paste(_panel(outlines, EGYPT_EXTENT, left_size, (lon, lat), color, containing), (gap, gap))
    half_lon = CLOSE_UP_HALF_SIDE / math.cos(math.radians(lat))
    right_size = (WIDTH - left_size[0] - 3 * gap, HEIGHT - 2 * gap)
    aspect = right_size[0] / right_size[1]
    close_up = (lon - half_lon * aspect, lat - CLOSE_UP_HALF_SIDE, lon + half_lon * aspect, lat + CLOSE_UP_HALF_SIDE)
    canvas.paste(_panel(outlines, close_up, right_size, (lon, lat), color, containing), (left_size[0] + 2 * gap, gap))
    out = io.BytesIO()
    canvas.save(out, format="PNG", optimize=True)
    return out.getvalue()
