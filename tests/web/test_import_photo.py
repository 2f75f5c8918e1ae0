"""Importing a photo of a paper handout on the web: the camera input, the review with the photo and each
value's words outlined on it, values from unclear print marked to check, and the larger limit for photos."""

from __future__ import annotations

import base64
import io
import re

from fastapi.testclient import TestClient
from PIL import Image
from tests.reader.test_ocr import HANDOUT, _encoded, _page, _photo, _smudged


def _handout_jpeg() -> tuple[bytes, tuple[int, int]]:
    page, _drawn = _page(HANDOUT)
    photo = _photo(page, 2.0, 0.8)
    return _encoded(photo, quality=70), photo.size


def test_the_import_page_offers_the_camera(client: TestClient) -> None:
    page = client.get("/import").text
    camera = r'<input type="file" id="import-photo" name="photo" accept="image/\*" capture="environment">'
    assert re.search(camera, page)
    assert 'id="import-progress"' in page and "/static/import.js" in page
    chooser = re.search(r'id="import-file" name="file" accept="([^"]+)"', page)
    assert chooser is not None and "image/*" in chooser.group(1) and ".pdf" in chooser.group(1)


def test_a_photo_is_reviewed_beside_the_photo_with_each_value_outlined(client: TestClient) -> None:
    jpeg, (width, height) = _handout_jpeg()
    response = client.post("/import", files={"photo": ("handout.jpg", jpeg, "image/jpeg")})
    assert response.status_code == 200, response.text
    html = response.text
    assert 'value="Clamshell"' in html or 'value="clamshell"' in html.lower()
    # the page image, as a JPEG preview in the page's own pixel coordinates
    svg = re.search(r'<svg class="page-photo" id="page-0" viewBox="0 0 (\d+) (\d+)"', html)
    assert svg is not None and (int(svg.group(1)), int(svg.group(2))) == (width, height)
    preview = re.search(r'<image href="data:image/jpeg;base64,([^"]+)"', html)
    assert preview is not None
    shown = Image.open(io.BytesIO(base64.b64decode(preview.group(1))))
    assert max(shown.size) <= 1400 and abs(shown.width / shown.height - width / height) < 0.02
    # the clamshell's reps field points at marks, and the same marks are boxes on the photo
    reps = re.search(r'name="reps-1" value="15" data-evidence="([^"]+)"', html)
    assert reps is not None
    marks = reps.group(1).split()
    boxes = re.findall(r'<polygon class="box" data-mark="([^"]+)" points="([^"]+)"/>', html)
    outlined = [points for mark, points in boxes if mark in marks]
    assert outlined, "the reps value has no box on the photo"
    xs = [int(point.split(",")[0]) for point in outlined[0].split()]
    ys = [int(point.split(",")[1]) for point in outlined[0].split()]
    assert 0 < min(xs) < max(xs) < width and 0 < min(ys) < max(ys) < height
    assert 'class="unclear"' not in html  # sharp print: nothing to check on the photo


def test_the_api_gives_the_pages_and_boxes_without_previews(client: TestClient) -> None:
    jpeg, (width, height) = _handout_jpeg()
    body = client.post("/api/import", files={"file": ("handout.jpg", jpeg, "image/jpeg")}).json()
    [page] = body["pages"]
    assert (page["width"], page["height"], page["preview"]) == (width, height, "")
    marks = {box["mark"] for box in page["boxes"]}
    clamshell = body["exercises"][1]
    assert set(clamshell["evidence"]["reps"]) <= marks and clamshell["unclear"] == []


def test_a_value_from_unclear_print_says_check_it_on_the_photo(client: TestClient) -> None:
    response = client.post("/import", files={"photo": ("handout.png", _smudged(2.8, 0), "image/png")})
    assert response.status_code == 200
    html = response.text
    flagged = re.findall(r'<span class="unclear" id="unclear-(\d+)-(\w+)">check on the photo</span>', html)
    assert flagged and all(index == "1" for index, _field in flagged)
    index, field = flagged[0]
    assert f'aria-describedby="unclear-{index}-{field}"' in html


def test_a_text_import_has_no_photo(client: TestClient) -> None:
    text = "Glute bridge\nLie on your back with your knees bent and lift your hips. Do 10 reps, 2 sets."
    html = client.post("/import", data={"text": text}).text
    assert "page-photo" not in html and "Source text" in html


def test_a_photo_may_be_larger_than_an_article(client: TestClient) -> None:
    noise = Image.effect_noise((1900, 1900), 90).convert("RGB")  # incompressible: about 3 MB as a JPEG
    out = io.BytesIO()
    noise.save(out, "JPEG", quality=98)
    photo = out.getvalue()
    assert 2_000_000 < len(photo) < 5_000_000
    response = client.post("/api/import", files={"photo": ("noise.jpg", photo, "image/jpeg")})
    assert response.status_code != 413, response.text  # read (and found to hold no exercises), not refused
    article = b"<p>" + b"x" * 2_100_000 + b"</p>"
    too_long = client.post("/api/import", files={"file": ("long.html", article, "text/html")})
    assert too_long.status_code == 413
    assert too_long.json() == {"error": "The file is too large: the limit is 2 MB."}


def test_the_photo_is_decoded_once_for_its_reading_and_its_review(client: TestClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The reader's workers run here in the test's process, so every decoding of the upload is counted."""
    import sys

    import PIL.Image

    from rehabit.reader import limits

    def in_process(function, *args, limits=limits.DEFAULT_LIMITS, name="input"):  # type: ignore[no-untyped-def]
        return function(*args)

    worker = limits.run_limited
    for module in [m for key, m in sys.modules.items() if key.startswith("rehabit.reader")]:
        if getattr(module, "run_limited", None) is worker:
            monkeypatch.setattr(module, "run_limited", in_process)
    opened: list[object] = []
    real_open = PIL.Image.open

    def counting_open(*args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(args[0])
        return real_open(*args, **kwargs)

    monkeypatch.setattr(PIL.Image, "open", counting_open)
    jpeg, (width, height) = _handout_jpeg()
    response = client.post("/import", files={"photo": ("handout.jpg", jpeg, "image/jpeg")})
    assert response.status_code == 200, response.text
    assert len(opened) == 1  # read through OCR; the review's preview comes from the same pixels
    monkeypatch.undo()
    preview = re.search(r'<image href="data:image/jpeg;base64,([^"]+)"', response.text)
    assert preview is not None
    shown = Image.open(io.BytesIO(base64.b64decode(preview.group(1))))
    assert max(shown.size) == 1400 and abs(shown.width / shown.height - width / height) < 0.02
