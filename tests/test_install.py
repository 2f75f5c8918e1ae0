"""A plain `pip install .` (no extras) in a fresh virtual environment gives a `rehabit` that reads HTML,
Markdown, text, PDF and a photo (issue 17: HTML import once needed a package only a test extra brought)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = {
    "handout.html": "<html><head><title>Bridge</title></head><body><h1>Bridge basics</h1><h2>Glute bridge</h2>"
    "<ol><li>Lie on your back with your knees bent.</li><li>Lift your hips and hold for 2 seconds.</li>"
    "<li>Do 10-15 repetitions.</li></ol></body></html>",
    "handout.md": "# Bridge basics\n\n## Glute bridge\n\n- Lie on your back with your knees bent.\n"
    "- Lift your hips and hold for 2 seconds.\n- Do 10-15 repetitions.\n",
    "handout.txt": "Bridge basics\n\nGlute bridge\n- Lie on your back with your knees bent.\n"
    "- Lift your hips and hold for 2 seconds.\n- Do 10-15 repetitions.\n",
}


def _pdf() -> bytes:
    import weasyprint

    html = "<h2>Glute bridge</h2><p>Lie on your back with your knees bent. Lift your hips and hold for 2 seconds.</p>"
    return weasyprint.HTML(string=html + "<p>Do 10-15 repetitions.</p>").write_pdf()  # type: ignore[no-any-return]


def _photo() -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("L", (1300, 700), 255)
    draw = ImageDraw.Draw(page)
    draw.text((80, 80), "Glute bridge", font=ImageFont.truetype("DejaVuSans-Bold.ttf", 40), fill=0)
    body = ImageFont.truetype("DejaVuSans.ttf", 30)
    for row, line in enumerate(["Lie on your back with your knees bent.", "Lift your hips and hold for 2 seconds.",
                                "Do 10-15 repetitions."]):  # fmt: skip
        draw.text((80, 170 + row * 50), line, font=body, fill=0)
    out = io.BytesIO()
    page.rotate(3, fillcolor=255).convert("RGB").save(out, "JPEG", quality=70)
    return out.getvalue()


@pytest.mark.slow
def test_a_plain_install_reads_every_format(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    command = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet", str(source)]
    install = subprocess.run(command, capture_output=True, text=True, timeout=1500)
    assert install.returncode == 0, install.stderr[-3000:]
    articles = {name: text.encode() for name, text in ARTICLE.items()}
    articles["handout.pdf"] = _pdf()
    articles["photo.jpg"] = _photo()
    for name, data in articles.items():
        path = tmp_path / name
        path.write_bytes(data)
        done = subprocess.run([str(environment / "bin" / "rehabit"), "read", "--format", "json", str(path)],
                              capture_output=True, text=True, timeout=300, cwd=tmp_path)  # fmt: skip
        assert done.returncode == 0, f"{name}: {done.stderr[-2000:]}"
        exercises = json.loads(done.stdout)["exercises"]
        assert [(e["name"], e["reps"], e["hold_s"]) for e in exercises] == [
            ("glute bridge", {"min": 10, "max": 15}, {"min": 2, "max": 2})
        ], name
