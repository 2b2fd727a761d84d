"""A company's name written in Chinese characters, read as the lists write it in Latin letters: its
business words translated, the rest (the place and the firm's own name) in pinyin.

The UK list writes Chinese companies both ways: "武汉晓睿智科技有限责任公司" beside WUHAN XIAORUIZHI
SCIENCE AND TECHNOLOGY COMPANY LIMITED, "金华市海润动力科技有限公司" beside JINHUA HAIRUN POWER
TECHNOLOGY CO., LTD. OFAC and the EU mostly write such a company in Latin letters only, so a
Chinese query found nobody: pinyin alone reads 科技有限公司 as "keji youxian gongsi", which no list
writes. The business words are a table of the words themselves (dictionary translations, as the
UK list's pairs of one company's names translate them), as tracker.names.business does for
Russian; the other characters are read by pypinyin, each run of them one word, its syllables
joined as the lists join a firm's name (XIAORUIZHI, HAIRUN).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import islice, product

# Simplified Chinese business words | the English words the lists write for them, other
# translations after a slash ("" drops the word: 市 "city" after a place name is not written).
# Traditional characters are read through ICU's Hant-Hans transform first.
_TABLE = """
股份有限公司 | joint stock company limited
有限责任公司 | company limited
有限公司 | company limited
分公司 | branch
公司 | company
集团 | group
控股 | holdings
国际 | international
进出口 | import export
贸易 | trading
商贸 | trading
科技 | technology / science and technology
技术 | technology
电子 | electronics
光电 | optoelectronics
半导体 | semiconductor
微电子 | microelectronics
工业 | industrial
实业 | industrial
设备 | equipment
装备 | equipment
机械 | machinery
机床 | machine tool
数控 | cnc
动力 | power
海运 | shipping
航运 | shipping
船务 | shipping
船舶 | ship
物流 | logistics
供应链 | supply chain
能源 | energy
化工 | chemical
材料 | materials
网络 | network
信息 | information
软件 | software
发展 | development
投资 | investment
制造 | manufacturing
仪器 | instrument
精密 | precision
智能 | intelligent
航空 | aviation
航天 | aerospace
电气 | electric
石油 | petroleum
矿业 | mining
银行 | bank
研究所 | research institute
研究院 | research institute
大学 | university
香港 | hong kong
中国 | china
市 |
省 |
"""

# Places a company's name starts with (China's provinces and its largest and trading cities, from
# the national administrative divisions): each its own word in pinyin, not joined to the firm's
# name that follows (武汉晓睿智: WUHAN XIAORUIZHI).
_PLACES = """
北京 上海 天津 重庆 广州 深圳 武汉 成都 杭州 南京 西安 长沙 郑州 青岛 大连 宁波 厦门 苏州 无锡 合肥
济南 沈阳 哈尔滨 长春 石家庄 太原 昆明 南宁 福州 南昌 贵阳 兰州 乌鲁木齐 呼和浩特 银川 西宁 拉萨 海口
珠海 东莞 佛山 中山 温州 金华 义乌 绍兴 嘉兴 台州 常州 南通 烟台 潍坊 泉州 汕头 惠州 澳门 广东 浙江
江苏 山东 福建 河北 河南 湖北 湖南 四川 陕西 山西 辽宁 吉林 黑龙江 安徽 江西 云南 贵州 广西 海南 甘肃
青海 内蒙古 新疆 西藏 宁夏
"""
_PLACE = "="  # a table value: the word is a place, read in pinyin as its own word
_MAX_READINGS = 4


@lru_cache(maxsize=1)
def _words() -> dict[str, str]:
    """The business words of ``_TABLE``, Chinese -> English words, built on first use."""
    table: dict[str, str] = {}
    for line in _TABLE.strip().splitlines():
        chinese, english = line.split("|")
        table[chinese.strip()] = english.strip()
    return table | {place: _PLACE for place in _PLACES.split()}


# A Chinese company's name ends in one of these (company, group, bank, institute, university).
_ENDINGS = ("公司", "集团", "银行", "研究所", "研究院", "大学")


@lru_cache(maxsize=1)
def _simplified() -> object:
    import icu

    return icu.Transliterator.createInstance("Hant-Hans")


def han_company_readings(text: str) -> tuple[list[str], tuple[str, ...]]:
    """A company's name in Chinese characters read as the lists write it: (the Latin readings, one
    per translation of its business words, at most ``_MAX_READINGS``; the pinyin words of its own
    name), e.g. "武汉晓睿智科技有限责任公司" -> (["wuhan xiaoruizhi technology company limited",
    "wuhan xiaoruizhi science and technology company limited"], ("wuhan", "xiaoruizhi")); ([], ())
    for text that is no such name (a character that is no Chinese one besides brackets and spaces,
    no company ending, no character of its own name left, or no pinyin for one)."""
    from pypinyin import lazy_pinyin  # loaded only for a query in Chinese characters

    raw = "".join(text.split()).replace("(", "").replace(")", "").replace("（", "").replace("）", "")
    if not raw or not all("\u4e00" <= c <= "\u9fff" for c in raw):
        return [], ()
    plain: str = _simplified().transliterate(raw)  # type: ignore[attr-defined]
    if not plain.endswith(_ENDINGS):
        return [], ()
    table = _words()
    longest = max(map(len, table))
    words: list[list[str]] = []  # each word's translations
    own: list[str] = []
    run = ""

    def pinyin(chars: str) -> bool:
        syllables = lazy_pinyin(chars, errors="ignore")
        if len(syllables) != len(chars):
            return False
        own.append("".join(syllables))
        words.append([own[-1]])
        return True

    i = 0
    while i < len(plain):
        for size in range(min(longest, len(plain) - i), 0, -1):
            english = table.get(plain[i : i + size])
            if english is not None:
                if run and not pinyin(run):
                    return [], ()
                run = ""
                if english == _PLACE:
                    if not pinyin(plain[i : i + size]):
                        return [], ()
                elif english:
                    words.append([e.strip() for e in english.split("/")])
                i += size
                break
        else:
            run += plain[i]
            i += 1
    if run and not pinyin(run):
        return [], ()
    if not own:
        return [], ()
    return [" ".join(r) for r in islice(product(*words), _MAX_READINGS)], tuple(own)
