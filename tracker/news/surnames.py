"""Surnames common in English-language news for other reasons than the lists: the US Census 1990's.

A bare surname ("Jones said", "Hitting Chaplin") names a listed person only when it is distinctive
(``ScanIndex.bare_surname_owner``). A surname that hundreds of thousands of Americans bear (JONES,
CHAPLIN, MILLER) is not, whoever the lists hold: in English text it is far more often someone else
(bench/news_eval2 tuning half: "Jones" for Alex Jones, "Chaplin" for the town Chaplyne, each bound
to a person on three or four lists). The list: ``data/us_surnames_1990.txt`` (its header gives the
source and the cut: names of at least 0.001 % of the population, 18,839).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def common_surnames() -> frozenset[str]:
    """The Census list's surnames, lower case ASCII (read on first use: ~5 ms)."""
    text = files("tracker.news").joinpath("data/us_surnames_1990.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


# Korean family names as written in Hanja (traditional, and the simplified form Chinese text prints):
# the common ones, the family names of the listed Koreans among them (KIM 金, RI 李, PAK 朴, CHOE 崔,
# JONG 鄭 / 丁, O 吳, HAN 韓, THAE 太, KYE 桂...). A Korean name written in Chinese characters starts
# with one (金正恩, 崔龙海); 利用 ("use") read as 리용 starts with 利, no Korean family name (利用起
# was RI Yong Gi: trial 2).
_KOREAN_FAMILY_HANJA = """
    金 李 朴 崔 鄭 郑 姜 趙 赵 尹 張 张 林 韓 韩 吳 吴 徐 申 權 权 黃 黄 安 宋 柳 劉 刘 洪 全 高 文 梁
    孫 孙 裴 曺 曹 白 許 许 南 沈 盧 卢 丁 河 郭 成 車 车 朱 禹 具 閔 闵 羅 罗 陳 陈 池 嚴 严 蔡 元 千 方
    孔 玄 咸 卞 廉 楊 杨 邊 边 呂 吕 秋 魯 鲁 都 蘇 苏 愼 慎 石 宣 薛 馬 马 吉 周 延 房 魏 表 明 奇 潘 王
    琴 玉 陸 陆 印 孟 諸 诸 卓 秦 鞠 余 芮 殷 片 龍 龙 慶 庆 庾 丘 奉 史 夫 程 太 皮 睦 甘 桂 杜 智 甄 董
    溫 温 邢 承 昔 任 田 兪 俞 康 桓 艾 景 葛 辛 賓 宾 彭 牟 丙 卜 于 鄕 乡 唐 獨 独 錢 钱
"""


@cache
def korean_family_hanja() -> frozenset[str]:
    """The Hanja a Korean name in Chinese characters starts with (``_KOREAN_FAMILY_HANJA``)."""
    return frozenset(_KOREAN_FAMILY_HANJA.split())


__all__ = ["common_surnames", "korean_family_hanja"]
