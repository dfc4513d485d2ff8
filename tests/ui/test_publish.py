import json

from frontline_map.ui import resources


def test_published_json_is_content_addressed_rewritten_when_missing_and_old_files_pruned(tmp_path, monkeypatch):
    named = resources._as_json({"ev": [1, 2, 3]})
    url = resources.publish(tmp_path, named)
    path = tmp_path / "timeline" / url.rsplit("/", 1)[1]
    assert url.startswith("/app/static/timeline/") and json.loads(path.read_text()) == {"ev": [1, 2, 3]}
    assert resources.publish(tmp_path, named) == url  # the same data, the same file
    path.unlink()
    resources.publish(tmp_path, named)
    assert path.exists()  # a page that needs it gets it back
    monkeypatch.setattr(resources, "TIMELINE_KEEP", 3)
    for k in range(5):
        resources.publish(tmp_path, resources._as_json({"k": k}))
    assert len(list((tmp_path / "timeline").glob("*.json"))) == 3
    kept = resources.publish(tmp_path, resources._as_json({"k": 2}))  # the oldest kept, sent to a page again
    resources.publish(tmp_path, resources._as_json({"k": 5}))
    resources.publish(tmp_path, resources._as_json({"k": 6}))
    assert (tmp_path / "timeline" / kept.rsplit("/", 1)[1]).exists()  # reuse made it new: others went first
    assert not list((tmp_path / "timeline").glob(".*.tmp"))
