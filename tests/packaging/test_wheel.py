"""A built wheel runs from any folder: data tables inside it, nothing generic in site-packages."""
from __future__ import annotations

import site
import subprocess
import sys
import zipfile

import pytest
from helpers import FIXTURES, ROOT


@pytest.mark.slow
def test_a_wheel_installed_with_no_deps_runs_from_another_folder(tmp_path):
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                            "-w", str(tmp_path / "dist"), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp_path / "dist").glob("frontline_map-*.whl")
    tops = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert tops == {"frontline_map", wheel.name.split("-py3")[0] + ".dist-info"}  # no bare geo/ or layers/
    target = tmp_path / "target"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                              str(wheel)], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr
    away = tmp_path / "away"
    away.mkdir()
    # The wheel first, then the dependencies, and not this checkout (python -S skips the editable install).
    runner = away / "run.py"
    runner.write_text("import sys\n"
                      f"sys.path[:0] = [{str(target)!r}, {site.getsitepackages()[0]!r}]\n"
                      "import frontline_map\n"
                      f"assert frontline_map.__file__.startswith({str(target)!r}), frontline_map.__file__\n"
                      "from frontline_map.cli.main import main\n"
                      "sys.exit(main())\n")

    def frontline(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-S", str(runner), *args], capture_output=True, text=True,
                              cwd=away, timeout=300)

    parsed = frontline("parse", str(FIXTURES / "kostiantynivka.txt"))
    assert parsed.returncode == 0 and '"name": "Kostiantynivka"' in parsed.stdout, parsed.stderr
    found = frontline("gazetteer", "search", "Artemivsk")
    assert found.returncode == 0 and found.stdout.startswith("Bakhmut\tsettlement\tUA"), found.stderr
    control = away / "occupied_2023-02-01.geojson"
    control.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
                       '"geometry": {"type": "Polygon", "coordinates": [[[37.95, 48.55], [38.1, 48.55], '
                       '[38.1, 48.7], [37.95, 48.7], [37.95, 48.55]]]}}]}')
    routes = frontline("routes", "--control", str(control))
    assert routes.returncode == 0 and routes.stdout.startswith("route,date,km_cut"), routes.stderr
