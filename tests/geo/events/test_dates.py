import datetime as dt

from frontline_map.geo.events.dates import find_time_expressions

PUB = dt.date(2023, 2, 6)  # a Monday


def resolved(text, published=PUB):
    return [(t.text, t.iso, t.precision) for t in find_time_expressions(text, published=published)]


def test_relative_and_explicit_forms():
    assert resolved("Fighting was ferocious yesterday.") == [("yesterday", "2023-02-05", "day")]
    assert resolved("Russian forces took Soledar last month.") == [("last month", "2023-01", "month")]
    assert resolved("The strike came on Tuesday.") == [("on Tuesday", "2023-01-31", "day")]
    assert resolved("It began on February 24, 2022.") == [("February 24, 2022", "2022-02-24", "day")]
    assert resolved("Since the war began, the town was shelled.")[0][1:] == ("2022-02-24", "day")
    assert resolved("The bridge fell on the night of 12/13 February.", published=dt.date(2023, 2, 14)) == [
        ("12/13 February", "2023-02-12", "day")]
    assert resolved("They advanced in late January.") == [("in late January", "2023-01", "month")]
    assert resolved("A day earlier, missiles hit Lviv.") == [("A day earlier", "2023-02-05", "day")]
    assert resolved("Two days before, the bridge was hit.") == [("Two days before", "2023-02-04", "day")]
    assert resolved("The previous day was calm.") == [("The previous day", "2023-02-05", "day")]


def test_weekday_of_publication_is_that_day():
    assert resolved("The ministry said on Monday.") == [("on Monday", "2023-02-06", "day")]


def test_without_publication_date_relative_dates_are_unknown():
    assert resolved("yesterday and last month", published=None) == [
        ("yesterday", None, "unknown"), ("last month", None, "unknown")]
    assert resolved("on 5 March 2023", published=None) == [("5 March 2023", "2023-03-05", "day")]


def test_future_bare_dates_are_not_event_dates():
    # "could begin around ... on February 24": an announcement, not a when
    assert resolved("an offensive could begin on February 24", published=dt.date(2023, 2, 6)) == [
        ("February 24", None, "unknown")]
    assert resolved("Kherson was retaken on November 11", published=dt.date(2022, 11, 14))[0][1] == "2022-11-11"


def test_holidays_are_their_latest_day_before_publication():
    assert resolved("The strike came on New Year's Day.", published=dt.date(2023, 1, 2)) == [
        ("New Year's Day", "2023-01-01", "day")]
    assert resolved("Drones hit Kharkiv on New Year’s Eve.", published=dt.date(2024, 1, 1)) == [
        ("New Year’s Eve", "2023-12-31", "day")]
    assert resolved("Shelling went on over Orthodox Christmas.", published=dt.date(2023, 1, 9))[0][1] == "2023-01-07"
    assert resolved("on Christmas Day", published=None) == [("Christmas Day", None, "unknown")]


def test_a_night_named_by_the_day_it_ends_on_is_that_day():
    assert resolved("Drones attacked overnight on April 5.", published=dt.date(2024, 4, 5)) == [
        ("overnight on April 5", "2024-04-05", "day")]
    assert resolved("Missiles hit Kyiv overnight into Tuesday.", published=dt.date(2024, 4, 5))[0][1] == "2024-04-02"


def test_two_days_of_one_month_are_dated_by_the_later():
    assert resolved("Russian forces attacked on February 3 and 4.") == [("February 3 and 4", "2023-02-04", "day")]
    assert resolved("Fighting on February 3-4 was heavy.") == [("February 3-4", "2023-02-04", "day")]
    assert resolved("On February 3, 40 km away, a drone fell.") == [("February 3", "2023-02-03", "day")]


def test_a_month_with_its_year_is_that_year():
    assert resolved("Russian forces took the town in March 2022.") == [("March 2022", "2022-03", "month")]
    assert resolved("It fell in late February 2022.") == [("late February 2022", "2022-02", "month")]
