#!/usr/bin/env python3
"""Writes a deterministic benchmark corpus for benches/compare.sh (the same bytes on every machine).

Usage: gen_corpus.py OUT_DIR [POSTS] [CALENDAR_ROWS] [EXTRA_PHRASES]

OUT_DIR/corpus/dNNN/post-NNNNN.md  POSTS posts of 0.2-3 KB in 200 folders: social-media prose with emoji and curly
                                   quotes, front matter on 40 %, and a realistic share of identifiers (phones, dates,
                                   e-mails, SSN-shaped numbers, MRNs) and claims (miracle cure, 100% safe, ...).
OUT_DIR/one.md                     one ~1 KB post (the pre-commit case).
OUT_DIR/calendar.csv               a content calendar of CALENDAR_ROWS rows, some cells quoted over several lines.
OUT_DIR/extra_phrases.toml         a ruleset with EXTRA_PHRASES generated claim phrases.
All identifiers are synthetic: 555-01xx phones, example.com addresses, made-up SSN-shaped numbers."""
import os
import random
import sys

SEED = 0xC0FFEE
OPENERS = [
    "Fall is here 🍂 and so is flu season!", "Happy Monday from the whole team 👋", "New month, new smiles 😁",
    "Big news for our patients:", "Quick tip from Dr. Ana Testa 🩺", "We’re hiring! Join our front-desk team.",
    "Throwback to our community health fair 🎉", "Did you know?", "Patient question of the week:",
    "Your Saturday reminder ☀️",
]
SENTENCES = [
    "Walk-in flu shots run Monday–Friday, 8am–5pm, no appointment needed.",
    "Bring your insurance card; most plans cover the visit at no cost.",
    "Kids 6 months and up can be vaccinated too — it’s quick and we have stickers.",
    "Flu vaccines reduce the risk of flu illness, hospital stays and missed school or work.",
    "Stretch for five minutes every hour if you sit at a desk all day.",
    "Sunscreen every morning, even when it’s cloudy, protects your skin.",
    "Our new hygienist Dana joined us this week, say hi at your next cleaning!",
    "Blood pressure checks are free at the front desk every Friday (BP under 120/80 is the goal).",
    "Drink water, sleep seven hours, and walk after dinner: small habits add up.",
    "“Do I really need one every year?” Yes: the virus changes and protection fades.",
    "We’ll be closed Thursday for the holiday and reopen Friday at 8am.",
    "Parking is free in the garage behind the clinic; bring your ticket to the desk.",
    "Ask us about our sliding-scale fees, we never want cost to keep you from care.",
    "Myth: vaccines cause autism. Fact: large studies of millions of children found no link.",
    "Take your medication exactly as prescribed and talk to us before changing a dose.",
]
CLAIMS = [
    "Our turmeric shots are a miracle cure for joint pain!", "This detox tea will flush toxins from your liver.",
    "IV vitamin drips are 100% safe with no side effects.", "Guaranteed results or your money back!",
    "Clinically proven to boost your immune system.", "Our FDA approved supplement cures arthritis naturally.",
    "Stop taking your statins, this diet works better.", "Cupping reverses diabetes in weeks.",
]
IDENTIFIERS = [
    "Call Jane at (312) 555-{n:04d} to reschedule.", "Her DOB is 03/{d:02d}/1961.",
    "Reach me at patient{n}@example.com.", "SSN on file: 219-{g:02d}-{n:04d}.", "MRN: 48{n:05d} was updated.",
    "Mr. Roe in room {r} was discharged today.", "Meet Marisol, a 94-year-old patient who walked today!",
]
HASHTAGS = ["#FluSeason", "#HealthTips", "#FamilyMedicine", "#Smile", "#Wellness", "#SelfCare", "#PT", "#Dentist"]


def post(rng, target):
    parts = [rng.choice(OPENERS)]
    while sum(len(p) for p in parts) < target:
        roll = rng.random()
        if roll < 0.05:
            parts.append(rng.choice(CLAIMS))
        elif roll < 0.09:
            parts.append(rng.choice(IDENTIFIERS).format(n=rng.randrange(100, 199), d=rng.randrange(1, 28),
                                                         g=rng.randrange(10, 99), r=rng.randrange(100, 499)))
        else:
            parts.append(rng.choice(SENTENCES))
        if rng.random() < 0.15:
            parts.append("\n\n")
    text = " ".join(parts).replace(" \n\n ", "\n\n")
    tags = " ".join(rng.sample(HASHTAGS, rng.randrange(0, 5)))
    body = f"{text}\n\n{tags}\n" if tags else f"{text}\n"
    if rng.random() < 0.4:
        platform = rng.choice(["instagram", "facebook", "x", "linkedin"])
        body = f"---\nplatform: {platform}\ntitle: Post {rng.randrange(10**6)}\n---\n{body}"
    return body


def size(rng):
    r = rng.random()
    if r < 0.65:
        return rng.randrange(200, 1000)
    if r < 0.93:
        return rng.randrange(1000, 2000)
    return rng.randrange(2000, 3000)


def main():
    # a stray option (`--help`) must not become the output folder
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        sys.exit(__doc__)
    out = sys.argv[1]
    posts = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
    extra = int(sys.argv[4]) if len(sys.argv) > 4 else 10000
    rng = random.Random(SEED)
    corpus = os.path.join(out, "corpus")
    for i in range(posts):
        folder = os.path.join(corpus, f"d{i % 200:03d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"post-{i:05d}.md"), "w", encoding="utf-8") as f:
            f.write(post(rng, size(rng)))
    with open(os.path.join(out, "one.md"), "w", encoding="utf-8") as f:
        f.write(post(random.Random(SEED + 1), 1000))
    with open(os.path.join(out, "calendar.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("date,platform,caption\n")
        for i in range(rows):
            text = post(rng, rng.randrange(120, 400)).split("---\n")[-1].strip()
            if "\n" in text or "," in text or '"' in text:
                text = '"' + text.replace('"', '""') + '"'
            f.write(f"2026-{i % 12 + 1:02d}-{i % 28 + 1:02d},{rng.choice(['instagram', 'facebook', 'x'])},{text}\n")
    verbs = ["cures", "reverses", "heals", "eliminates", "prevents", "melts away", "wipes out", "fixes"]
    conditions = ["asthma", "diabetes", "arthritis", "eczema", "migraines", "anxiety", "insomnia", "psoriasis",
                  "acne", "gout", "lupus", "sciatica", "tinnitus", "vertigo", "allergies", "acid reflux"]
    phrases = []
    n = 0
    while len(phrases) < extra:
        phrases.append(f"{verbs[n % len(verbs)]} {conditions[(n // len(verbs)) % len(conditions)]} in {n // 128 + 2} days")
        n += 1
    with open(os.path.join(out, "extra_phrases.toml"), "w", encoding="utf-8") as f:
        f.write('[[rules]]\nid = "BEN001"\nname = "extra-phrases"\ncategory = "misinformation"\n'
                'severity = "warning"\nmessage = "Generated claim phrase"\nphrases = [\n')
        for p in phrases:
            f.write(f'  "{p}",\n')
        f.write("]\n")


if __name__ == "__main__":
    main()
