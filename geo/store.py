"""The newsroom's shared corpus: articles, mentions, events, corrections and taught aliases.

One store serves every user of a server and survives restarts.  The embedded
default is SQLite in a data directory (WAL, one short write transaction per
article, a schema version); a newsroom that outgrows one process points it at
PostgreSQL + PostGIS by URL (spatial columns and indexes there).  Both go
through SQLAlchemy Core, so the code is one.

An article is identified by the SHA-256 of its text: the same article added
twice, by two editors at once, is stored once.  Parsing happens before the
write transaction; the transaction inserts the article, its mentions and its
events together or not at all.  Corrections are keyed by the article's hash
and a stable key (an event's place and type, a mention's offsets), so they are
applied over fresh parses and survive re-parsing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.exc import IntegrityError

from geo.documents import Document
from geo.errors import FrontlineError
from geo.events import EVENT_KEYS, Event
from geo.gazetteer import Gazetteer
from geo.pipeline import parse_events

SCHEMA_VERSION = 1
CORRECTABLE = {"event": ("type", "status", "date", "date_precision", "actor", "source"),
               "place": ("location",), "route": ("status",)}


class StoreError(FrontlineError, RuntimeError):
    """The store cannot be opened or written; the message says what to check."""


def default_data_dir() -> Path:
    """$FRONTLINE_DATA, else ~/.local/share/frontline-map."""
    env = os.environ.get("FRONTLINE_DATA")
    return Path(env) if env else Path.home() / ".local" / "share" / "frontline-map"


def text_hash(text: str) -> str:
    """The article's identity: whitespace-normalised text, hashed."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def _tables(md: sa.MetaData, postgis: bool) -> dict[str, sa.Table]:
    def geom() -> sa.Column:
        if postgis:
            from geoalchemy2 import Geometry

            return sa.Column("geom", Geometry("POINT", srid=4326, spatial_index=True))
        return sa.Column("geom", sa.Text)  # WKT; SQLite keeps lat/lon columns for queries

    articles = sa.Table("articles", md, sa.Column("id", sa.Integer, primary_key=True),
                        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
                        sa.Column("name", sa.Text, nullable=False), sa.Column("published", sa.Date),
                        sa.Column("text", sa.Text, nullable=False), sa.Column("added_by", sa.Text),
                        sa.Column("added_at", sa.DateTime(timezone=True)))
    mentions = sa.Table("mentions", md, sa.Column("id", sa.Integer, primary_key=True),
                        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"),
                                  nullable=False, index=True),
                        *(sa.Column(c, t) for c, t in (("start", sa.Integer), ("end", sa.Integer),
                                                       ("surface", sa.Text), ("name", sa.Text), ("kind", sa.Text),
                                                       ("geonameid", sa.BigInteger), ("country", sa.Text),
                                                       ("admin1", sa.Text), ("confidence", sa.Float),
                                                       ("lat", sa.Float), ("lon", sa.Float))), geom())
    events = sa.Table("events", md, sa.Column("id", sa.Integer, primary_key=True),
                      sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"),
                                nullable=False, index=True),
                      *(sa.Column(c, sa.Float if c in ("lat", "lon") else sa.Integer if c in ("start", "end")
                                  else sa.Text) for c in (*EVENT_KEYS[1:], "unit", "denied_by", "date_from")),
                      geom())
    corrections = sa.Table("corrections", md, sa.Column("id", sa.Integer, primary_key=True),
                           sa.Column("target", sa.Text, nullable=False), sa.Column("article_sha", sa.Text),
                           sa.Column("key", sa.Text, nullable=False), sa.Column("field", sa.Text, nullable=False),
                           sa.Column("old", sa.Text), sa.Column("new", sa.Text), sa.Column("who", sa.Text),
                           sa.Column("at", sa.DateTime(timezone=True)), sa.Column("why", sa.Text))
    aliases = sa.Table("aliases", md, sa.Column("alias", sa.Text, primary_key=True),
                       sa.Column("target", sa.Text, nullable=False), sa.Column("who", sa.Text),
                       sa.Column("at", sa.DateTime(timezone=True)))
    meta = sa.Table("meta", md, sa.Column("key", sa.Text, primary_key=True), sa.Column("value", sa.Text))
    return {t.name: t for t in (articles, mentions, events, corrections, aliases, meta)}


@dataclass(frozen=True)
class Ingested:
    """What happened to one article."""

    name: str
    added: bool
    reason: str = ""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _sqlite_engine(path: Path) -> sa.Engine:
    engine = sa.create_engine(f"sqlite:///{path}", connect_args={"timeout": 60})

    @sa_event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API objects
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (SQLAlchemy's pysqlite recipe)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @sa_event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # noqa: ANN001
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # take the write lock up front: no upgrade deadlocks

    return engine


class Store:
    """A connection to the corpus; cheap to create, safe to share within a process."""

    def __init__(self, target: str | Path | None = None) -> None:
        target = str(target) if target is not None else str(default_data_dir())
        if "://" in target:
            self.engine = sa.create_engine(target.replace("postgresql://", "postgresql+psycopg://", 1),
                                           pool_pre_ping=True)
            self.postgis = self.engine.dialect.name == "postgresql"
        else:
            folder = Path(target)
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{folder}: cannot create the data directory ({exc.strerror})") from None
            self.engine = _sqlite_engine(folder / "frontline.sqlite")
            self.postgis = False
        self.md = sa.MetaData()
        self.t = _tables(self.md, self.postgis)
        self.migrate()

    def migrate(self) -> None:
        """Create the schema, or bring an older one up to SCHEMA_VERSION."""
        try:
            with self.engine.begin() as conn:
                if self.postgis:
                    conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS postgis")
                self.md.create_all(conn)
                version = conn.execute(sa.select(self.t["meta"].c.value).where(
                    self.t["meta"].c.key == "schema_version")).scalar()
                if version is None:
                    conn.execute(self.t["meta"].insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
                elif int(version) > SCHEMA_VERSION:
                    raise StoreError(f"the store's schema {version} is newer than this program's "
                                     f"{SCHEMA_VERSION}; upgrade frontline-map")
        except sa.exc.OperationalError as exc:
            raise StoreError(f"cannot open the store ({exc.orig}); check --db / FRONTLINE_DB") from None

    # --- writing ---------------------------------------------------------------------------------

    def _geom(self, lat: float | None, lon: float | None) -> object:
        if lat is None or lon is None:
            return None
        return f"SRID=4326;POINT({lon} {lat})" if self.postgis else f"POINT ({lon} {lat})"

    def ingest(self, doc: Document, gaz: Gazetteer, *, who: str = "cli") -> Ingested:
        """Parse and store one article in one transaction; a known article is skipped."""
        sha = text_hash(doc.text)
        with self.engine.connect() as conn:
            if conn.execute(sa.select(self.t["articles"].c.id).where(self.t["articles"].c.sha256 == sha)).first():
                return Ingested(doc.name, False, "already present")
        events, rows = parse_events(doc.text, gaz, doc=doc.name, published=doc.date)
        try:
            with self.engine.begin() as conn:
                article_id = conn.execute(self.t["articles"].insert().values(
                    sha256=sha, name=doc.name, published=doc.date, text=doc.text, added_by=who,
                    added_at=_now())).inserted_primary_key[0]
                self._insert_parsed(conn, article_id, events, rows)
        except IntegrityError:
            return Ingested(doc.name, False, "already present")  # another editor was faster
        return Ingested(doc.name, True)

    def _insert_parsed(self, conn: sa.Connection, article_id: int, events: list[Event], rows: list[dict]) -> None:
        mcols = {c.name for c in self.t["mentions"].c} - {"id", "article_id", "geom"}
        if rows:
            conn.execute(self.t["mentions"].insert(), [
                {**{k: r.get(k) for k in mcols}, "article_id": article_id, "geom": self._geom(r["lat"], r["lon"])}
                for r in rows])
        ecols = {c.name for c in self.t["events"].c} - {"id", "article_id", "geom"}
        if events:
            conn.execute(self.t["events"].insert(), [
                {**{k: getattr(e, k) for k in ecols}, "article_id": article_id, "geom": self._geom(e.lat, e.lon)}
                for e in events])

    def reparse(self, gaz: Gazetteer) -> int:
        """Parse every article again (after a gazetteer update); corrections are kept."""
        with self.engine.connect() as conn:
            arts = conn.execute(sa.select(self.t["articles"])).mappings().all()
        for art in arts:
            events, rows = parse_events(art["text"], gaz, doc=art["name"], published=art["published"])
            with self.engine.begin() as conn:
                conn.execute(self.t["mentions"].delete().where(self.t["mentions"].c.article_id == art["id"]))
                conn.execute(self.t["events"].delete().where(self.t["events"].c.article_id == art["id"]))
                self._insert_parsed(conn, art["id"], events, rows)
        return len(arts)

    def correct(self, target: str, key: str, field: str, new: str, *, who: str, why: str,
                article_sha: str | None = None, old: str | None = None) -> None:
        """Record an editor's correction (who, when, why); applied whenever the data is read."""
        if field not in CORRECTABLE.get(target, ()):
            raise StoreError(f"cannot correct {target}.{field}; correctable: {CORRECTABLE.get(target)}")
        if not who or not why.strip():
            raise StoreError("a correction needs who made it and why")
        with self.engine.begin() as conn:
            conn.execute(self.t["corrections"].insert().values(target=target, article_sha=article_sha, key=key,
                                                               field=field, old=old, new=new, who=who,
                                                               at=_now(), why=why))

    def teach_alias(self, alias: str, target: str, *, who: str) -> None:
        """A new spelling for a place; future articles resolve it (see :func:`apply_aliases`)."""
        with self.engine.begin() as conn:
            conn.execute(self.t["aliases"].delete().where(self.t["aliases"].c.alias == alias))
            conn.execute(self.t["aliases"].insert().values(alias=alias, target=target, who=who, at=_now()))

    # --- reading ---------------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {name: conn.execute(sa.select(sa.func.count()).select_from(self.t[name])).scalar_one()
                    for name in ("articles", "mentions", "events", "corrections", "aliases")}

    def article_count(self) -> int:
        """A cheap check of whether the corpus changed."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(self.t["articles"])).scalar_one()

    def documents(self) -> list[Document]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(self.t["articles"]).order_by(self.t["articles"].c.id)).mappings().all()
        return [Document(r["name"], r["text"], r["published"]) for r in rows]

    def corrections(self) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(self.t["corrections"]).order_by(self.t["corrections"].c.id))
            return [dict(r) for r in rows.mappings()]

    def aliases(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            return {r.alias: r.target for r in conn.execute(sa.select(self.t["aliases"]))}

    def health(self) -> bool:
        try:
            with self.engine.connect() as conn:
                return conn.execute(sa.text("SELECT 1")).scalar() == 1
        except sa.exc.SQLAlchemyError:
            return False

    def wipe(self) -> None:
        with self.engine.begin() as conn:
            for name in ("events", "mentions", "corrections", "aliases", "articles"):
                conn.execute(self.t[name].delete())


def event_key(place: str, etype: str) -> str:
    """The stable key of an event for corrections."""
    return f"{place}|{etype}"


def apply_corrections(events: list[Event], corrections: list[dict]) -> list[Event]:
    """Events with the latest correction of each field applied (corrections are in order).

    A place correction (target "place", key = the place name as parsed, new = JSON with name,
    lat, lon) moves every event at that place: an editor chose a runner-up, searched the
    gazetteer or clicked the map.
    """
    from dataclasses import replace

    latest: dict[tuple[str, str], str] = {}
    places: dict[str, dict] = {}
    for c in corrections:
        if c["target"] == "event":
            latest[(c["key"], c["field"])] = c["new"]
        elif c["target"] == "place":
            places[c["key"]] = json.loads(c["new"])
    out = []
    for e in events:
        changes = {field: new for (key, field), new in latest.items() if key == event_key(e.place, e.type)}
        moved = places.get(e.place)
        if moved:
            changes.update(place=moved["name"], lat=float(moved["lat"]), lon=float(moved["lon"]))
        out.append(replace(e, **changes) if changes else e)
    return out


def route_overrides(corrections: list[dict]) -> dict[str, str]:
    """ref -> status that an editor set (the latest wins)."""
    return {c["key"]: c["new"] for c in corrections if c["target"] == "route"}


def apply_aliases(gaz: Gazetteer, aliases: dict[str, str]) -> Gazetteer:
    """Teach the in-memory gazetteer the store's aliases (alias -> an existing place name)."""
    from geo.normalize import fold_name

    for alias, target in aliases.items():
        found = [i for i, primary in gaz.lookup(target) if primary]
        if not found:
            continue
        best = max(found, key=lambda i: (gaz.kinds[i] == "country", gaz.pops[i]))
        key = fold_name(alias)
        codes = set(gaz.index.get(key, ())) | {(best << 1) | 1}
        gaz.index[key] = tuple(sorted(codes))
        words = key.split()
        if len(words) > 1:
            gaz.prefixes = gaz.prefixes | {" ".join(words[:n]) for n in range(1, len(words))}
    return gaz


def backup(store: Store, path: Path) -> Path:
    """The whole corpus as one GeoPackage (tables articles, mentions, events, corrections, aliases)."""
    import geopandas as gpd
    import pandas as pd

    from layers.export import atomic_write

    def write(tmp: Path) -> None:
        with store.engine.connect() as conn:
            for name in ("articles", "mentions", "events", "corrections", "aliases"):
                cols = [c for c in store.t[name].c if c.name != "geom"]
                frame = pd.DataFrame(conn.execute(sa.select(*cols)).mappings().all(), columns=[c.name for c in cols])
                for col in frame.columns:
                    if frame[col].map(lambda v: isinstance(v, (dt.date, dt.datetime))).any():
                        frame[col] = frame[col].map(lambda v: v.isoformat() if v is not None else None)
                geometry = None
                if {"lat", "lon"} <= set(frame.columns):
                    geometry = gpd.points_from_xy(frame["lon"], frame["lat"])
                gdf = gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326") if geometry is not None \
                    else gpd.GeoDataFrame(frame)
                if gdf.empty:
                    gdf = gdf.assign(_empty=pd.Series(dtype="int64"))
                gdf.to_file(tmp, driver="GPKG", layer=name, engine="pyogrio")
        meta = {"schema_version": SCHEMA_VERSION, "made": _now().isoformat()}
        gpd.GeoDataFrame(pd.DataFrame([{"meta": json.dumps(meta)}])).to_file(tmp, driver="GPKG", layer="meta",
                                                                           engine="pyogrio")

    return atomic_write(path, write)


def restore(store: Store, path: Path) -> dict[str, int]:
    """Replace the store's corpus by a backup, in one transaction."""
    import pyogrio

    try:
        layers = {name for name, _ in pyogrio.list_layers(path)}
    except Exception as exc:  # noqa: BLE001 - any driver error means: not our backup
        raise StoreError(f"{path}: not a Frontline Map backup ({exc})") from None
    if not {"articles", "mentions", "events", "corrections", "aliases"} <= layers:
        raise StoreError(f"{path}: not a Frontline Map backup (tables missing)")
    frames = {name: pyogrio.read_dataframe(path, layer=name, read_geometry=False)
              for name in ("articles", "mentions", "events", "corrections", "aliases")}
    with store.engine.begin() as conn:
        for name in ("events", "mentions", "corrections", "aliases", "articles"):
            conn.execute(store.t[name].delete())
        for name in ("articles", "mentions", "events", "corrections", "aliases"):
            table, frame = store.t[name], frames[name]
            cols = [c.name for c in table.c if c.name in frame.columns]
            records = []
            for rec in frame[cols].to_dict("records"):
                clean = {k: (None if _missing(v) else v) for k, v in rec.items()}
                for c in table.c:
                    if c.name in clean and clean[c.name] is not None:
                        if isinstance(c.type, sa.Date):
                            clean[c.name] = dt.date.fromisoformat(str(clean[c.name])[:10])
                        elif isinstance(c.type, sa.DateTime):
                            clean[c.name] = dt.datetime.fromisoformat(str(clean[c.name]))
                if "lat" in clean and "geom" in table.c:
                    clean["geom"] = store._geom(clean.get("lat"), clean.get("lon"))
                records.append(clean)
            if records:
                conn.execute(table.insert(), records)
        if store.postgis:  # explicit ids leave the serial sequences behind
            for name in ("articles", "mentions", "events", "corrections"):
                conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                     f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)")
    return store.stats()


def _missing(v: object) -> bool:
    try:
        return v is None or (isinstance(v, float) and v != v)
    except TypeError:
        return False
