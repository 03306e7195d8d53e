"""Make the bundled sample content packs from the data in `scripts/sample_content/`.

    uv run python scripts/make_sample_content.py [--out DIR] [--no-media]

writes one pack (content pack format 1, docs/content-pack.md) for each data file in `PACKS`,
in `kiosk/sample_content/` or DIR. It checks its tools first (espeak-ng), builds the packs in
a temporary folder beside DIR, validates them, and only then puts them in place of the old
ones: a run that fails leaves DIR as it was. What the packs say is data
(scripts/sample_content/README.md explains the files): each item is written as the pack
format has it, with its pictures described instead of named; this program draws them
(`sample_content_pictures.py`), speaks the narration (espeak-ng, stored as 16 kHz mono Opus)
of every category, service and offer, of the screens' guides and of every demo scene,
encodes the promo videos (H.264 with PyAV), and checks every
pack with the kiosk's own validator before it is done. Hotspot rectangles are taken from
where the tappable element was drawn.

Deterministic: no randomness, no timestamps, single-threaded x264, bit-exact muxers; two runs
give identical files. `--no-media` writes the JSON files alone (pictures drawn small, only to
find the hotspots), in seconds: the test that the data and the bundled packs agree uses it.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import inspect
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
from PIL import Image
from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_content_art import FONT_DIR, Canvas, Color, color, library
from sample_content_pictures import (
    DRAWINGS,
    FULL,
    SS,
    Draw,
    category_icon,
    offer_banner,
    service_art,
    slide,
    stage,
)

from kiosk.config import BUNDLED_CONTENT
from kiosk.packs.items import FOCUS, GUIDE, MANIFEST_SPEC, SCENE, SPECS
from kiosk.packs.loader import FOCUS as FOCUS_FILE
from kiosk.packs.loader import GUIDES, MANIFEST, SECTION_FILES
from kiosk.packs.model import FORMAT_VERSION
from kiosk.packs.validate_cmd import check

DATA = Path(__file__).resolve().parent / "sample_content"
PACKS = ("national", "province-gd", "store-gd-sz-0001")  # lowest layer first
JPEG_QUALITY = 82
VOICES = {"zh-CN": ("cmn-latn-pinyin", "165"), "en": ("en-us", "160")}
SMALL = 0.25  # the drawing scale of --no-media: enough to place the hotspots

Picture = Callable[[], Image.Image]  # drawn only when it is written


def load(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- pictures


@dataclass(frozen=True)
class Look:
    """The colours a drawing gets when its data does not name its own."""

    color: Color
    accent: Color | None = None

    @staticmethod
    def of(spec: dict[str, Any]) -> Look:
        return Look(color(spec["color"]), color(spec["accent"]) if "accent" in spec else None)


def resolved(key: str, value: Any, look: Look) -> Any:
    """A drawing's argument as the function takes it: colours by name become RGB(A), song
    lists by name their songs (`song`: the first), lists of drawings one drawing."""
    if key in ("color", "accent"):
        return color(value)
    if key == "colors":
        return [color(v) for v in value]
    if key == "songs":
        return library()["songs"][value]
    if key == "song":
        return library()["songs"][value][0]
    if key in ("screen", "side", "art"):
        return drawn(value, look)
    if isinstance(value, dict):
        out = {k: resolved(k, v, look) for k, v in value.items() if k != "alpha"}
        if "alpha" in value:
            out["color"] = (*out["color"], value["alpha"])
        return out
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [resolved(key, v, look) for v in value]
    return value


def drawn(items: list[dict[str, Any]], look: Look) -> Draw:
    """The drawings `items` (each `{draw = NAME, ...arguments}`) as one function of a canvas."""

    def draw(c: Canvas) -> None:
        for item in items:
            args = resolved("", item, look)
            fn = DRAWINGS[args.pop("draw")]
            params = inspect.signature(fn).parameters
            for key, value in (("color", look.color), ("accent", look.accent)):
                if key in params and key not in args:
                    args[key] = value
            fn(c, **args)

    return draw


def picture(template: Callable[..., Image.Image], spec: dict[str, Any], **more: Any) -> Picture:
    """The picture `template` draws from `spec` (its arguments by name; `file` is where it goes)."""
    args = resolved("", {k: v for k, v in spec.items() if k != "file"}, Look.of(spec))
    return functools.partial(template, **args, **more)


# --------------------------------------------------------------------------- media


#: Chinese punctuation as espeak-ng's pinyin voice pauses at it; quotes and title marks go.
PUNCTUATION = str.maketrans(
    {"，": ", ", "、": ", ", "。": ". ", "？": "? ", "！": "! ", "：": ": ", "；": "; "}
)
QUOTES = "《》“”‘’「」"
#: Latin words in Chinese narration, as they are said in Chinese (other Latin needs `pinyin`).
LATIN = {"GB": "ji1", "K": "kei1", "Y": "wai1", "QR": "er4 wei2 ma3"}
SYLLABLE = re.compile(r"[a-z]+[1-5]")
#: Words pypinyin's dictionary reads otherwise than a store assistant would (照片: zhao4 pian1).
PHRASES = {"照片": [["zhào"], ["piàn"]]}


def pinyin(text: str) -> str:
    """Chinese `text` as pinyin with tone numbers, as espeak-ng's `cmn-latn-pinyin` reads it
    (5 for the neutral tone; digits stay digits, which it reads in Chinese).

    pypinyin picks each character's reading by its phrase and applies the tone changes of
    不 and of two third tones; those of 一 it leaves out, so they are made here (一 before a
    fourth tone is said yi2, before the others yi4, unless it counts: 第一, 十一)."""
    from pypinyin import Style, lazy_pinyin, load_phrases_dict  # a dev dependency, for media only

    load_phrases_dict(PHRASES)
    tokens = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, tone_sandhi=True)
    chars: list[str] = []  # the character each token was made from ("" for a run of other text)
    at = 0
    for token in tokens:
        if SYLLABLE.fullmatch(token):
            chars.append(text[at])
            at += 1
        else:
            chars.append("")
            at += len(token)
    out = []
    for i, token in enumerate(tokens):
        if (
            chars[i] == "一"
            and i + 1 < len(tokens)
            and chars[i + 1]
            and (i == 0 or chars[i - 1] not in "第十")
        ):
            token = "yi2" if tokens[i + 1].endswith("4") else "yi4"
        if not chars[i]:
            token = token.translate(PUNCTUATION)
            for mark in QUOTES:
                token = token.replace(mark, " ")
            for word in re.findall(r"[A-Za-z]+", token):
                if word not in LATIN:
                    raise SystemExit(
                        f"{text!r}: say how to read {word!r} in Chinese: add it to LATIN or write `pinyin`"
                    )
            token = re.sub(r"[A-Za-z]+", lambda m: f" {LATIN[m.group()]} ", token)
        out.append(token)
    return re.sub(r"\s+([,.?!:;])", r"\1", re.sub(r"\s+", " ", " ".join(out))).strip()


def speak(words: str, lang: str, out: Path) -> None:
    """Speak `words` with espeak-ng and store it as 16 kHz mono Opus in Ogg.

    The installed espeak-ng has no full Mandarin character dictionary, so Chinese narration
    is spoken from pinyin with tone numbers (`cmn-latn-pinyin`): hand-written where the data
    gives `pinyin`, else made by `pinyin()`."""
    voice, speed = VOICES[lang]
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "voice.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", speed, "-w", str(wav), words], check=True, capture_output=True
        )
        src = av.open(str(wav))
        dst = av.open(str(out), "w", format="ogg", options={"fflags": "+bitexact"})
        stream = dst.add_stream("libopus", rate=16000, layout="mono")
        stream.bit_rate = 16000
        resampler = av.AudioResampler(format="s16", layout="mono", rate=16000)
        for frame in src.decode(audio=0):
            for f in resampler.resample(frame):
                for packet in stream.encode(f):
                    dst.mux(packet)
        for f in resampler.resample(None):
            for packet in stream.encode(f):
                dst.mux(packet)
        for packet in stream.encode(None):
            dst.mux(packet)
        dst.close()
        src.close()


def encode_video(
    out: Path, frame: Draw, seconds: float, size: tuple[int, int] = (1280, 720), fps: int = 25
) -> None:
    """Render `frame(canvas, t)` on a 1920x1080 grid for every frame and encode H.264."""
    container = av.open(
        str(out), "w", format="mp4", options={"movflags": "+faststart", "fflags": "+bitexact"}
    )
    stream = container.add_stream("libx264", rate=fps)
    stream.width, stream.height = size
    stream.pix_fmt = "yuv420p"
    stream.options = {"crf": "30", "preset": "medium", "threads": "1"}
    stream.codec_context.thread_count = 1
    for i in range(round(seconds * fps)):
        c = Canvas(1920, 1080, 1.0)
        frame(c, i / fps)
        for packet in stream.encode(av.VideoFrame.from_image(c.finish(size))):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)
    container.close()


def vtt(cues: list[tuple[float, float, str]]) -> str:
    def ts(t: float) -> str:
        ms = round(t * 1000)
        return f"00:{ms // 60000:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"

    lines = ["WEBVTT", ""]
    for i, (a, b, text) in enumerate(cues, 1):
        lines += [str(i), f"{ts(a)} --> {ts(b)}", text, ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- writing


class PackWriter:
    """Writes one pack folder; paths given and returned are relative to the pack. Without
    media it writes only the JSON files and draws at a small scale."""

    def __init__(self, root: Path, media: bool) -> None:
        self.root, self.media = root, media
        self.ss = SS if media else SMALL
        root.mkdir(parents=True)

    def path(self, rel: str) -> Path:
        p = self.root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        return p

    def jpeg(self, rel: str, picture: Picture) -> str:
        if self.media:
            picture().convert("RGB").save(self.path(rel), "JPEG", quality=JPEG_QUALITY, optimize=True)
        return rel

    def png(self, rel: str, picture: Picture) -> str:
        if self.media:
            picture().save(self.path(rel), "PNG", optimize=True)
        return rel

    def text(self, rel: str, content: str) -> str:
        if self.media or rel.endswith(".json"):
            self.path(rel).write_text(content, encoding="utf-8", newline="\n")
        return rel

    def json(self, name: str, data: object) -> None:
        self.text(name, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def in_order(item: dict[str, Any], spec: dict[str, Any], where: str) -> dict[str, Any]:
    """`item` with its fields in the order of the pack format's field table (`spec`)."""
    unknown = [k for k in item if k not in spec]
    if unknown:
        raise SystemExit(f"{where}: unknown field(s) {', '.join(unknown)}")
    return {k: item[k] for k in spec if k in item}


def narrated(pack: PackWriter, item: dict[str, Any], name: str) -> dict[str, Any]:
    """`item` with its `say` (and `pinyin`, if written by hand) made into the format's
    `narration`: the text, and its recording in each language at media/voice/LANG/NAME.ogg."""
    item = dict(item)
    say, words = item.pop("say", None), item.pop("pinyin", None)
    if say is None:
        return item
    audio = {lang: f"media/voice/{lang}/{name}.ogg" for lang in VOICES}
    if pack.media:
        speak(words or pinyin(say["zh-CN"]), "zh-CN", pack.path(audio["zh-CN"]))
        speak(say["en"], "en", pack.path(audio["en"]))
    return {**item, "narration": {"text": say, "audio": audio}}


def write_demo(pack: PackWriter, demo: dict[str, Any]) -> dict[str, Any]:
    slug = demo["id"].removeprefix("demo.").replace(".", "-")
    look = Look.of(demo)
    backdrop = color(demo.get("backdrop", demo["color"]))
    scenes = []
    for n, sc in enumerate(demo["scenes"], 1):
        c = Canvas(*FULL, pack.ss)
        stage(c, backdrop, drawn(sc["screen"], look), drawn(sc["side"], look))
        # Every scene is recorded: the kiosk speaks a recording before it falls back to
        # text-to-speech, which a store's machine may lack.
        audio = {lang: f"media/voice/{lang}/{slug}-{n}-{sc['id']}.ogg" for lang in VOICES}
        if pack.media:
            words = sc.get("pinyin") or pinyin(sc["say"]["zh-CN"])
            speak(words, "zh-CN", pack.path(audio["zh-CN"]))
            speak(sc["say"]["en"], "en", pack.path(audio["en"]))
        narration: dict[str, Any] = {"text": sc["say"], "audio": audio}
        item = {
            "id": sc["id"],
            "image": pack.jpeg(f"media/demos/{slug}/{n}-{sc['id']}.jpg", c.finish),
            "caption": sc["caption"],
            "narration": narration,
            "next": sc.get("next"),
            "talking_points": sc.get("talking_points"),
        }
        if "hotspots" in sc:
            item["hotspots"] = [
                {
                    "id": h["id"],
                    "rect": c.fraction(h.get("mark", h["id"])),
                    "label": h["label"],
                    "next": h["next"],
                }
                for h in sc["hotspots"]
            ]
        scenes.append(in_order({k: v for k, v in item.items() if v is not None}, SCENE, sc["id"]))
    return {"id": demo["id"], "title": demo["title"], "start": demo["scenes"][0]["id"], "scenes": scenes}


def write_pack(
    name: str,
    data: dict[str, Any],
    out: Path,
    demos: dict[str, dict[str, Any]],
    media: bool,
    done: Callable[[], None],
) -> None:
    """Write pack `name` from its `data` into `out`; `done` is called after each item."""
    pack = PackWriter(out / name, media)
    pack.json(MANIFEST, in_order({"format": FORMAT_VERSION, **data["pack"]}, MANIFEST_SPEC, name))
    sections: dict[str, list[dict[str, Any]]] = {}
    for cat in data.get("categories", []):
        slug = cat["id"].removeprefix("cat.")
        icon = pack.png(
            f"media/icons/{slug}.png", picture(category_icon, {k: cat[k] for k in ("color", "icon")})
        )
        hexcolor = "#{:02X}{:02X}{:02X}".format(*color(cat["color"]))
        cat = narrated(pack, {**cat, "icon": icon, "color": hexcolor}, f"category-{slug}")
        sections.setdefault("categories", []).append(cat)
        done()
    for sv in data.get("services", []):
        slug = sv["id"].removeprefix("svc.").replace(".", "-")
        images = [
            pack.jpeg(f"media/services/{slug}-{k + 1}.jpg", picture(service_art, spec, variant=k))
            for k, spec in enumerate(sv["images"])
        ]
        sections.setdefault("services", []).append(
            narrated(pack, {**sv, "images": images}, f"service-{slug}")
        )
        sections.setdefault("demos", []).append(write_demo(pack, demos[sv["demo"]]))
        done()
    for video in data.get("videos", []):
        sections.setdefault("videos", []).append(write_video(pack, video))
        done()
    for offer in data.get("offers", []):
        banner = pack.jpeg(offer["banner"]["file"], picture(offer_banner, offer["banner"]))
        slug = offer["id"].removeprefix("off.").replace(".", "-")
        sections.setdefault("offers", []).append(narrated(pack, {**offer, "banner": banner}, f"offer-{slug}"))
        done()
    for item in data.get("attract", []):
        if "image" in item:
            item = {**item, "image": pack.jpeg(item["image"]["file"], picture(slide, item["image"]))}
        sections.setdefault("attract", []).append(item)
        done()
    guides = []
    for guide in data.get("guides", []):
        spoken = narrated(pack, guide, "guide-" + guide["id"].replace(".", "-"))
        guides.append(in_order(spoken, GUIDE, guide["id"]))
        done()
    if guides:
        pack.json(GUIDES, {"guides": guides})
    for section, items in sections.items():
        items = [in_order(item, SPECS[section], item["id"]) for item in items]
        if section == "attract":
            pack.json("attract.json", {"items": items})
        else:
            pack.json(SECTION_FILES[section], items)
    if "top10" in data:
        pack.json("top10.json", data["top10"])
    if "focus" in data:
        pack.json(FOCUS_FILE, in_order(data["focus"], FOCUS, "focus"))
    if "overrides" in data:
        pack.json("overrides.json", data["overrides"])


def write_video(pack: PackWriter, video: dict[str, Any]) -> dict[str, Any]:
    stem = video["file"].removesuffix(".mp4")
    frame = DRAWINGS[video["frame"]]
    if pack.media:
        encode_video(pack.path(video["file"]), frame, video["seconds"])

    def poster() -> Image.Image:
        c = Canvas(*FULL, SS)
        frame(c, video["poster_at"])
        return c.finish()

    cues = video["cues"]
    subtitles = {
        lang: pack.text(f"{stem}.{short}.vtt", vtt([(q["from"], q["until"], q["text"][lang]) for q in cues]))
        for lang, short in (("zh-CN", "zh"), ("en", "en"))
    }
    return {
        "id": video["id"],
        "title": video["title"],
        "file": video["file"],
        "poster": pack.jpeg(f"{stem}-poster.jpg", poster),
        "subtitles": subtitles,
    }


#: What each pack's items are, in the order write_pack makes them (for the progress bar).
ITEM_SECTIONS = ("categories", "services", "videos", "offers", "attract", "guides")


def missing_tools(media: bool) -> list[str]:
    """What this machine lacks to make the packs, each with how to get it."""
    lacking = []
    if not all((FONT_DIR / f).is_file() for f in ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc")):
        lacking.append(
            f"the Noto Sans CJK fonts in {FONT_DIR}, which draw the pictures (apt-get install fonts-noto-cjk)"
        )
    if media and shutil.which("espeak-ng") is None:
        lacking.append("espeak-ng, which speaks the narration (Debian: apt-get install espeak-ng)")
    if media and importlib.util.find_spec("pypinyin") is None:
        lacking.append(
            "pypinyin, which writes Chinese narration as pinyin for espeak-ng (uv sync installs it)"
        )
    return lacking


@contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A temporary folder beside `out` (same file system, so the swap is a rename), removed
    whatever happens."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def put_in_place(built: Path, out: Path) -> None:
    """Each built pack in place of the old one: renamed in, the old one renamed aside first
    and removed only after (a pack folder is never half-written)."""
    out.mkdir(parents=True, exist_ok=True)
    for name in PACKS:
        target, old = out / name, built / f".old-{name}"
        if target.exists():
            target.rename(old)
        (built / name).rename(target)
        shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Make the bundled sample content packs.")
    parser.add_argument("--out", type=Path, default=BUNDLED_CONTENT, help="where the packs go")
    parser.add_argument("--no-media", action="store_true", help="write the JSON files only")
    args = parser.parse_args(argv)
    media = not args.no_media
    if not media and args.out.resolve() == BUNDLED_CONTENT.resolve():
        raise SystemExit("--no-media writes the JSON files alone: give it --out DIR, not the bundled packs")
    if lacking := missing_tools(media):
        raise SystemExit("cannot make the sample content; this machine lacks:\n  " + "\n  ".join(lacking))
    demos = {d["id"]: d for d in (load(p) for p in sorted((DATA / "demos").glob("*.toml")))}
    data = {name: load(DATA / f"{name}.toml") for name in PACKS}
    items = sum(len(data[name].get(section, [])) for name in PACKS for section in ITEM_SECTIONS)
    with staging(args.out) as built:
        # Only with media is it slow (about 90 s); the JSON alone takes a second.
        with tqdm(total=items, unit="item", disable=not media, file=sys.stderr) as bar:
            for name in PACKS:
                bar.set_description(name)
                write_pack(name, data[name], built, demos, media, lambda: bar.update())
        if media:
            print("validating the packs", file=sys.stderr)
            for i, name in enumerate(PACKS):
                checked = check(built / name, [built / b for b in PACKS[:i]])
                if checked.failure:
                    raise SystemExit("\n".join([*checked.lines, checked.failure]))
        put_in_place(built, args.out)
    total = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"wrote {args.out}: {total / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
