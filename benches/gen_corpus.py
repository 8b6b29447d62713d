#!/usr/bin/env python3
"""Writes a deterministic benchmark corpus of varied social-media posts for benches/compare.sh.

Usage: gen_corpus.py WORK [POSTS] [CALENDAR_ROWS] [EXTRA_PHRASES]     (defaults: 20000 100000 10000)

WORK/one.md                        one typical ~1 KB Instagram post (no identifier, no claim): the single-post case.
WORK/eight/post-N.md               eight posts of mixed platforms and lengths: a pre-commit.
WORK/corpus/dNNN/post-NNNNN.md     POSTS posts in 200 folders: a repository.
WORK/calendar.csv                  a content calendar (date,platform,caption) of CALENDAR_ROWS rows; captions with a
                                   comma, quote or line break are quoted, so some cells span several lines.
WORK/extra_phrases.toml            a ruleset (rule BEN001) with EXTRA_PHRASES distinct generated claim phrases.

Every post has different text: words are drawn from a Zipf-like distribution over ~60,000 word types, with emoji,
hashtags, @handles, invented names, numbers, times, prices and URLs. Identifiers and claims come at the rates of real
practice posts: most posts have neither; ~4 % carry a patient identifier (phone, e-mail, date of birth, SSN-shaped
number, record or member number, address, room, a named patient's diagnosis, an age over 89), ~3 % a health claim,
~2 % an undisclosed endorsement; ~15 % end with the practice's own contact line and ~8 % announce an event date.
Everything is synthetic: 555-01xx phones, example.com addresses, random SSN-shaped digits, invented names.

Deterministic: the same arguments give the same bytes on every machine and Python 3.x (each post, row and phrase set
has its own seeded random stream, and nothing iterates over a set). Post i and calendar row i do not depend on how
many are asked for, so a corpus of 2,000 posts is the first 2,000 posts of a corpus of 20,000.
A summary (bytes, the shares of posts with an identifier, a claim, ...) goes to stderr."""
import datetime
import os
import random
import sys

SEED = 0xC0FFEE
# Stream numbers: one seeded random.Random per post / row, keyed by (stream, index).
VOCAB, CORPUS, CALENDAR, EIGHT, ONE, PHRASES = range(6)


def stream(kind, index=0):
    return random.Random((SEED << 40) | (kind << 32) | index)


# ---------------------------------------------------------------------------------------------------------------------
# Vocabulary.
#
# Choice: a small hand-written core of common English and healthcare words (ranked roughly by how often they occur in
# practice posts), then derived words (prefixes and suffixes on the core) and pseudo-words built from English-like
# syllables, all from a seeded random stream. Why not a real word list: a list shipped by a package (/usr/share/dict,
# wordfreq, ...) ties the corpus bytes to that package's version and to an install step, and would make the same
# seed give different text on different machines; scraped or leaked text is ruled out. Pseudo-words give what the
# benchmark needs from rare words: tens of thousands of distinct byte strings with English-like letters and lengths,
# which a lazy DFA or an automaton has not seen before. Ranks follow Zipf-Mandelbrot, weight 1 / (rank + 2.7) ** 1.15,
# so the ~900 core words make up ~75 % of the running text and the long tail of rare words the rest, as the top
# thousand word forms do in English.
# ---------------------------------------------------------------------------------------------------------------------
CORE = """
the to and a you of for your in is our we it this with on at be are that i can or all us have from will my what not
if more do about get by as so an up new out one time just how they day week today year care health was their it's
don't we're you're here there when now many some every also very much most only other each than then first last next
great happy thank thanks team family kids children friends home life love morning night summer winter fall spring
school work community local office book call visit open closed hours monday tuesday wednesday thursday friday
saturday sunday month months years minutes hour easy quick simple small big long little right better feel feeling
stay start try ask tell share find learn read check join meet welcome proud excited remember reminder tip tips
question questions answer fact myth news update story photo link bio online website schedule appointment appointments
patients patient staff doctor nurse provider providers clinic practice visits checkup exam screening screenings
vaccine vaccines flu shot shots test testing results blood pressure heart skin teeth tooth smile dental dentist
cleaning hygienist eye eyes vision glasses ear back knee shoulder neck pain sleep water food eat eating healthy diet
exercise walk walking stretch move body mind mental stress wellness self-care prevention risk safe safety medicine
medication medications prescription refill pharmacy insurance coverage cost plan plans medicare medicaid accepted
pediatric pediatrics therapy therapist physical treatment treatments treat condition symptoms signs allergy
allergies asthma cholesterol vitamin sun sunscreen hand hands wash mask cold cough fever rest fluids hydration
nutrition weight posture injury sports annual mammogram awareness support volunteer donate drive fair event events
free parking walk-ins telehealth virtual portal records forms form front desk waiting hospital emergency urgent
primary specialist referral lab x-ray ultrasound surgery braces whitening floss brush cavities fluoride gums baby
babies mom moms dad parents pregnancy prenatal newborn senior seniors aging bone bones joint joints muscle muscles
strength balance falls habits routine goals progress journey milestone anniversary birthday holiday holidays
thanksgiving halloween back-to-school which who would could should may might been has had were these those them
into over after before while because through during without again still even well way back down off around both
same another any few such own why where things thing something everyone anyone someone people person help make know
like need good best keep take see come go going give using use used want look looking sure really always never often
usually sometimes please let lets sign signs part place kind full whole hard high low old young early late soon ready
together around number times days hours weeks important little fun favorite amazing wonderful special beautiful
sweet warm cool hot fresh bright clean strong gentle calm busy tired sick well healthy healthier stronger happier
questions answers options choice choices change changes step steps plan goal reason reasons ways idea ideas list
season seasons weather rain snow outside inside indoor outdoor park run running bike swim yoga dance play playing
games reading music art coffee tea breakfast lunch dinner snack snacks fruit fruits vegetables veggies protein sugar
salt fiber meals meal water daily weekly monthly hydrated sleep bedtime screen screens phone phones device social
media post posts video videos live class classes workshop talk talks series guest speaker students teachers coach
coaches players athletes season game weekend weekends vacation travel trip summer camp camps sunscreen bugs ticks
pollen hay fever sneezing itchy rash burn burns cuts scrapes bruises sprain sprains fracture cast crutches brace
ice heat wrap rest elevate follow instructions guidance guidelines recommended recommend recommends study studies
research evidence data experts expert science scientists review reviews guide guides resources resource handout
printable checklist worksheet calendar dates deadline enrollment enroll sign-up register registration waitlist
openings availability available same-day next-day evening evenings mornings afternoon afternoons lobby entrance
elevator floor suite building location locations address directions map street downtown north south east west
neighborhood city county state nurses doctors physicians assistants receptionist manager billing payment payments
copay deductible sliding scale fees discount savings price prices affordable accessible bilingual spanish language
interpreter interpreters translation wheelchair ramp accessibility hearing visual sign-language caregiver caregivers
grandparents grandkids toddler toddlers teen teens adults adult men women everyone's anxiety depression mood
counseling counselor support-group mindfulness breathing meditation journaling gratitude kindness connection loneliness
""".split()

# Content words that may take prefixes and suffixes (derived words: rebook, unhealthy, stretching, ...).
DERIVABLE_MIN_RANK = 120
PREFIXES = ["re", "un", "pre", "over", "under", "non", "co", "self-", "post", "mini", "super", "anti", "multi"]
SUFFIXES = ["s", "ed", "ing", "er", "ers", "ly", "ness", "ful", "less", "able", "ment", "ish", "y", "ist", "ology"]
# English-like syllables: mostly single consonants and vowels, a few clusters and diphthongs.
ONSETS = list("bcdfghklmnprstvw") * 4 + "bl br ch cl cr dr fl fr gr pl pr sh sl sp st str th tr wh qu j y z".split()
NUCLEI = list("aeiou") * 5 + "ai ea ee oa oo ou ay ie".split()
CODAS = [""] * 30 + list("nrlstmdkx") * 2 + "nd nt st ng sh th ck ll ss rd".split()
WORD_SUFFIXES = ["ing", "ed", "er", "s", "ly", "tion", "ness", "ment", "able", "ic", "al", "ity", "ous", "ive", "ize"]
VOCAB_SIZE = 60000
ZIPF_S, ZIPF_Q = 1.15, 2.7

EMOJI = ("😊 ❤️ 🙌 👏 ✨ 🎉 💪 😁 🥳 👍 💙 🩺 🦷 💉 😷 🌸 ☀️ 🍎 🥦 🏃‍♀️ 🧘 😄 🤗 👩‍⚕️ 🧑‍⚕️ 👨‍⚕️ 📅 📞 📍 ➡️ ✅ ❗ 💚 🍂 "
         "❄️ 🎃 🦃 🎄 🌞 😴 🚶 🚴‍♂️ 🥗 💧 🧴 🤒 🤧 🫶 🙏🏽 👍🏾 💪🏿 👋 😍 🤩 🌈 🌿 🍓 🥕 🧠 🫀 👀 👶 👧🏻 👨‍👩‍👧 🐶 "
         "🏥 🚑 🧼 🪥 🫁 🦴 🌡️ ⏰ 🕘 📣 🗓️ 🎈 🎂 🏆 🥇 ⭐ 🌟 💯 🔥 😅 😂 🤔 😬 🇺🇸 ☕ 🍵 🏖️ ⛄ 🌻 🍁 💐").split()
HASHTAGS = ("FluSeason HealthTips FamilyMedicine Smile Wellness SelfCare Dentist PhysicalTherapy Pediatrics "
            "MentalHealth MentalHealthMatters WellnessWednesday TipTuesday MotivationMonday ThrowbackThursday "
            "FridayFeeling HealthyHabits GetVaccinated VaccinesWork HeartHealth SkinCare SunSafety DentalHealth "
            "OralHealth Physio Chiropractic Nutrition Fitness HealthyEating Sleep Hydration PrimaryCare Telehealth "
            "CommunityHealth NowHiring JoinOurTeam MeetTheTeam StaffSpotlight PatientCare LocalBusiness "
            "BreastCancerAwareness DiabetesAwareness HeartMonth SmallBusiness Grateful MomLife KidsHealth "
            "BackToSchool SummerSafety WinterWellness AllergySeason Mindfulness SelfLove StressLess Recovery "
            "diabetes cancer anxiety depression ptsd rehab ivf").split()
FIRST = ("Ana Dana Marisol Priya Keisha Wei Omar Lena Sofia Mateo Noor Jonah Grace Aiden Chloe Rosa Imani Tariq "
         "Hannah Diego Mei Kofi Elena Ravi Zoe Luis Amara Nadia Felix Ingrid Sam Jordan Taylor Casey Riley Avery "
         "Morgan Jamie Alex Quinn Rowan Nico Lucia Hugo Yara Iris Theo Maya Ezra Leila Malik Ines Bea Otis "
         "Carmen Dev Anika Juno Silas Tomas Vera Ada Ruth Hector Lupe Kai Mina June Ray").split()
LAST = ("Testa Keller Ortiz Nakamura Okafor Lindqvist Moreau Haddad Brennan Castillo Varga Adeyemi Kowalski "
        "Petrov Duarte Fischer Mbeki Novak Quinlan Reyes Sato Tanaka Ueda Whitfield Yilmaz Zeller Abara Birch "
        "Calloway Delacroix Eastwood Farrow Galloway Hartley Ives Jarrow Kimura Larkspur Marsh Nolan").split()
TITLES = ["Dr.", "Dr.", "Nurse", "Dr.", "Ms.", "Mr."]
PRACTICE_KINDS = ["Family Health", "Dental", "Physical Therapy", "Pediatrics", "Dermatology", "Chiropractic",
                  "Eye Care", "Women's Health", "Wellness Center", "Medical Group", "Orthodontics", "Clinic"]
STREET_KINDS = ["Street", "St", "Avenue", "Ave", "Road", "Rd", "Lane", "Drive", "Court", "Way", "Boulevard", "Place"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
AREAS = [212, 312, 415, 503, 617, 702, 808, 919, 206, 303, 404, 512, 614, 720, 813]

CLAIM_VERBS = ["cures", "reverses", "heals", "eliminates", "wipes out", "melts away", "gets rid of", "fixes",
               "detoxes", "flushes out", "permanently removes", "stops", "prevents", "kills", "erases"]
CONDITIONS = ["asthma", "diabetes", "arthritis", "eczema", "migraines", "anxiety", "insomnia", "psoriasis", "acne",
              "gout", "lupus", "sciatica", "tinnitus", "vertigo", "allergies", "acid reflux", "cancer", "autism",
              "ADHD", "depression", "high blood pressure", "back pain", "joint pain", "fibromyalgia", "cavities",
              "gum disease", "thyroid problems", "IBS", "chronic fatigue", "neuropathy", "belly fat", "wrinkles",
              "hair loss", "brain fog", "inflammation", "toxins", "the flu", "COVID", "long COVID", "infertility"]
PRODUCTS = ["our turmeric shots", "this detox tea", "IV vitamin drips", "cupping", "our CBD balm", "the new laser",
            "our gut reset kit", "colloidal silver", "our adjustment package", "ozone therapy", "this supplement",
            "hyperbaric sessions", "our hormone pellets", "the elderberry syrup we sell", "red light therapy",
            "our 7-day cleanse", "dry needling", "stem cell injections", "the keto program", "our magnesium spray"]
CLAIM_TAILS = ["", " naturally", " for good", " in {n} days", " without surgery", " without drugs", " overnight",
               " in just one visit", " permanently", " at the root cause", ", guaranteed", " in {n} weeks"]
CLAIM_EXTRAS = ["It's a miracle cure!", "100% safe with no side effects.", "Clinically proven to boost your immune "
                "system.", "Guaranteed results or your money back!", "FDA approved and all natural.",
                "You can stop taking your {med}, this works better.", "Doctors don't want you to know this.",
                "Works better than any vaccine.", "Zero risk, zero side effects."]
MEDS = ["statins", "insulin", "blood pressure pills", "inhaler", "antidepressants", "thyroid medication"]
BRANDS = ["GlowCo", "SmileBright", "VitaBurst", "PureRoots", "FlexFlow", "ZenLeaf", "NuviaLabs", "BrightBite"]


def zipf_cum(n):
    cum, total = [], 0.0
    for rank in range(n):
        total += 1.0 / (rank + 1 + ZIPF_Q) ** ZIPF_S
        cum.append(total)
    return cum


def pseudo_word(rng, syllables):
    word = "".join(rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS) for _ in range(syllables))
    if rng.random() < 0.3:
        word += rng.choice(WORD_SUFFIXES)
    return word


def build_vocab():
    rng = stream(VOCAB)
    words = dict.fromkeys(CORE)  # ordered, no duplicates
    derivable = [w for w in CORE[DERIVABLE_MIN_RANK:] if w.isalpha() and len(w) > 3]
    while len(words) < VOCAB_SIZE:
        rank = len(words)
        if rng.random() < 0.3:
            base = rng.choice(derivable)
            roll = rng.random()
            if roll < 0.4:
                word = rng.choice(PREFIXES) + base
            elif roll < 0.8:
                word = base + rng.choice(SUFFIXES)
            else:
                word = rng.choice(PREFIXES) + base + rng.choice(SUFFIXES)
        else:
            # rarer words are longer, as in English
            word = pseudo_word(rng, rng.choice([1, 2, 2] if rank < 5000 else [2, 2, 3]))
        if len(word) > 1:
            words.setdefault(word)
    return list(words)


class Vocab:
    def __init__(self):
        self.words = build_vocab()
        self.cum = zipf_cum(len(self.words))
        self.emoji_cum = zipf_cum(len(EMOJI))
        # hashtags: the hand list first, then CamelCase pairs of core words and pseudo-words, Zipf-ranked
        rng = stream(VOCAB, 1)
        tags = dict.fromkeys(HASHTAGS)
        content = CORE[DERIVABLE_MIN_RANK:]
        while len(tags) < 6000:
            if rng.random() < 0.7:
                tag = "".join(w.replace("-", "").replace("'", "").capitalize() for w in rng.sample(content, 2))
            else:
                tag = pseudo_word(rng, 2).capitalize() + rng.choice(["", "Health", "Life", "Fit", "Care", "Smiles"])
            tags.setdefault(tag)
        self.tags = list(tags)
        self.tag_cum = zipf_cum(len(self.tags))
        handles = {}
        while len(handles) < 4000:
            roll = rng.random()
            if roll < 0.4:
                handle = pseudo_word(rng, 2) + rng.choice(["", "_", "."]) + rng.choice(["health", "fit", "md", "rn",
                                                                                        "dds", "pt", "wellness", ""])
            elif roll < 0.7:
                handle = (rng.choice(FIRST) + rng.choice(["", "_", "."]) + rng.choice(LAST)).lower()
            else:
                handle = pseudo_word(rng, rng.choice([1, 2, 3])) + str(rng.randrange(1, 999))
            handles.setdefault(handle.replace(".", "_")[:15])
        self.handles = list(handles)
        self.handle_cum = zipf_cum(len(self.handles))
        self.surnames = LAST + [pseudo_word(rng, rng.choice([2, 3])).capitalize() for _ in range(2000)]


# ---------------------------------------------------------------------------------------------------------------------
# Text.
# ---------------------------------------------------------------------------------------------------------------------
class Writer:
    """Writes one post from its own random stream."""

    def __init__(self, vocab, rng, platform):
        self.v, self.rng, self.platform = vocab, rng, platform
        self.practice = self.practice_name()

    def words(self, k):
        return self.rng.choices(self.v.words, cum_weights=self.v.cum, k=k)

    def emoji(self):
        rng = self.rng
        return "".join(rng.choices(EMOJI, cum_weights=self.v.emoji_cum, k=rng.choice([1, 1, 1, 2, 3])))

    def name(self, title=None):
        rng = self.rng
        if title is None:
            title = rng.random() < 0.5
        last = rng.choice(self.v.surnames)
        if title:
            return f"{rng.choice(TITLES)} {last}"
        return f"{rng.choice(FIRST)} {last}" if rng.random() < 0.5 else rng.choice(FIRST)

    def handle(self):
        return "@" + self.rng.choices(self.v.handles, cum_weights=self.v.handle_cum)[0]

    def practice_name(self):
        rng = self.rng
        place = rng.choice(self.v.surnames if rng.random() < 0.5 else self.v.words[2000:8000]).capitalize()
        return f"{place} {rng.choice(PRACTICE_KINDS)}"

    def url(self):
        rng = self.rng
        host = rng.choice(["www.example.com", "example.com", "example.org", "book.example.com", "example.net"])
        path = "-".join(w.replace("'", "") for w in self.words(rng.randrange(1, 4)))
        query = rng.choice(["", "", "", "?utm_source=" + self.platform, "?ref=bio", "#book"])
        return f"https://{host}/{path}{query}"

    def number(self):
        rng = self.rng
        n = rng.choice([1, 2, 3, 4, 5, 6, 7, 10, 12, 15, 20, 24, 30, 45, 60, 90, 100, rng.randrange(2, 500)])
        return rng.choice([
            str(n), f"{n}%", f"${n}", f"{rng.randrange(1, 12)}am", f"{rng.randrange(1, 12)}:{rng.choice(['00', '15', '30', '45'])} pm",
            f"{n} minutes", f"{n} days", f"{rng.randrange(2, 12)} months", str(rng.randrange(2019, 2028)),
            f"{rng.randrange(1, 5)}x", "24/7", f"{rng.randrange(1, 9)}-{rng.randrange(10, 20)}", f"{n}+",
            f"{rng.randrange(1, 31)}{rng.choice(['st', 'nd', 'rd', 'th'])}", f"{rng.randrange(5, 95)} years",
        ])

    def sentence(self, length):
        rng = self.rng
        toks = self.words(length)
        for i, tok in enumerate(toks):
            roll = rng.random()
            if roll < 0.035:
                toks[i] = tok.capitalize()
            elif roll < 0.04:
                toks[i] = tok.upper()
        # entities at a random place, at their own small rates
        inserts = []
        if rng.random() < 0.15:
            inserts.append(self.number())
        if rng.random() < 0.05:
            inserts.append(self.name())
        if rng.random() < 0.025:
            inserts.append(self.handle())
        if rng.random() < 0.01:
            inserts.append(self.url())
        if rng.random() < 0.025:
            inserts.append("“" + " ".join(self.words(rng.randrange(1, 5))) + "”")
        if rng.random() < 0.025:
            inserts.append("(" + " ".join(self.words(rng.randrange(1, 6))) + ")")
        if rng.random() < 0.03:
            inserts.append(rng.choice(["—", "–", "...", "&", "/", "+", "→", ":"]))
        for item in inserts:
            toks.insert(rng.randrange(0, len(toks) + 1), item)
        for i in range(1, len(toks) - 1):
            if rng.random() < 0.07:
                toks[i] += ","
        toks[0] = toks[0][:1].upper() + toks[0][1:]
        text = " ".join(toks) + rng.choices([".", "!", "?", "!!", "…", ":)"], weights=[70, 15, 8, 2, 3, 2])[0]
        if rng.random() < {"instagram": 0.35, "x": 0.25, "facebook": 0.2, "linkedin": 0.08}[self.platform]:
            text += " " + self.emoji()
        return text

    def sentence_length(self):
        rng = self.rng
        if self.platform == "x":
            return rng.randrange(3, 14)
        return max(2, min(40, int(rng.gauss(13, 6))))

    # ------------------------------------------------------------------ rare content, at post-level rates
    def identifier(self):
        rng = self.rng
        first, last = rng.choice(FIRST), rng.choice(self.v.surnames)
        m, d, y = rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(1931, 2024)
        phone = f"({rng.choice(AREAS)}) 555-01{rng.randrange(0, 100):02d}"
        ssn = f"{rng.randrange(100, 666)}-{rng.randrange(10, 100)}-{rng.randrange(1000, 10000)}"
        street = f"{rng.randrange(1, 9999)} {rng.choice(self.v.surnames)} {rng.choice(STREET_KINDS)}"
        return rng.choice([
            f"Call {first} at {phone} to reschedule.",
            f"{first}'s DOB is {m:02d}/{d:02d}/{y}, please update the chart.",
            f"Email {first.lower()}.{last.lower()}@example.com with the results.",
            f"SSN on file: {ssn}.",
            f"MRN: {rng.randrange(10**6, 10**9)} was updated today.",
            f"Member ID {rng.choice(['ABC', 'XK', 'QHP', 'M'])}{rng.randrange(10**5, 10**9)} needs a new card.",
            f"{first} {last} in room {rng.randrange(1, 499)} went home today!",
            f"Meet {first}, a {rng.randrange(90, 105)}-year-old patient who walked a mile today!",
            f"Shout-out to {first} {last}, who lives at {street}, for finishing rehab.",
            f"Our patient {first} was diagnosed with {rng.choice(CONDITIONS)} in {rng.choice(MONTHS)} {y}.",
            f"Date of birth: {rng.choice(MONTHS)} {d}, {y}.",
            f"{first} {last} ({phone}) asked us to share her story.",
        ])

    def claim(self):
        rng = self.rng
        tail = rng.choice(CLAIM_TAILS).format(n=rng.randrange(2, 30))
        main = f"{rng.choice(PRODUCTS).capitalize()} {rng.choice(CLAIM_VERBS)} {rng.choice(CONDITIONS)}{tail}!"
        if rng.random() < 0.5:
            return main
        return main + " " + rng.choice(CLAIM_EXTRAS).format(med=rng.choice(MEDS))

    def endorsement(self):
        rng = self.rng
        brand = rng.choice(BRANDS + [w.capitalize() for w in self.words(2)])
        code = rng.choice(FIRST).upper() + str(rng.randrange(10, 40))
        return rng.choice([
            f"Huge thanks to {self.handle()} for the free {brand} kits! Use code {code} for {rng.randrange(10, 40)}% off.",
            f"We only use {brand} in our office and you should too. Link in bio!",
            f"“{self.name(True)} changed my life, my pain is gone!” – {rng.choice(FIRST)}, a happy patient",
            f"Our friends at {brand} sent us these, go follow {self.handle()}!",
        ])

    def event(self):
        rng = self.rng
        day, month, d = rng.choice(DAYS), rng.choice(MONTHS), rng.randrange(1, 29)
        return rng.choice([
            f"Join us {day}, {month} {d} from {rng.randrange(8, 12)}am to {rng.randrange(1, 6)}pm.",
            f"The office is closed {rng.randrange(1, 13)}/{d} and reopens the next day at 8am.",
            f"Save the date: {month} {d}, {rng.choice([2026, 2027])}!",
            f"Enrollment ends {month} {d}.",
        ])

    def contact(self):
        rng = self.rng
        parts = [f"📞 ({rng.choice(AREAS)}) 555-01{rng.randrange(0, 100):02d}"]
        if rng.random() < 0.6:
            parts.append(f"🌐 {self.url()}")
        if rng.random() < 0.3:
            parts.append(f"✉️ hello@{self.practice.split()[0].lower()}.example.com")
        if rng.random() < 0.3:
            parts.append(f"📍 {rng.randrange(1, 9999)} {rng.choice(self.v.surnames)} {rng.choice(STREET_KINDS)}")
        return rng.choice([" · ", "\n", " | "]).join(parts)

    def opener(self):
        rng = self.rng
        return rng.choice([
            f"Happy {rng.choice(DAYS)} from {self.practice}! {self.emoji()}",
            f"{rng.choice(['Quick tip', 'Tip of the week', 'Did you know?', 'Reminder', 'Big news'])} {self.emoji()}",
            f"{' '.join(self.words(rng.randrange(2, 6))).capitalize()}? {self.emoji()}",
            f"Meet {self.name()}, our new {rng.choice(['hygienist', 'nurse', 'therapist', 'front-desk lead', 'PA'])}!",
            f"{rng.choice(['Patient question', 'Myth vs. fact', 'Staff spotlight', 'Throwback'])}: "
            + " ".join(self.words(rng.randrange(3, 9))) + "?",
        ])

    def cta(self):
        rng = self.rng
        return rng.choice([
            f"Book online at {self.url()} {self.emoji()}", "Link in bio to book!", "Call us to schedule.",
            f"Questions? DM us or tag {self.handle()}.", "Share this with someone who needs it 💙",
            f"Walk-ins welcome {rng.choice(DAYS)}s {rng.randrange(7, 10)}am–{rng.randrange(4, 7)}pm.",
            "Comment below 👇", f"Learn more: {self.url()}",
        ])

    def bullets(self):
        rng = self.rng
        mark = rng.choice(["✅", "•", "-", "👉", "1."])
        lines = []
        for i in range(rng.randrange(2, 6)):
            m = f"{i + 1}." if mark == "1." else mark
            lines.append(f"{m} " + " ".join(self.words(rng.randrange(2, 9))).capitalize())
        return "\n".join(lines)

    def hashtags(self):
        rng = self.rng
        lo, hi = {"instagram": (2, 14), "x": (0, 3), "facebook": (0, 4), "linkedin": (1, 6)}[self.platform]
        k = rng.randrange(lo, hi + 1)
        tags = dict.fromkeys(rng.choices(self.v.tags, cum_weights=self.v.tag_cum, k=k))
        return " ".join("#" + t for t in tags)

    def body(self, target, rare=True):
        """The text of one post, about `target` characters; `rare` rolls for identifiers, claims, ...."""
        rng = self.rng
        specials, stats = [], []
        if rare:
            for rate, kind, make in ((0.04, "identifier", self.identifier), (0.03, "claim", self.claim),
                                     (0.02, "endorsement", self.endorsement), (0.08, "event", self.event)):
                if rng.random() < rate:
                    specials.append(make())
                    stats.append(kind)
                    if kind == "identifier" and rng.random() < 0.3:
                        specials.append(make())
        paragraphs = []
        if rng.random() < 0.5:
            paragraphs.append([self.opener()])
        size = sum(len(p[0]) for p in paragraphs) + sum(len(s) for s in specials)
        current = []
        per_paragraph = 1 if self.platform == "linkedin" and rng.random() < 0.6 else rng.randrange(2, 6)
        while size < target:
            if current and rng.random() < 0.06 and self.platform != "x":
                paragraphs.append(current)
                current = []
                paragraphs.append([self.bullets()])
                size += len(paragraphs[-1][0])
                continue
            sentence = self.sentence(self.sentence_length())
            current.append(sentence)
            size += len(sentence) + 1
            if len(current) >= per_paragraph and self.platform != "x":
                paragraphs.append(current)
                current = []
        if current:
            paragraphs.append(current)
        if not paragraphs:
            paragraphs.append([])
        for special in specials:
            para = rng.choice(paragraphs)
            para.insert(rng.randrange(0, len(para) + 1), special)
        if rng.random() < 0.35:
            paragraphs.append([self.cta()])
        if rare and rng.random() < 0.15:
            paragraphs.append([self.contact()])
            stats.append("contact")
        tags = self.hashtags()
        if tags:
            paragraphs.append([tags])
        sep = " " if self.platform == "x" else "\n\n"
        text = sep.join(" ".join(p) for p in paragraphs if p)
        return text, stats


PLATFORMS = ["instagram", "facebook", "x", "linkedin"]
PLATFORM_WEIGHTS = [35, 30, 15, 20]


def target_length(rng, platform):
    """Characters of running text: X short, LinkedIn long (a few paragraphs), the others in between."""
    if platform == "x":
        return rng.randrange(40, 230)
    median, hi = {"instagram": (650, 2200), "facebook": (450, 2000), "linkedin": (1300, 3200)}[platform]
    return int(min(hi, max(60, rng.lognormvariate(0, 0.55) * median)))


def post(vocab, rng, platform=None, target=None, rare=True, front_matter=None):
    platform = platform or rng.choices(PLATFORMS, weights=PLATFORM_WEIGHTS)[0]
    target = target or target_length(rng, platform)
    writer = Writer(vocab, rng, platform)
    text, stats = writer.body(target, rare)
    if front_matter is None:
        front_matter = rng.random() < 0.4
    if front_matter:
        title = " ".join(writer.words(rng.randrange(2, 7))).title()
        extra = rng.choice(["", f"kind: {rng.choice(['educational', 'educational', 'other'])}\n",
                            f"date: 2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}\n"])
        text = f"---\nplatform: {platform}\ntitle: {title}\n{extra}---\n{text}"
    return text + "\n", stats


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def extra_phrases(vocab, count):
    """`count` distinct claim phrases: verb, condition, tail, sometimes a product or an invented brand first."""
    rng = stream(PHRASES)
    phrases = {}
    while len(phrases) < count:
        phrase = f"{rng.choice(CLAIM_VERBS)} {rng.choice(CONDITIONS).lower()}"
        phrase += rng.choice(CLAIM_TAILS).format(n=rng.randrange(2, 60)).replace(",", "")
        roll = rng.random()
        if roll < 0.3:
            phrase = rng.choice(PRODUCTS).lower() + " " + phrase
        elif roll < 0.6:
            phrase = rng.choice(vocab.words[3000:]).replace("'", "") + " " + phrase
        phrases.setdefault(phrase)
    return list(phrases)


def usage(message=None):
    sys.exit((f"gen_corpus.py: {message}\n\n" if message else "") + __doc__)


def main():
    args = sys.argv[1:]
    # a stray option (`--help`, `-n`) must not become the output folder or a count
    if not 1 <= len(args) <= 4 or any(a.startswith("-") for a in args):
        usage()
    out = args[0]
    try:
        posts, rows, extra = (int(a) for a in (args[1:] + ["20000", "100000", "10000"][len(args) - 1:]))
    except ValueError:
        usage("POSTS, CALENDAR_ROWS and EXTRA_PHRASES are whole numbers")
    if posts > 99999:
        usage("at most 99999 posts (the file names have five digits)")
    vocab = Vocab()
    counts = {"identifier": 0, "claim": 0, "endorsement": 0, "event": 0, "contact": 0}
    total = 0
    for i in range(posts):
        folder = os.path.join(out, "corpus", f"d{i % 200:03d}")
        os.makedirs(folder, exist_ok=True)
        text, stats = post(vocab, stream(CORPUS, i))
        for kind in stats:
            counts[kind] += 1
        total += len(text.encode())
        write(os.path.join(folder, f"post-{i:05d}.md"), text)
    os.makedirs(os.path.join(out, "eight"), exist_ok=True)
    for i in range(8):
        write(os.path.join(out, "eight", f"post-{i}.md"), post(vocab, stream(EIGHT, i))[0])
    # a typical post: no identifier, no claim, ~1 KB with front matter
    write(os.path.join(out, "one.md"), post(vocab, stream(ONE), "instagram", 880, rare=False, front_matter=True)[0])
    with open(os.path.join(out, "calendar.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("date,platform,caption\n")
        start = datetime.date(2026, 1, 1).toordinal()
        for i in range(rows):
            rng = stream(CALENDAR, i)
            platform = rng.choices(PLATFORMS, weights=PLATFORM_WEIGHTS)[0]
            target = target_length(rng, platform) if platform == "x" else rng.randrange(100, 500)
            text = post(vocab, rng, platform, target, front_matter=False)[0].strip()
            if "\n" in text or "," in text or '"' in text:
                text = '"' + text.replace('"', '""') + '"'
            f.write(f"{datetime.date.fromordinal(start + i // 4).isoformat()},{platform},{text}\n")
    with open(os.path.join(out, "extra_phrases.toml"), "w", encoding="utf-8") as f:
        f.write('[[rules]]\nid = "BEN001"\nname = "extra-phrases"\ncategory = "misinformation"\n'
                'severity = "warning"\nmessage = "Generated claim phrase"\nphrases = [\n')
        for p in extra_phrases(vocab, extra):
            f.write(f'  "{p}",\n')
        f.write("]\n")
    if posts:
        shares = ", ".join(f"{k} {100 * v / posts:.1f} %" for k, v in counts.items())
        print(f"gen_corpus: {posts} posts, {total / 1e6:.1f} MB ({total / posts:.0f} B a post); posts with: {shares}",
              file=sys.stderr)


if __name__ == "__main__":
    main()
