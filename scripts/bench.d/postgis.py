"""`scripts/bench --postgis`: the PostGIS backend against PostGIS's own tools on the same data.

A throw-away cluster (scripts/postgis-cluster) on loopback; per round a fresh database with
PostGIS. Rows:
- import: `atlas import` into the PostGIS store (COPY, indexes, folded keys) against `ogr2ogr`
  CSV → PostgreSQL with a GiST index and COPY;
- radius 1/10/50 km, nearest k = 10, 40 km polygon: `atlas-bench postgis`, in-process, the
  backend against hand-written SQL (`ST_DWithin` on geography, `<->`, `ST_Covers`) on the same
  connection kind, with the SpatiaLite backend's time on the same incidents beside;
- export: `atlas export` of the PostGIS store against psql writing `ST_AsGeoJSON` per row.
"""
import json
import os
import subprocess


def _psql(url, sql, database=None):
    """Runs `sql` (constant text of this script) with psql on `url` (or another database there)."""
    target = url if database is None else url.rsplit("/", 1)[0] + "/" + database
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", target, "-c", sql], check=True, capture_output=True, text=True)


def _scalar(url, sql):
    return subprocess.run(["psql", "-At", url, "-c", sql], check=True, capture_output=True, text=True).stdout.strip()


def _fresh_database(url, name):
    _psql(url, f"DROP DATABASE IF EXISTS {name}", database="postgres")
    _psql(url, f"CREATE DATABASE {name}", database="postgres")
    _psql(url, "CREATE EXTENSION postgis", database=name)
    return url.rsplit("/", 1)[0] + "/" + name


def run(root, atlas, bench, acled, sqlite_db, size, rounds, timed, record, env):
    """Starts a cluster, runs the rows above through `record`, stops the cluster."""
    started = subprocess.run([os.path.join(root, "scripts", "postgis-cluster"), "start"], check=True, capture_output=True, text=True)
    settings = dict(line.split("=", 1) for line in started.stdout.split())
    base_url, folder = settings["ATLAS_TEST_POSTGRES_URL"], settings["ATLAS_TEST_POSTGRES_DIR"]
    try:
        _run(base_url, atlas, bench, acled, sqlite_db, size, rounds, timed, record, env)
    finally:
        subprocess.run([os.path.join(root, "scripts", "postgis-cluster"), "stop", folder], check=False)


def _run(base_url, atlas, bench, acled, sqlite_db, size, rounds, timed, record, env):
    url = base_url.rsplit("/", 1)[0] + "/atlas_bench"
    a, aspread, arss = timed([atlas, "import", acled, "--db", url, "--format", "acled"], rounds,
                             lambda: (_fresh_database(base_url, "atlas_bench"),
                                      subprocess.run([atlas, "init", "--empty", "--db", url], check=True, capture_output=True, env=env)))
    ogr_url = base_url.rsplit("/", 1)[0] + "/ogr_bench"
    host, port = url.split("@", 1)[1].split("/", 1)[0].split(":")
    user = url.split("//", 1)[1].split("@", 1)[0]
    pg = f"PG:host={host} port={port} user={user} dbname=ogr_bench"
    b, bspread, _ = timed(["ogr2ogr", "--config", "PG_USE_COPY", "YES", "-f", "PostgreSQL", pg, acled,
                           "-oo", "X_POSSIBLE_NAMES=longitude", "-oo", "Y_POSSIBLE_NAMES=latitude", "-a_srs", "EPSG:4326",
                           "-nln", "incident", "-lco", "GEOMETRY_NAME=geom", "-lco", "SPATIAL_INDEX=GIST"],
                          rounds, lambda: _fresh_database(base_url, "ogr_bench"))
    ours = int(_scalar(url, "SELECT count(*) FROM incident"))
    theirs = int(_scalar(ogr_url, "SELECT count(*) FROM incident"))
    record(f"PostGIS: import {size:,} ACLED rows, indexed", a, b, f"{a:.2f} s ±{aspread:.0%}, {arss // 1024} MB",
           f"ogr2ogr CSV→PostgreSQL (COPY, GiST) {b:.2f} s", ours == theirs == size)

    centres = "10" if rounds == 1 else "30"
    output = subprocess.run([bench, "postgis", "--url", url, "--db", sqlite_db, "--centres", centres, "--repeat", str(rounds)],
                            check=True, capture_output=True, text=True).stdout
    for line in output.splitlines():
        result = json.loads(line)
        sqlite_ms = float(result["spatialite_ms"])
        note = (f"SpatiaLite backend {sqlite_ms:.2f} ms ({result['baseline_ms'] / sqlite_ms:.2f}× PostGIS SQL), "
                f"same as SpatiaLite: {result['same_as_spatialite']}; mean {int(result['mean_hits']):,} hits")
        sql = {"radius": "ST_DWithin(geography)", "neares": "geography <-> + ST_Distance re-rank", "polygo": "ST_Covers"}[result["workload"][:6]]
        record(f"PostGIS: {result['workload']}, per query (in-process)", result["atlas_ms"], result["baseline_ms"],
               f"{result['atlas_ms']:.2f} ms ±{result['atlas_spread']:.0%}", f"{sql} SQL {result['baseline_ms']:.2f} ms",
               result["same_answers"] and result["same_as_spatialite"], note)

    out_a, out_b = acled + ".pg-export.geojson", acled + ".pg-export.jsonl"
    a, aspread, arss = timed([atlas, "export", "--db", url, "--format", "geojson", "-o", out_a], rounds)
    columns = ("id, event_date, event_type, sub_event_type, actor1, actor2, location, admin1, admin2, geo_precision, "
               "time_precision, fatalities, source, notes, source_key, geom")
    sql = f"SELECT ST_AsGeoJSON(t.*, 'geom', 6) FROM (SELECT {columns} FROM incident ORDER BY id) t"
    b, bspread, brss = timed(["psql", "-At", "-v", "FETCH_COUNT=10000", url, "-c", sql, "-o", out_b], rounds)
    count_a = sum(1 for line in open(out_a, encoding="utf-8") if line.startswith('{"type":"Feature"'))
    count_b = sum(1 for _ in open(out_b, encoding="utf-8"))
    record(f"PostGIS: export {size:,} as GeoJSON", a, b, f"{a:.2f} s, peak RSS {arss // 1024} MB",
           f"psql ST_AsGeoJSON per row {b:.2f} s", count_a == count_b == size)
    for path in (out_a, out_b):
        os.remove(path)
