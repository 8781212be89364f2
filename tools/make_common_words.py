"""Build debateprep/data/common-words.txt: common English words that are not names.

    python -m venv /tmp/words && /tmp/words/bin/pip install english-words symspellpy
    /tmp/words/bin/python tools/make_common_words.py > debateprep/data/common-words.txt

The list lets a prompt lower-case a capitalised word that opens a sentence ("Darkness gives
cover to burglars" → "…because darkness gives cover to burglars") when the essay never writes
the word in lower case itself. A word is listed when it is among the most frequent English words
(SymSpell's frequency list, from Google Books Ngrams and SCOWL) and it, or the word it inflects,
is a lower-case entry of Webster's Second International (web2, public domain) that web2 does not
also list as a name. Words written only as names ("Paris", "London") are therefore left out, and
so are words too new for web2, which keep their capital as before.
"""

from __future__ import annotations

import importlib.resources

from english_words import get_english_words_set

MOST_FREQUENT = 50_000
_ENDINGS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
            ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("er", "e"), ("est", ""), ("est", "e"))


def lemmas(word: str) -> set[str]:
    """The word and the words it may inflect: "studies" → "study", "stopped" → "stop"."""
    found = {word}
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            found.add(word[: -len(ending)] + replacement)
    found |= {stem[:-1] for stem in found if len(stem) > 3 and stem[-1] == stem[-2]}
    return found


def main() -> None:
    web2 = get_english_words_set(["web2"], lower=False)
    names = {word.lower() for word in web2 if word[:1].isupper()}
    common = {word for word in web2 if word.islower()} - names
    frequency = importlib.resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    ranked = [line.split()[0] for line in frequency.read_text(encoding="utf-8").splitlines()]
    words = sorted({word for word in ranked[:MOST_FREQUENT]
                    if word.isalpha() and word.isascii() and len(word) > 1 and word not in names
                    and lemmas(word) & common})
    print("\n".join(words))


if __name__ == "__main__":
    main()
