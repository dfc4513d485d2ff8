"""The one settings object: every path, URL and secret the program uses.

Only :meth:`Settings.from_env` reads the environment, and only entry points call it
(the CLI's ``main``, the dashboard's script); everything below receives a
``Settings`` or the single value it needs, so a test or a second user can pass
their own without touching process-wide state.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from frontline_map.geo.resources import DEMO_DIR

USER_AGENT = "frontline-map/0.2 (offline-first war-reporting map; https://pypi.org/project/frontline-map/)"
NOMINATIM_URL = "https://nominatim.openstreetmap.org"
OVERPASS_URL = "https://overpass-api.de/api/interpreter"


@dataclass(frozen=True)
class Settings:
    """What the environment (and, in the dashboard, ``st.secrets``) told us, frozen."""

    cache_dir: Path = field(default_factory=lambda: Path.home() / ".cache" / "frontline-map")
    data_dir: Path = field(default_factory=lambda: Path.home() / ".local" / "share" / "frontline-map")
    db: str | None = None
    corpus: Path = DEMO_DIR
    control: Path | None = None
    chromium: str | None = None
    editor_password: str | None = None
    oidc: bool = False  # an [auth] section in secrets: sign-in through Streamlit's OIDC
    editors: tuple[str, ...] = ()  # OIDC e-mail addresses that may edit
    nominatim_url: str = NOMINATIM_URL
    overpass_url: str = OVERPASS_URL
    user_agent: str = USER_AGENT
    timeout_s: float = 10.0
    archive_above: int = 50_000  # stored events beyond which the dashboard draws counts until zoomed in
    tiles: str | None = None  # the newsroom's own base map: a tile URL ({z}/{x}/{y}) or a .mbtiles/.pmtiles file
    tiles_attribution: str = ""

    @property
    def store_target(self) -> str:
        """The store's URL, or the SQLite data directory when no URL is set."""
        return self.db or str(self.data_dir)

    @property
    def demo(self) -> bool:
        """True when the corpus is the packaged demo (its label says so)."""
        return self.corpus == DEMO_DIR

    @classmethod
    def from_env(cls, env: Mapping[str, str], secrets: Mapping[str, object] | None = None) -> Settings:
        """Settings from ``os.environ``-like and ``st.secrets``-like mappings (secrets win)."""
        secrets = secrets or {}
        home = Path.home()

        def pick(secret: str, var: str) -> str | None:
            value = secrets.get(secret)
            return str(value) if value not in (None, "") else (env.get(var) or None)

        corpus = env.get("FRONTLINE_CORPUS")
        control = env.get("FRONTLINE_CONTROL")
        return cls(
            cache_dir=Path(env.get("FRONTLINE_CACHE") or home / ".cache" / "frontline-map"),
            data_dir=Path(env.get("FRONTLINE_DATA") or home / ".local" / "share" / "frontline-map"),
            db=pick("db", "FRONTLINE_DB"),
            corpus=Path(corpus) if corpus else DEMO_DIR,
            control=Path(control) if control else None,
            chromium=env.get("FRONTLINE_CHROMIUM") or None,
            editor_password=pick("editor_password", "FRONTLINE_EDITOR_PASSWORD"),
            oidc=bool(secrets.get("auth")),
            editors=tuple(str(e).lower() for e in (secrets.get("editors") or ())),  # type: ignore[attr-defined]
            archive_above=_positive_int(env.get("FRONTLINE_ARCHIVE_ABOVE"), 50_000),
            tiles=env.get("FRONTLINE_TILES") or None,
            tiles_attribution=env.get("FRONTLINE_TILES_ATTRIBUTION") or "",
        )


def _positive_int(value: str | None, default: int) -> int:
    """A positive whole number from the environment, else the default (a bad value must not stop the server)."""
    try:
        number = int(value or default)
    except ValueError:
        return default
    return number if number > 0 else default
