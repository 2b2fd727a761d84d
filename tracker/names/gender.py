"""Masculine and feminine forms of one name: two words for two people, not two spellings.

Slavic names, given and family alike, take a gendered ending: Aleksandr / Aleksandra, Yevgeni /
Yevgenia, Oleg / Olga, Ivanov / Ivanova, Kowalski / Kowalska, Ivanovich / Ivanovna. The two forms are one letter or two apart, so a spelling comparison calls
them a typo (0.82 and more). A listed man is not the woman of the same name, nor his wife or
daughter who carries the feminine family name (issue 13): ``other_gender`` tells such pairs apart.

The rules compare ``skeleton_key`` forms, so transliterations fold first (Yevgeniy / Evgeniya,
Aleksandr / Alexandra). Each is an ending rule of the grammars, never a list of names:

- feminine -a after the masculine's consonant: Aleksandr / Aleksandra, Ivanov / Ivanova, Putin /
  Putina, Vladislav / Vladislava, Jamil / Jamila (the Arabic feminine, written alike);
- the same with the masculine's last vowel dropped (a fleeting vowel): Oleg / Olga, Pavel / Pavla,
  Aleksander / Aleksandra;
- -i / -ia (skeleton of -iy, -ij, -ii / -iya, -ija): Yevgeni / Yevgenia, Valeri / Valeria;
- -ia after the masculine's consonant, a stem of four letters or more: Viktor / Viktoria, Cecil / Cecilia;
- -ki / -ka (-ski, -sky, -skiy / -ska, -skaya, -cki / -cka): Kowalski / Kowalska;
- patronymics -ich / -na: Ivanovich / Ivanovna, Sergeevich / Sergeevna.

A stem (what the two forms share) keeps at least three letters, so short words are never judged:
Ali / Ala and Zaki / Zaka are left to the spelling comparison (the -ki / -ka rule wants a stem of
four). No -o / -a rule: Belarusian writes -a where Ukrainian and Russian write -o in one man's
family name (KARPENKA / KARPENKO, KACUBA / KACUBO on two lists), so Mario / Maria is not judged.
"""

from __future__ import annotations

from functools import lru_cache

from tracker.names.normalize import skeleton_key

_VOWELS = frozenset("aeiou")
_MIN_STEM = 3


def _fleeting(masculine: str, stem: str) -> bool:
    """``masculine`` is ``stem`` with one vowel put before its last consonant (Oleg / olg-a)."""
    return (
        len(masculine) == len(stem) + 1
        and masculine[-2] in _VOWELS
        and masculine[:-2] == stem[:-1]
        and masculine[-1] == stem[-1]
        and stem[-1] not in _VOWELS
    )


def _feminine_of(masculine: str, feminine: str) -> bool:
    """``feminine`` (ending in -a) is a feminine form of ``masculine`` by one of the module's rules."""
    stem = feminine[:-1]
    if len(stem) < _MIN_STEM or masculine.endswith("a"):
        return False
    if masculine.endswith(("vn", "chn")):
        return False  # a patronymic cut short (Sergeyevn / Sergeyevna), no masculine form
    if masculine[-1] not in _VOWELS:
        # Latin -ia after the masculine's consonant: Viktor / Viktoria, Cecil / Cecilia
        latin = stem == masculine + "i" and len(masculine) > _MIN_STEM
        return masculine == stem or _fleeting(masculine, stem) or latin
    if masculine.endswith("i") and stem == masculine:
        return True  # Yevgeni / Yevgenia
    # Kowalski / Kowalska
    return masculine.endswith("ki") and stem == masculine[:-1] and len(stem) > _MIN_STEM


@lru_cache(maxsize=200_000)
def other_gender(first: str, second: str) -> bool:
    """Whether two normalised name words (lower-case Latin) are the masculine and the feminine form
    of one name, in either order (see the module docstring): "oleg" / "olga" True, "olga" / "olga"
    and "aleksandr" / "alexander" False. Judged on the skeletons and on the words as written (a
    skeleton may fold an ending away: "io" to "e")."""
    return _gendered(skeleton_key(first), skeleton_key(second)) or _gendered(first, second)


def _gendered(a: str, b: str) -> bool:
    if a == b or not (a.endswith("a") ^ b.endswith("a")):
        return False
    masculine, feminine = (a, b) if b.endswith("a") else (b, a)
    if feminine.endswith("na") and masculine.endswith(("ich", "ych", "ic")):
        # a patronymic: Ivanovich / Ivanovna, Sergeevich / Sergeevna
        cut = 3 if masculine.endswith(("ich", "ych")) else 2
        return len(masculine) - cut >= _MIN_STEM + 2 and masculine[:-cut] == feminine[:-2]
    return _feminine_of(masculine, feminine)
