"""Danish wording, normalised so that plans about the same thing are counted together across
units: «Støj i frokoststuen», «Støjen i frokoststuerne» and «frokoststue-støj» are one theme.

The words are folded to lower case, split on anything that is not a letter or a digit, the
stop words dropped, and each word cut to its stem by the Snowball algorithm for Danish (the
`snowballstemmer` package); the theme's key is the set of stems, so word order does not count.
"""

import re
from functools import lru_cache

import snowballstemmer

# Snowball's stop-word list for Danish, as published with the algorithm
# (snowballstem.org/algorithms/danish/stop.txt; the package ships the stemmers only).
_SNOWBALL_DANISH_STOP = """
    og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har
    om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal
    selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne
    end dette mit også under have dig anden hende mine alt meget sit sine vor mod disse hvis
    din nogle hos blive mange ad bliver hendes været thi jer sådan
"""
DANISH_STOP_WORDS = frozenset(_SNOWBALL_DANISH_STOP.split())

WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("danish")


def theme_key(title: str) -> tuple[str, ...]:
    """The stems of the title's words that carry meaning, sorted. A title of stop words only
    keeps its words (folded), so it still has a key of its own."""
    words = WORD.findall(title.casefold())
    meaningful = [word for word in words if word not in DANISH_STOP_WORDS] or words
    return tuple(sorted(set(_stemmer().stemWords(meaningful))))
