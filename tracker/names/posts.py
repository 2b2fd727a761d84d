"""Words of a post or position written beside a name ("President Vladimir Putin", "Andrii Derkach
MP", "Russian Foreign Minister Sergei Lavrov"): one list, read by search and by the news scanner.

- search (tracker.matching.query.POSITION_HEADS): a post written before or after the name in a query
  is a note, not name words; the posts that are also family names (POSTS_ALSO_FAMILY_NAMES) are not
  read so there: a name may end in one of them.
- news (tracker.news.context: the words that may stand between a country word and the name it
  introduces; tracker.news.scan: a capitalised word before a surname that is a post, not a given
  name): all of them, each with words of its own beside (the a an, journalist, kremlin ...).

Heads (the post itself) in English, Russian, Ukrainian, German, French, Turkish, Finnish, the
Arabic and Persian president, and the Chinese and Korean posts of the heads of state the lists name
(普京总统, 푸틴 대통령, 金正恩委员长); modifiers are read only in front of a head ("former", "acting",
"vice", "first", "foreign").
"""

from __future__ import annotations

_HEAD_TEXT = """
    president minister mp mep senator deputy chairman chairwoman chairperson chair ceo ambassador
    governor premier prosecutor attorney spokesman spokeswoman spokesperson secretary director mayor
    oligarch tycoon billionaire businessman businesswoman official politician lawmaker diplomat leader
    chancellor chief head envoy commander general marshal speaker king prince queen
    президент премьер министр депутат председатель директор посол губернатор мэр сенатор прокурор
    генпрокурор олигарх бизнесмен лидер глава спикер генерал
    прем'єр міністр голова мер олігарх бізнесмен керівник очільник речник
    präsident kanzler bundeskanzler außenminister aussenminister verteidigungsminister regierungschef
    generalstaatsanwalt staatsanwalt bürgermeister
    président ministre gouverneur procureur porte-parole
    presidente prezydent prezident presidentes ministro primeiro-ministro
    başkanı bakanı lideri başsavcısı cumhurbaşkanı cumhurbaşkani cumhurbaskani
    presidentti pääministeri ministeri ulkoministeri
    الرئيس رئيس رئیس رئیس‌جمهور
    总统 主席 总理 委员长 国务委员长 总书记 领导人 總統 總理 委員長 國務委員長 總書記 領導人
    외무장관 대통령 위원장 국무위원장 총비서 총리 장관 최고지도자
"""
_MODIFIER_TEXT = """
    former ex acting vice deputy first prime foreign defence defense interior finance economy justice
    supreme
    бывший экс вице первый генеральный колишній екс віце перший
"""
# The Russian and Ukrainian posts in the genitive, as a post stands before a name in a sentence
# ("встреча президента Владимира Путина", "визит міністра ..."): the name after them is in a case
# form too.
_CASE_FORM_TEXT = """
    президента премьера министра депутата председателя директора посла губернатора мэра сенатора
    прокурора генпрокурора лидера главы прем'єра міністра голови керівника очільника
"""
POST_CASE_FORMS: frozenset[str] = frozenset(_CASE_FORM_TEXT.split())
POST_HEADS: frozenset[str] = frozenset(_HEAD_TEXT.split()) | POST_CASE_FORMS
POST_MODIFIERS: frozenset[str] = frozenset(_MODIFIER_TEXT.split())
# Posts that are also family names (GENERAL, KING, MARSHAL, SPEAKER, PRINCE, QUEEN, COMMANDER): a
# query's name may end in one, so search does not read them as a post.
POSTS_ALSO_FAMILY_NAMES: frozenset[str] = frozenset(
    {"general", "marshal", "speaker", "king", "prince", "queen", "commander", "генерал", "спикер"}
)
