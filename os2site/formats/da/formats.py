"""Danish dates and numbers as the site writes them ("tirsdag 9. februar 2027, kl. 10.00", "10.000").
Django's own Danish formats fill in the rest; the WEEKDAY_ names are the site's own (home.formatting)."""

DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y, \\k\\l. H.i"
TIME_FORMAT = "H.i"
SHORT_DATE_FORMAT = "j.n.Y"
WEEKDAY_DATE_FORMAT = "l j. F Y"
WEEKDAY_DATETIME_FORMAT = "l j. F Y, \\k\\l. H.i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
