"""A GIF or MP4 time-lapse: one dated static frame per step."""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from frontline_map.geo.errors import ExportError
from frontline_map.geo.io.atomic import atomic_write
from frontline_map.layers.scene import Scene


def timelapse(scenes: Iterable[Scene], path: Path, size: tuple[int, int], *, seconds_per_frame: float = 0.6,
              on_frame: Callable[[int], None] | None = None) -> Path:
    """An animated GIF or MP4, one static-engine frame per scene (each stamped with its date).

    Frames are drawn one at a time from ``scenes`` (pass a generator so the scenes are not
    held either): an MP4 frame goes to the encoder at once; a GIF frame is kept only as its
    palette image (a byte a pixel), because the GIF writer needs every frame at the end.
    ``on_frame(k)`` is called after frame k (from 1) so a caller can show progress.
    """
    from PIL import Image

    from frontline_map.layers import static_map

    suffix = path.suffix.lower()
    if suffix not in (".gif", ".mp4"):
        raise ExportError(f"{path}: a time-lapse is .gif or .mp4")

    def frames() -> Iterator[Image.Image]:
        for k, scene in enumerate(scenes, 1):
            yield Image.open(io.BytesIO(static_map.png_bytes(scene, size))).convert("RGB")
            if on_frame:
                on_frame(k)

    def write_gif(tmp: Path) -> None:
        palette: Image.Image | None = None
        kept: list[Image.Image] = []
        for frame in frames():
            # one palette for the film, taken from the first frame, so colours do not flicker
            palette = palette or frame.quantize(colors=255, method=Image.Quantize.MEDIANCUT)
            kept.append(frame.quantize(palette=palette, dither=Image.Dither.NONE))
        if not kept:
            raise ExportError("no dates to animate; check --from, --to and --step-days")
        kept[0].save(tmp, format="GIF", save_all=True, append_images=kept[1:], loop=0,
                     duration=int(seconds_per_frame * 1000))

    def write_mp4(tmp: Path) -> None:
        import imageio.v2 as imageio
        import numpy as np

        writer: Any
        count = 0
        with imageio.get_writer(tmp, format="FFMPEG", fps=1 / seconds_per_frame, codec="libx264",
                                macro_block_size=8, ffmpeg_log_level="error") as writer:
            for frame in frames():
                w, h = frame.size
                writer.append_data(np.asarray(frame.crop((0, 0, w - w % 8, h - h % 8))))
                count += 1
        if not count:
            raise ExportError("no dates to animate; check --from, --to and --step-days")

    return atomic_write(path, write_gif if suffix == ".gif" else write_mp4)


MAX_FRAMES = 400  # ~4 minutes at the default pace; a longer film is a different product


def frame_dates(start: dt.date, end: dt.date, step_days: int, *, max_frames: int = MAX_FRAMES) -> list[dt.date]:
    """start, start + N days, ... up to end (end always included), at most ``max_frames``."""
    if end < start or step_days < 1:
        raise ExportError("--from must not be after --to, and --step-days must be at least 1")
    frames = (end - start).days // step_days + 2
    if frames > max_frames:
        msg = f"{frames} frames is more than {max_frames}; raise --step-days to {-(-(end - start).days // (max_frames - 1))}"
        raise ExportError(msg)
    days = [start + dt.timedelta(days=k) for k in range(0, (end - start).days + 1, step_days)]
    return days if days[-1] == end else [*days, end]

