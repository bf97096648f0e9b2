#!/usr/bin/env python3
"""Cross-check IncidentAtlas clustering against scikit-learn's DBSCAN.

Usage:
    scripts/crosscheck-clusters.py PATH/TO/atlas      # the product CLI against scikit-learn
    scripts/crosscheck-clusters.py --self-test        # this script's own comparison logic

What it does:
  1. Creates (or reuses) a virtual environment with scikit-learn and numpy: by default
     `.venv-crosscheck` at the repository root, or the path in $CROSSCHECK_VENV; then runs
     itself again inside it.
  2. Generates a few thousand seeded incidents: Gaussian blobs of 0.5-2 km around Aleppo
     neighbourhoods, repeated neighbourhood centroids, and uniform noise over a 60 km box,
     dated over 2016-2018; writes them as the project's incident CSV.
  3. Imports them with `atlas init --empty` / `atlas import --format csv` and, for several
     (eps, minPoints) and one space-time case, runs
     `atlas clusters --km E --min-points M [--days D] --assign --format csv`, which prints one
     row per incident (noise included) with at least `source_key`, `cluster_id` (empty for
     noise) and `is_core` (true/false).
  4. Compares with `DBSCAN(eps=E*1000/6371008.8, min_samples=M, metric='haversine',
     algorithm='ball_tree')` on radians [lat, lon] (space-time: a precomputed distance matrix
     with pairs more than D days apart set beyond eps): identical core sets, identical noise
     sets, identical partition of core points up to relabelling, and every border point in a
     cluster holding a core point within eps (scikit-learn's own border assignment depends
     on input order, so only that is required).

Prints one PASS/FAIL line per case and exits 1 on any mismatch (2 on a usage or setup error).

--self-test replaces the CLI with a brute-force Python DBSCAN that follows IncidentAtlas's
rules (border points join their nearest core point), compares it with scikit-learn the same
way, and checks that deliberately corrupted results are caught.
"""

import argparse
import csv
import datetime
import math
import os
import random
import subprocess
import sys
import tempfile

EARTH_RADIUS_M = 6371008.8
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IN_VENV_FLAG = "CROSSCHECK_IN_VENV"

CSV_HEADER = [
    "source_key", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
    "location", "admin1", "admin2", "latitude", "longitude", "geo_precision",
    "time_precision", "fatalities", "source", "notes",
]

# Approximate centres of Aleppo neighbourhoods (latitude, longitude).
NEIGHBOURHOODS = [
    ("Aleppo Citadel", 36.1993, 37.1630), ("Salaheddine", 36.1870, 37.1280),
    ("Bustan al-Qasr", 36.1930, 37.1390), ("Sheikh Maqsoud", 36.2290, 37.1590),
    ("Masaken Hanano", 36.2260, 37.1850), ("Ansari", 36.1800, 37.1310),
    ("Sukkari", 36.1750, 37.1480), ("Hamdaniyah", 36.1800, 37.1100),
    ("Ramouseh", 36.1600, 37.1460), ("Kallaseh", 36.1900, 37.1420),
    ("Jandoul", 36.2500, 37.1800), ("Layramoun", 36.2370, 37.1250),
    ("Khan Touman", 36.1170, 37.0530), ("Anadan", 36.2930, 37.0450),
]
ORIGIN = (36.2, 37.16)

# (eps in km, minPoints, max days or None)
CASES = [
    (0.5, 5, None),
    (1.0, 5, None),
    (1.0, 12, None),
    (0.25, 3, None),
    (2.0, 25, None),
    (1.0, 4, 30),
]

ACTORS = [
    "Military Forces of Syria (2000-)", "Military Forces of Russia (1991-)",
    "Opposition Rebels (Syria)", "Hayat Tahrir al Sham", "Civilians (Syria)",
]


# ---------------------------------------------------------------------------
# Virtual environment


def ensure_venv():
    """Re-runs this script inside a venv that has scikit-learn and numpy."""
    if os.environ.get(IN_VENV_FLAG) == "1":
        return
    venv_dir = os.path.abspath(os.environ.get("CROSSCHECK_VENV") or os.path.join(REPO_ROOT, ".venv-crosscheck"))
    python = os.path.join(venv_dir, "bin", "python")
    if not os.path.exists(python):
        print(f"crosscheck: creating virtual environment {venv_dir}", flush=True)
        result = subprocess.run([sys.executable, "-m", "venv", venv_dir])
        if result.returncode != 0:
            sys.exit(f"crosscheck: could not create a virtual environment at {venv_dir} "
                     "(on Debian: apt-get install python3-venv)")
    ready = subprocess.run([python, "-c", "import sklearn, numpy"], capture_output=True).returncode == 0
    if not ready:
        print("crosscheck: installing scikit-learn and numpy", flush=True)
        result = subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                 "scikit-learn", "numpy"])
        if result.returncode != 0:
            print("crosscheck: pip install scikit-learn numpy failed", file=sys.stderr)
            sys.exit(2)
    env = dict(os.environ)
    env[IN_VENV_FLAG] = "1"
    sys.stdout.flush()
    os.execve(python, [python, os.path.abspath(__file__)] + sys.argv[1:], env)


# ---------------------------------------------------------------------------
# Data


def offset(lat, lon, north_m, east_m):
    """The point north_m / east_m metres (approximately) from (lat, lon)."""
    metres_per_degree = EARTH_RADIUS_M * math.pi / 180
    return (lat + north_m / metres_per_degree,
            lon + east_m / (metres_per_degree * math.cos(math.radians(lat))))


def generate_incidents(count, seed):
    """Seeded synthetic shelling incidents around Aleppo, as CSV row dicts."""
    rng = random.Random(seed)
    start = datetime.date(2016, 1, 1)
    span_days = (datetime.date(2018, 12, 31) - start).days + 1
    rows = []
    for k in range(count):
        roll = rng.random()
        name, clat, clon = NEIGHBOURHOODS[rng.randrange(len(NEIGHBOURHOODS))]
        if roll < 0.12:
            lat, lon, location, precision = clat, clon, name, 2  # reported at the centroid
        elif roll < 0.72:
            sigma = rng.uniform(500, 2000)
            lat, lon = offset(clat, clon, rng.gauss(0, sigma), rng.gauss(0, sigma))
            location, precision = name, 1
        else:
            lat, lon = offset(ORIGIN[0], ORIGIN[1], rng.uniform(-30000, 30000), rng.uniform(-30000, 30000))
            location, precision = f"Village {k}", 1
        date = start + datetime.timedelta(days=rng.randrange(span_days))
        actor1, actor2 = rng.sample(ACTORS, 2)
        rows.append({
            "source_key": f"XC{seed}-{k:05d}",
            "event_date": date.isoformat(),
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack",
            "actor1": actor1,
            "actor2": actor2,
            "location": location,
            "admin1": "Aleppo",
            "admin2": "Jebel Saman",
            "latitude": f"{lat:.6f}",
            "longitude": f"{lon:.6f}",
            "geo_precision": str(precision),
            "time_precision": "1",
            "fatalities": str(rng.choice([0, 0, 0, 1, 2, 3, 5])),
            "source": "crosscheck synthetic",
            "notes": "",
        })
    return rows


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_HEADER)
        writer.writeheader()
        writer.writerows(rows)


def read_points(path):
    """(keys, latitudes, longitudes, days since 1970-01-01) from an incident CSV."""
    epoch = datetime.date(1970, 1, 1)
    keys, lats, lons, days = [], [], [], []
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            keys.append(row["source_key"])
            lats.append(float(row["latitude"]))
            lons.append(float(row["longitude"]))
            days.append((datetime.date.fromisoformat(row["event_date"]) - epoch).days)
    return keys, lats, lons, days


# ---------------------------------------------------------------------------
# Reference results


def haversine_matrix_m(np, lats, lons):
    """All pairwise haversine distances in metres (the formula IncidentAtlas uses)."""
    phi = np.radians(np.asarray(lats, dtype=float))
    lam = np.radians(np.asarray(lons, dtype=float))
    sin_dphi = np.sin((phi[None, :] - phi[:, None]) / 2)
    sin_dlam = np.sin((lam[None, :] - lam[:, None]) / 2)
    h = sin_dphi ** 2 + np.cos(phi)[:, None] * np.cos(phi)[None, :] * sin_dlam ** 2
    return 2 * np.arcsin(np.minimum(1.0, np.sqrt(h))) * EARTH_RADIUS_M


def sklearn_dbscan(np, lats, lons, days, eps_m, min_points, max_days):
    """scikit-learn's labels (-1 noise) and core mask."""
    from sklearn.cluster import DBSCAN
    from sklearn.metrics.pairwise import haversine_distances

    X = np.radians(np.column_stack([lats, lons]))
    eps_rad = eps_m / EARTH_RADIUS_M
    if max_days is None:
        model = DBSCAN(eps=eps_rad, min_samples=min_points, metric="haversine", algorithm="ball_tree").fit(X)
    else:
        distances = haversine_distances(X)
        day_array = np.asarray(days)
        far_in_time = np.abs(day_array[:, None] - day_array[None, :]) > max_days
        distances[far_in_time] = 2 * math.pi + eps_rad  # beyond any eps and any real distance
        model = DBSCAN(eps=eps_rad, min_samples=min_points, metric="precomputed").fit(distances)
    core = np.zeros(len(lats), dtype=bool)
    core[model.core_sample_indices_] = True
    return model.labels_, core


def brute_force_dbscan(np, distances_m, days, eps_m, min_points, max_days):
    """IncidentAtlas's rules in plain Python: labels (None noise) and core flags.

    Border points join the cluster of their nearest core point (ties to the lower index, which
    stands in for the lower id here); clusters are numbered by first day then lowest index.
    """
    n = len(days)
    within = distances_m <= eps_m
    if max_days is not None:
        day_array = np.asarray(days)
        within &= np.abs(day_array[:, None] - day_array[None, :]) <= max_days
    neighbours = [np.nonzero(within[i])[0].tolist() for i in range(n)]
    core = [len(neighbours[i]) >= min_points for i in range(n)]
    component = [None] * n
    count = 0
    for start in range(n):
        if not core[start] or component[start] is not None:
            continue
        component[start] = count
        stack = [start]
        while stack:
            i = stack.pop()
            for j in neighbours[i]:
                if core[j] and component[j] is None:
                    component[j] = count
                    stack.append(j)
        count += 1
    for i in range(n):
        if core[i]:
            continue
        candidates = [(distances_m[i, j], j) for j in neighbours[i] if core[j]]
        if candidates:
            component[i] = component[min(candidates)[1]]
    first = {}
    for i in range(n):
        c = component[i]
        if c is not None:
            first[c] = min(first.get(c, (days[i], i)), (days[i], i))
    order = sorted(first, key=lambda c: first[c])
    ids = {c: position + 1 for position, c in enumerate(order)}
    labels = [None if component[i] is None else ids[component[i]] for i in range(n)]
    return labels, core


# ---------------------------------------------------------------------------
# Comparison


def compare(np, keys, distances_m, days, eps_m, max_days, result, sk_labels, sk_core):
    """Problems (strings) found comparing `result` {key: (cluster id or None, is_core)} with
    scikit-learn's labels and core mask. Empty means agreement."""
    problems = []
    index_of = {key: i for i, key in enumerate(keys)}
    missing = [key for key in keys if key not in result]
    extra = [key for key in result if key not in index_of]
    if missing:
        problems.append(f"{len(missing)} incidents missing from the output, e.g. {missing[:3]}")
    if extra:
        problems.append(f"{len(extra)} unknown source keys in the output, e.g. {extra[:3]}")
    if missing or extra:
        return problems
    n = len(keys)
    labels = [result[key][0] for key in keys]
    core = [result[key][1] for key in keys]

    ours_core = {i for i in range(n) if core[i]}
    their_core = {i for i in range(n) if sk_core[i]}
    if ours_core != their_core:
        only_ours = sorted(ours_core - their_core)
        only_theirs = sorted(their_core - ours_core)
        problems.append(f"core sets differ: {len(only_ours)} core only in atlas (e.g. "
                        f"{[keys[i] for i in only_ours[:3]]}), {len(only_theirs)} only in scikit-learn "
                        f"(e.g. {[keys[i] for i in only_theirs[:3]]})")
    unlabelled_core = [keys[i] for i in ours_core if labels[i] is None]
    if unlabelled_core:
        problems.append(f"{len(unlabelled_core)} core points without a cluster, e.g. {unlabelled_core[:3]}")

    ours_noise = {i for i in range(n) if labels[i] is None}
    their_noise = {i for i in range(n) if sk_labels[i] == -1}
    if ours_noise != their_noise:
        problems.append(f"noise sets differ: {len(ours_noise - their_noise)} noise only in atlas (e.g. "
                        f"{[keys[i] for i in sorted(ours_noise - their_noise)[:3]]}), "
                        f"{len(their_noise - ours_noise)} only in scikit-learn (e.g. "
                        f"{[keys[i] for i in sorted(their_noise - ours_noise)[:3]]})")

    # Partition of the core points common to both, up to relabelling: a bijection.
    forward, backward = {}, {}
    for i in sorted(ours_core & their_core):
        a, s = labels[i], int(sk_labels[i])
        if a is None:
            continue
        if forward.setdefault(a, s) != s:
            problems.append(f"atlas cluster {a} holds core points of scikit-learn clusters {forward[a]} and {s} "
                            f"(e.g. {keys[i]})")
            break
        if backward.setdefault(s, a) != a:
            problems.append(f"scikit-learn cluster {s} is split over atlas clusters {backward[s]} and {a} "
                            f"(e.g. {keys[i]})")
            break

    # Border points: in a cluster with a core point within eps (and max days).
    members = {}
    for i in range(n):
        if labels[i] is not None:
            members.setdefault(labels[i], []).append(i)
    bad_borders = []
    for label, indices in members.items():
        cores = np.asarray([j for j in indices if core[j]], dtype=int)
        for i in indices:
            if core[i]:
                continue
            if cores.size == 0:
                bad_borders.append(keys[i])
                continue
            ok = distances_m[i, cores] <= eps_m * (1 + 1e-12)
            if max_days is not None:
                ok &= np.abs(np.asarray(days)[cores] - days[i]) <= max_days
            if not ok.any():
                bad_borders.append(keys[i])
    if bad_borders:
        problems.append(f"{len(bad_borders)} border points in a cluster without a core point within eps, "
                        f"e.g. {bad_borders[:3]}")
    return problems


def case_name(km, min_points, max_days):
    days = f", --days {max_days}" if max_days is not None else ""
    return f"--km {km:g} --min-points {min_points}{days}"


def summary_line(result):
    clusters = {label for label, _ in result.values() if label is not None}
    cores = sum(1 for _, is_core in result.values() if is_core)
    noise = sum(1 for label, _ in result.values() if label is None)
    return f"{len(clusters)} clusters, {cores} core, {noise} noise"


# ---------------------------------------------------------------------------
# Modes


def run_cli(atlas, args):
    completed = subprocess.run([atlas] + args, capture_output=True, text=True)
    if completed.returncode != 0:
        raise RuntimeError(f"`atlas {' '.join(args)}` exited {completed.returncode}: {completed.stderr.strip()}")
    return completed.stdout


def parse_assignments(text):
    """{source_key: (cluster id or None, is_core)} from `atlas clusters --assign --format csv`."""
    reader = csv.DictReader(text.splitlines())
    needed = {"source_key", "cluster_id", "is_core"}
    if reader.fieldnames is None or not needed <= set(reader.fieldnames):
        raise ValueError(f"output columns {reader.fieldnames} lack {sorted(needed)}")
    result = {}
    for row in reader:
        key = row["source_key"]
        if key in result:
            raise ValueError(f"source key {key} appears twice in the output")
        cluster = row["cluster_id"].strip()
        flag = row["is_core"].strip().lower()
        if flag not in ("true", "false"):
            raise ValueError(f"is_core must be true or false, got {row['is_core']!r} for {key}")
        result[key] = (int(cluster) if cluster else None, flag == "true")
    return result


def crosscheck_cli(atlas, count, seed, workdir):
    import numpy as np

    csv_path = os.path.join(workdir, "points.csv")
    db_path = os.path.join(workdir, "crosscheck.sqlite")
    write_csv(csv_path, generate_incidents(count, seed))
    keys, lats, lons, days = read_points(csv_path)
    distances_m = haversine_matrix_m(np, lats, lons)
    try:
        run_cli(atlas, ["init", "--empty", "--db", db_path])
        run_cli(atlas, ["import", csv_path, "--format", "csv", "--db", db_path])
    except RuntimeError as error:
        print(f"FAIL setup: {error}")
        return False
    all_passed = True
    for km, min_points, max_days in CASES:
        name = case_name(km, min_points, max_days)
        args = ["clusters", "--km", f"{km:g}", "--min-points", str(min_points)]
        if max_days is not None:
            args += ["--days", str(max_days)]
        args += ["--assign", "--format", "csv", "--db", db_path]
        try:
            result = parse_assignments(run_cli(atlas, args))
        except (RuntimeError, ValueError) as error:
            print(f"FAIL {name}: {error}")
            all_passed = False
            continue
        sk_labels, sk_core = sklearn_dbscan(np, lats, lons, days, km * 1000, min_points, max_days)
        problems = compare(np, keys, distances_m, days, km * 1000, max_days, result, sk_labels, sk_core)
        if problems:
            all_passed = False
            print(f"FAIL {name}: " + "; ".join(problems))
        else:
            print(f"PASS {name}: {summary_line(result)} over {len(keys)} incidents")
    return all_passed


def self_test(count, seed, workdir):
    import numpy as np

    csv_path = os.path.join(workdir, "points.csv")
    write_csv(csv_path, generate_incidents(count, seed))
    keys, lats, lons, days = read_points(csv_path)
    distances_m = haversine_matrix_m(np, lats, lons)
    all_passed = True
    for km, min_points, max_days in CASES:
        name = "self-test " + case_name(km, min_points, max_days)
        eps_m = km * 1000
        labels, core = brute_force_dbscan(np, distances_m, days, eps_m, min_points, max_days)
        result = {key: (labels[i], core[i]) for i, key in enumerate(keys)}
        sk_labels, sk_core = sklearn_dbscan(np, lats, lons, days, eps_m, min_points, max_days)
        problems = compare(np, keys, distances_m, days, eps_m, max_days, result, sk_labels, sk_core)
        if problems:
            all_passed = False
            print(f"FAIL {name}: " + "; ".join(problems))
            continue
        print(f"PASS {name}: {summary_line(result)} over {len(keys)} incidents")
        # Negative controls: each corruption must be caught.
        for what, corrupted in corruptions(np, keys, labels, core, distances_m, eps_m, days, max_days):
            caught = compare(np, keys, distances_m, days, eps_m, max_days, corrupted, sk_labels, sk_core)
            if caught:
                print(f"PASS {name}: corruption caught ({what})")
            else:
                all_passed = False
                print(f"FAIL {name}: corruption not caught ({what})")
    return all_passed


def corruptions(np, keys, labels, core, distances_m, eps_m, days, max_days):
    """Deliberately wrong variants of a correct result, each named."""
    base = {key: (labels[i], core[i]) for i, key in enumerate(keys)}
    n = len(keys)
    out = []
    core_indices = [i for i in range(n) if core[i]]
    if core_indices:
        i = core_indices[0]
        wrong = dict(base)
        wrong[keys[i]] = (labels[i], False)
        out.append(("a core point reported as non-core", wrong))
    noise = [i for i in range(n) if labels[i] is None]
    clustered = sorted({label for label in labels if label is not None})
    if noise and clustered:
        wrong = dict(base)
        wrong[keys[noise[0]]] = (clustered[0], False)
        out.append(("a noise point put in a cluster", wrong))
    if len(clustered) >= 2:
        a, b = clustered[0], clustered[1]
        wrong = {key: ((a if label == b else label), is_core) for key, (label, is_core) in base.items()}
        out.append(("two clusters merged", wrong))
    big = [label for label in clustered if sum(1 for i in core_indices if labels[i] == label) >= 2]
    if big:
        label = big[0]
        members = [i for i in core_indices if labels[i] == label]
        wrong = dict(base)
        wrong[keys[members[-1]]] = (max(clustered) + 1, True)
        out.append(("a cluster split", wrong))
    borders = [i for i in range(n) if labels[i] is not None and not core[i]]
    for i in borders:
        far = [label for label in clustered
               if not any(core[j] and labels[j] == label and distances_m[i, j] <= eps_m
                          and (max_days is None or abs(days[i] - days[j]) <= max_days)
                          for j in core_indices)]
        if far:
            wrong = dict(base)
            wrong[keys[i]] = (far[0], False)
            out.append(("a border point moved to a cluster with no core within eps", wrong))
            break
    wrong = dict(base)
    del wrong[keys[-1]]
    out.append(("an incident missing", wrong))
    return out


def main():
    parser = argparse.ArgumentParser(description="Cross-check `atlas clusters` against scikit-learn's DBSCAN.")
    parser.add_argument("atlas", nargs="?", help="path to the built atlas binary")
    parser.add_argument("--self-test", action="store_true",
                        help="check this script's comparison with a Python brute-force DBSCAN instead of the CLI")
    parser.add_argument("--points", type=int, default=3000, help="number of synthetic incidents (default 3000)")
    parser.add_argument("--seed", type=int, default=2016, help="random seed (default 2016)")
    parser.add_argument("--workdir", help="keep the CSV and database in this directory instead of a temporary one")
    args = parser.parse_args()
    if not args.self_test and not args.atlas:
        parser.error("give the path to the atlas binary, or --self-test")
    atlas = os.path.abspath(args.atlas) if args.atlas else None
    if atlas and not os.access(atlas, os.X_OK):
        parser.error(f"{atlas} is not an executable")
    ensure_venv()

    def run(workdir):
        if args.self_test:
            return self_test(args.points, args.seed, workdir)
        return crosscheck_cli(atlas, args.points, args.seed, workdir)

    if args.workdir:
        os.makedirs(args.workdir, exist_ok=True)
        passed = run(args.workdir)
    else:
        with tempfile.TemporaryDirectory(prefix="crosscheck-clusters-") as workdir:
            passed = run(workdir)
    print("crosscheck-clusters: " + ("all cases PASS" if passed else "FAIL"))
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
