#!/usr/bin/env python3
"""Asks two `atlas serve` instances the same requests and compares their answers.

  serve-compare.py BASE_A BASE_B REQUESTS_FILE [--follow N]

Each line of REQUESTS_FILE is a path with its query (blank lines and # comments skipped). Both
answers must have the same status and content type and the same body once normalized: each
server's base URL becomes BASE, `timeStamp` members are dropped, numbers are compared at 12
significant digits (coordinates written by different backends may differ in the last bits).
A JSON answer's `next` link is followed up to N pages (default 3) and those pages compared too.
Prints `ok PATH STATUS` or `FAIL PATH: why` per request; exits 1 if any failed.
"""
import json
import sys
import urllib.error
import urllib.request


def fetch(url):
    request = urllib.request.Request(url, headers={"Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def normalize(value):
    if isinstance(value, dict):
        return {key: normalize(item) for key, item in value.items() if key != "timeStamp"}
    if isinstance(value, list):
        return [normalize(item) for item in value]
    if isinstance(value, float):
        return float(f"{value:.12g}")
    return value


def answer(base, path):
    status, kind, body = fetch(base + path)
    text = body.decode("utf-8", "replace").replace(base, "BASE")
    if "json" in kind:
        try:
            return status, kind, normalize(json.loads(text))
        except ValueError:
            return status, kind, text
    return status, kind, text


def next_link(document):
    if not isinstance(document, dict):
        return None
    for link in document.get("links", []):
        if link.get("rel") == "next" and "json" in link.get("type", "json"):
            return link["href"].replace("BASE", "", 1)
    return None


def main():
    base_a, base_b, requests = sys.argv[1], sys.argv[2], sys.argv[3]
    follow = int(sys.argv[sys.argv.index("--follow") + 1]) if "--follow" in sys.argv else 3
    failed = 0
    for line in open(requests, encoding="utf-8"):
        path = line.strip()
        if not path or path.startswith("#"):
            continue
        pages, current, why, status = 0, path, None, None
        while current and pages <= follow and why is None:
            a, b = answer(base_a, current), answer(base_b, current)
            status = status or a[0]
            if a[0] != b[0]:
                why = f"status {a[0]} vs {b[0]} at {current}"
            elif a[1] != b[1]:
                why = f"content type {a[1]} vs {b[1]} at {current}"
            elif a[2] != b[2]:
                shown_a, shown_b = json.dumps(a[2])[:300], json.dumps(b[2])[:300]
                why = f"bodies differ at {current}:\n    A: {shown_a}\n    B: {shown_b}"
            current = next_link(a[2])
            pages += 1
        if why:
            failed += 1
            print(f"FAIL {path}: {why}")
        else:
            print(f"ok {path} {status}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
