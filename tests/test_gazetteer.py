import subprocess
import sys
import time

from geo.gazetteer import cache_dir


def names(gaz, surface):
    return {(gaz.names[i], gaz.kinds[i], gaz.countries[i]) for i, _ in gaz.lookup(surface)}


def test_former_names_and_transliterations_reach_the_same_place(gaz):
    bakhmut = {i for i, _ in gaz.lookup("Bakhmut") if gaz.names[i] == "Bakhmut"}
    for spelling in ("Artemivsk", "Artemovsk", "Бахмут"):
        assert bakhmut & {i for i, _ in gaz.lookup(spelling)}, spelling
    for spelling in ("Kostyantynivka", "Konstantinovka", "Kostiantynivka"):
        assert ("Kostiantynivka", "settlement", "UA") in names(gaz, spelling)
    assert ("Sloviansk", "settlement", "UA") in names(gaz, "Slavyansk")
    assert ("Kharkiv", "settlement", "UA") in names(gaz, "Kharkov")


def test_countries_regions_and_features(gaz):
    assert ("Ukraine", "country", "UA") in names(gaz, "Україна")
    assert ("United States", "country", "US") in names(gaz, "U.S.")
    assert ("Luhansk Oblast", "region", "UA") in names(gaz, "Luhansk")
    assert ("Donbas", "region", "UA") in names(gaz, "Donbass")
    assert ("Black Sea", "other", "") in names(gaz, "Black Sea")
    assert ("Europe", "other", "") in names(gaz, "Europe")


def test_oblast_points_lie_inside_ukraine(gaz):
    for name in ("Donetsk Oblast", "Luhansk Oblast", "Kharkiv Oblast", "Zaporizhzhia Oblast"):
        (idx,) = [i for i, _ in gaz.lookup(name) if gaz.kinds[i] == "region"]
        assert 44 < gaz.lats[idx] < 53 and 22 < gaz.lons[idx] < 41, name


def test_settlements_know_their_oblast(gaz):
    (idx,) = [i for i, _ in gaz.lookup("Bilohorivka") if gaz.countries[i] == "UA"]
    assert gaz.admin1_name(idx) == "Luhansk Oblast"


def test_routes_have_all_spellings(gaz):
    for spelling, ref in (("М-03", "M03"), ("E40", "M03"), ("T0504", "H32"), ("Т-05-04", "H32"),
                          ("Н-32", "H32"), ("T-13-02", "T1302"), ("Н-20", "H20"), ("0506", "0506")):
        from geo.normalize import fold_name
        key = fold_name(spelling.translate(str.maketrans("МНТРЕ", "MHTPE")))
        assert gaz.route_aliases.get(key) == ref, spelling
    assert "Bakhmut" in gaz.routes["H32"].settlements


def test_fresh_process_loads_cached_index_fast(gaz):
    assert list(cache_dir().glob("gazetteer-*.pkl")), "the session fixture should have cached the index"
    code = "import time; t=time.perf_counter(); from geo.gazetteer import load_gazetteer; " \
           "load_gazetteer(); print(time.perf_counter()-t)"
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(out.stdout) < 2.0
    assert time.perf_counter() - t0 < 4.0
