"""The count tables of schema version 7, kept by triggers, so that a page counts a
country's or a pair's events and mentions from a few hundred summary rows instead of
every row, for a CAMEO root (a two-digit code) too.

Events (groups of mentions, see `dedup`), kept by triggers on `event_groups`:

    group_party_months(party, month, year_only, root, quad_class, n, goldstein, usd)
    group_parties(party, root, quad_class, n, goldstein, usd)
    group_dyad_months(source, target, month, year_only, root, quad_class, n, goldstein, usd)
    group_dyads(source, target, root, quad_class, n, goldstein, usd)

Each counts the groups that are not negated: by the month of their first mention
(`month`: "YYYY-MM", "" for undated), whether that mention is dated only by its year
(`year_only`, from the group's `precision`: such a group is counted under "YYYY" and in
no month), the CAMEO root and quad class. A group counts once for each party on its
sides (once when both are one party), and in the dyad tables once for its (source,
target) when both sides have a party. `event_groups.precision` (the date precision of
the group's first mention) is new in version 7 too.

Mentions by root, kept by triggers on `events` as the month tables of version 2 are
(events neither negated nor marked wrong, by the month of their date):

    party_root_months(party, month, root, quad_class, n, goldstein, usd)
    party_roots(party, root, quad_class, n, goldstein, usd)
    dyad_root_months(source, target, month, root, quad_class, n, goldstein, usd)
    dyad_roots(source, target, root, quad_class, n, goldstein, usd)

Schema version 8 adds the tallies of groups, kept by triggers on `event_groups` in the
`tallies` table ("groups": groups not negated, "group_mentions": their mentions); pairs
by year, for the whole years of a long date range (a country's partners over five years
are read from five rows a partner, not sixty), and the pairs by month indexed by month
first, for the months around them:

    dyad_years(source, target, year, quad_class, n, goldstein, usd)          mentions
    group_dyad_years(source, target, year, quad_class, n, goldstein, usd)    events

and indexes of the events that have coordinates (for the map's latest located events).
"""

from __future__ import annotations

__all__: list[str] = []

_KEEP = ("n = n + excluded.n, goldstein = goldstein + excluded.goldstein, "
         "usd = usd + excluded.usd")
_TABLES = """
CREATE TABLE group_party_months (
    party      TEXT NOT NULL,
    month      TEXT NOT NULL,
    year_only  INTEGER NOT NULL,
    root       TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    goldstein  REAL NOT NULL,
    usd        REAL NOT NULL,
    PRIMARY KEY (party, month, year_only, root, quad_class)
) WITHOUT ROWID;
CREATE TABLE group_parties (
    party      TEXT NOT NULL,
    root       TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    goldstein  REAL NOT NULL,
    usd        REAL NOT NULL,
    PRIMARY KEY (party, root, quad_class)
) WITHOUT ROWID;
CREATE TABLE group_dyad_months (
    source     TEXT NOT NULL,
    target     TEXT NOT NULL,
    month      TEXT NOT NULL,
    year_only  INTEGER NOT NULL,
    root       TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    goldstein  REAL NOT NULL,
    usd        REAL NOT NULL,
    PRIMARY KEY (source, target, month, year_only, root, quad_class)
) WITHOUT ROWID;
CREATE INDEX group_dyad_months_target ON group_dyad_months(target, source, month, year_only,
                                                          root, quad_class, n, goldstein, usd);
CREATE TABLE group_dyads (
    source     TEXT NOT NULL,
    target     TEXT NOT NULL,
    root       TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    goldstein  REAL NOT NULL,
    usd        REAL NOT NULL,
    PRIMARY KEY (source, target, root, quad_class)
) WITHOUT ROWID;
CREATE INDEX group_dyads_target ON group_dyads(target, source, root, quad_class, n, goldstein,
                                               usd);
"""


def _month(row: str) -> str:
    return f"coalesce(substr({row}.first_date, 1, 7), '')"


def _year_only(row: str) -> str:
    return f"({row}.first_date IS NOT NULL AND coalesce({row}.precision = 'year', 0))"


def _body(row: str, sign: str) -> str:
    """SQL that adds (sign "+") or takes away (sign "-") one group row in the tables."""
    values = f"{sign}1, {sign}{row}.goldstein, {sign}coalesce({row}.usd, 0)"
    month, year_only = _month(row), _year_only(row)
    parties = (f"FROM (SELECT {row}.source_party AS p UNION SELECT {row}.target_party) "
               "WHERE p IS NOT NULL")
    dyad = f"WHERE {row}.source_party IS NOT NULL AND {row}.target_party IS NOT NULL"
    body = (
        "INSERT INTO group_party_months (party, month, year_only, root, quad_class, n, "
        f"goldstein, usd) SELECT p, {month}, {year_only}, {row}.root, {row}.quad_class, "
        f"{values} {parties} ON CONFLICT (party, month, year_only, root, quad_class) "
        f"DO UPDATE SET {_KEEP};\n"
        "INSERT INTO group_parties (party, root, quad_class, n, goldstein, usd) "
        f"SELECT p, {row}.root, {row}.quad_class, {values} {parties} "
        f"ON CONFLICT (party, root, quad_class) DO UPDATE SET {_KEEP};\n"
        "INSERT INTO group_dyad_months (source, target, month, year_only, root, quad_class, "
        f"n, goldstein, usd) SELECT {row}.source_party, {row}.target_party, {month}, "
        f"{year_only}, {row}.root, {row}.quad_class, {values} {dyad} "
        "ON CONFLICT (source, target, month, year_only, root, quad_class) "
        f"DO UPDATE SET {_KEEP};\n"
        "INSERT INTO group_dyads (source, target, root, quad_class, n, goldstein, usd) "
        f"SELECT {row}.source_party, {row}.target_party, {row}.root, {row}.quad_class, "
        f"{values} {dyad} ON CONFLICT (source, target, root, quad_class) "
        f"DO UPDATE SET {_KEEP};\n"
    )
    if sign == "-":
        same = f"root = {row}.root AND quad_class = {row}.quad_class"
        body += (
            f"DELETE FROM group_party_months WHERE n <= 0 AND month = {month} AND "
            f"year_only = {year_only} AND {same} AND party IN ({row}.source_party, "
            f"{row}.target_party);\n"
            f"DELETE FROM group_parties WHERE n <= 0 AND {same} AND party IN "
            f"({row}.source_party, {row}.target_party);\n"
            f"DELETE FROM group_dyad_months WHERE n <= 0 AND month = {month} AND "
            f"year_only = {year_only} AND {same} AND source = {row}.source_party AND "
            f"target = {row}.target_party;\n"
            f"DELETE FROM group_dyads WHERE n <= 0 AND {same} AND "
            f"source = {row}.source_party AND target = {row}.target_party;\n"
        )
    return body


_COUNTED = "{row}.negated = 0"
_COLUMNS = ("source_party, target_party, first_date, precision, root, quad_class, goldstein, "
            "usd, negated")

# The groups of a database stored before: their precision, then the tables filled at once.
_FILL = f"""
UPDATE event_groups SET precision = (SELECT x.date_precision FROM events x
                                     WHERE x.id = event_groups.event_id);
INSERT INTO group_party_months (party, month, year_only, root, quad_class, n, goldstein, usd)
    SELECT p, m, y, root, quad_class, count(*), sum(goldstein), sum(coalesce(usd, 0)) FROM (
        SELECT source_party AS p, {_month("g")} AS m, {_year_only("g")} AS y, root,
               quad_class, goldstein, usd
        FROM event_groups g WHERE negated = 0 AND source_party IS NOT NULL
        UNION ALL
        SELECT target_party, {_month("g")}, {_year_only("g")}, root, quad_class, goldstein, usd
        FROM event_groups g WHERE negated = 0 AND target_party IS NOT NULL
              AND target_party IS NOT source_party
    ) GROUP BY p, m, y, root, quad_class;
INSERT INTO group_parties (party, root, quad_class, n, goldstein, usd)
    SELECT party, root, quad_class, sum(n), sum(goldstein), sum(usd) FROM group_party_months
    GROUP BY party, root, quad_class;
INSERT INTO group_dyad_months (source, target, month, year_only, root, quad_class, n,
                               goldstein, usd)
    SELECT source_party, target_party, {_month("g")}, {_year_only("g")}, root, quad_class,
           count(*), sum(goldstein), sum(coalesce(usd, 0))
    FROM event_groups g WHERE negated = 0 AND source_party IS NOT NULL
                              AND target_party IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO group_dyads (source, target, root, quad_class, n, goldstein, usd)
    SELECT source, target, root, quad_class, sum(n), sum(goldstein), sum(usd)
    FROM group_dyad_months GROUP BY source, target, root, quad_class;
"""

_TRIGGERS = f"""
CREATE TRIGGER event_groups_counts_insert AFTER INSERT ON event_groups
WHEN {_COUNTED.format(row="NEW")} BEGIN
{_body("NEW", "+")}END;
CREATE TRIGGER event_groups_counts_delete AFTER DELETE ON event_groups
WHEN {_COUNTED.format(row="OLD")} BEGIN
{_body("OLD", "-")}END;
CREATE TRIGGER event_groups_counts_update_old AFTER UPDATE OF {_COLUMNS} ON event_groups
WHEN {_COUNTED.format(row="OLD")} BEGIN
{_body("OLD", "-")}END;
CREATE TRIGGER event_groups_counts_update_new AFTER UPDATE OF {_COLUMNS} ON event_groups
WHEN {_COUNTED.format(row="NEW")} BEGIN
{_body("NEW", "+")}END;
"""

_ROOT_TABLES = """
CREATE TABLE party_root_months (
    party      TEXT NOT NULL,
    month      TEXT NOT NULL,
    root       TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    goldstein  REAL NOT NULL,
    usd        REAL NOT NULL,
    PRIMARY KEY (party, root, month, quad_class)
) WITHOUT ROWID;
CREATE TABLE party_roots (
    party      TEXT NOT NULL,
    root       TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    goldstein  REAL NOT NULL,
    usd        REAL NOT NULL,
    PRIMARY KEY (party, root, quad_class)
) WITHOUT ROWID;
CREATE INDEX party_roots_root ON party_roots(root, party, quad_class, n, goldstein, usd);
CREATE TABLE dyad_root_months (
    source     TEXT NOT NULL,
    target     TEXT NOT NULL,
    month      TEXT NOT NULL,
    root       TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    goldstein  REAL NOT NULL,
    usd        REAL NOT NULL,
    PRIMARY KEY (source, root, target, month, quad_class)
) WITHOUT ROWID;
CREATE INDEX dyad_root_months_target ON dyad_root_months(target, root, source, month,
                                                         quad_class, n, goldstein, usd);
CREATE TABLE dyad_roots (
    source     TEXT NOT NULL,
    target     TEXT NOT NULL,
    root       TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    goldstein  REAL NOT NULL,
    usd        REAL NOT NULL,
    PRIMARY KEY (source, root, target, quad_class)
) WITHOUT ROWID;
CREATE INDEX dyad_roots_target ON dyad_roots(target, root, source, quad_class, n, goldstein,
                                             usd);
"""


def _root_body(row: str, sign: str) -> str:
    """SQL that adds (sign "+") or takes away (sign "-") one event row in the root tables."""
    values = f"{sign}1, {sign}{row}.goldstein, {sign}coalesce({row}.usd, 0)"
    month = f"coalesce(substr({row}.date, 1, 7), '')"
    parties = (f"FROM (SELECT {row}.source_party AS p UNION SELECT {row}.target_party) "
               "WHERE p IS NOT NULL")
    dyad = f"WHERE {row}.source_party IS NOT NULL AND {row}.target_party IS NOT NULL"
    body = (
        "INSERT INTO party_root_months (party, month, root, quad_class, n, goldstein, usd) "
        f"SELECT p, {month}, {row}.root, {row}.quad_class, {values} {parties} "
        f"ON CONFLICT (party, root, month, quad_class) DO UPDATE SET {_KEEP};\n"
        "INSERT INTO party_roots (party, root, quad_class, n, goldstein, usd) "
        f"SELECT p, {row}.root, {row}.quad_class, {values} {parties} "
        f"ON CONFLICT (party, root, quad_class) DO UPDATE SET {_KEEP};\n"
        "INSERT INTO dyad_root_months (source, target, month, root, quad_class, n, goldstein, "
        f"usd) SELECT {row}.source_party, {row}.target_party, {month}, {row}.root, "
        f"{row}.quad_class, {values} {dyad} "
        f"ON CONFLICT (source, root, target, month, quad_class) DO UPDATE SET {_KEEP};\n"
        "INSERT INTO dyad_roots (source, target, root, quad_class, n, goldstein, usd) "
        f"SELECT {row}.source_party, {row}.target_party, {row}.root, {row}.quad_class, "
        f"{values} {dyad} ON CONFLICT (source, root, target, quad_class) "
        f"DO UPDATE SET {_KEEP};\n"
    )
    if sign == "-":
        same = f"root = {row}.root AND quad_class = {row}.quad_class"
        body += (
            f"DELETE FROM party_root_months WHERE n <= 0 AND month = {month} AND {same} "
            f"AND party IN ({row}.source_party, {row}.target_party);\n"
            f"DELETE FROM party_roots WHERE n <= 0 AND {same} AND party IN "
            f"({row}.source_party, {row}.target_party);\n"
            f"DELETE FROM dyad_root_months WHERE n <= 0 AND month = {month} AND {same} AND "
            f"source = {row}.source_party AND target = {row}.target_party;\n"
            f"DELETE FROM dyad_roots WHERE n <= 0 AND {same} AND "
            f"source = {row}.source_party AND target = {row}.target_party;\n"
        )
    return body


_EVENT_COUNTED = "{row}.wrong = 0 AND {row}.negated = 0"
_EVENT_COLUMNS = ("source_party, target_party, root, quad_class, goldstein, date, usd, wrong, "
                  "negated")
_ROOT_FILL = """
INSERT INTO party_root_months (party, month, root, quad_class, n, goldstein, usd)
    SELECT p, m, root, quad_class, count(*), sum(goldstein), sum(coalesce(usd, 0)) FROM (
        SELECT source_party AS p, coalesce(substr(date, 1, 7), '') AS m, root, quad_class,
               goldstein, usd FROM events
        WHERE wrong = 0 AND negated = 0 AND source_party IS NOT NULL
        UNION ALL
        SELECT target_party, coalesce(substr(date, 1, 7), ''), root, quad_class, goldstein, usd
        FROM events WHERE wrong = 0 AND negated = 0 AND target_party IS NOT NULL
              AND target_party IS NOT source_party
    ) GROUP BY p, root, m, quad_class;
INSERT INTO party_roots (party, root, quad_class, n, goldstein, usd)
    SELECT party, root, quad_class, sum(n), sum(goldstein), sum(usd) FROM party_root_months
    GROUP BY party, root, quad_class;
INSERT INTO dyad_root_months (source, target, month, root, quad_class, n, goldstein, usd)
    SELECT source_party, target_party, coalesce(substr(date, 1, 7), ''), root, quad_class,
           count(*), sum(goldstein), sum(coalesce(usd, 0))
    FROM events WHERE wrong = 0 AND negated = 0 AND source_party IS NOT NULL
                      AND target_party IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5;
INSERT INTO dyad_roots (source, target, root, quad_class, n, goldstein, usd)
    SELECT source, target, root, quad_class, sum(n), sum(goldstein), sum(usd)
    FROM dyad_root_months GROUP BY source, target, root, quad_class;
"""
_ROOT_TRIGGERS = f"""
CREATE TRIGGER events_roots_insert AFTER INSERT ON events
WHEN {_EVENT_COUNTED.format(row="NEW")} BEGIN
{_root_body("NEW", "+")}END;
CREATE TRIGGER events_roots_delete AFTER DELETE ON events
WHEN {_EVENT_COUNTED.format(row="OLD")} BEGIN
{_root_body("OLD", "-")}END;
CREATE TRIGGER events_roots_update_old AFTER UPDATE OF {_EVENT_COLUMNS} ON events
WHEN {_EVENT_COUNTED.format(row="OLD")} BEGIN
{_root_body("OLD", "-")}END;
CREATE TRIGGER events_roots_update_new AFTER UPDATE OF {_EVENT_COLUMNS} ON events
WHEN {_EVENT_COUNTED.format(row="NEW")} BEGIN
{_root_body("NEW", "+")}END;
"""

# Version 6 -> 7.
_MIGRATE_7 = ("ALTER TABLE event_groups ADD COLUMN precision TEXT;\n"
              + _TABLES + _FILL + _TRIGGERS + _ROOT_TABLES + _ROOT_FILL + _ROOT_TRIGGERS)

def _year_body(table: str, row: str, day: str, sign: str) -> str:
    """SQL that adds or takes away one row (an event or a group) in a table of years."""
    values = f"{sign}1, {sign}{row}.goldstein, {sign}coalesce({row}.usd, 0)"
    year = f"coalesce(substr({row}.{day}, 1, 4), '')"
    body = (
        f"INSERT INTO {table} (source, target, year, quad_class, n, goldstein, usd) "
        f"SELECT {row}.source_party, {row}.target_party, {year}, {row}.quad_class, {values} "
        f"WHERE {row}.source_party IS NOT NULL AND {row}.target_party IS NOT NULL "
        f"ON CONFLICT (source, target, year, quad_class) DO UPDATE SET {_KEEP};\n"
    )
    if sign == "-":
        body += (f"DELETE FROM {table} WHERE n <= 0 AND year = {year} AND "
                 f"quad_class = {row}.quad_class AND source = {row}.source_party AND "
                 f"target = {row}.target_party;\n")
    return body


def _year_triggers() -> str:
    """The triggers of the tables of years: mentions on events, groups on event_groups."""
    out = ""
    for table, on, day, counted, columns in (
            ("dyad_years", "events", "date", _EVENT_COUNTED, _EVENT_COLUMNS),
            ("group_dyad_years", "event_groups", "first_date", _COUNTED, _COLUMNS)):
        for when, row, sign, after in (("insert", "NEW", "+", "INSERT"),
                                       ("delete", "OLD", "-", "DELETE"),
                                       ("update_old", "OLD", "-", f"UPDATE OF {columns}"),
                                       ("update_new", "NEW", "+", f"UPDATE OF {columns}")):
            out += (f"CREATE TRIGGER {on}_years_{when} AFTER {after} ON {on}\n"
                    f"WHEN {counted.format(row=row)} BEGIN\n"
                    f"{_year_body(table, row, day, sign)}END;\n")
    return out


# Version 7 -> 8: the tallies of groups, and indexes of located events.
_MIGRATE_8 = """
INSERT OR REPLACE INTO tallies (name, n)
    SELECT 'groups', count(*) FROM event_groups WHERE negated = 0;
INSERT OR REPLACE INTO tallies (name, n)
    SELECT 'group_mentions', coalesce(sum(num_mentions), 0) FROM event_groups
    WHERE negated = 0;
CREATE TRIGGER event_groups_tally_insert AFTER INSERT ON event_groups
WHEN NEW.negated = 0 BEGIN
    UPDATE tallies SET n = n + 1 WHERE name = 'groups';
    UPDATE tallies SET n = n + NEW.num_mentions WHERE name = 'group_mentions';
END;
CREATE TRIGGER event_groups_tally_delete AFTER DELETE ON event_groups
WHEN OLD.negated = 0 BEGIN
    UPDATE tallies SET n = n - 1 WHERE name = 'groups';
    UPDATE tallies SET n = n - OLD.num_mentions WHERE name = 'group_mentions';
END;
CREATE TRIGGER event_groups_tally_update_old AFTER UPDATE OF negated, num_mentions
ON event_groups WHEN OLD.negated = 0 BEGIN
    UPDATE tallies SET n = n - 1 WHERE name = 'groups';
    UPDATE tallies SET n = n - OLD.num_mentions WHERE name = 'group_mentions';
END;
CREATE TRIGGER event_groups_tally_update_new AFTER UPDATE OF negated, num_mentions
ON event_groups WHEN NEW.negated = 0 BEGIN
    UPDATE tallies SET n = n + 1 WHERE name = 'groups';
    UPDATE tallies SET n = n + NEW.num_mentions WHERE name = 'group_mentions';
END;
CREATE TABLE dyad_years (
    source     TEXT NOT NULL,
    target     TEXT NOT NULL,
    year       TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    goldstein  REAL NOT NULL,
    usd        REAL NOT NULL,
    PRIMARY KEY (source, year, target, quad_class)
) WITHOUT ROWID;
CREATE INDEX dyad_years_target ON dyad_years(target, year, source, quad_class, n, goldstein,
                                             usd);
CREATE TABLE group_dyad_years (
    source     TEXT NOT NULL,
    target     TEXT NOT NULL,
    year       TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    goldstein  REAL NOT NULL,
    usd        REAL NOT NULL,
    PRIMARY KEY (source, year, target, quad_class)
) WITHOUT ROWID;
CREATE INDEX group_dyad_years_target ON group_dyad_years(target, year, source, quad_class, n,
                                                         goldstein, usd);
INSERT INTO dyad_years (source, target, year, quad_class, n, goldstein, usd)
    SELECT source, target, substr(month, 1, 4), quad_class, sum(n), sum(goldstein), sum(usd)
    FROM dyad_months GROUP BY 1, 2, 3, 4;
INSERT INTO group_dyad_years (source, target, year, quad_class, n, goldstein, usd)
    SELECT source, target, substr(month, 1, 4), quad_class, sum(n), sum(goldstein), sum(usd)
    FROM group_dyad_months GROUP BY 1, 2, 3, 4;
""" + _year_triggers() + """
CREATE INDEX dyad_months_by_month ON dyad_months(source, month, target, quad_class, n,
                                                 goldstein, usd);
CREATE INDEX dyad_months_target_by_month ON dyad_months(target, month, source, quad_class, n,
                                                        goldstein, usd);
CREATE INDEX group_dyad_months_by_month ON group_dyad_months(source, month, target, year_only,
                                                             root, quad_class, n, goldstein,
                                                             usd);
CREATE INDEX group_dyad_months_target_by_month ON group_dyad_months(target, month, source,
                                                                    year_only, root,
                                                                    quad_class, n, goldstein,
                                                                    usd);
CREATE INDEX events_located ON events(date, id) WHERE place_lat IS NOT NULL;
CREATE INDEX events_located_source ON events(source_party, date, id)
    WHERE place_lat IS NOT NULL;
CREATE INDEX events_located_target ON events(target_party, date, id)
    WHERE place_lat IS NOT NULL;
"""
