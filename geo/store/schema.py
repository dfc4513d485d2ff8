"""The store's tables (SQLAlchemy Core), one definition for SQLite and PostgreSQL+PostGIS."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

SCHEMA_VERSION = 2
# Derived tables: a migration may drop them, since every article re-parses into them.
DERIVED = ("mentions", "events")
TABLES = ("articles", "mentions", "events", "corrections", "aliases")

MENTION_FIELDS: tuple[tuple[str, type[sa.types.TypeEngine[Any]]], ...] = (
    ("mention_id", sa.Text), ("start", sa.Integer), ("end", sa.Integer), ("surface", sa.Text), ("name", sa.Text),
    ("kind", sa.Text), ("geonameid", sa.BigInteger), ("country", sa.Text), ("admin1", sa.Text),
    ("confidence", sa.Float), ("lat", sa.Float), ("lon", sa.Float), ("sentence", sa.Text),
    ("alternatives", sa.Text),
)
EVENT_FIELDS: tuple[tuple[str, type[sa.types.TypeEngine[Any]]], ...] = (
    ("event_id", sa.Text), ("place", sa.Text), ("kind", sa.Text), ("lat", sa.Float), ("lon", sa.Float),
    ("type", sa.Text), ("date", sa.Text), ("date_precision", sa.Text), ("actor", sa.Text), ("source", sa.Text),
    ("status", sa.Text), ("sentence", sa.Text), ("start", sa.Integer), ("end", sa.Integer), ("unit", sa.Text),
    ("denied_by", sa.Text), ("date_from", sa.Text), ("alternatives", sa.Text),
)


def _geom(postgis: bool) -> sa.Column[object]:
    if postgis:
        from geoalchemy2 import Geometry

        return sa.Column("geom", Geometry("POINT", srid=4326, spatial_index=True))
    return sa.Column("geom", sa.Text)  # WKT; SQLite keeps lat/lon columns for queries


def _article_fk() -> sa.Column[int]:
    return sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"),
                     nullable=False, index=True)


def define_tables(md: sa.MetaData, *, postgis: bool) -> dict[str, sa.Table]:
    """Every table of the store, by name."""
    tz = sa.DateTime(timezone=True)
    articles = sa.Table(
        "articles", md, sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True), sa.Column("name", sa.Text, nullable=False),
        sa.Column("published", sa.Date), sa.Column("text", sa.Text, nullable=False),
        sa.Column("collection", sa.Text, nullable=False, server_default="shared", index=True),
        sa.Column("added_by", sa.Text), sa.Column("added_at", tz),
        sa.Column("parser_version", sa.Text), sa.Column("parsed_at", tz))
    mentions = sa.Table("mentions", md, sa.Column("id", sa.Integer, primary_key=True), _article_fk(),
                        *(sa.Column(c, t) for c, t in MENTION_FIELDS), _geom(postgis))
    events = sa.Table("events", md, sa.Column("id", sa.Integer, primary_key=True), _article_fk(),
                      *(sa.Column(c, t, index=c in ("event_id", "date")) for c, t in EVENT_FIELDS), _geom(postgis),
                      sa.Index("ix_events_lat_lon", "lat", "lon"))  # the archive view asks by box
    corrections = sa.Table(
        "corrections", md, sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("target", sa.Text, nullable=False), sa.Column("scope", sa.Text, nullable=False,
                                                                 server_default="event"),
        sa.Column("article_sha", sa.Text), sa.Column("key", sa.Text, nullable=False),
        sa.Column("place", sa.Text), sa.Column("etype", sa.Text),
        sa.Column("field", sa.Text, nullable=False), sa.Column("old", sa.Text), sa.Column("new", sa.Text),
        sa.Column("who", sa.Text), sa.Column("at", tz), sa.Column("why", sa.Text))
    aliases = sa.Table("aliases", md, sa.Column("alias", sa.Text, primary_key=True),
                       sa.Column("target", sa.Text, nullable=False), sa.Column("who", sa.Text), sa.Column("at", tz))
    meta = sa.Table("meta", md, sa.Column("key", sa.Text, primary_key=True), sa.Column("value", sa.Text))
    return {t.name: t for t in (articles, mentions, events, corrections, aliases, meta)}


def migrate_v1(conn: sa.Connection) -> None:
    """Schema 1 -> 2: stored parses gain ids and versions (dropped, to be re-parsed), corrections a scope.

    Schema 1 keyed event corrections by place and type, so they become ``place_type``
    corrections: they keep meaning what the editor saw them do.
    """
    for name in DERIVED:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
    for column, ddl in (("collection", "TEXT NOT NULL DEFAULT 'shared'"), ("parser_version", "TEXT"),
                        ("parsed_at", "TIMESTAMP")):
        conn.exec_driver_sql(f"ALTER TABLE articles ADD COLUMN {column} {ddl}")
    for column, ddl in (("scope", "TEXT NOT NULL DEFAULT 'event'"), ("place", "TEXT"), ("etype", "TEXT")):
        conn.exec_driver_sql(f"ALTER TABLE corrections ADD COLUMN {column} {ddl}")
    conn.exec_driver_sql("UPDATE corrections SET scope = 'place_type' WHERE target = 'event'")
