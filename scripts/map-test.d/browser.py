"""Checks of the map page in headless Chromium (see scripts/map-test). Every expected answer is
the server's API (or the atlas CLI) asked the same question, never a number written here."""
import argparse
import json
import sys
import time
import urllib.parse
import urllib.request

from playwright.sync_api import sync_playwright

failures = []


def check(name, condition, detail=""):
    print(("ok: " if condition else "FAIL: ") + name + ("" if condition else f" ({detail})"))
    if not condition:
        failures.append(name)


def api(base, path, **params):
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v not in (None, "")})
    with urllib.request.urlopen(f"{base}{path}?{query}") as response:
        return json.load(response)


def quiet(page, timeout=30):
    """Waits until the page has no request of its own in flight (atlasMap.busy == 0)."""
    page.wait_for_function("window.atlasMap && window.atlasMap.ready && window.atlasMap.busy === 0", timeout=timeout * 1000)


def drawn(page):
    """Every incident marker Leaflet holds: [id, lat, lon], from the cluster group's layers."""
    return page.evaluate("atlasMap.markers.getLayers().map(m => [m.feature.id, m.getLatLng().lat, m.getLatLng().lng])")


def change(page, selector, value):
    page.fill(selector, value) if selector in ("#from", "#to", "#actor") else page.select_option(selector, value)
    page.dispatch_event(selector, "change")
    page.wait_for_timeout(50)
    quiet(page)


def grid_total(page, base, **filters):
    """The incidents the page's grid counts and what the API's items say for its box."""
    drawn_total = page.evaluate("atlasMap.grid.getLayers().reduce((n, m) => n + Number(m.getElement().textContent), 0)")
    return drawn_total, api(base, "/collections/incidents/items", bbox=page.evaluate("atlasMap.bbox"), limit=1, **filters)["numberMatched"]


def measure(page, base):
    """Times on a large store, as the browser sees them (performance.now, from navigation)."""
    started = time.monotonic()
    page.goto(f"{base}/#map=7/35.0/38.3")
    page.wait_for_function("window.atlasMap && atlasMap.drawnAt", timeout=120000)
    first = page.evaluate("atlasMap.drawnAt")
    quiet(page, 120)
    print(f"map-test: measure: first incidents drawn {first / 1000:.2f} s after navigation ({page.evaluate('atlasMap.mode')}, "
          f"{page.evaluate('atlasMap.matched')} in view); page quiet after {time.monotonic() - started:.2f} s")
    drawn_total, matched = grid_total(page, base)
    check("the grid counts every incident the API has in view", page.evaluate("atlasMap.mode") == "grid" and drawn_total == matched,
          f"{drawn_total} vs {matched}")
    for label, selector, value in [("type filter", "#type", "Battles"), ("date range", "#from", "2020-01-01")]:
        change(page, selector, value)
        print(f"map-test: measure: {label} change redrawn in {page.evaluate('atlasMap.lastDrawMs') / 1000:.2f} s "
              f"({page.evaluate('atlasMap.mode')}, {page.evaluate('atlasMap.matched')} in view)")
    drawn_total, matched = grid_total(page, base, event_type="Battles", datetime="2020-01-01/..")
    check("the filtered grid counts what the API answers", drawn_total == matched, f"{drawn_total} vs {matched}")
    page.evaluate("atlasMap.map.setView([36.2, 37.16], 14)")
    page.wait_for_timeout(400)
    quiet(page, 120)
    print(f"map-test: measure: zoom to Aleppo redrawn in {page.evaluate('atlasMap.lastDrawMs') / 1000:.2f} s "
          f"({page.evaluate('atlasMap.mode')}, {page.evaluate('atlasMap.matched')} in view)")


def tiles(page, base, prefix):
    """The page of a server started with --tiles: tiles from that server, its attribution, no outlines."""
    requested, outlines = [], []
    png = tile_png()

    def tile(route):
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=png)
    page.route(prefix + "**", tile)
    page.on("request", lambda request: request.url.endswith("/map/countries.geojson") and outlines.append(request.url))
    page.goto(f"{base}/#map=9/36.2/37.16")
    quiet(page)
    page.wait_for_function("document.querySelectorAll('img.leaflet-tile-loaded').length > 0", timeout=30000)
    loaded = page.evaluate("[...document.querySelectorAll('img.leaflet-tile-loaded')].map(i => i.src)")
    check(f"with --tiles the base map is {len(loaded)} tiles from the tile server",
          loaded and all(src.startswith(prefix) for src in loaded) and requested, loaded[:3])
    check("the tiles' URLs are the template's z/x/y", all(src[len(prefix):].count("/") == 2 and src.endswith(".png") for src in loaded))
    check("the tile server's attribution is shown", "Test tiles" in page.inner_text(".leaflet-control-attribution"))
    check("no country outlines are fetched when tiles are used", not outlines, outlines)


def tile_png():
    """A 256×256 grey PNG (the tiles the test server answers)."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\xd0" * 256 for _ in range(256))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 256, 256, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--near-answer")
    parser.add_argument("--tiles", help="only check that the page's base map is the tile server under this URL")
    parser.add_argument("--screenshot", required=True)
    parser.add_argument("--measure", action="store_true",
                        help="only time the page on a large store (first draw, a filter change, a zoom to points) and check the grid")
    args = parser.parse_args()
    base = args.url
    errors, outside = [], []

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))

        def guard(route):
            host = urllib.parse.urlparse(route.request.url).hostname
            if host != "127.0.0.1":
                outside.append(route.request.url)
                return route.abort()
            return route.continue_()
        page.route("**/*", guard)

        if args.tiles:
            tiles(page, base, args.tiles)
            page.screenshot(path=args.screenshot)
            browser.close()
            finish(errors, outside)
            return

        if args.measure:
            measure(page, base)
            page.screenshot(path=args.screenshot)
            browser.close()
            finish(errors, outside)
            return

        # The landing page for a browser is the map.
        started = time.monotonic()
        page.goto(f"{base}/#map=7/35.3/38.0")
        quiet(page)
        print(f"map-test: first markers after {time.monotonic() - started:.2f} s")
        check("a browser at / gets the map page", page.evaluate("document.title") == "IncidentAtlas map")

        # The seed incidents are drawn where the API says they are.
        seeds = [f for f in api(base, "/collections/incidents/items", datetime="2016-05-22/2016-05-23", limit=1000)["features"]
                 if f["properties"]["source_key"].startswith("IA-SEED")]
        markers = {m[0]: (m[1], m[2]) for m in drawn(page)}
        misplaced = [f["id"] for f in seeds
                     if f["id"] not in markers or abs(markers[f["id"]][0] - f["geometry"]["coordinates"][1]) > 1e-6
                     or abs(markers[f["id"]][1] - f["geometry"]["coordinates"][0]) > 1e-6]
        check(f"the {len(seeds)} seed incidents are markers at their coordinates", seeds and not misplaced, misplaced)

        regions = api(base, "/collections/regions/items", limit=100)["features"]
        drawn_regions = page.locator('path[stroke="#6b5b95"]').count()
        check(f"the {len(regions)} loaded region(s) are drawn as boundaries", regions and drawn_regions == len(regions),
              f"{drawn_regions} drawn")

        def expected(**filters):
            bbox = page.evaluate("atlasMap.bbox")
            return api(base, "/collections/incidents/items", bbox=bbox, limit=1, **filters)["numberMatched"]

        everything = len(drawn(page))
        check("with no filter the markers are the API's incidents in view", everything == expected(), f"{everything} vs {expected()}")

        # Dates and a type narrow the markers exactly as the API does.
        change(page, "#from", "2019-01-01")
        change(page, "#to", "2019-06-30")
        dated = len(drawn(page))
        want = expected(datetime="2019-01-01/2019-06-30")
        check("a date range gives the API's count", dated == want and 0 < dated < everything, f"{dated} vs {want} of {everything}")
        started = time.monotonic()
        change(page, "#type", "Battles")
        print(f"map-test: filter change redrawn after {time.monotonic() - started:.2f} s")
        typed = len(drawn(page))
        want = expected(datetime="2019-01-01/2019-06-30", event_type="Battles")
        check("a type filter gives the API's count", typed == want and 0 < typed < dated, f"{typed} vs {want} of {dated}")
        check("the URL keeps the filters", all(s in page.evaluate("location.hash") for s in ("from=2019-01-01", "type=Battles")))
        page.reload()
        quiet(page)
        check("a reloaded link restores the filters", len(drawn(page)) == typed and page.input_value("#type") == "Battles",
              f"{len(drawn(page))} markers vs {typed}, type '{page.input_value('#type')}'")
        change(page, "#type", "")
        change(page, "#from", "")
        change(page, "#to", "")

        # The stats strip counts the incidents in view week by week.
        weeks = page.evaluate("atlasMap.weeks")
        in_view = expected()
        check("the weekly stats strip adds up to the API's incidents in view", sum(g["incidents"] for g in weeks) == in_view and len(weeks) > 1,
              f"{sum(g['incidents'] for g in weeks)} in {len(weeks)} weeks vs {in_view}")

        # Precision 2 and 3 are hollow markers, precision 1 filled ones.
        kinds = page.evaluate("""atlasMap.markers.getLayers().map(m => [m.feature.properties.geo_precision >= 2,
                                 m.options.icon.options.html.includes('approximate')])""")
        check("precision 2 and 3 are hollow markers, precision 1 filled", all(a == b for a, b in kinds) and any(a for a, _ in kinds)
              and not all(a for a, _ in kinds), f"{sum(a != b for a, b in kinds)} of {len(kinds)} wrong")

        # The clusters layer draws the server's DBSCAN hulls for the view and its parameters.
        for selector, value in (("#ckm", "20"), ("#cmin", "4")):
            page.fill(selector, value)
            page.dispatch_event(selector, "change")
        page.check("#clusters")
        page.dispatch_event("#clusters", "change")
        page.wait_for_timeout(50)
        quiet(page)
        hulls = api(base, "/collections/incidents/clusters", bbox=page.evaluate("atlasMap.bbox"), km=20, minPoints=4)["features"]
        check(f"the clusters layer draws the server's {len(hulls)} clusters", page.evaluate("atlasMap.clusters") == len(hulls) and hulls,
              f"{page.evaluate('atlasMap.clusters')} drawn")
        check("the URL keeps the clusters layer", all(s in page.evaluate("location.hash") for s in ("clusters=1", "ckm=20", "cmin=4")))
        page.uncheck("#clusters")
        page.dispatch_event("#clusters", "change")
        quiet(page)

        # Play steps week by week from the slider's week: each step shows the API's incidents of
        # that week (started mid-range, where the generated incidents are).
        middle = page.evaluate("(() => { const s = document.getElementById('week'); s.value = Math.floor(s.max / 2);"
                               " s.dispatchEvent(new Event('input')); return Number(s.value); })()")
        quiet(page)
        page.click("#play")
        page.wait_for_function(f"Number(document.getElementById('week').value) >= {middle + 1}", timeout=15000)
        page.click("#play")
        page.wait_for_timeout(100)
        quiet(page)
        start, end = page.input_value("#from"), page.input_value("#to")
        stepped = len(drawn(page))
        want = expected(datetime=f"{start}/{end}")
        check(f"play steps to the week {start}–{end} with the API's {want} incidents", stepped == want and want > 0,
              f"{stepped} markers vs {want}")
        change(page, "#from", "")
        change(page, "#to", "")

        # The place search centres the map on the gazetteer's answer for any spelling.
        found = api(base, "/places/search", q="Shaykh Maqsud", limit=1)["features"][0]
        page.fill("#place", "Shaykh Maqsud")
        page.click("#search button")
        quiet(page)
        lon, lat = found["geometry"]["coordinates"]
        for _ in range(50):  # the flight takes about 0.6 s
            center = page.evaluate("[atlasMap.map.getCenter().lat, atlasMap.map.getCenter().lng]")
            if abs(center[0] - lat) < 1e-4 and abs(center[1] - lon) < 1e-4:
                break
            page.wait_for_timeout(200)
        check(f"'Shaykh Maqsud' centres the map on {found['properties']['name']}",
              abs(center[0] - lat) < 1e-4 and abs(center[1] - lon) < 1e-4, f"{center} vs {lat},{lon}")

        # The radius tool lists what `atlas near Aleppo --km 15` answers, nearest first.
        with open(args.near_answer) as handle:
            cli = [f["id"] for f in json.load(handle)["features"]]
        page.fill("#near", "Aleppo")
        page.fill("#km", "15")
        page.click("#radius button[type=submit], #radius button:not([type])")
        quiet(page)
        page.wait_for_timeout(500)
        quiet(page)
        listed = page.evaluate("atlasMap.listed")
        check(f"the radius tool lists the {len(cli)} incidents of atlas near Aleppo --km 15 in its order", listed == cli and cli,
              f"{len(listed)} listed vs {len(cli)}")
        ring = page.evaluate("atlasMap.ring")
        check("the radius is drawn as a geodesic polygon", isinstance(ring, list) and len(ring) >= 90)

        page.wait_for_timeout(300)
        page.screenshot(path=args.screenshot)
        print(f"map-test: screenshot {args.screenshot}")
        browser.close()
    finish(errors, outside)


def finish(errors, outside):
    check("no console error", not errors, errors[:5])
    check("no request leaves 127.0.0.1", not outside, outside[:5])
    if failures:
        print(f"map-test: {len(failures)} failed", file=sys.stderr)
        sys.exit(1)
    print("map-test: all checks passed")


main()
