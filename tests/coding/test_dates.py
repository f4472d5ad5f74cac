"""Tests of irinsider.dates and of event dates: phrases resolved against the article's date."""

from __future__ import annotations

from datetime import date

import pytest

from irinsider.coding import EventDate, is_date_phrase, resolve

WEDNESDAY = date(2018, 11, 7)
FRIDAY = date(2018, 11, 9)


@pytest.mark.parametrize(
    ("phrase", "base", "prefer", "expected", "precision"),
    [
        # written out in full; "Nov." is read as November, not September
        ("Nov. 9, 2018", WEDNESDAY, "past", date(2018, 11, 9), "day"),
        ("Sept. 30, 2017", WEDNESDAY, "past", date(2017, 9, 30), "day"),
        ("9 November 2018", WEDNESDAY, "past", date(2018, 11, 9), "day"),
        ("March 2016", WEDNESDAY, "past", date(2016, 3, 1), "month"),
        ("in 2015", WEDNESDAY, "past", date(2015, 1, 1), "year"),
        ("2015", WEDNESDAY, "past", date(2015, 1, 1), "year"),
        ("mid-2015", WEDNESDAY, "past", date(2015, 1, 1), "year"),
        # weekdays: the last one looking back, the next one looking ahead; the day itself
        ("Friday", WEDNESDAY, "past", date(2018, 11, 2), "day"),
        ("on Friday", WEDNESDAY, "future", date(2018, 11, 9), "day"),
        ("Friday", FRIDAY, "past", FRIDAY, "day"),
        ("Sunday's", WEDNESDAY, "past", date(2018, 11, 4), "day"),
        # relative to the article's date
        ("yesterday", WEDNESDAY, "past", date(2018, 11, 6), "day"),
        ("last week", WEDNESDAY, "past", date(2018, 10, 29), "week"),
        ("next month", WEDNESDAY, "future", date(2018, 12, 1), "month"),
        ("last month", date(2018, 1, 15), "past", date(2017, 12, 1), "month"),
        ("last year", WEDNESDAY, "past", date(2017, 1, 1), "year"),
        ("earlier this month", WEDNESDAY, "past", date(2018, 11, 1), "month"),
        ("the end of the year", WEDNESDAY, "future", date(2018, 1, 1), "year"),
        # read by dateparser
        ("three years ago", WEDNESDAY, "past", date(2015, 1, 1), "year"),
        ("2 days ago", WEDNESDAY, "past", date(2018, 11, 5), "day"),
        # a month or day without its year: the latest before, or the first after
        ("March", WEDNESDAY, "past", date(2018, 3, 1), "month"),
        ("December", WEDNESDAY, "past", date(2017, 12, 1), "month"),
        ("December", WEDNESDAY, "future", date(2018, 12, 1), "month"),
        ("early March", WEDNESDAY, "future", date(2019, 3, 1), "month"),
        ("July 29", WEDNESDAY, "past", date(2018, 7, 29), "day"),
        ("November 10", WEDNESDAY, "past", date(2017, 11, 10), "day"),
    ],
)
def test_resolve(phrase: str, base: date, prefer: str, expected: date, precision: str) -> None:
    assert resolve(phrase, base, prefer) == EventDate(expected, precision, phrase)


@pytest.mark.parametrize(
    "phrase",
    [
        "three years", "for three years", "two decades", "the past 20 years", "a year later",
        "65", "65-year-old", "aged 65", "annual", "every year", "recent years",
        "the 1990s", "2014-15", "2014 to 2016",
    ],
)
def test_durations_ages_and_spans_are_not_dates(phrase: str) -> None:
    assert not is_date_phrase(phrase)
    assert resolve(phrase, WEDNESDAY) is None


@pytest.mark.parametrize("phrase", ["the day after the summit", "Christmas Island",
                                    "the weekend", "February 30, 2018", "2018-13-01", ""])
def test_unreadable_phrase_is_none(phrase: str) -> None:
    assert resolve(phrase, WEDNESDAY) is None


def test_without_a_base_only_phrases_with_a_year_are_read() -> None:
    assert resolve("Friday", None) is None
    assert resolve("last week", None) is None
    assert resolve("Nov. 9, 2018", None) == EventDate(date(2018, 11, 9), "day", "Nov. 9, 2018")


def test_middle_of_a_period() -> None:
    assert EventDate(date(2016, 1, 1), "year", "2016").middle == date(2016, 7, 1)
    assert EventDate(date(2016, 3, 1), "month", "March 2016").middle == date(2016, 3, 15)
    assert EventDate(date(2016, 3, 3), "day", "March 3, 2016").middle == date(2016, 3, 3)


def test_results_are_cached_per_phrase_and_base() -> None:
    first = resolve("a month ago", WEDNESDAY, "past")
    assert first is resolve("a month ago", WEDNESDAY, "past")
    assert first is not None and first.date == date(2018, 10, 1)
    assert resolve("a month ago", date(2018, 3, 7), "past") == \
        EventDate(date(2018, 2, 1), "month", "a month ago")


def test_unknown_preference_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown date preference 'sideways'"):
        resolve("Friday", WEDNESDAY, "sideways")


# ---- events --------------------------------------------------------------------------------


def one(events):  # type: ignore[no-untyped-def]
    assert len(events) == 1, events
    return events[0]


def test_event_date_of_a_past_tense_clause(code_text) -> None:  # type: ignore[no-untyped-def]
    event = one(code_text("Russia condemned Ukraine on Friday.", WEDNESDAY))
    assert (event.date, event.date_precision, event.date_text) == ("2018-11-02", "day", "Friday")


def test_event_date_of_a_future_clause(code_text) -> None:  # type: ignore[no-untyped-def]
    event = one(code_text("Putin will visit Cuba on Friday.", WEDNESDAY))
    assert (event.date, event.date_precision) == ("2018-11-09", "day")


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Russia lent Cuba $50 million in March 2016.", "2016-03-01", "month"),
        ("In 2015, Russia wrote off Cuba's debt.", "2015-01-01", "year"),
        ("On Nov. 9, 2017, Russia condemned Ukraine.", "2017-11-09", "day"),
        ("Russia agreed to lend Cuba $50 million last week.", "2018-10-29", "week"),
    ],
)
def test_event_date_precision(code_text, text: str, expected: str,  # type: ignore[no-untyped-def]
                              precision: str) -> None:
    event = one([e for e in code_text(text, WEDNESDAY) if e.source == "RUS"])
    assert (event.date, event.date_precision) == (expected, precision)


@pytest.mark.parametrize(
    "text",
    [
        # the date belongs to the background clause, not to the condemnation
        "After Russia attacked Ukraine in 2014, Poland condemned Russia.",
        # a duration is not a date
        "Russia has supported Cuba for three years.",
        # nor a deadline
        "Russia promised to lend Cuba $50 million by 2020.",
        "Russia condemned Ukraine.",
    ],
)
def test_event_without_its_own_date_has_the_articles(code_text, text: str) -> None:  # type: ignore[no-untyped-def]
    event = one(code_text(text, WEDNESDAY))
    assert (event.date, event.date_precision, event.date_text) == \
        ("2018-11-07", "article", None)


def test_event_without_any_date(code_text) -> None:  # type: ignore[no-untyped-def]
    event = one(code_text("Russia condemned Ukraine on Friday.", None))
    assert (event.date, event.date_precision, event.date_text) == (None, None, None)
    dated = one(code_text("Russia condemned Ukraine in 2015.", None))
    assert (dated.date, dated.date_precision) == ("2015-01-01", "year")


def test_offices_are_held_as_of_a_relative_date(code_text) -> None:  # type: ignore[no-untyped-def]
    # in mid-2017 Obama had left office; "last year" is 2016, when he held it
    then = one(code_text("Obama visited Havana last year.", date(2017, 6, 1)))
    assert (then.source, then.date, then.date_precision) == ("USAGOV", "2016-01-01", "year")
    now = one(code_text("Obama visited Havana.", date(2017, 6, 1)))
    assert now.source == "USAELI"
