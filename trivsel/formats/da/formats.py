"""The one way dates and times are written, on pages, PDFs, e-mails and the staff-room board
(docs/decisions.md, "Dates"): Dansk Sprognævn's forms, without leading zeros and
with the month written out in lower case. Templates use `|date` (the long form) or
`|date:"SHORT_DATE_FORMAT"` (tables and one-line metadata), and `dates.weekday_date` for a
meeting's own day; Python uses django.utils.formats.date_format with the same names."""

DATE_FORMAT = "j. F Y"  # 4. december 2026
SHORT_DATE_FORMAT = "j.n.Y"  # 4.12.2026
TIME_FORMAT = "H.i"  # 17.40
DATETIME_FORMAT = r"j. F Y \k\l. H.i"  # 4. december 2026 kl. 17.40
SHORT_DATETIME_FORMAT = "j.n.Y H.i"  # 4.12.2026 17.40
YEAR_MONTH_FORMAT = "F Y"  # december 2026
MONTH_DAY_FORMAT = "j. F"  # 4. december
WEEKDAY_DATE_FORMAT = r"l \d\e\n j. F Y"  # fredag den 4. december 2026 (not a Django name)
FIRST_DAY_OF_WEEK = 1

# What a user may type (the date inputs send ISO; a typed Danish date is accepted too)
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
