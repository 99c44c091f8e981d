"""English dates and numbers for visitors of a Danish site: day before month, a 24-hour clock
("Tuesday 9 February 2027, 10:00", "10,000"). Django's own English formats fill in the rest; the
WEEKDAY_ names are the site's own (home.formatting)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "j M Y"
WEEKDAY_DATE_FORMAT = "l j F Y"
WEEKDAY_DATETIME_FORMAT = "l j F Y, H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
