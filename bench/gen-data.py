#!/usr/bin/env python3
"""Generates synthetic CP-IS bench data: a demographics register and upload Bundles.

Usage:
    python3 bench/gen-data.py --patients N --out DIR [--bundle-size 1000] [--la LA330] [--seed 1]
                              [--la-name NAME] [--today YYYY-MM-DD]

Writes
    DIR/patients.ndjson              N Patients, one per line (POST /api/admin/patients)
    DIR/bundles/bundle-00001.json    batch Bundles of --bundle-size PUT CareTeam entries (POST /fhir)
    DIR/manifest.json                what was generated (counts, seed, the day it is relative to)

Every patient gets exactly one plan, so the bundles hold N plans in all:
    children (0-17 years)  CPP (about 3 in 4) or LAC (about 1 in 4)
    mothers (18-40 years, about 1 in 20 patients)  UCPP, end = due date 1-30 weeks ahead
Every plan passes the upload rules of the spec (section 4): valid NHS numbers in the 999 test
range, contained demographics identical to the register line, start 1-700 days ago and not
before birth, end (when given) not before start, CPP/LAC end never after the 18th birthday.

Dates are relative to today in Europe/London (or --today); the output is deterministic for
(N, seed, today, bundle size, LA). Python 3.11 standard library only.
"""
import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

NHS_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"
ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code"
SNOMED = "http://snomed.info/sct"
BATCH_SYSTEM = "https://cpis.local/fhir/Id/upload-batch"
CARE_TEAM_PROFILE = "https://cpis.local/fhir/StructureDefinition/cpis-care-team"

PLAN_TYPES = {
    "CPP": ("342191000000101", "Child Protection Plan"),
    "LAC": ("764841000000100", "Looked After Child"),
    "UCPP": ("818901000000100", "Unborn Child Protection Plan"),
}
KNOWN_LAS = {"LA330": "Northtown Council", "LA602": "Southport City Council"}

# 999000000-999009999 are left to hand-written fixtures (sample-data/ uses 99900000xx).
FIRST_PREFIX = 999_010_000
LAST_PREFIX = 999_999_999

FAMILY = (
    "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
    "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson "
    "Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen "
    "James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook "
    "Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson "
    "Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Ali "
    "Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell "
    "Barker Fisher Stevens Jenkins Murray Dixon Harvey Smyth O'Brien Nowak Okafor"
).split()
GIVEN_FEMALE = (
    "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Willow Florence Emily "
    "Ella Poppy Evie Elsie Charlotte Evelyn Sienna Sofia Daisy Phoebe Sophie Alice Harper Matilda "
    "Ruby Emilia Maya Millie Isabelle Eva Luna Jessica Aria Maryam Esme Zara Lucy Chloe Hannah "
    "Leah Amber Tracy Sharon Megan Aisha"
).split()
GIVEN_MALE = (
    "Muhammad Noah Oliver George Leo Arthur Oscar Freddie Theo Archie Alfie Henry Charlie Finley "
    "Theodore Jack Thomas Ethan Jacob Isaac Teddy Lucas Harry Tommy Joshua Reggie Ezra Albie "
    "Rory James Mason Max Edward Alexander Jude Elijah Toby Hugo Louie Logan Samuel Sam Johnny "
    "Dylan Jayden Kai Ryan Daniel Ibrahim Adam"
).split()
STREETS = (
    "High Street|Station Road|Church Street|Victoria Road|Main Street|Park Road|Church Lane|"
    "Mill Lane|London Road|Green Lane|Manor Road|Queens Road|Kings Road|Orchard Road|Elm Close|"
    "Park Avenue|Chapel Street|School Lane|The Crescent|Albert Road|Springfield Road|Grove Road|"
    "North Street|South Street|Windsor Road|York Road|New Street|Meadow Way|Hill Street|Quay Street"
).split("|")
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters used in the inward part of UK postcodes


def nhs_numbers(count):
    """The first `count` valid NHS numbers from FIRST_PREFIX up (prefixes whose check digit is 10 are skipped)."""
    out = []
    prefix = FIRST_PREFIX
    while len(out) < count:
        if prefix > LAST_PREFIX:
            raise SystemExit(f"gen-data: the 999 range holds fewer than {count} valid NHS numbers")
        s = str(prefix)
        total = (10 * ord(s[0]) + 9 * ord(s[1]) + 8 * ord(s[2]) + 7 * ord(s[3]) + 6 * ord(s[4])
                 + 5 * ord(s[5]) + 4 * ord(s[6]) + 3 * ord(s[7]) + 2 * ord(s[8]) - 54 * 48)
        check = 11 - total % 11
        if check != 10:
            out.append(s + ("0" if check == 11 else str(check)))
        prefix += 1
    return out


def eighteenth_birthday(birth):
    """As DisplayWindow.eighteenthBirthday: someone born on 29 February comes of age on 1 March."""
    try:
        return birth.replace(year=birth.year + 18)
    except ValueError:
        return dt.date(birth.year + 18, 3, 1)


def years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return dt.date(day.year - years, 2, 28)


def london_today():
    try:
        from zoneinfo import ZoneInfo
        return dt.datetime.now(ZoneInfo("Europe/London")).date()
    except Exception:  # no tz database: UTC is at most an hour off, and starts are at least a day ago
        return dt.datetime.now(dt.timezone.utc).date()


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate CP-IS bench data (register + upload bundles).")
    ap.add_argument("--patients", type=int, required=True, help="number of patients (= number of plans)")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--bundle-size", type=int, default=1000, help="entries per upload Bundle (default 1000)")
    ap.add_argument("--la", default="LA330", help="ODS code of the uploading LA (default LA330)")
    ap.add_argument("--la-name", default=None, help="the LA's name (default: known name or 'Local Authority <code>')")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--today", type=dt.date.fromisoformat, default=None,
                    help="the day dates are relative to (default: today in Europe/London)")
    args = ap.parse_args(argv)
    if args.patients < 1:
        ap.error("--patients must be at least 1")
    if args.bundle_size < 1:
        ap.error("--bundle-size must be at least 1")

    started = time.perf_counter()
    today = args.today or london_today()
    la = args.la
    la_name = args.la_name or KNOWN_LAS.get(la, f"Local Authority {la}")
    la_digits = "".join(c for c in la if c.isdigit())[-3:].rjust(3, "0")
    telecom = [
        {"system": "phone", "value": f"07700 900{la_digits}", "use": "mobile"},  # emergency duty (Ofcom drama range)
        {"system": "phone", "value": f"0161 496 0{la_digits}", "use": "work"},   # office hours
    ]
    managing_org = [{"identifier": {"system": ODS_SYSTEM, "value": la}, "display": la_name}]
    categories = {
        k: [{"coding": [{"system": SNOMED, "code": code, "display": display}]}]
        for k, (code, display) in PLAN_TYPES.items()
    }
    meta = {"profile": [CARE_TEAM_PROFILE]}

    rng = random.Random(args.seed)
    rand = rng.random
    randint = rng.randint
    choice = rng.choice

    today_ord = today.toordinal()
    yesterday_ord = today_ord - 1
    child_min_birth = years_before(today, 18).toordinal() + 1          # still 17 today at the oldest
    mother_min_birth = years_before(today, 41).toordinal() + 1         # 40 at the oldest
    mother_max_birth = years_before(today, 18).toordinal()             # 18 at the youngest
    iso_cache = {}  # ordinal -> ISO date

    def iso_of(ordinal):
        s = iso_cache.get(ordinal)
        if s is None:
            s = iso_cache[ordinal] = dt.date.fromordinal(ordinal).isoformat()
        return s

    out = Path(args.out)
    bundle_dir = out / "bundles"
    bundle_dir.mkdir(parents=True, exist_ok=True)
    for old in bundle_dir.glob("bundle-*.json"):
        old.unlink()

    numbers = nhs_numbers(args.patients)
    counts = {"CPP": 0, "LAC": 0, "UCPP": 0, "withEnd": 0}
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    bundle_count = 0
    entries = []

    def flush():
        nonlocal bundle_count, entries
        bundle_count += 1
        bundle = {
            "resourceType": "Bundle",
            "identifier": {"system": BATCH_SYSTEM,
                           "value": f"bench-{la}-n{args.patients}-s{args.seed}-{today:%Y%m%d}-{bundle_count:05d}"},
            "type": "batch",
            "entry": entries,
        }
        with open(bundle_dir / f"bundle-{bundle_count:05d}.json", "w", encoding="utf-8") as bf:
            bf.write(dumps(bundle))
        entries = []

    with open(out / "patients.ndjson", "w", encoding="utf-8") as pf:
        lines = []
        for nhs in numbers:
            mother = rand() < 0.05
            if mother:
                gender = "female"
                birth_ord = randint(mother_min_birth, mother_max_birth)
            else:
                gender = "female" if rand() < 0.5 else "male"
                birth_ord = randint(child_min_birth, yesterday_ord)
            given = choice(GIVEN_FEMALE if gender == "female" else GIVEN_MALE)
            family = choice(FAMILY)
            birth = iso_of(birth_ord)
            postcode = (f"NT{randint(1, 9)} {randint(0, 9)}"
                        f"{choice(POSTCODE_LETTERS)}{choice(POSTCODE_LETTERS)}")
            identifier = [{"system": NHS_SYSTEM, "value": nhs}]
            name = [{"family": family, "given": [given]}]
            patient = {
                "resourceType": "Patient", "id": nhs, "identifier": identifier, "active": True,
                "name": [{"use": "official", "family": family, "given": [given]}],
                "gender": gender, "birthDate": birth,
                "address": [{"use": "home", "line": [f"{randint(1, 199)} {choice(STREETS)}"],
                             "city": "Northtown", "postalCode": postcode}],
            }
            lines.append(dumps(patient))

            # The plan.
            if mother:
                plan = "UCPP"
                due_ord = today_ord + randint(7, 210)                       # 1-30 weeks ahead
                start_ord = randint(max(due_ord - 280, today_ord - 700), yesterday_ord)
                end_ord = due_ord
            else:
                plan = "CPP" if rand() < 0.75 else "LAC"
                start_ord = randint(max(birth_ord, today_ord - 700), yesterday_ord)
                r = rand()
                if r < 0.6:
                    end_ord = None                                          # projected: 18th birthday
                elif r < 0.85:
                    end_ord = today_ord + randint(1, 365)                   # planned end ahead
                else:
                    end_ord = max(start_ord, today_ord - randint(1, 60))    # ended recently
                if end_ord is not None and end_ord > eighteenth_birthday(dt.date.fromordinal(birth_ord)).toordinal():
                    end_ord = None                                          # turns 18 first: leave end absent
            period = {"start": iso_of(start_ord)}
            if end_ord is not None:
                period["end"] = iso_of(end_ord)
                counts["withEnd"] += 1
            counts[plan] += 1
            code = PLAN_TYPES[plan][0]
            entries.append({
                "resource": {
                    "resourceType": "CareTeam",
                    "meta": meta,
                    "contained": [{"resourceType": "Patient", "id": "patient", "identifier": identifier,
                                   "name": name, "gender": gender, "birthDate": birth}],
                    "status": "active",
                    "category": categories[plan],
                    "subject": {"reference": "#patient"},
                    "period": period,
                    "managingOrganization": managing_org,
                    "telecom": telecom,
                },
                "request": {
                    "method": "PUT",
                    "url": f"CareTeam?patient:identifier={NHS_SYSTEM}|{nhs}&category={SNOMED}|{code}",
                },
            })
            if len(entries) == args.bundle_size:
                flush()
            if len(lines) >= 5000:
                pf.write("\n".join(lines))
                pf.write("\n")
                lines = []
        if lines:
            pf.write("\n".join(lines))
            pf.write("\n")
    if entries:
        flush()

    manifest = {
        "patients": args.patients, "plans": args.patients, "bundles": bundle_count,
        "bundleSize": args.bundle_size, "la": la, "laName": la_name, "seed": args.seed,
        "today": today.isoformat(), "firstNhsNumber": numbers[0], "lastNhsNumber": numbers[-1],
        "planCounts": {k: counts[k] for k in PLAN_TYPES}, "plansWithEnd": counts["withEnd"],
    }
    with open(out / "manifest.json", "w", encoding="utf-8") as mf:
        json.dump(manifest, mf, indent=2)
        mf.write("\n")
    elapsed = time.perf_counter() - started
    print(f"gen-data: {args.patients} patients, {bundle_count} bundles "
          f"(CPP {counts['CPP']}, LAC {counts['LAC']}, UCPP {counts['UCPP']}) in {out} "
          f"[{elapsed:.2f} s, today={today}]", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
