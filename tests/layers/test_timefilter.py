import datetime as dt

import pandas as pd
import pytest

from frontline_map.layers.timefilter import corpus_dates, date_span, filter_by_date, window

D = dt.date


def table():
    return pd.DataFrame({"date": ["2023-02-05", "2023-01", "2023", None],
                         "date_precision": ["day", "month", "year", "unknown"]})


def test_spans_follow_precision():
    assert date_span("2023-02-05", "day") == (D(2023, 2, 5), D(2023, 2, 5))
    assert date_span("2023-02", "month") == (D(2023, 2, 1), D(2023, 2, 28))
    assert date_span("2023-12", "month") == (D(2023, 12, 1), D(2023, 12, 31))
    assert date_span("2023", "year") == (D(2023, 1, 1), D(2023, 12, 31))
    assert date_span(None, "unknown") == (None, None)


def test_cumulative_keeps_unknown_dates_and_window_drops_them():
    assert len(filter_by_date(table(), None, D(2023, 2, 5))) == 4
    assert len(filter_by_date(table(), None, D(2023, 1, 15))) == 3  # the Feb 5 event is later
    assert list(filter_by_date(table(), D(2023, 2, 1), D(2023, 2, 7))["date"]) == ["2023-02-05", "2023"]


def test_window_and_range():
    assert window(D(2023, 2, 7), mode="window", days=7) == (D(2023, 2, 1), D(2023, 2, 7))
    assert window(D(2023, 2, 7), mode="cumulative", days=7) == (None, D(2023, 2, 7))
    with pytest.raises(ValueError):
        window(D(2023, 2, 7), mode="weekly", days=7)
    assert corpus_dates(table()) == (D(2023, 1, 1), D(2023, 12, 31))
