"""The newsroom side of the dashboard: who may edit, the shared store, corrections.

Viewers (anyone with the link) read; editors add articles and correct events.
Access comes from Streamlit's OIDC login (`st.login`) when `[auth]` is
configured in secrets, else from an editor password (secrets `editor_password`
or $FRONTLINE_EDITOR_PASSWORD), else the app runs in local single-user mode
and its one user is an editor.  Every write checks the role on the server; a
viewer's session never reaches a write, whatever its browser sends.
"""
from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from frontline_map.geo.errors import PermissionDenied, StoreError
from frontline_map.geo.events.corrections import event_key
from frontline_map.geo.events.extract import CORRECTION_FIELDS, EVENT_TYPES, STATUSES
from frontline_map.geo.gazetteer import Gazetteer
from frontline_map.geo.settings import Settings
from frontline_map.geo.store.sql import Store
from frontline_map.ui.gate import PasswordGate
from frontline_map.ui.text import plain


@dataclass(frozen=True)
class User:
    """Who is using this session, and whether they may write."""

    name: str
    role: str  # viewer | editor

    @property
    def editor(self) -> bool:
        return self.role == "editor"


VIEWER = User("viewer", "viewer")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@st.cache_resource(show_spinner=False)
def _gate() -> PasswordGate:
    return PasswordGate()


def _client() -> str:
    """Who is knocking: the client's address as Streamlit sees it (a proxy should pass it on)."""
    ip = getattr(st.context, "ip_address", None)
    return ip if isinstance(ip, str) and ip else "unknown"


def _oidc_user(config: Settings) -> User:
    if not st.user.is_logged_in:
        st.sidebar.button("Log in to edit", on_click=st.login, key="login")
        return VIEWER
    email = str(st.user.get("email", "")).lower()
    st.sidebar.button("Log out", on_click=st.logout, key="logout")
    verified = st.user.get("email_verified") is True  # an unverified address proves nothing
    return User(email or "editor", "editor" if verified and email in config.editors else "viewer")


def _password_user(password: str) -> User:
    typed = st.sidebar.text_input("Editor password", type="password", key="pw")
    if not typed:
        return VIEWER
    digest = hashlib.sha256(typed.encode()).hexdigest()
    if st.session_state.get("_pw_tried") != digest:  # a new attempt, not a rerun of the last one
        st.session_state["_pw_tried"] = digest
        gate, client, now = _gate(), _client(), time.monotonic()
        wait = gate.wait(client, now)
        ok = not wait and hmac.compare_digest(typed.encode(), password.encode())
        if not wait:
            gate.record(client, ok, now)
        st.session_state["_pw_ok"], st.session_state["_pw_wait"] = ok, wait
    if st.session_state.get("_pw_ok"):
        name = st.sidebar.text_input("Your name (recorded with your edits)", key="editor_name") or "editor"
        return User(name, "editor")
    if st.session_state.get("_pw_wait"):
        st.sidebar.error(f"Too many wrong passwords: try again in {st.session_state['_pw_wait']:.0f} s.")
    else:
        st.sidebar.error("Wrong password: you can view, not edit.")
    return VIEWER


def current_user(config: Settings) -> User:
    """The session's user from OIDC, the editor password, or local single-user mode (this machine only)."""
    if config.oidc:
        return _oidc_user(config)
    if config.editor_password and config.editor_password.upper() != "CHANGE-ME":  # a placeholder is no password
        return _password_user(config.editor_password)
    if str(st.get_option("server.address") or "") in LOOPBACK:
        return User("local editor", "editor")  # one person on their own machine
    st.sidebar.warning("Editing is off: this server is reachable from other machines and has no editor "
                       "password or sign-in configured (see README, 'Running it for a newsroom').")
    return VIEWER


def require_editor(user: User, action: str = "change the shared corpus") -> None:
    """Refuse a write from a viewer, on the server."""
    if not user.editor:
        raise PermissionDenied(action)


PICK_MAX = 500  # a picker's options all go to the browser: 100,000 events' labels weighed 3.5 MB, 2.7 s to draw


def _narrowed(places: Any, key: str, noun: str) -> list[int]:
    """Which rows (positions) a picker offers when there are more than PICK_MAX: those whose place holds the
    text the editor types (or all), at most PICK_MAX, saying so.  ``places``: one place name per row, in order."""
    if len(places) <= PICK_MAX:
        return list(range(len(places)))
    typed = st.text_input(f"Find the {noun} by place name", key=key, placeholder="e.g. Bakhmut").strip()
    hits = [k for k, hit in enumerate(places.str.contains(typed, case=False, regex=False))
            if hit] if typed else list(range(len(places)))
    if len(hits) > PICK_MAX:
        st.caption(f"{PICK_MAX:,} of {len(hits):,} {noun}s listed: type part of a place's name to find the rest.")
    return hits[:PICK_MAX]


def correction_form(user: User, store: Store, events: Any) -> None:
    """An editor fixes an event: pick it, pick the field, give the new value and why."""
    require_editor(user)
    with st.expander("Correct an event"):
        if events.empty:
            st.caption("No event to correct in this view.")
            return
        newest = events.sort_values("date", ascending=False, na_position="last")
        events = newest.iloc[_narrowed(newest["place"].astype(str), "fix_find", "event")]
        if events.empty:
            st.caption("No event at a place of that name in this view.")
            return
        labels = [f"{r.place} · {r.type} · {r.date or 'date unknown'} · {r.status}" for r in events.itertuples()]
        pick = st.selectbox("Event", range(len(labels)), format_func=labels.__getitem__, key="fix_event")
        row = events.iloc[pick]
        field = st.selectbox("Field", CORRECTION_FIELDS, key="fix_field")
        choices = {"type": EVENT_TYPES, "status": STATUSES, "actor": ("russia", "ukraine", "other", "unknown"),
                   "date_precision": ("day", "month", "year", "unknown")}
        if field in choices:
            new = st.selectbox("New value", choices[field], key="fix_value")
        else:
            new = st.text_input("New value", value=str(row[field] or ""), key="fix_text")
        every = st.checkbox(f"Apply to every {row['type']} event at {row['place']} (all dates and articles)",
                            key="fix_every")
        why = st.text_input("Why (kept in the history)", key="fix_why")
        if st.button("Save correction", key="fix_save"):
            require_editor(user)
            key = event_key(row["place"], row["type"]) if every else row["id"]
            try:
                store.correct("event", key, field, str(new), who=user.name, why=why, old=str(row[field]),
                              scope="place_type" if every else "event", place=row["place"], etype=row["type"])
            except StoreError as exc:
                st.error(plain(exc))
                return
            st.success(f"Saved: {plain(row['place'])} {field} → {plain(new)}")


def place_form(user: User, store: Store, events: Any, gaz: Gazetteer, clicked: dict[str, Any] | None) -> None:
    """An editor moves a place: a runner-up candidate, a gazetteer search, or a click on the map."""
    import json

    require_editor(user)
    with st.expander("Correct a place"):
        points = events[events["lat"].notna()]
        names = sorted(set(points["place"]))
        if not names:
            st.caption("No place to correct in this view.")
            return
        every = pd.Series(names, dtype=str)
        names = every.iloc[_narrowed(every, "place_find", "place")].tolist()
        if not names:
            st.caption("No place of that name in this view.")
            return
        name = st.selectbox("Place as parsed", names, key="place_pick")
        row = points[points["place"] == name].iloc[0]
        options: list[tuple[str, dict[str, Any]]] = []
        raw = row.get("alternatives")
        for alt in json.loads(raw) if isinstance(raw, str) and raw else []:  # missing: None or NaN
            options.append((f"runner-up: {alt['name']} ({alt['admin1'] or alt['country']})", alt))
        query = st.text_input("…or search the gazetteer", key="place_search")
        for p in gaz.search(query.strip(), limit=5) if query.strip() else []:
            options.append((f"gazetteer: {p.name} ({gaz.admin1_names.get(p.admin1, p.admin1) or p.country}, "
                            f"pop {p.population:,})", {"name": p.name, "lat": p.lat, "lon": p.lon}))
        if clicked and clicked.get("lat") is not None:
            options.append((f"my last click on the map ({clicked['lat']:.4f}, {clicked['lng']:.4f})",
                            {"name": name, "lat": clicked["lat"], "lon": clicked["lng"]}))
        if not options:
            st.caption("No runner-up for this place: search the gazetteer or click the map.")
            return
        pick = st.selectbox("New location", range(len(options)), format_func=lambda i: options[i][0],
                            key="place_new")
        teach = st.checkbox(f"Also teach: '{name}' means this place in future articles", key="place_teach")
        why = st.text_input("Why move it (kept in the history)", key="place_why")
        if st.button("Save place", key="place_save"):
            require_editor(user)
            target = options[pick][1]
            try:
                store.correct("place", name, "location",
                              json.dumps({"name": target["name"], "lat": target["lat"], "lon": target["lon"]}),
                              who=user.name, why=why, old=f"{row['lat']:.4f}, {row['lon']:.4f}")
                if teach and target["name"] != name:
                    store.teach_alias(name, target["name"], who=user.name)
            except StoreError as exc:
                st.error(plain(exc))
                return
            st.success(f"Saved: {plain(name)} → {plain(target['name'])}")


def route_form(user: User, store: Store, refs: list[str]) -> None:
    """An editor sets a road's status where the reporting is behind the facts."""
    require_editor(user)
    with st.expander("Correct a road's status"):
        ref = st.selectbox("Road", refs, key="route_pick")
        status = st.selectbox("Status", ("normal", "threatened", "cut"), key="route_status")
        why = st.text_input("Why this status (kept in the history)", key="route_why")
        if st.button("Save road status", key="route_save"):
            require_editor(user)
            try:
                store.correct("route", ref, "status", status, who=user.name, why=why)
            except StoreError as exc:
                st.error(plain(exc))
                return
            st.success(f"Saved: {plain(ref)} is {status}")


def history(rows: list[dict[str, Any]]) -> None:
    """Every correction, newest first: who, when, what and why (visible to viewers too).

    Shown as plain text: names and reasons are typed by people, never rendered as Markdown.
    """
    if not rows:
        return
    with st.expander(f"History of corrections ({len(rows)})", expanded=True):
        lines = []
        for c in reversed(rows):
            what = c["key"].replace("|", " · ") if c.get("scope") == "place_type" else c.get("place") or c["key"]
            scope = " (every event of that place and type)" if c.get("scope") == "place_type" else ""
            lines.append(f"{c['target']} {what}{scope}: {c['field']} {c['old'] or ''} -> {c['new']}"
                         f" — {c['who']}, {str(c['at'])[:16]}: {c['why']}")
        st.text("\n".join(lines))
