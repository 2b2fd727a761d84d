"""One given name in its Russian, Ukrainian and Belarusian forms: other names, not other spellings.

The lists write a Belarusian or a Ukrainian person's given name in that language's form, or in the
Russian one, or both on two lists: Ihar / Igor (Ігар, Ігор / Игорь), Mykola / Nikolai (Микола /
Николай), Sviatlana / Svetlana, Aliaksandr / Alexander, Siarhei / Sergei. The forms differ by more
than a transliteration (Belarusian akanye and dzekanye, Ukrainian i for Russian e and o, h for g),
so no spelling rule finds them, and a spelling rule loose enough to would find other names too. They
are read as one name through a table of the names themselves, never through a fuzzy rule.

Sources of ``_TABLE`` (one row a name: Russian, Ukrainian, Belarusian form):

- Russian / Ukrainian: the validated first-name dictionary of names-translator 2.1.0 (Dmitry
  Chaplinsky, PyPI ``names_translator``, ``NameDicts().lookup(name, "first")``), which gives each
  Ukrainian form its Russian translations (Микола -> Николай, Ігор -> Игорь, Світлана -> Светлана).
- Belarusian: the Belarusian forms of the same calendar names (the list of Belarusian given names
  of the Belarusian-name article of Wikipedia: Аляксандр, Ігар, Сяргей, Дзмітры, Кацярына,
  Тацяна ...), in the official orthography (Святлана, Уладзімір, Мікалай).
- Latin: each form as tracker's romaniser writes it (``romanise``, with its national
  ``alternatives``), and after the bar the spellings of the Belarusian passport romanisation that the
  EU and UK lists use where it differs (Tatsiana for Таццяна, Siarhei for Сяргей).

Names written alike in the three languages, or whose forms are one spelling apart already
(Andrei / Andrii, Yuri / Yurii), are left out, as are forms that are another name or word elsewhere:
Ганна (Hanna, also the Arabic for John), Раман (Raman), and Вольга as romanised (Volga, a river and
many a company's name; the lists' Volha is kept).

The table also tells two names apart: a word of one line is never a typo of a word of another line,
however few letters they differ by (Maria / Marina, ``other_given_names``, issue 13). Мария and Марина
are there for that alone (their forms are one spelling apart).
"""

from __future__ import annotations

from functools import lru_cache

from tracker.names.normalize import skeleton_key
from tracker.names.romanise import alternatives, romanise

# Russian | Ukrainian | Belarusian, then the lists' Latin spellings not derived from them.
_TABLE = """
Александр Олександр Аляксандр | aliaksandr olexandr alexandr alexander
Александра Олександра Аляксандра | aliaksandra
Алексей Олексій Аляксей | aliaksei aliaksey olexiy alexei alexey
Анатолий Анатолій Анатоль |
Василий Василь Васіль |
Виктор Віктор Віктар |
Виталий Віталій Віталь |
Владимир Володимир Уладзімір |
Владислав Владислав Уладзіслаў |
Вячеслав В'ячеслав Вячаслаў | viachaslau
Геннадий Геннадій Генадзь | henadz
Георгий Георгій Георгій |
Григорий Григорій Рыгор |
Дмитрий Дмитро Дзмітрый | dzmitry
Евгений Євген Яўген | yauhen yauheni yevgeny yevgeniy
Игорь Ігор Ігар |
Константин Костянтин Канстанцін | kanstantsin
Кирилл Кирило Кірыл |
Леонид Леонід Леанід |
Михаил Михайло Міхаіл |
Никита Микита Мікіта |
Николай Микола Мікалай |
Олег Олег Алег |
Павел Павло Павел | paval
Пётр Петро Пятро | pyotr piotr
Семён Семен Сямён | siamion
Степан Степан Сцяпан | stsiapan
Фёдор Федір Фёдар | fiodar fyodor
Ярослав Ярослав Яраслаў | yaraslau
Станислав Станіслав Станіслаў | stanislau
Вадим Вадим Вадзім |
Артём Артем Арцём | artsiom artsem
Денис Денис Дзяніс | dzianis
Валентин Валентин Валянцін | valiantsin
Ростислав Ростислав Расціслаў | rastsislau
Всеволод Всеволод Усевалад |
Илья Ілля Ілья | illia
Сергей Сергій Сяргей | siarhei siarhey
Елена Олена Алена | yelena alyona
Светлана Світлана Святлана | sviatlana
Ирина Ірина Ірына |
Татьяна Тетяна Таццяна | tatsiana tetiana
Екатерина Катерина Кацярына | yekaterina katsiaryna
Ольга Ольга | volha
Людмила Людмила Людміла | liudmyla
Надежда Надія Надзея | nadzeya nadzeia
Галина Галина Галіна |
Валентина Валентина Валянціна | valiantsina
Оксана Оксана Аксана |
Евгения Євгенія Яўгенія | yauhenia yauheniya yevgenia
Любовь Любов Любоў | liubou
Вера Віра Вера |
Лариса Лариса Ларыса |
Елизавета Єлизавета Лізавета | yelyzaveta
Мария Марія Марыя | marija maria
Марина Марина Марына |
"""


def spelling_groups(table: str) -> dict[str, tuple[str, ...]]:
    """Skeleton key -> the spellings of every other word of its line (one per skeleton), for a table
    of ``Cyrillic words | Latin words`` lines (given names here, business words in business.py)."""
    found: dict[str, tuple[str, ...]] = {}
    for line in table.strip().splitlines():
        cyrillic, _, latin = line.partition("|")
        spellings: dict[str, str] = {}  # skeleton -> one spelling of it
        for word in cyrillic.split():
            for tokens in (romanise(word), *alternatives(word)):
                if len(tokens) == 1:
                    spellings.setdefault(skeleton_key(tokens[0]), tokens[0])
        for word in latin.split():
            spellings.setdefault(skeleton_key(word), word)
        for key in spellings:
            found[key] = tuple(s for k, s in spellings.items() if k != key)
    return found


@lru_cache(maxsize=1)
def _groups() -> dict[str, tuple[str, ...]]:
    """The given-name groups of ``_TABLE``, built on first use."""
    return spelling_groups(_TABLE)


@lru_cache(maxsize=100_000)
def given_equivalents(norm: str) -> tuple[str, ...]:
    """The other language forms of a normalised given name (lower-case Latin), one spelling for each
    ("ihar" -> ("igor", "ihor", ...)); () for a word that is not in the table."""
    return _groups().get(skeleton_key(norm), ())


def same_given_name(first: str, second: str) -> bool:
    """Whether two normalised words are two language forms of one given name of the table ("ihar" /
    "igor", "mykola" / "nikolai"); False for spellings of one form ("igor" / "igor")."""
    key = skeleton_key(second)
    return key != skeleton_key(first) and any(skeleton_key(s) == key for s in given_equivalents(first))


def other_given_names(first: str, second: str) -> bool:
    """Whether two normalised words are given names of two different lines of the table ("maria" /
    "marina"): two names, not one name with a typo. False when either word is not in the table, and
    for two spellings or language forms of one name ("marija" / "maria", "ihar" / "igor")."""
    groups = _groups()
    key_1, key_2 = skeleton_key(first), skeleton_key(second)
    if key_1 == key_2 or key_1 not in groups or key_2 not in groups:
        return False
    return all(skeleton_key(s) != key_2 for s in groups[key_1])
