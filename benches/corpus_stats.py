#!/usr/bin/env python3
"""Prints how varied a generated corpus is: word tokens and distinct words, the share of posts whose text occurs
only once, the ten most frequent words with their counts, and the Zipf exponent fitted over ranks 10-10,000.

Usage: corpus_stats.py DIR        (every *.md file under DIR; words are lower-cased runs of letters, ' and -)"""
import collections
import math
import os
import re
import sys

WORD = re.compile(r"[a-z][a-z'-]*")


def main():
    if len(sys.argv) != 2 or sys.argv[1].startswith("-") or not os.path.isdir(sys.argv[1]):
        sys.exit(__doc__)
    words, texts = collections.Counter(), collections.Counter()
    for folder, _, files in os.walk(sys.argv[1]):
        for name in files:
            if name.endswith(".md"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    text = f.read()
                texts[text] += 1
                words.update(WORD.findall(text.lower()))
    posts, tokens = sum(texts.values()), sum(words.values())
    if not tokens:
        sys.exit(f"no words in {sys.argv[1]}")
    unique = sum(1 for n in texts.values() if n == 1)
    ranked = words.most_common()
    top = ", ".join(f"{w} {n / tokens:.1%}" for w, n in ranked[:10])
    # least-squares slope of log(frequency) over log(rank), ranks 10 to 10,000 (Zipf: about -1)
    points = [(math.log(r), math.log(n)) for r, (_, n) in enumerate(ranked[9:10000], start=10)]
    mx, my = sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points)
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)
    print(f"variety: {posts} posts, {unique / posts:.1%} unique; {tokens} words, {len(words)} distinct; "
          f"Zipf slope (ranks 10-10,000) {slope:.2f}; top 10: {top}")


if __name__ == "__main__":
    main()
