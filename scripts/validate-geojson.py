#!/usr/bin/env python3
"""Checks that a file is an RFC 7946 GeoJSON FeatureCollection (or GeoJSON Lines with --lines):
lon/lat within range, no crs member, an id on every Feature, closed counter-clockwise exterior
rings. Standard library only. Exit 0 and 'ok N features', or exit 1 naming the first problem."""
import json
import sys


def ring_area(ring):
    return sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1)) / 2


def check_position(position, where):
    if not (isinstance(position, list) and len(position) >= 2 and all(isinstance(v, (int, float)) for v in position[:2])):
        raise ValueError(f"{where}: position {position!r} is not [lon, lat]")
    lon, lat = position[0], position[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(f"{where}: position {position!r} out of range (lon first)")


def check_feature(feature, where):
    if feature.get("type") != "Feature":
        raise ValueError(f"{where}: type is {feature.get('type')!r}, not Feature")
    if "id" not in feature:
        raise ValueError(f"{where}: no id")
    if "properties" not in feature:
        raise ValueError(f"{where}: no properties member")
    geometry = feature.get("geometry")
    if geometry is None:
        return
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Point":
        check_position(coordinates, where)
    elif kind == "LineString":
        for position in coordinates:
            check_position(position, where)
    elif kind in ("Polygon", "MultiPolygon"):
        polygons = [coordinates] if kind == "Polygon" else coordinates
        for polygon in polygons:
            for index, ring in enumerate(polygon):
                for position in ring:
                    check_position(position, where)
                if len(ring) < 4 or ring[0] != ring[-1]:
                    raise ValueError(f"{where}: ring {index} is not closed or has fewer than 4 positions")
                area = ring_area(ring)
                if index == 0 and area <= 0:
                    raise ValueError(f"{where}: exterior ring is not counter-clockwise")
                if index > 0 and area >= 0:
                    raise ValueError(f"{where}: hole {index} is not clockwise")
    else:
        raise ValueError(f"{where}: unexpected geometry type {kind!r}")


def main():
    lines = "--lines" in sys.argv
    path = [a for a in sys.argv[1:] if a != "--lines"][0]
    try:
        with open(path, encoding="utf-8") as handle:
            if lines:
                features = [json.loads(line) for line in handle if line.strip()]
            else:
                document = json.load(handle)
                if document.get("type") != "FeatureCollection":
                    raise ValueError("top level is not a FeatureCollection")
                if "crs" in document:
                    raise ValueError("has a crs member (RFC 7946 forbids it)")
                features = document["features"]
        for number, feature in enumerate(features, 1):
            check_feature(feature, f"feature {number}")
    except (ValueError, KeyError, json.JSONDecodeError) as error:
        print(f"{path}: {error}")
        sys.exit(1)
    print(f"ok {len(features)} features")


if __name__ == "__main__":
    main()
