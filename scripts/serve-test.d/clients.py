#!/usr/bin/env python3
"""Real clients against a running `atlas serve` (started by scripts/serve-test): GDAL, OWSLib,
schemathesis and hostile requests. Answers are compared with the `atlas` CLI on the same database.
Prints one line per check and closes with 'serve-test: N passed, N failed'."""
import argparse
import csv
import http.client
import io
import json
import socket
import sqlite3
import struct
import subprocess
import sys
import time
import urllib.parse

from owslib.ogcapi.features import Features

args = None
results = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    if condition:
        results["passed"] += 1
        print(f"ok: {name}")
    else:
        results["failed"] += 1
        print(f"FAIL: {name}" + (f"\n  | {detail}" if detail else ""))


def cli(*arguments):
    """Runs the atlas CLI on the test database; returns its standard output."""
    run = subprocess.run([args.atlas, *arguments, "--db", args.db], capture_output=True, text=True, check=True)
    return run.stdout


def cli_rows(*arguments):
    return list(csv.DictReader(io.StringIO(cli(*arguments, "--format", "csv"))))


def request(base, path, method="GET", body=None, headers=None, timeout=30):
    """(status, headers dict lower-cased, body bytes) of one request."""
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, data


def is_problem(status, headers, body, low=400, high=499):
    if not (low <= status <= high) or headers.get("content-type") != "application/problem+json":
        return False
    try:
        document = json.loads(body)
    except ValueError:
        return False
    return document.get("status") == status and isinstance(document.get("detail"), str)


def gpkg_points(path, table):
    """{fid: (lon, lat)} of a GeoPackage point layer, decoding the GeoPackage binary header."""
    points = {}
    with sqlite3.connect(path) as db:
        column = db.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (table,)).fetchone()[0]
        for fid, blob in db.execute(f'SELECT fid, "{column}" FROM "{table}"'):
            flags = blob[3]
            envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 7]
            wkb = blob[8 + envelope:]
            order = "<" if wkb[0] == 1 else ">"
            lon, lat = struct.unpack(order + "dd", wkb[5:21])
            points[fid] = (round(lon, 6), round(lat, 6))
    return points


def follow(features, collection, **parameters):
    """Every feature of an OWSLib items request, following `next` links to the end."""
    found, pages = [], 0
    while True:
        page = features.collection_items(collection, **parameters)
        found += page["features"]
        pages += 1
        following = [link["href"] for link in page.get("links", []) if link["rel"] == "next"]
        if not following or not page["features"]:
            return found, pages, page.get("numberMatched")
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(following[0]).query))
        query.pop("f", None)
        parameters = {("datetime_" if k == "datetime" else k): v for k, v in query.items()}
        if "bbox" in parameters:
            parameters["bbox"] = [float(x) for x in parameters["bbox"].split(",")]


def gdal_checks():
    source = f"OAPIF:{args.read_url}/"
    listing = subprocess.run(["ogrinfo", "-ro", "-q", source], capture_output=True, text=True)
    check("GDAL ogrinfo OAPIF lists the three collections",
          listing.returncode == 0 and all(f": {name} " in listing.stdout for name in ("incidents", "places", "regions")),
          listing.stdout + listing.stderr)
    west, south, east, north = 37.0, 36.1, 37.3, 36.3
    gpkg = f"{args.work}/oapif.gpkg"
    copy = subprocess.run(["ogr2ogr", "-preserve_fid", "-f", "GPKG", gpkg, source, "incidents", "-spat", str(west), str(south), str(east), str(north)],
                          capture_output=True, text=True)
    expected = {int(row["id"]): (round(float(row["longitude"]), 6), round(float(row["latitude"]), 6))
                for row in cli_rows("within", "--bbox", f"{west},{south},{east},{north}")}
    got = gpkg_points(gpkg, "incidents") if copy.returncode == 0 else {}
    check(f"GDAL ogr2ogr -spat gives the same {len(expected)} incidents (ids and coordinates) as atlas within --bbox",
          len(expected) > 100 and got == expected,
          f"{copy.stderr[:300]} got {len(got)}, expected {len(expected)}; differing: {sorted(set(got.items()) ^ set(expected.items()))[:5]}")


def owslib_checks():
    features = Features(args.read_url + "/")
    ids = sorted(collection["id"] for collection in features.collections()["collections"])
    check("OWSLib reads the collections", ids == ["incidents", "places", "regions"], str(ids))
    box = [36.5, 35.5, 37.5, 36.5]
    found, pages, matched = follow(features, "incidents", bbox=box, datetime_="2016-01-01/2018-12-31", limit=50)
    expected = [int(row["id"]) for row in cli_rows("within", "--bbox", ",".join(map(str, box)), "--since", "2016-01-01", "--until", "2018-12-31")]
    got = [feature["id"] for feature in found]
    check(f"OWSLib bbox+datetime+limit, following next over {pages} pages, gives atlas within's {len(expected)} ids in order",
          len(expected) > 100 and pages > 2 and got == expected and matched == len(expected),
          f"got {len(got)} (matched {matched}), expected {len(expected)}")
    found, pages, matched = follow(features, "incidents", near="Aleppo", km="15", limit=200)
    expected = [int(row["id"]) for row in cli_rows("near", "Aleppo", "--km", "15")]
    got = [feature["id"] for feature in found]
    distances = [feature["properties"]["distance_m"] for feature in found]
    check(f"OWSLib near=Aleppo&km=15 over {pages} pages gives atlas near's {len(expected)} ids, nearest first",
          len(expected) > 100 and pages > 1 and got == expected and distances == sorted(distances) and max(distances) <= 15000,
          f"got {len(got)}, expected {len(expected)}")
    found, _, matched = follow(features, "incidents", sub_event_type="shelling", admin1="Halab", limit=1000)
    expected = [int(row["id"]) for row in cli_rows("within", "--region", "Halab", "--type", "shelling")]
    check("OWSLib sub_event_type + admin1 (another spelling) give atlas within --region --type's answer",
          len(expected) > 10 and [f["id"] for f in found] == expected, f"got {len(found)}, expected {len(expected)}")
    places = features.collection_items("places", limit=10)
    check("OWSLib reads the places collection", places["numberReturned"] == 10 and places["numberMatched"] > 300)


def http_checks():
    status, headers, body = request(args.read_url, "/places/search?q=Shaykh%20Maqsud")
    top = json.loads(body)["features"][0]["properties"] if status == 200 else {}
    check("/places/search resolves a romanisation (Shaykh Maqsud → Sheikh Maqsood)", top.get("name") == "Sheikh Maqsood", str(body[:200]))
    status, headers, body = request(args.read_url, "/collections/incidents/items?limit=5&bbox=36,35,38,37")
    etag = headers.get("etag")
    status2, headers2, _ = request(args.read_url, "/collections/incidents/items?limit=5&bbox=36,35,38,37", headers={"If-None-Match": etag or ""})
    check("items carry ETag and Last-Modified; If-None-Match answers 304",
          status == 200 and etag and headers.get("last-modified") and status2 == 304, f"{status} {headers} {status2}")
    status, headers, body = request(args.read_url, "/collections/incidents/items?limit=3&f=csv")
    check("f=csv gives CSV with the CLI's header", status == 200 and headers["content-type"].startswith("text/csv")
          and body.decode().splitlines()[0].startswith("id,source_key,event_date"), str(body[:100]))
    status, headers, body = request(args.read_url, "/collections/incidents/items?limit=3", headers={"Accept": "text/html"})
    check("Accept: text/html gives an HTML page", status == 200 and headers["content-type"].startswith("text/html") and b"<table>" in body)
    status, headers, body = request(args.read_url, "/collections/incidents/stats?by=type")
    groups = json.loads(body)["groups"] if status == 200 else []
    check("stats?by=type counts every incident", status == 200 and sum(g["incidents"] for g in groups) == incident_count())
    status, headers, body = request(args.read_url, "/collections/incidents/clusters?km=1&minPoints=5&days=30&bbox=36.9,36.0,37.4,36.4")
    clusters = json.loads(body)["features"] if status == 200 else []
    check("clusters gives hull features with sizes and dates", status == 200 and clusters
          and all(c["properties"]["size"] >= 5 and c["properties"]["first_date"] for c in clusters), str(body[:200]))


def walk_pages(path):
    """Follows `next` from `path` to the last page, then `prev` back to the first: (forward pages,
    backward pages in walking order, whether the first page has no prev), each page a list of ids."""
    def fetch(href):
        url = urllib.parse.urlsplit(href)
        status, _, body = request(args.read_url, url.path + "?" + url.query)
        document = json.loads(body) if status == 200 else {"features": [], "links": []}
        links = {link["rel"]: link["href"] for link in document["links"]}
        return [feature["id"] for feature in document["features"]], links
    forward, backward = [], []
    ids, links = fetch(args.read_url + path)
    forward.append(ids)
    while "next" in links and len(forward) < 200:
        ids, links = fetch(links["next"])
        if ids:
            forward.append(ids)
    while "prev" in links and len(backward) < 200:
        ids, links = fetch(links["prev"])
        backward.append(ids)
    return forward, backward, "prev" not in links


def paging_checks():
    for label, path, cli_args in (
            ("bbox, id order", "/collections/incidents/items?bbox=36.9,36.0,37.4,36.4&limit=70",
             ("within", "--bbox", "36.9,36.0,37.4,36.4")),
            ("near, distance order", "/collections/incidents/items?near=Aleppo&km=15&limit=40",
             ("near", "Aleppo", "--km", "15"))):
        expected = [int(row["id"]) for row in cli_rows(*cli_args)]
        forward, backward, ends = walk_pages(path)
        walked = [i for page in forward for i in page]
        back = [i for page in reversed(backward) for i in page] + (forward[-1] if forward else [])
        check(f"items {label}: next to the end then prev to the start gives atlas's {len(expected)} ids once each, "
              f"in order, over {len(forward)} pages both ways",
              len(forward) > 2 and walked == expected and back == expected and ends
              and [len(page) for page in reversed(backward)] == [len(page) for page in forward[:-1]],
              f"forward {len(walked)} backward {len(back)} first-page-has-prev {not ends}")


def incident_count():
    status, _, body = request(args.read_url, "/collections/incidents/items?limit=1")
    return json.loads(body)["numberMatched"]


def schemathesis_check():
    run = subprocess.run([args.schemathesis, "--config-file", args.schemathesis_config, "run", f"{args.read_url}/api",
                          "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
                          "response_schema_conformance,response_headers_conformance,negative_data_rejection",
                          "--max-examples", "30", "--generation-deterministic", "--no-color"],
                         capture_output=True, text=True, timeout=900)
    summary = [line for line in run.stdout.splitlines() if "generated" in line or "failure" in line or "passed" in line]
    check("schemathesis against /api: no server error, no response violating the document, schema-violating requests refused",
          run.returncode == 0, run.stdout[-3000:])
    print("  | schemathesis: " + " / ".join(line.strip() for line in summary[-2:]))


def hostile_checks():
    before = incident_count()
    injections = ["' OR '1'='1", "1; DROP TABLE incident;--", "\"); DELETE FROM incident;--", "%27%20OR%201=1", "../../etc/passwd"]
    parameters = ["bbox", "datetime", "limit", "after", "event_type", "sub_event_type", "actor", "admin1", "geo_precision",
                  "source", "near", "km", "within", "f"]
    bad = []
    for name in parameters:
        for text in injections:
            path = "/collections/incidents/items?" + urllib.parse.urlencode({name: text})
            status, headers, body = request(args.read_url, path)
            # Free text (an actor, a source) may match nothing; anything else must be a 4xx problem.
            empty = status == 200 and json.loads(body).get("numberMatched") == 0
            if not (is_problem(status, headers, body) or empty):
                bad.append((name, text, status, body[:120]))
    check("SQL-injection strings in every parameter: a 4xx problem (or, for free text, no match)", not bad, str(bad[:3]))
    cases = {
        "huge limit": "/collections/incidents/items?limit=99999999999999999999",
        "limit over the maximum": "/collections/incidents/items?limit=10001",
        "bbox of three numbers": "/collections/incidents/items?bbox=1,2,3",
        "bbox south of north": "/collections/incidents/items?bbox=0,50,1,40",
        "datetime ending before it starts": "/collections/incidents/items?datetime=2020-01-01/2019-01-01",
        "datetime that is not a date": "/collections/incidents/items?datetime=yesterday",
        "unknown parameter": "/collections/incidents/items?colour=red",
        "path traversal in featureId": "/collections/incidents/items/..%2F..%2Fetc%2Fpasswd",
        "featureId with SQL": "/collections/incidents/items/1%3B%20DROP%20TABLE%20incident",
        "unknown collection": "/collections/secrets",
    }
    for name, path in cases.items():
        status, headers, body = request(args.read_url, path)
        check(f"hostile: {name} → {status} problem", is_problem(status, headers, body), f"{status} {headers.get('content-type')} {body[:150]}")
    # A 10 MB query string: refused by the HTTP parser, still with a problem document.
    url = urllib.parse.urlsplit(args.read_url)
    with socket.create_connection((url.hostname, url.port), timeout=30) as raw:
        try:
            raw.sendall(b"GET /collections/incidents/items?actor=" + b"a" * (10 << 20) + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        except OSError:
            pass  # the server answers and closes before reading it all
        answer = b""
        try:
            while chunk := raw.recv(65536):
                answer += chunk
        except OSError:
            pass
    head, _, body = answer.partition(b"\r\n\r\n")
    check("hostile: a 10 MB query string → 414 problem", head.startswith(b"HTTP/1.1 414") and b"application/problem+json" in head
          and json.loads(body or b"{}").get("status") == 414, str(answer[:200]))
    feature = json.dumps({"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.1, 36.2]},
                          "properties": {"event_date": "2020-01-01", "event_type": "Battles", "source_key": "HOSTILE-1"}})
    status, headers, body = request(args.read_url, "/collections/incidents/items", "POST", feature, {"Content-Type": "application/geo+json"})
    check(f"hostile: POST to the read-only server → {status} problem", is_problem(status, headers, body), str(body[:150]))
    for label, token in (("without a token", None), ("with a wrong token", "wrong-token-0123456789abcdef0000")):
        headers_in = {"Content-Type": "application/geo+json"}
        if token:
            headers_in["Authorization"] = f"Bearer {token}"
        status, headers, body = request(args.write_url, "/collections/incidents/items", "POST", feature, headers_in)
        check(f"hostile: POST {label} → 401 problem", status == 401 and is_problem(status, headers, body), f"{status} {body[:150]}")
        status, headers, body = request(args.write_url, "/collections/incidents/items/1", "DELETE", None, headers_in)
        check(f"hostile: DELETE {label} → 401 problem", status == 401 and is_problem(status, headers, body), f"{status} {body[:150]}")
    status, _, _ = request(args.read_url, "/")
    check("after the hostile requests the server still serves, and nothing was stored or deleted",
          status == 200 and incident_count() == before, f"{status}, {before} → {incident_count()}")


def open_stalled_reader(base, path):
    """A client that asks for `path`, reads the first bytes of the answer, then stops reading
    with the connection open (a tiny receive window, so the server's writes back up)."""
    url = urllib.parse.urlsplit(base)
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.settimeout(30)
    raw.connect((url.hostname, url.port))
    raw.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    first = raw.recv(1024)
    return raw, first


def timed_request(base, path, method="GET", body=None, headers=None):
    """(status, body, seconds) of one request."""
    start = time.monotonic()
    status, _, data = request(base, path, method, body, headers, timeout=20)
    return status, data, time.monotonic() - start


def hostile_client_checks():
    """Clients that stall, vanish mid-answer, drip headers or send too much: each costs the
    server a socket, never a database worker, and it keeps answering everyone else."""
    token = open(args.token_file).read().strip()
    big_page = "/collections/incidents/items?limit=10000&f=json"
    # More stalled readers than database workers: if a page held its worker until the client
    # read it, the requests below would queue behind them.
    stalled = [open_stalled_reader(args.write_url, big_page) for _ in range(12)]
    check("12 stalled readers of a 10,000-feature page each got the start of a 200 answer",
          all(first.startswith(b"HTTP/1.1 200") for _, first in stalled), str([first[:40] for _, first in stalled][:3]))
    status, _, seconds = timed_request(args.write_url, "/collections/incidents/items?limit=5")
    check(f"beside them a small page answers at once ({status}, {seconds:.2f} s)", status == 200 and seconds < 5)
    feature = json.dumps({"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.12, 36.19]},
                          "properties": {"event_date": "2020-03-03", "event_type": "Battles", "source_key": "STALLED-READERS-1"}})
    auth = {"Content-Type": "application/geo+json", "Authorization": f"Bearer {token}"}
    before = incident_count()
    status, posted, seconds = timed_request(args.write_url, "/collections/incidents/items", "POST", feature, auth)
    check(f"beside them a POST is stored at once ({status}, {seconds:.2f} s): no reader holds the database",
          status == 201 and seconds < 10 and incident_count() == before + 1)
    # Read one stalled answer to its end: the page was written whole while its client slept.
    raw, first = stalled[0]
    answer = first
    raw.settimeout(30)
    while chunk := raw.recv(1 << 20):  # to the end: the request asked the server to close
        answer += chunk
    body = answer.partition(b"\r\n\r\n")[2]
    try:
        features = len(json.loads(dechunk(body))["features"])
    except ValueError as error:
        features = repr(error)
    check(f"a stalled reader that wakes up reads its whole page ({features} features)", features == before)
    for raw, _ in stalled:
        raw.close()
    # Clients that vanish after the first bytes of a large answer.
    for _ in range(20):
        raw, _ = open_stalled_reader(args.write_url, big_page)
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST, not FIN
        raw.close()
    # Slow headers: connections that send half a request line and wait.
    url = urllib.parse.urlsplit(args.write_url)
    dripping = []
    for _ in range(50):
        raw = socket.create_connection((url.hostname, url.port), timeout=30)
        raw.sendall(b"GET /collections/incidents/items?limit=1 HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        dripping.append(raw)
    status, _, seconds = timed_request(args.write_url, "/collections/incidents/items?limit=5")
    check(f"after 20 clients reset mid-answer and beside 50 half-sent requests, a page answers at once ({status}, {seconds:.2f} s)",
          status == 200 and seconds < 5)
    for raw in dripping:
        raw.close()
    # A body declared over the limit: refused from its headers, before the client sends it.
    with socket.create_connection((url.hostname, url.port), timeout=30) as raw:
        raw.sendall(b"POST /collections/incidents/items HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                    + f"Authorization: Bearer {token}\r\nContent-Length: {64 << 20}\r\n\r\n".encode())
        answer = b""
        try:
            while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
                chunk = raw.recv(65536)
                if not chunk:
                    break
                answer += chunk
        except OSError:
            pass
    head = answer.partition(b"\r\n\r\n")[0]
    check("a body declared as 64 MiB (the limit is 32 MiB) → 413 problem before it is sent",
          head.startswith(b"HTTP/1.1 413") and b"application/problem+json" in head, str(answer[:200]))
    status, _, body = request(args.write_url, "/collections/incidents/items?limit=1")
    check("after the hostile clients the writable server still serves, holding what was posted",
          status == 200 and incident_count() == before + 1, f"{status} {body[:100]}")
    # Leave the store as the other checks expect it.
    ids = json.loads(posted or b"{}").get("ids") or []
    for identifier in ids:
        request(args.write_url, f"/collections/incidents/items/{identifier}", "DELETE", None, {"Authorization": f"Bearer {token}"})
    check("the posted incident deleted again", incident_count() == before, f"{ids}")


def dechunk(body):
    """The payload of an HTTP/1.1 chunked body (or `body` itself when it is not chunked)."""
    out, rest = b"", body
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        try:
            size = int(size_line.split(b";")[0], 16)
        except ValueError:
            return body
        if size == 0:
            break
        out += rest[:size]
        rest = rest[size + 2:]
    return out


def write_checks():
    """A POST with the token stores a feature idempotently; a DELETE removes it, once."""
    token = open(args.token_file).read().strip()
    auth = {"Content-Type": "application/geo+json", "Authorization": f"Bearer {token}"}
    feature = json.dumps({"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.15, 36.21]},
                          "properties": {"event_date": "2020-02-02", "event_type": "Battles", "source_key": "SERVE-TEST-1"}})
    before = incident_count()
    status, _, body = request(args.write_url, "/collections/incidents/items", "POST", feature, auth)
    created = json.loads(body) if status == 201 else {}
    again, _, body2 = request(args.write_url, "/collections/incidents/items", "POST", feature, auth)
    check("POST with the token stores the feature once (a repeat changes nothing)",
          status == 201 and created.get("inserted") == 1 and len(created.get("ids", [])) == 1 and again == 201
          and json.loads(body2).get("unchanged") == 1 and incident_count() == before + 1, f"{status} {body[:200]} {again}")
    if not created.get("ids"):
        return
    path = f"/collections/incidents/items/{created['ids'][0]}"
    status, _, _ = request(args.write_url, path, "DELETE", None, {"Authorization": f"Bearer {token}"})
    gone, _, _ = request(args.write_url, path)
    twice, headers, body = request(args.write_url, path, "DELETE", None, {"Authorization": f"Bearer {token}"})
    check("DELETE with the token removes the incident (204), then it is 404, and a second DELETE is a 404 problem",
          status == 204 and gone == 404 and twice == 404 and is_problem(twice, headers, body) and incident_count() == before,
          f"{status} {gone} {twice}")


def main():
    global args
    parser = argparse.ArgumentParser()
    for name in ("atlas", "db", "read-url", "write-url", "token-file", "work", "schemathesis", "schemathesis-config", "server-pid"):
        parser.add_argument("--" + name, required=True)
    args = parser.parse_args()
    for group in (gdal_checks, owslib_checks, http_checks, paging_checks, hostile_checks, hostile_client_checks, write_checks,
                  schemathesis_check):
        try:
            group()
        except Exception as error:  # a client crashing is a failed check, not the end of the run
            check(f"{group.__name__} ran to the end", False, repr(error))
    print(f"serve-test: {results['passed']} passed, {results['failed']} failed")
    return 0 if results["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
