"""The newsroom's shared corpus: articles with their stored parses, corrections, taught aliases.

One store serves every user of a server and survives restarts.  The embedded
default is SQLite in a data directory (WAL, one short write transaction per
article, a schema version); a newsroom that outgrows one process points it at
PostgreSQL + PostGIS by URL (spatial columns and indexes there).  Both go
through SQLAlchemy Core, so the code is one.

The store never parses: it is handed :class:`~frontline_map.geo.text.parse.Parsed`
results and stores the article, its mentions and its events in one transaction,
with the parser's version.  Readers get the stored rows back; :meth:`Store.stale`
lists the articles a newer parser should read again.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.exc import IntegrityError

from frontline_map.geo.errors import StoreError
from frontline_map.geo.events.corrections import SCOPES
from frontline_map.geo.events.extract import CORRECTION_FIELDS, Event
from frontline_map.geo.io.documents import Document
from frontline_map.geo.settings import Settings
from frontline_map.geo.store.schema import (
    EVENT_FIELDS,
    MENTION_FIELDS,
    SCHEMA_VERSION,
    TABLES,
    define_tables,
    migrate_v1,
)
from frontline_map.geo.text.parse import Parsed

CORRECTABLE = {"event": CORRECTION_FIELDS, "place": ("location",), "route": ("status",)}
EVENT_COLUMNS = tuple(c for c, _ in EVENT_FIELDS if c != "event_id")


def _geom_text(lat: float | None, lon: float | None, postgis: bool) -> str | None:
    if lat is None or lon is None:
        return None
    return f"SRID=4326;POINT({lon} {lat})" if postgis else f"POINT ({lon} {lat})"


@dataclass(frozen=True)
class Rows:
    """A parsed article as the rows the store inserts.

    Built where the article was parsed (a Dask worker), so the one writer only adds the
    article's id and hands the rows to the driver.
    """

    doc: Document
    version: str
    mentions: list[dict[str, object]]
    events: list[dict[str, object]]


def to_rows(parsed: Parsed, *, postgis: bool) -> Rows:
    """The mention and event rows of a parse, for a store of that kind."""
    mentions = [{**{c: _cell(r.get("id" if c == "mention_id" else c)) for c, _ in MENTION_FIELDS},
                 "geom": _geom_text(r["lat"], r["lon"], postgis)} for r in parsed.mentions]
    events = [{**{c: getattr(e, c) for c in EVENT_COLUMNS}, "event_id": e.id, "geom": _geom_text(e.lat, e.lon, postgis)}
              for e in parsed.events]
    return Rows(parsed.doc, parsed.version, mentions, events)


@dataclass(frozen=True)
class Ingested:
    """What happened to one article."""

    name: str
    added: bool
    reason: str = ""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _sqlite_engine(path: Path, *, read_only: bool = False) -> sa.Engine:
    if read_only:  # opened read-only by SQLite itself: works on a read-only file or folder
        engine = sa.create_engine(f"sqlite:///file:{path}?mode=ro&uri=true", connect_args={"timeout": 60})
    else:
        engine = sa.create_engine(f"sqlite:///{path}", connect_args={"timeout": 60})

    @sa_event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: object) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (SQLAlchemy's pysqlite recipe)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA query_only=ON" if read_only else "PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @sa_event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        # writers take the write lock up front (no upgrade deadlocks); a read-only store only reads
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def _engine(target: str, *, read_only: bool = False) -> tuple[sa.Engine, bool]:
    if "://" not in target:
        folder = Path(target)
        if read_only:
            if not (folder / "frontline.sqlite").is_file():
                raise StoreError(f"{folder}: holds no store; check FRONTLINE_DATA or --db")
            return _sqlite_engine(folder / "frontline.sqlite", read_only=True), False
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            msg = f"{folder}: cannot create the data directory ({exc.strerror}); check FRONTLINE_DATA"
            raise StoreError(msg) from None
        return _sqlite_engine(folder / "frontline.sqlite"), False
    if not target.startswith(("postgresql://", "postgresql+psycopg://")):
        msg = f"{target.split('://')[0]}:// stores are not supported; use postgresql://USER:PASSWORD@HOST/DB or a data directory"
        raise StoreError(msg)
    url = target.replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        engine = sa.create_engine(url, pool_pre_ping=True)
        if read_only:
            engine = engine.execution_options(postgresql_readonly=True)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ModuleNotFoundError):
        msg = ("the store URL must be postgresql://USER:PASSWORD@HOST/DB (pip install 'frontline-map[postgis]') "
               "or a data directory")
        raise StoreError(msg) from None
    return engine, engine.dialect.name == "postgresql"


class Store:
    """A connection to the corpus; cheap to create, safe to share within a process."""

    def __init__(self, target: str | Path | None = None, *, read_only: bool = False) -> None:
        self.read_only = read_only
        self.engine, self.postgis = _engine(str(target) if target is not None else str(Settings().data_dir),
                                            read_only=read_only)
        self.md = sa.MetaData()
        self.t = define_tables(self.md, postgis=self.postgis)
        # bulk inserts skip SQLAlchemy's per-row parameter handling: compiled once, rows go to the driver
        self._columns = {name: [c.name for c in self.t[name].c if c.name != "id"] for name in ("mentions", "events")}
        self._insert_sql = {name: str(self.t[name].insert().compile(dialect=self.engine.dialect, column_keys=keys))
                            for name, keys in self._columns.items()}
        self._positional = self.engine.dialect.paramstyle in ("qmark", "format", "numeric")
        if read_only:
            self._check_version()
        else:
            self.migrate()

    def _check_version(self) -> None:
        """A read-only store must already have this program's schema: nothing can be migrated."""
        meta = self.t["meta"]
        try:
            with self.engine.connect() as conn:
                version = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"cannot read the store ({str(exc.orig).splitlines()[0]})") from None
        if version is None or int(version) != SCHEMA_VERSION:
            msg = f"the read-only store has schema {version}, this program {SCHEMA_VERSION}; open it writable once"
            raise StoreError(msg)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only; nothing can be added or corrected now")

    def migrate(self) -> None:
        """Create the schema, or bring an older one up to SCHEMA_VERSION."""
        meta = self.t["meta"]
        try:
            with self.engine.begin() as conn:
                if self.postgis:
                    conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS postgis")
                has_meta = sa.inspect(conn).has_table("meta")
                version = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar() \
                    if has_meta else None
                if version is not None and int(version) > SCHEMA_VERSION:
                    msg = (f"the store's schema {version} is newer than this program's {SCHEMA_VERSION}; "
                           "upgrade frontline-map")
                    raise StoreError(msg)
                if version is not None and int(version) == 1:
                    migrate_v1(conn)
                self.md.create_all(conn)
                if version is None:
                    conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
                elif int(version) < SCHEMA_VERSION:
                    conn.execute(meta.update().where(meta.c.key == "schema_version")
                                 .values(value=str(SCHEMA_VERSION)))
            if self.postgis:
                self._check_may_write()
        except sa.exc.DBAPIError as exc:  # unreachable, read-only transactions, no rights to create
            msg = f"cannot open the store for writing ({str(exc.orig).splitlines()[0]}); check --db / FRONTLINE_DB"
            raise StoreError(msg) from None

    def _check_may_write(self) -> None:
        """A PostgreSQL role that may only read is found here, not at an editor's first save."""
        with self.engine.connect() as conn:
            may = conn.exec_driver_sql("SELECT has_table_privilege(current_user, 'articles', 'INSERT') AND "
                                       "has_table_privilege(current_user, 'corrections', 'INSERT')").scalar()
        if not may:
            raise StoreError("the store's database user may only read; open it read-only or grant INSERT")

    # --- writing ---------------------------------------------------------------------------------

    def _geom(self, lat: float | None, lon: float | None) -> str | None:
        return _geom_text(lat, lon, self.postgis)

    def has(self, sha: str) -> bool:
        """Whether an article with this text hash is stored."""
        a = self.t["articles"]
        with self.engine.connect() as conn:
            return conn.execute(sa.select(a.c.id).where(a.c.sha256 == sha)).first() is not None

    def save(self, parsed: Parsed | Rows, *, who: str = "cli", collection: str = "shared") -> Ingested:
        """Store one parsed article with its mentions and events in one transaction; a known one is skipped."""
        self._writable()
        doc = parsed.doc
        try:
            with self.engine.begin() as conn:
                inserted = conn.execute(self.t["articles"].insert().values(
                    sha256=doc.sha, name=doc.name, published=doc.date, text=doc.text, collection=collection,
                    added_by=who, added_at=_now(), parser_version=parsed.version, parsed_at=_now()))
                article_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]  # one row inserted
                self._insert_parsed(conn, article_id, parsed)
        except IntegrityError:
            return Ingested(doc.name, False, "already present")  # the same text, or another editor was faster
        except sa.exc.DBAPIError as exc:  # a full disk, a read-only file, a lost server: one line, no SQL
            raise _write_error(exc) from None
        return Ingested(doc.name, True)

    def known(self, shas: Sequence[str]) -> set[str]:
        """Which of these text hashes the store holds already (one query)."""
        if not shas:
            return set()
        a = self.t["articles"]
        with self.engine.connect() as conn:
            return {r[0] for r in conn.execute(sa.select(a.c.sha256).where(a.c.sha256.in_(list(shas))))}

    def save_many(self, batch: Sequence[Parsed | Rows], *, who: str = "cli",
                  collection: str = "shared") -> list[Ingested]:
        """Store a batch of parsed articles in one transaction (bulk inserts); known texts are skipped.

        Exactly once by text hash: if another writer stored one of them meanwhile, the
        batch is rolled back and saved article by article instead.
        """
        self._writable()
        known = self.known([p.doc.sha for p in batch])
        first: dict[str, Parsed | Rows] = {}
        for p in batch:
            if p.doc.sha not in known:
                first.setdefault(p.doc.sha, p)
        fresh = list(first.values())
        a = self.t["articles"]
        now = _now()
        try:
            with self.engine.begin() as conn:
                if fresh:
                    rows = conn.execute(a.insert().returning(a.c.id, sort_by_parameter_order=True), [
                        {"sha256": p.doc.sha, "name": p.doc.name, "published": p.doc.date, "text": p.doc.text,
                         "collection": collection, "added_by": who, "added_at": now, "parser_version": p.version,
                         "parsed_at": now} for p in fresh]).all()
                    self._insert_many(conn, [(int(r[0]), p) for r, p in zip(rows, fresh, strict=True)])
        except IntegrityError:
            return [self.save(p, who=who, collection=collection) for p in batch]
        except sa.exc.DBAPIError as exc:
            raise _write_error(exc) from None
        added, results = {p.doc.sha for p in fresh}, []
        for p in batch:  # the same text twice in one batch is stored once, for its first copy
            results.append(Ingested(p.doc.name, True) if p.doc.sha in added
                           else Ingested(p.doc.name, False, "already present"))
            added.discard(p.doc.sha)
        return results

    def replace_parse(self, parsed: Parsed) -> None:
        """Swap an article's stored parse for a newer one (``db reparse``); corrections stay."""
        self._writable()
        a = self.t["articles"]
        with self.engine.begin() as conn:
            article_id = conn.execute(sa.select(a.c.id).where(a.c.sha256 == parsed.doc.sha)).scalar()
            if article_id is None:
                return
            for name in ("mentions", "events"):
                conn.execute(self.t[name].delete().where(self.t[name].c.article_id == article_id))
            self._insert_parsed(conn, article_id, parsed)
            conn.execute(a.update().where(a.c.id == article_id).values(parser_version=parsed.version,
                                                                       parsed_at=_now()))

    def _insert_parsed(self, conn: sa.Connection, article_id: int, parsed: Parsed | Rows) -> None:
        self._insert_many(conn, [(article_id, parsed)])

    def _insert_many(self, conn: sa.Connection, stored: Sequence[tuple[int, Parsed | Rows]]) -> None:
        """The mentions and events of stored articles: one driver-level executemany per table."""
        prepared = [(article_id, p if isinstance(p, Rows) else to_rows(p, postgis=self.postgis))
                    for article_id, p in stored]
        for name in ("mentions", "events"):
            keys = self._columns[name][1:]  # after article_id
            rows: list[Any] = [(article_id, *(row.get(k) for k in keys)) if self._positional
                               else {"article_id": article_id, **row}
                               for article_id, p in prepared for row in getattr(p, name)]
            if rows:
                conn.exec_driver_sql(self._insert_sql[name], rows)

    def correct(self, target: str, key: str, field: str, new: str, *, who: str, why: str,
                article_sha: str | None = None, old: str | None = None, scope: str = "event",
                place: str | None = None, etype: str | None = None) -> None:
        """Record an editor's correction (who, when, why); applied whenever the data is read."""
        self._writable()
        if field not in CORRECTABLE.get(target, ()):
            msg = f"cannot correct {target}.{field}; correctable: {CORRECTABLE.get(target)}"
            raise StoreError(msg)
        if scope not in SCOPES:
            msg = f"unknown scope {scope!r}; use one of {SCOPES}"
            raise StoreError(msg)
        if not who or not why.strip():
            raise StoreError("a correction needs who made it and why")
        with self.engine.begin() as conn:
            conn.execute(self.t["corrections"].insert().values(
                target=target, scope=scope, article_sha=article_sha, key=key, place=place, etype=etype,
                field=field, old=old, new=new, who=who, at=_now(), why=why))

    def teach_alias(self, alias: str, target: str, *, who: str) -> None:
        """A new spelling for a place; articles parsed from now on resolve it."""
        self._writable()
        with self.engine.begin() as conn:
            conn.execute(self.t["aliases"].delete().where(self.t["aliases"].c.alias == alias))
            conn.execute(self.t["aliases"].insert().values(alias=alias, target=target, who=who, at=_now()))

    # --- reading ---------------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        """Row counts of every table."""
        with self.engine.connect() as conn:
            return {name: conn.execute(sa.select(sa.func.count()).select_from(self.t[name])).scalar_one()
                    for name in TABLES}

    def revision(self) -> str:
        """Changes whenever anything a reader sees changes: a cheap key for caches."""
        a, c, al = self.t["articles"], self.t["corrections"], self.t["aliases"]
        with self.engine.connect() as conn:
            arts = conn.execute(sa.select(sa.func.count(), sa.func.max(a.c.id), sa.func.max(a.c.parsed_at))
                                .select_from(a)).one()
            fixes = conn.execute(sa.select(sa.func.max(c.c.id))).scalar()
            taught = conn.execute(sa.select(sa.func.count(), sa.func.max(al.c.at)).select_from(al)).one()
        return json.dumps([*arts, fixes, *taught], default=str)

    def collections(self) -> dict[str, int]:
        """Articles per collection ('shared', 'demo', a corpus folder's name)."""
        a = self.t["articles"]
        with self.engine.connect() as conn:
            return {r[0]: r[1] for r in conn.execute(sa.select(a.c.collection, sa.func.count()).group_by(a.c.collection))}

    def documents(self, collections: Sequence[str] | None = None) -> list[Document]:
        """The stored articles, oldest first."""
        a = self.t["articles"]
        query = sa.select(a.c.name, a.c.text, a.c.published).order_by(a.c.id)
        if collections is not None:
            query = query.where(a.c.collection.in_(list(collections)))
        with self.engine.connect() as conn:
            return [Document(r.name, r.text, r.published) for r in conn.execute(query)]

    def stale(self, version: str, *, everything: bool = False) -> list[Document]:
        """Articles whose stored parse was made by another parser version (all with ``everything``)."""
        a = self.t["articles"]
        query = sa.select(a.c.name, a.c.text, a.c.published).order_by(a.c.id)
        if not everything:
            query = query.where(sa.or_(a.c.parser_version.is_(None), a.c.parser_version != version))
        with self.engine.connect() as conn:
            return [Document(r.name, r.text, r.published) for r in conn.execute(query)]

    def stale_count(self, version: str) -> int:
        """How many articles :meth:`stale` would list (cheap: no texts)."""
        a = self.t["articles"]
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).where(
                sa.or_(a.c.parser_version.is_(None), a.c.parser_version != version))).scalar_one()

    def events(self, collections: Sequence[str] | None = None) -> list[Event]:
        """Every stored event, as parsed (apply corrections and merge on top)."""
        e, a = self.t["events"], self.t["articles"]
        cols = [e.c[c] for c in EVENT_COLUMNS]
        query = sa.select(a.c.name, e.c.event_id, *cols).join(a, a.c.id == e.c.article_id).order_by(e.c.id)
        if collections is not None:
            query = query.where(a.c.collection.in_(list(collections)))
        with self.engine.connect() as conn:
            return [Event(doc=r[0], id=r[1], **{c: r[i + 2] for i, c in enumerate(EVENT_COLUMNS)})
                    for r in conn.execute(query)]

    def mentions(self, collections: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Every stored mention row (the mentions schema plus lat/lon and the article's date)."""
        m, a = self.t["mentions"], self.t["articles"]
        cols = [m.c[c] for c, _ in MENTION_FIELDS]
        query = sa.select(a.c.name.label("article"), a.c.published.label("published"), *cols) \
            .join(a, a.c.id == m.c.article_id).order_by(m.c.id)
        if collections is not None:
            query = query.where(a.c.collection.in_(list(collections)))
        rows = []
        with self.engine.connect() as conn:
            for r in conn.execute(query).mappings():
                row = {c: r[c] for c, _ in MENTION_FIELDS}
                row["id"] = row.pop("mention_id")
                row["alternatives"] = json.loads(row["alternatives"] or "[]")
                rows.append({"doc": r["article"], "date": r["published"].isoformat() if r["published"] else None,
                             **row})
        return rows

    def corrections(self) -> list[dict[str, Any]]:
        """Every correction, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(self.t["corrections"]).order_by(self.t["corrections"].c.id))
            return [dict(r) for r in rows.mappings()]

    def aliases(self) -> dict[str, str]:
        """alias -> place name, as editors taught them."""
        with self.engine.connect() as conn:
            return {r.alias: r.target for r in conn.execute(sa.select(self.t["aliases"]))}

    def health(self) -> bool:
        """Whether the store answers a trivial query."""
        try:
            with self.engine.connect() as conn:
                return bool(conn.execute(sa.text("SELECT 1")).scalar() == 1)
        except sa.exc.SQLAlchemyError:
            return False


def _write_error(exc: sa.exc.DBAPIError) -> StoreError:
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else type(exc).__name__
    return StoreError(f"cannot write to the store ({reason}); check its disk space and permissions")


def _cell(value: object) -> object:
    """Lists and dicts (runner-up geocodes) are stored as JSON text."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value

