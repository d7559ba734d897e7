#!/usr/bin/env python3
"""Illustrative report cycles for every unit of a minhbach site.

The communes have not reported yet, so the site would show empty progress
pages. This script writes *illustrative* (minh họa) report cycles so that the
charts, overdue lists and trajectories have something to show. They are the
same CSV files editors write (docs/data.md, "Report CSV"), stored where
`minhbach report add` stores them:

    content/<unit>/bao-cao/<cycle>.csv      one per cycle: 2025, 2026-Q1, 2026-Q2, 2026-Q3
    content/<unit>/bao-cao/cycles.csv       the cycle's row gets minh_hoa = 1

Every figure is marked illustrative (cycle.illustrative = 1 and the copy on
each observation and task report), and the site says so wherever it shows one.

What is generated (python3 standard library only; each indicator and task has
its own random generator seeded with 57 and its id, so the output is the same
on every run, and adding a row to a plan leaves the other rows' figures alone):
  * indicators with a numeric target: a 2025 value and one per 2026 quarter,
    near the next target: about half on track, a third behind, some regressing
    (moving away from the target), a few never reported; qualitative targets
    get "đạt"/"chưa đạt";
  * tasks: done on time (with accepted evidence), in progress, overdue and not
    done, done but with rejected evidence (status "chờ hoàn thiện", tham_dinh
    "không đạt"), waiting for a condition, and some never reported.

The indicator and task ids, targets and due dates come from the site itself:
the script runs `minhbach export` (so the ids follow exactly the rules of the
generator) after setting aside earlier illustrative cycles. Cycles an editor
reported (minh_hoa = 0) are never touched.

Usage:
    python3 tools/illustrative-data.py [--site DIR] [--minhbach PATH]

--minhbach defaults to build/minhbach under the site, then `minhbach` on PATH.
"""

import argparse
import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

SEED = 57
CYCLES = [  # code, period start, period end, publication date
    ("2025", "2025-01-01", "2025-12-31", "2026-01-20"),
    ("2026-Q1", "2026-01-01", "2026-03-31", "2026-04-15"),
    ("2026-Q2", "2026-04-01", "2026-06-30", "2026-07-15"),
    ("2026-Q3", "2026-07-01", "2026-09-30", "2026-10-15"),
]
# Time of each cycle's figure, in years, for the trends below.
CYCLE_TIME = {"2025": 2025.99, "2026-Q1": 2026.25, "2026-Q2": 2026.5, "2026-Q3": 2026.75}
COLUMNS = ["loai", "ma", "gia_tri", "trang_thai", "phan_tram", "minh_chung", "tham_dinh", "ngay_bao_cao",
           "ghi_chu", "nguon"]
SOURCE = "Số liệu minh họa"
NUMERIC = {">=", ">", "=", "<=", "<", "range"}


def read_csv_rows(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    tmp = path + ".tmp-%d" % os.getpid()
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    os.replace(tmp, path)


def find_minhbach(site, given):
    if given:
        return given
    for candidate in (os.path.join(site, "build", "minhbach"), shutil.which("minhbach")):
        if candidate and os.path.exists(candidate):
            return candidate
    sys.exit("illustrative-data: minhbach not found; build it (cmake --build build) or pass --minhbach PATH")


def set_aside_illustrative(site):
    """Moves earlier illustrative cycles out of content/, so that the export
    below sees only plans and real reports. Returns what to put back on failure."""
    moved = []
    content = os.path.join(site, "content")
    for unit in sorted(os.listdir(content)):
        cycles_path = os.path.join(content, unit, "bao-cao", "cycles.csv")
        rows = read_csv_rows(cycles_path)
        if not rows:
            continue
        kept = [r for r in rows if r.get("minh_hoa") != "1"]
        if len(kept) == len(rows):
            continue
        backup = {cycles_path: open(cycles_path, encoding="utf-8").read()}
        for r in rows:
            if r.get("minh_hoa") == "1":
                p = os.path.join(content, unit, "bao-cao", r["ky"] + ".csv")
                if os.path.exists(p):
                    backup[p] = open(p, encoding="utf-8").read()
                    os.remove(p)
        write_csv(cycles_path, ["ky", "ngay_cong_bo", "minh_hoa"],
                  [[r["ky"], r["ngay_cong_bo"], r["minh_hoa"]] for r in kept])
        moved.append(backup)
    return moved


def restore(moved):
    for backup in moved:
        for path, text in backup.items():
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)


def export(minhbach, site):
    out = tempfile.mkdtemp(prefix="minhbach-illustrative-")
    try:
        subprocess.run([minhbach, "export", "--site", site, "--out", out], check=True,
                       stdout=subprocess.DEVNULL)
        api = os.path.join(out, "api", "v1")
        with open(os.path.join(api, "units.json"), encoding="utf-8") as f:
            units = json.load(f)
        with open(os.path.join(api, "indicators.json"), encoding="utf-8") as f:
            indicators = json.load(f)
        with open(os.path.join(api, "tasks.json"), encoding="utf-8") as f:
            tasks = json.load(f)
        return units, indicators, tasks
    finally:
        shutil.rmtree(out, ignore_errors=True)


def fmt(v):
    """Vietnamese decimal comma, one decimal at most."""
    v = round(v, 1)
    return ("%d" % v) if v == int(v) else ("%.1f" % v).replace(".", ",")


def next_target(ind):
    """The first numeric target in or after 2026 (else the last one)."""
    numeric = [t for t in ind["targets"] if t["comparator"] in NUMERIC and t["value"] is not None]
    if not numeric:
        return None
    later = [t for t in numeric if t["year"] >= 2026]
    return later[0] if later else numeric[-1]


def indicator_rows(rng, ind):
    """{cycle code: row} for one indicator."""
    slug = ind["id"].split("/", 1)[1]
    qualitative = [t for t in ind["targets"] if t["comparator"] == "qualitative"]
    target = next_target(ind)
    profile = rng.random()
    if profile < 0.06:
        return {}  # never reported
    if target is None:
        if not qualitative:
            return {}
        met = profile < 0.55
        return {code: ["chi_tieu", slug, "đạt" if (met and code != "2025") else "chưa đạt", "", "", "", "",
                       end, "", SOURCE]
                for code, _, end, _ in CYCLES}
    goal = target["value"] if target["comparator"] != "range" else (target["value"] + target["value_hi"]) / 2
    decreasing = ind["direction"] == "decrease" or target["comparator"] in ("<=", "<")
    percent = "%" in ind["measure"] or goal <= 100
    years_left = max(1.0, target["year"] + 0.99 - 2025.99)
    if profile < 0.50:    # on track: starts near the goal and closes the gap in time
        start = goal * rng.uniform(0.80, 0.97) if not decreasing else goal * rng.uniform(1.05, 1.3)
        slope = (goal - start) / years_left * rng.uniform(1.0, 1.3)
    elif profile < 0.82:  # behind: moving the right way, too slowly
        start = goal * rng.uniform(0.50, 0.75) if not decreasing else goal * rng.uniform(1.4, 1.9)
        slope = (goal - start) / years_left * rng.uniform(0.2, 0.5)
    else:                 # regressing: moving away from the goal
        start = goal * rng.uniform(0.65, 0.9) if not decreasing else goal * rng.uniform(1.1, 1.4)
        slope = -(goal - start) / years_left * rng.uniform(0.3, 0.8)
    rows = {}
    for code, _, end, _ in CYCLES:
        t = CYCLE_TIME[code] - 2025.99
        v = start + slope * t + rng.uniform(-0.01, 0.01) * max(abs(goal), 1)
        if percent:
            v = min(100.0, v)
        v = max(0.0, v)
        rows[code] = ["chi_tieu", slug, fmt(v), "", "", "", "", end, "", SOURCE]
    return rows


def task_rows(rng, task, unit):
    """{cycle code: row} for one task."""
    slug = task["id"].split("/", 1)[1]
    evidence = "https://minh-chung.example/%s/%s" % (unit, slug)
    kind, due = task["deadline_kind"], task["due"]
    profile = rng.random()
    rows = {}
    if profile < 0.10:
        return rows  # never reported
    # The cycle from which the task is done (None: not done by 2026-Q3).
    done_code = None
    rejected = False
    if kind in ("date", "window", "milestones", "none", "unknown"):
        if profile < 0.45:
            if due and due <= CYCLES[-1][2]:
                done_code = next(c for c, _, end, _ in CYCLES if end >= due)  # on time
            else:
                done_code = rng.choice(["2026-Q1", "2026-Q2", "2026-Q3"])  # ahead of its due date
        elif profile < 0.60:
            pass  # behind: overdue and not done when its due date has passed
        elif profile < 0.72:
            rejected = True  # reported done in 2026-Q2, evidence rejected
    progress = rng.uniform(0.15, 0.4)
    done = False
    for code, _, end, _ in CYCLES:
        note = ""
        done = done or code == done_code
        if kind == "conditional":
            row = ["nhiem_vu", slug, "", "chưa triển khai", "", "", "", end, "Chờ văn bản, hướng dẫn của cấp trên", SOURCE]
        elif kind == "yearly" and code == "2025" and profile < 0.5:
            row = ["nhiem_vu", slug, "", "hoàn thành", "100", evidence, "đạt", end, "Hoàn thành nhiệm vụ năm 2025",
                   SOURCE]
        elif kind in ("ongoing", "yearly"):
            pct = "" if rng.random() < 0.5 else fmt(min(100.0, 30 + progress * 100))
            row = ["nhiem_vu", slug, "", "đang thực hiện", pct, "", "", end, note, SOURCE]
        elif rejected and code in ("2026-Q2", "2026-Q3"):
            # Reported done, but the evidence was rejected: back to "chờ hoàn thiện".
            row = ["nhiem_vu", slug, "", "chờ hoàn thiện", "95", evidence, "không đạt", end,
                   "Minh chứng chưa đạt yêu cầu, đang bổ sung", SOURCE]
        elif done:
            row = ["nhiem_vu", slug, "", "hoàn thành", "100", evidence, "đạt", end, "", SOURCE]
        else:
            progress = min(0.95, progress + rng.uniform(0.0, 0.2))
            status = "chưa triển khai" if progress < 0.2 else "đang thực hiện"
            row = ["nhiem_vu", slug, "", status, fmt(progress * 100) if status != "chưa triển khai" else "0", "", "",
                   end, note, SOURCE]
        rows[code] = row
    return rows


def item_rng(item_id):
    """One generator per indicator or task, seeded by SEED and its id: adding a
    row to a plan does not change the figures of the others."""
    return random.Random("%d:%s" % (SEED, item_id))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site", default=".")
    ap.add_argument("--minhbach")
    args = ap.parse_args()
    site = os.path.abspath(args.site)
    minhbach = find_minhbach(site, args.minhbach)

    moved = set_aside_illustrative(site)
    try:
        units, indicators, tasks = export(minhbach, site)
    except (subprocess.CalledProcessError, OSError) as e:
        restore(moved)
        sys.exit("illustrative-data: `minhbach export` failed (%s); earlier files restored" % e)

    for unit in units:
        uid = unit["id"]
        per_cycle = {code: [] for code, _, _, _ in CYCLES}
        for ind in (i for i in indicators if i["unit"] == uid):
            for code, row in indicator_rows(item_rng(ind["id"]), ind).items():
                per_cycle[code].append(row)
        for task in (t for t in tasks if t["unit"] == uid):
            for code, row in task_rows(item_rng(task["id"]), task, uid).items():
                per_cycle[code].append(row)
        if not any(per_cycle.values()):
            continue
        folder = os.path.join(site, "content", uid, "bao-cao")
        os.makedirs(folder, exist_ok=True)
        cycles_path = os.path.join(folder, "cycles.csv")
        existing = read_csv_rows(cycles_path)
        real = {r["ky"] for r in existing if r.get("minh_hoa") != "1"}
        cycle_rows = [[r["ky"], r["ngay_cong_bo"], r["minh_hoa"]] for r in existing]
        for code, _, _, published in CYCLES:
            if code in real:
                print("%s: cycle %s is reported by the commune; not replaced" % (uid, code))
                continue
            write_csv(os.path.join(folder, code + ".csv"), COLUMNS, per_cycle[code])
            cycle_rows = [r for r in cycle_rows if r[0] != code] + [[code, published, "1"]]
        write_csv(cycles_path, ["ky", "ngay_cong_bo", "minh_hoa"], cycle_rows)
        print("%s: %d illustrative cycles written to content/%s/bao-cao/" % (uid, len(CYCLES), uid))


if __name__ == "__main__":
    main()
