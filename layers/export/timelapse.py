"""A GIF or MP4 time-lapse: one dated static frame per step."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from frontline_map.geo.errors import ExportError
from frontline_map.geo.io.atomic import atomic_write
from frontline_map.layers.scene import Scene


def timelapse(scenes: list[Scene], path: Path, size: tuple[int, int], *, seconds_per_frame: float = 0.6) -> Path:
    """An animated GIF or MP4, one static-engine frame per scene (each stamped with its date)."""
    from PIL import Image

    from frontline_map.layers import static_map

    if not scenes:
        raise ExportError("no dates to animate; check --from, --to and --step-days")
    suffix = path.suffix.lower()
    if suffix not in (".gif", ".mp4"):
        raise ExportError(f"{path}: a time-lapse is .gif or .mp4")
    frames = [Image.open(io.BytesIO(static_map.png_bytes(s, size))).convert("RGB") for s in scenes]

    def write(tmp: Path) -> None:
        if suffix == ".gif":
            frames[0].save(tmp, format="GIF", save_all=True, append_images=frames[1:], loop=0,
                           duration=int(seconds_per_frame * 1000))
            return
        import imageio.v2 as imageio
        import numpy as np

        writer: Any
        with imageio.get_writer(tmp, format="FFMPEG", fps=1 / seconds_per_frame, codec="libx264",
                                macro_block_size=8, ffmpeg_log_level="error") as writer:
            for frame in frames:
                w, h = frame.size
                writer.append_data(np.asarray(frame.crop((0, 0, w - w % 8, h - h % 8))))

    return atomic_write(path, write)


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

