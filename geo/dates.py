"""Dates in words, in English and Arabic (the Levantine and the common month name together)."""

from __future__ import annotations

import datetime as dt

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
# Syrian readers expect the Levantine name with the common one: أيار/مايو.
MONTHS_AR = (
    "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيو",
    "تموز/يوليو", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر",
)


def month_year(date: dt.date, language: str = "en") -> str:
    """`November 2024` or `تشرين الثاني/نوفمبر 2024`."""
    months = MONTHS_AR if language == "ar" else MONTHS_EN
    return f"{months[date.month - 1]} {date.year}"


def day_month_year(date: dt.date, language: str = "en") -> str:
    """`4 May 2017` or `4 أيار/مايو 2017`."""
    return f"{date.day} {month_year(date, language)}"
