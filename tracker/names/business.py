"""One business word of a company's name in English and in the Russian, Ukrainian and Belarusian forms
the lists write: other words, not other spellings.

The lists name one company in two languages: OFAC "JOINT STOCK COMPANY VOTKINSKIY PLANT", the UK
"Воткинский завод"; OFAC "JSC PRIBALTIYSKY SUDOSTROITELNY FACTORY YANTAR", the EU "Прибалтийский
судостроительный завод “Янтарь”"; "ALEKSINSKY CHEMICAL COMBINE" / "Алексинский Химический Комбинат".
The business word (завод: plant, factory, works) is the same word translated, which no spelling rule
finds. They are read as one word through a table of the words themselves, never through a fuzzy rule.

Source of ``_TABLE``: the dictionary translations of each Russian, Ukrainian and Belarusian word (one
row a meaning), as the lists' own pairs of one company's names translate them (OFAC's and the UK's
English beside the EU's and the UK's Cyrillic: завод / PLANT, FACTORY, WORKS; комбинат / COMBINE,
PLANT; машиностроительный / MACHINE-BUILDING, MACHINERY; химический / CHEMICAL; судостроительный /
SHIPBUILDING). Each Cyrillic word is written as tracker's romaniser writes it, with its national
``alternatives``, and the Latin words after the bar as the lists write them. A word is in one row
only: a word of two meanings (the English "works" is also a verb) is in the row of the meaning the
lists use in company names.
"""

from __future__ import annotations

from functools import lru_cache

from tracker.names.given import spelling_groups
from tracker.names.normalize import skeleton_key

# Russian, Ukrainian and Belarusian words | English words and the lists' Latin spellings.
_TABLE = """
завод заводы | plant plants factory factories works zavod zavody
комбинат | combine kombinat
машиностроительный машинобудівний машынабудаўнічы | machinery mashinostroitelny mashinostroitelnyi mashinostroitelnyy
химический хімічний хімічны | chemical chemicals khimicheskii khimichesky khimicheskiy
судостроительный суднобудівний | shipbuilding sudostroitelny sudostroitelnyi sudostroitelnyy
авиакомпания авіакомпанія авіякампанія | airline airlines aviakompaniya aviacompany
научно наукова навукова | scientific nauchno
исследовательский дослідний даследчы | research issledovatelskii issledovatelsky issledovatelskiy
производственный виробничий вытворчы | production proizvodstvenny proizvodstvennyi proizvodstvennoe
объединение об'єднання аб'яднанне | association obedinenie obyedineniye obedineniye
конструкторское конструкторське канструктарскае | design konstruktorskoe konstruktorskoye
бюро | bureau byuro
"""


@lru_cache(maxsize=1)
def _groups() -> dict[str, tuple[str, ...]]:
    """The business-word groups of ``_TABLE``, built on first use (the given-name table's reader)."""
    return spelling_groups(_TABLE)


@lru_cache(maxsize=100_000)
def business_equivalents(norm: str) -> tuple[str, ...]:
    """The other words of the same meaning as a normalised business word of a company's name
    (lower-case Latin), one spelling for each ("zavod" -> ("plant", "factory", "works", ...)); () for a
    word that is not in the table."""
    return _groups().get(skeleton_key(norm), ())


def same_business_word(first: str, second: str) -> bool:
    """Whether two normalised words are one business word in two languages ("zavod" / "plant",
    "kombinat" / "combine"); False for spellings of one word ("zavod" / "zavod")."""
    key = skeleton_key(second)
    return key != skeleton_key(first) and any(skeleton_key(s) == key for s in business_equivalents(first))
