"""`scripts/bench --serve`: `atlas serve` against pygeoapi under wrk, and the server's memory
during a 1M-feature download.

Both servers serve the same incidents on 127.0.0.1 in the same run: atlas its store, pygeoapi
(PyPI, in .venv-bench, 2 gunicorn workers, its SQLite/GeoPackage provider) a SpatiaLite copy
that ogr2ogr makes from that store, so ids and coordinates are the same. Each workload runs `wrk -t2 -c16 -d10s` against pygeoapi and
then against atlas, and the whole sequence is repeated (interleaved), so a busy moment of the
shared machine shows up as spread rather than as a ratio. The answers are compared before
timing. Servers are started here and stopped by pid.
"""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

WRK = ["wrk", "-t2", "-c16", "-d10s", "--timeout", "10s", "--latency"]
# Around Aleppo: dense enough that every page is full.
BBOX = "37.0,36.1,37.3,36.3"
NEAR = "36.20124,37.16117"
ITEM_IDS = 2000  # ids the item-by-id workload cycles through
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get(url, accept="application/geo+json"):
    request = urllib.request.Request(url, headers={"Accept": accept})
    with OPENER.open(request, timeout=120) as response:
        return response.read()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, process, seconds=60):
    for _ in range(seconds * 10):
        if process.poll() is not None:
            raise RuntimeError(f"server for {url} exited with {process.returncode}")
        try:
            get(url, accept="application/json")
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Atlas:
    """`atlas serve --port 0` on `db`; the port is read from its log line."""

    def __init__(self, atlas, db, log):
        self.log = open(log, "w+", encoding="utf-8")
        self.process = subprocess.Popen([atlas, "serve", "--db", db, "--host", "127.0.0.1", "--port", "0"],
                                        stdout=subprocess.DEVNULL, stderr=self.log)
        for _ in range(600):
            self.log.seek(0)
            found = re.search(r"listening on .*:(\d+) \(", self.log.read())
            if found:
                self.url = f"http://127.0.0.1:{found.group(1)}"
                wait_until_up(self.url + "/", self.process)
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        stop(self.process)
        raise RuntimeError(f"atlas serve did not start; see {log}")

    def peak_rss_kb(self):
        """VmHWM: the most resident memory the process has had since it started."""
        with open(f"/proc/{self.process.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        raise RuntimeError("no VmHWM in /proc status")

    def stop(self):
        stop(self.process)
        self.log.close()


class PyGeoAPI:
    """pygeoapi 0.x under gunicorn (2 workers) serving the SpatiaLite file `data` as the
    collection `incidents`."""

    def __init__(self, venv, data, work):
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        config, openapi = os.path.join(work, "pygeoapi.yml"), os.path.join(work, "pygeoapi-openapi.yml")
        with open(config, "w", encoding="utf-8") as out:
            out.write(PYGEOAPI_CONFIG.format(url=self.url, port=port, data=data))
        env = dict(os.environ, PYGEOAPI_CONFIG=config, PYGEOAPI_OPENAPI=openapi, NO_PROXY="*")
        subprocess.run([os.path.join(venv, "bin", "pygeoapi"), "openapi", "generate", config, "--output-file", openapi],
                       check=True, capture_output=True, env=env)
        self.log = open(os.path.join(work, "pygeoapi.log"), "w", encoding="utf-8")
        self.process = subprocess.Popen([os.path.join(venv, "bin", "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}",
                                         "pygeoapi.flask_app:APP"], stdout=self.log, stderr=self.log, env=env)
        wait_until_up(self.url + "/collections/incidents?f=json", self.process)

    def stop(self):
        stop(self.process)
        self.log.close()


PYGEOAPI_CONFIG = """\
server:
  bind: {{host: 127.0.0.1, port: {port}}}
  url: {url}
  mimetype: application/json; charset=UTF-8
  encoding: utf-8
  language: en-US
  pretty_print: false
  limits: {{default_items: 100, max_items: 10000}}
  map: {{url: 'https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png', attribution: OSM}}
logging:
  level: ERROR
metadata:
  identification: {{title: bench, description: bench, keywords: [bench], keywords_type: theme,
                   terms_of_service: 'https://creativecommons.org/licenses/by/4.0/', url: {url}}}
  license: {{name: CC-BY 4.0, url: 'https://creativecommons.org/licenses/by/4.0/'}}
  provider: {{name: bench, url: {url}}}
  contact: {{name: bench, position: bench, address: bench, city: bench, stateorprovince: bench, postalcode: '0',
            country: bench, phone: '0', fax: '0', email: bench@example.org, url: {url}, hours: always,
            instructions: none, role: pointOfContact}}
resources:
  incidents:
    type: collection
    title: incidents
    description: generated incidents
    keywords: [incidents]
    extents:
      spatial: {{bbox: [35.5, 32.3, 42.4, 37.4], crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'}}
    providers:
      - type: feature
        name: SQLiteGPKG
        data: {data}
        id_field: id
        table: incidents
"""


def ensure_venv(root, venv):
    """The baseline's own venv (gitignored): pygeoapi and gunicorn from PyPI, on the system
    Python, because pygeoapi's SQLite provider loads mod_spatialite and a Python built without
    extension loading (pyenv's, by default) cannot."""
    if not os.path.exists(os.path.join(venv, "bin", "gunicorn")) or not os.path.exists(os.path.join(venv, "bin", "pygeoapi")):
        subprocess.run(["/usr/bin/python3", "-m", "venv", venv], check=True)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "--quiet", "--disable-pip-version-check", "pygeoapi", "gunicorn"],
                       check=True)


def ensure_store(atlas, csv, db, env):
    if not os.path.exists(db):
        subprocess.run([atlas, "init", "--empty", "--db", db], check=True, capture_output=True, env=env)
        subprocess.run([atlas, "import", csv, "--db", db, "--format", "acled"], check=True, capture_output=True, env=env)


def ensure_baseline_db(db, copy):
    """The store's incident table as a plain SpatiaLite file for pygeoapi: same ids, same points.

    SpatiaLite rather than GeoPackage: on a GeoPackage pygeoapi's provider runs
    `AutoGPKGStart()` (which writes) on every request, and with two workers some requests fail
    on the lock; that would measure pygeoapi's error path, not its reads."""
    if not os.path.exists(copy):
        subprocess.run(["ogr2ogr", "-f", "SQLite", "-dsco", "SPATIALITE=YES", copy, db, "incident", "-nln", "incidents",
                        "-preserve_fid"], check=True, capture_output=True)


def wrk(url, script=None):
    """Requests per second, p99 latency in ms and the error count of one wrk run."""
    command = WRK + (["-s", script] if script else []) + [url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"\s99%\s+([\d.]+)(us|ms|s)\b", output).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    failed = (int(errors.group(1)) if errors else 0) + (sum(int(n) for n in socket_errors.groups()) if socket_errors else 0)
    return rate, p99, failed


def item_script(work, ids):
    """A wrk script that asks for a different incident each request (no server-side cache hit)."""
    path = os.path.join(work, "items.lua")
    with open(path, "w", encoding="ascii") as out:
        out.write("ids = {" + ",".join(str(i) for i in ids) + "}\ncounter = 0\n"
                  "request = function()\n  counter = counter + 1\n"
                  "  return wrk.format('GET', '/collections/incidents/items/' .. ids[counter % #ids + 1] .. '?f=json')\nend\n")
    return path


def feature_ids(body):
    return [int(feature["id"]) for feature in json.loads(body)["features"]]


def same_answers(atlas_url, pygeoapi_url, ids):
    """The same bbox pages (ids in id order) and the same incidents by id from both servers."""
    for limit in (100, 1000):
        path = f"/collections/incidents/items?bbox={BBOX}&limit={limit}&f=json"
        ours, theirs = feature_ids(get(atlas_url + path)), feature_ids(get(pygeoapi_url + path))
        if len(ours) != limit or ours != sorted(theirs):
            print(f"serve: bbox limit={limit}: atlas {len(ours)} ids, pygeoapi {len(theirs)}, "
                  f"first {ours[:3]} vs {sorted(theirs)[:3]}", file=sys.stderr)
            return False
    for identifier in ids[:20]:
        ours = json.loads(get(f"{atlas_url}/collections/incidents/items/{identifier}?f=json"))
        theirs = json.loads(get(f"{pygeoapi_url}/collections/incidents/items/{identifier}?f=json"))
        a, b = ours["geometry"]["coordinates"], theirs["geometry"]["coordinates"]
        if abs(a[0] - b[0]) > 1e-6 or abs(a[1] - b[1]) > 1e-6:
            print(f"serve: incident {identifier}: atlas {a}, pygeoapi {b}", file=sys.stderr)
            return False
    return True


def download_all(url, limit=10_000):
    """Follows `next` from the first page to the last; returns the features received."""
    page, received = f"{url}/collections/incidents/items?limit={limit}&f=json", 0
    while page:
        body = json.loads(get(page))
        received += len(body["features"])
        page = next((link["href"] for link in body["links"] if link["rel"] == "next"), None)
    return received


def run(root, atlas, data, seed, record, rounds=2):
    """Runs the server workloads and records each round's figures."""
    env = dict(os.environ, ATLAS_GEODATA=os.path.join(root, "geodata"), NO_PROXY="*")
    os.environ["NO_PROXY"] = "*"
    generate = os.path.join(root, "scripts", "bench.d", "generate.py")
    venv = os.path.join(root, ".venv-bench")
    ensure_venv(root, venv)
    csv = os.path.join(data, f"acled-100000-{seed}.csv")
    if not os.path.exists(csv):
        subprocess.run([sys.executable, generate, "incidents", "100000", csv, "--seed", str(seed)], check=True)
    db, copy = os.path.join(data, "serve-100000.sqlite"), os.path.join(data, "serve-100000-pygeoapi.sqlite")
    ensure_store(atlas, csv, db, env)
    ensure_baseline_db(db, copy)
    work = tempfile.mkdtemp(prefix="bench-serve-")
    ids = list(range(1, 100_001, 100_000 // ITEM_IDS))
    script = item_script(work, ids)
    workloads = [("bbox items limit=100", f"/collections/incidents/items?bbox={BBOX}&limit=100&f=json", None, True),
                 ("bbox items limit=1000", f"/collections/incidents/items?bbox={BBOX}&limit=1000&f=json", None, True),
                 ("one item by id", "/", script, True),
                 ("near=Aleppo centre&km=10, limit 100", f"/collections/incidents/items?near={NEAR}&km=10&f=json", None, False)]
    ours, theirs = Atlas(atlas, db, os.path.join(work, "atlas.log")), None
    try:
        theirs = PyGeoAPI(venv, copy, work)
        same = same_answers(ours.url, theirs.url, ids)
        for round_number in range(1, rounds + 1):
            for name, path, lua, compared in workloads:
                b = wrk(theirs.url + path, lua) if compared else None
                a = wrk(ours.url + path, lua)
                record(name, round_number, a, b, same)
    finally:
        ours.stop()
        if theirs:
            theirs.stop()
    million = os.path.join(data, f"incidents-1000000.sqlite")
    if not os.path.exists(million):
        print(f"serve: {million} missing; run `scripts/bench import` first for the 1M download", file=sys.stderr)
        return
    for round_number in range(1, rounds + 1):
        server = Atlas(atlas, million, os.path.join(work, "atlas-1m.log"))
        try:
            start = time.perf_counter()
            received = download_all(server.url)
            seconds = time.perf_counter() - start
            record("download 1M features (next links, limit=10000)", round_number,
                   (received, seconds, server.peak_rss_kb()), None, received == 1_000_000)
        finally:
            server.stop()
