#!/usr/bin/env python3
"""Generates a day of access events for the ASN batch benchmark, and the ASN counts to expect.

Usage:
    python3 bench/gen-events.py --data DIR [--data DIR ...] --events M --day YYYY-MM-DD
                                --csv FILE --expected FILE [--seed 1] [--unknown-share 0.02]

Reads the patients (first --data's patients.ndjson) and every plan (each --data's bundles/) that
bench/gen-data.py wrote, and writes
    FILE (csv)       M access events over the day (Europe/London), one per line, in time order:
                     accessed_at,nhs_number,user_id,user_name,job_role,org_code,org_name
    FILE (expected)  what the batch must make of them, by this file's own implementation of the
                     rule (spec section 6) and of the display window (section 5)

Events come in visits: a patient (some far more often than others) attends an organisation;
one to four of its staff view the plan, each one to six times over the next hours, and now and
then a locum from another organisation does too. Repeats by the same user at the same
organisation within 24 hours are what the batch suppresses. A share of events is for NHS numbers
without any plan (events without plan: neither notified nor suppressed). Standard library only.
"""
import argparse
import bisect
import datetime as dt
import glob
import json
import os
import random
import sys
import time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
UCPP = "818901000000100"
WINDOW_MS = 24 * 3600 * 1000
ORGS = 80
STAFF_PER_ORG = 40
JOB_ROLES = ["ED Consultant", "ED Registrar", "Staff Nurse", "Paediatric Consultant", "Midwife",
             "Paramedic", "GP (out of hours)", "Receptionist"]


def eighteenth_birthday(birth):
    """Someone born on 29 February comes of age on 1 March in a common year."""
    try:
        return birth.replace(year=birth.year + 18)
    except ValueError:
        return dt.date(birth.year + 18, 3, 1)


def last_display_day(code, start, end, birth):
    """The last day a plan shows: CPP/LAC end (or 18th birthday) + 364 days; UCPP end (due date) + 28."""
    if code == UCPP:
        return end + dt.timedelta(days=28)
    return (end or eighteenth_birthday(birth)) + dt.timedelta(days=364)


def read_plans(dirs):
    """nhs number -> list of (la, first day shown, last day shown)."""
    plans = {}
    for d in dirs:
        for path in sorted(glob.glob(os.path.join(d, "bundles", "bundle-*.json"))):
            with open(path, encoding="utf-8") as f:
                bundle = json.load(f)
            for entry in bundle["entry"]:
                ct = entry["resource"]
                patient = ct["contained"][0]
                nhs = patient["identifier"][0]["value"]
                code = ct["category"][0]["coding"][0]["code"]
                start = dt.date.fromisoformat(ct["period"]["start"])
                end = ct["period"].get("end")
                end = dt.date.fromisoformat(end) if end else None
                birth = dt.date.fromisoformat(patient["birthDate"])
                la = ct["managingOrganization"][0]["identifier"]["value"]
                plans.setdefault(nhs, []).append((la, start, last_display_day(code, start, end, birth)))
    return plans


def unknown_numbers(count, rng):
    """Valid NHS numbers from a prefix range gen-data.py never uses (below its first prefix)."""
    out = []
    prefix = 999_005_000
    while len(out) < count:
        s = str(prefix)
        total = sum(int(c) * w for c, w in zip(s, range(10, 1, -1)))
        check = 11 - total % 11
        if check != 10:
            out.append(s + ("0" if check == 11 else str(check)))
        prefix += 1
    rng.shuffle(out)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", action="append", required=True, help="a gen-data.py output directory (repeatable)")
    ap.add_argument("--events", type=int, required=True)
    ap.add_argument("--day", type=dt.date.fromisoformat, required=True, help="the (Europe/London) day of the events")
    ap.add_argument("--csv", required=True)
    ap.add_argument("--expected", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--unknown-share", type=float, default=0.02)
    args = ap.parse_args(argv)
    started = time.perf_counter()
    rng = random.Random(args.seed)
    rand, randint, choice = rng.random, rng.randint, rng.choice

    with open(os.path.join(args.data[0], "patients.ndjson"), encoding="utf-8") as f:
        patients = [json.loads(line)["id"] for line in f if line.strip()]
    plans = read_plans(args.data)
    unknown = unknown_numbers(max(1, len(patients) // 50), rng)

    day_start = dt.datetime.combine(args.day, dt.time(0), LONDON)
    day_end = dt.datetime.combine(args.day + dt.timedelta(days=1), dt.time(0), LONDON)
    t_start = int(day_start.timestamp() * 1000)
    t_end = int(day_end.timestamp() * 1000)          # exclusive; 23, 24 or 25 hours later
    n = len(patients)

    # Generation: visits until there are enough events; each event (time ms, seq, patient, user idx, org idx).
    events = []
    seq = 0
    while len(events) < args.events:
        t0 = randint(t_start, t_end - 1)
        if rand() < args.unknown_share:
            nhs = choice(unknown)
        else:
            nhs = patients[int(n * rand() ** 1.6)]    # some children are seen far more often than others
        org = randint(0, ORGS - 1)
        for _ in range(choice((1, 1, 1, 2, 2, 3, 4))):
            user_org = org
            staff = randint(0, STAFF_PER_ORG - 1)
            if rand() < 0.03:                           # a locum: a user of another organisation
                user_org = randint(0, ORGS - 1)
            user = user_org * STAFF_PER_ORG + staff
            for _ in range(choice((1, 1, 2, 2, 3, 4, 6))):
                t = min(t0 + randint(0, 8 * 3600 * 1000), t_end - 1)
                events.append((t, seq, nhs, user, org))
                seq += 1
    del events[args.events:]
    events.sort()

    # The expected outcome, by the rule: in time order; per (user, patient, organisation), an ASN per LA
    # with a plan shown on the access's London date, unless that key made ASNs less than 24 h before.
    date_cuts = []   # London midnights that fall inside the day's span, for the local date of each event
    d = args.day
    while True:
        m = int(dt.datetime.combine(d, dt.time(0), LONDON).timestamp() * 1000)
        if m > t_end:
            break
        date_cuts.append((m, d))
        d += dt.timedelta(days=1)
    cut_times = [c[0] for c in date_cuts]
    anchors = {}
    asns = suppressed = without_plan = notifying = 0
    for t, _, nhs, user, org in events:
        local = date_cuts[bisect.bisect_right(cut_times, t) - 1][1]
        las = {la for la, first, last in plans.get(nhs, ()) if first <= local <= last}
        if not las:
            without_plan += 1
            continue
        key = (user, nhs, org)
        anchor = anchors.get(key)
        if anchor is not None and t < anchor + WINDOW_MS:
            suppressed += 1
            continue
        anchors[key] = t
        notifying += 1
        asns += len(las)

    with open(args.csv, "w", encoding="utf-8", newline="") as out:
        out.write("accessed_at,nhs_number,user_id,user_name,job_role,org_code,org_name\n")
        lines = []
        for t, _, nhs, user, org in events:
            when = dt.datetime.fromtimestamp(t / 1000, dt.timezone.utc).isoformat(sep=" ", timespec="milliseconds")
            lines.append(f"{when},{nhs},BU{user:05d},Dr Bench User {user},{JOB_ROLES[user % len(JOB_ROLES)]},"
                         f"RB{org:03d},Bench Hospital {org}\n")
            if len(lines) == 10000:
                out.writelines(lines)
                lines = []
        out.writelines(lines)

    expected = {"events": len(events), "asns": asns, "notifyingEvents": notifying, "suppressed": suppressed,
                "withoutPlan": without_plan, "keys": len(anchors), "day": args.day.isoformat(),
                "patientsWithPlans": len(plans), "patientsWithTwoLas": sum(1 for p in plans.values()
                                                                          if len({x[0] for x in p}) > 1)}
    with open(args.expected, "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=2)
        f.write("\n")
    print(f"gen-events: {len(events)} events on {args.day}: expect {asns} ASNs from {notifying} events, "
          f"{suppressed} suppressed, {without_plan} without plan [{time.perf_counter() - started:.1f} s]",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
