"""A company's name in Chinese characters read as the lists write it (tracker.names.han_business)."""

from __future__ import annotations

from tracker.names.han_business import han_company_readings


def test_business_words_are_translated_and_the_rest_read_in_pinyin() -> None:
    readings, own = han_company_readings("武汉晓睿智科技有限责任公司")
    assert readings == [
        "wuhan xiaoruizhi technology company limited",
        "wuhan xiaoruizhi science and technology company limited",
    ]
    assert own == ("wuhan", "xiaoruizhi")
    assert han_company_readings("海能機械(香港)有限公司") == (
        ["haineng machinery hong kong company limited"],
        ("haineng",),
    )


def test_text_that_is_no_chinese_company_name_has_no_reading() -> None:
    for text in ("王君正", "有限公司", "中国控股有限公司", "Huawei 有限公司", "纽威数控装备", ""):
        assert han_company_readings(text) == ([], ()), text
