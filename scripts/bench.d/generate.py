#!/usr/bin/env python3
"""Deterministic benchmark data for IncidentAtlas (seeded; same seed, same bytes).

  generate.py incidents N OUT.csv [--seed S]   ACLED-format CSV: N incidents around the bundled
      gazetteer's places (weighted by population), Gaussian offsets of ~1.5 km with a 10 % tail
      at ~15 km, ACLED type mix with ~55 % shelling, dates 2016-01-01 .. 2024-12-31.
  generate.py gazetteer N OUT.txt [--seed S]   GeoNames main-dump format (19 columns), N rows with
      alternate names, spread over Syria's bounding box.
  generate.py reports N OUTDIR [--seed S]      N report texts of ~2 KB naming gazetteer places.

Only the standard library; reads geodata/syria-places.txt and geodata/syria-sites.tsv.
"""
import argparse
import csv
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
GEODATA = os.path.join(HERE, "..", "..", "geodata")
EARTH = 6371008.8

TYPES = [  # (weight, event_type, sub_event_type, disorder_type)
    (55, "Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
    (15, "Explosions/Remote violence", "Air/drone strike", "Political violence"),
    (4, "Explosions/Remote violence", "Remote explosive/landmine/IED", "Political violence"),
    (14, "Battles", "Armed clash", "Political violence"),
    (2, "Battles", "Government regains territory", "Political violence"),
    (5, "Violence against civilians", "Attack", "Political violence"),
    (2, "Protests", "Peaceful protest", "Demonstrations"),
    (3, "Strategic developments", "Looting/property destruction", "Strategic developments"),
]
ACTORS = [
    "Military Forces of Syria (2000-2024)", "Hayat Tahrir al-Sham", "Jabhat al-Nusra", "Islamic State (Syria)",
    "Military Forces of Russia (2000-)", "Syrian Democratic Forces", "Ahrar al-Sham", "Jaysh al-Islam",
    "Military Forces of Turkey (2016-)", "Unidentified Armed Group (Syria)", "Civilians (Syria)",
]
ADMIN1 = {"01": "Al-Hasakah", "02": "Lattakia", "03": "Quneitra", "04": "Ar-Raqqa", "05": "As-Sweida",
          "06": "Dara'a", "07": "Deir ez-Zor", "08": "Rural Damascus", "09": "Aleppo", "10": "Hama",
          "11": "Homs", "12": "Idleb", "13": "Damascus", "14": "Tartous"}
HEADER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
          "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
          "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
          "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
          "fatalities", "tags", "timestamp"]


def places():
    rows = []
    with open(os.path.join(GEODATA, "syria-places.txt"), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            rows.append((c[2] or c[1], float(c[4]), float(c[5]), c[10], max(int(c[14] or 0), 500)))
    return rows


def offset(rng, lat, lon):
    sigma = 15000.0 if rng.random() < 0.10 else 1500.0
    north, east = rng.gauss(0, sigma), rng.gauss(0, sigma)
    lat2 = lat + math.degrees(north / EARTH)
    lon2 = lon + math.degrees(east / (EARTH * math.cos(math.radians(lat))))
    return lat2, lon2


def incidents(n, out, seed):
    rng = random.Random(seed)
    sites = places()
    weights = [p[4] for p in sites]
    cumulative_types = [t[0] for t in TYPES]
    start = 736330  # 2016-01-01 as a proleptic ordinal
    span = 3288     # days to 2024-12-31
    import datetime
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        chosen_places = rng.choices(sites, weights=weights, k=n)
        chosen_types = rng.choices(TYPES, weights=cumulative_types, k=n)
        for i in range(n):
            name, lat, lon, admin1, _ = chosen_places[i]
            lat2, lon2 = offset(rng, lat, lon)
            _, event_type, sub_type, disorder = chosen_types[i]
            day = datetime.date.fromordinal(start + rng.randrange(span))
            actor1 = ACTORS[rng.randrange(len(ACTORS))]
            actor2 = ACTORS[rng.randrange(len(ACTORS))] if rng.random() < 0.6 else ""
            fatalities = 0 if rng.random() < 0.6 else int(rng.expovariate(0.3))
            notes = f"On {day.isoformat()}, {sub_type.lower()} reported near {name}, \"generated\" note {i}."
            writer.writerow([
                f"BENCH{i + 1}", day.isoformat(), day.year, 1 + (rng.random() < 0.1), disorder, event_type,
                sub_type, actor1, "", 1, actor2, "", 2 if actor2 else 0, 12, "", 760, "Middle East", "Syria",
                ADMIN1.get(admin1, ""), "", "", name, f"{lat2:.4f}", f"{lon2:.4f}", 1 + (rng.random() < 0.15),
                "Generated Monitor", "National", notes, fatalities, "", 1600000000 + i,
            ])


SYLLABLES = ["al", "ab", "bu", "da", "far", "ha", "jab", "ka", "kha", "lat", "mar", "na", "qa", "ra",
             "sa", "sha", "ta", "um", "wa", "ya", "za", "dir", "kafr", "tal", "ain", "jis", "mas", "hal"]


def gazetteer(n, out, seed):
    rng = random.Random(seed)
    with open(out, "w", encoding="utf-8") as handle:
        for i in range(n):
            words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                     for _ in range(rng.choice([1, 1, 2]))]
            name = " ".join(words)
            alternates = [name.replace("a", "e"), name.replace("k", "q"), "Al " + name]
            lat = 32.3 + rng.random() * 5.0
            lon = 35.7 + rng.random() * 6.6
            code = rng.choice(["PPL", "PPL", "PPL", "PPLX", "PPLA3"])
            handle.write("\t".join([
                str(20_000_000 + i), name, name, ",".join(alternates), f"{lat:.5f}", f"{lon:.5f}", "P", code,
                "SY", "", f"{rng.randint(1, 14):02d}", "", "", "", str(int(rng.expovariate(1 / 3000))), "", "",
                "Asia/Damascus", "2024-01-01"]) + "\n")


REPORT_VERBS = ["shelled", "carried out mortar attacks on", "fired rockets at", "launched air strikes on",
                "clashed with government forces in", "attacked"]


def reports(n, outdir, seed):
    rng = random.Random(seed)
    sites = places()
    os.makedirs(outdir, exist_ok=True)
    for i in range(n):
        paragraphs = []
        while sum(len(p) for p in paragraphs) < 2000:
            chosen = rng.sample(sites, 3)
            actor = rng.choice(["Jabhat al-Nusra", "Islamic State militants", "Ahrar ash-Sham", "armed groups"])
            verb = rng.choice(REPORT_VERBS)
            paragraphs.append(
                f"Over the past 24 hours {actor} {verb} {chosen[0][0]}, {chosen[1][0]} and {chosen[2][0]}, "
                f"the monitoring centre said. Residents of {rng.choice(sites)[0]} reported no casualties, "
                f"while a convoy travelled 20 km east of {rng.choice(sites)[0]} without incident.")
        with open(os.path.join(outdir, f"report-{i:05d}.txt"), "w", encoding="utf-8") as handle:
            handle.write("\n\n".join(paragraphs) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["incidents", "gazetteer", "reports"])
    parser.add_argument("count", type=int)
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=20160523)
    args = parser.parse_args()
    {"incidents": incidents, "gazetteer": gazetteer, "reports": reports}[args.kind](args.count, args.output, args.seed)


if __name__ == "__main__":
    main()
