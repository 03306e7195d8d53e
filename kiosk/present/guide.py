"""The spoken guide of every screen, in zh-CN and en, as the parts `kiosk.flow.voice` says.

A guide says what the screen is, what can be done there and the names on it. Each part is a
recording (the pack's narration audio in the customer's language) or a text (spoken by
text-to-speech, always shown as a caption). A pack's guide of a fixed screen
(`Content.guides`, by the ids of `GUIDE_SCREENS`) replaces the built-in sentence below; a
category's, service's or scene's own narration replaces its name.

- attract: the guide. home: the guide, then the categories' names.
- category: its narration (or name), its services' names, the guide.
- service: its narration (or name and pitch), the price sentence (`kiosk.domain.pricing`),
  the guide.
- demo: the demo's title and the guide; each scene's narration is its own utterance
  (`scene_narration`), which the audio focus plays after the guide.
- video: the video's title and the guide.
- subscribe.number / review / code / offline / receipt: the step's guide; on the number's
  keypad every digit typed is read back (`digit`: the pack's digit.N, or the digit).
- idle: the "still there?" warning says itself.
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.domain.catalog import View
from kiosk.flow.voice import Part, Utterance
from kiosk.packs.model import Category, Demo, Guide, HourRange, Narration, Scene, Service, Video
from kiosk.present.media import media_url

#: Every screen's built-in guide, used when no pack has one for it.
BUILT_IN: dict[str, dict[str, str]] = {
    "attract": {
        "zh-CN": "欢迎来到体验区。请点击屏幕开始。",
        "en": "Welcome to the experience zone. Touch the screen to start.",
    },
    "home": {
        "zh-CN": "这是首页。可以看看优惠活动和热门业务，或者点一个分类。",
        "en": "This is the home screen. Look at the offers and the top ten, or touch a category.",
    },
    "category": {
        "zh-CN": "点一项业务，看看详情和价格。",
        "en": "Touch a service to see what it offers and its price.",
    },
    "service": {
        "zh-CN": "可以观看演示或视频，也可以点“立即办理”。",
        "en": "You can try its demo, watch its video, or touch Subscribe.",
    },
    "demo": {
        "zh-CN": "这是一个演示。点亮起的区域或“下一步”继续。",
        "en": "This is a demo. Touch the highlighted area, or Next, to go on.",
    },
    "video": {
        "zh-CN": "视频正在播放。点画面可以暂停。",
        "en": "The video is playing. Touch the picture to pause it.",
    },
    "subscribe.number": {
        "zh-CN": "请在键盘上输入您的11位手机号码。",
        "en": "Type your eleven-digit mobile number on the keypad.",
    },
    "subscribe.review": {
        "zh-CN": "请核对业务和价格，勾选同意后点“确认”。",
        "en": "Check the service and the price, tick the box to agree, then touch Confirm.",
    },
    "subscribe.code": {
        "zh-CN": "我们已向您的手机发送验证码，请输入6位验证码。",
        "en": "We have texted you a code. Type its six digits.",
    },
    "subscribe.offline": {
        "zh-CN": "暂时无法发送验证码。可以稍后重试，或者通过短信回复“Y”确认。",
        "en": "The code cannot be sent now. Try again, or confirm by replying Y to our text message.",
    },
    "subscribe.receipt": {
        "zh-CN": "办理完成。扫描二维码可以随时查看订单。",
        "en": "Done. Scan the QR code to follow your order on your phone.",
    },
    "idle": {
        "zh-CN": "您还在吗？请点击屏幕继续。",
        "en": "Are you still there? Touch the screen to carry on.",
    },
    # Mobile numbers are read with 幺 for 1 in Chinese, as people say them.
    **{f"digit.{d}": {"zh-CN": "零幺二三四五六七八九"[d], "en": str(d)} for d in range(10)},
}

#: What is not among the pack's guides: the counter screen (subscribing is not offered here).
COUNTER = {
    "zh-CN": "这项业务请到柜台办理，工作人员会帮助您。",
    "en": "Please ask at the counter to subscribe to this service; our staff will help you.",
}

_LIST = {"zh-CN": "、", "en": ", "}
_CATEGORIES = {"zh-CN": "分类有：{}。", "en": "Categories: {}."}
_SERVICES = {"zh-CN": "这里有：{}。", "en": "Here: {}."}
_PRICE = {"zh-CN": "价格：{}。{}", "en": "Price: {}. {}"}


def narration_part(narration: Narration | None, lang: str) -> Part | None:
    """A narration as one part: its recording in `lang` (with its words), or its words."""
    if narration is None:
        return None
    words = narration.text.get(lang) if narration.text is not None else ""
    # Exactly `lang`'s recording: another language's would be read to the wrong customer.
    audio = dict(narration.audio.paths).get(lang) if narration.audio is not None else None
    if audio is None and not words:
        return None
    return Part(words, media_url(audio))


def guide_part(key: str, guides: Mapping[str, Guide], lang: str) -> Part:
    """The guide of screen `key`: the pack's, or the built-in one."""
    guide = guides.get(key)
    part = narration_part(guide.narration, lang) if guide is not None else None
    if part is not None:
        return part
    texts = BUILT_IN.get(key) or COUNTER
    return Part(texts[lang])


def _named(text: str) -> Part | None:
    return Part(text) if text else None


def _utterance(key: str, lang: str, *parts: Part | None) -> Utterance:
    return Utterance(key, lang, tuple(p for p in parts if p is not None))


def attract(lang: str, guides: Mapping[str, Guide]) -> Utterance:
    return _utterance("attract", lang, guide_part("attract", guides, lang))


def home(view: View, lang: str, guides: Mapping[str, Guide]) -> Utterance:
    names = _LIST[lang].join(c.name.get(lang) for c in view.categories)
    return _utterance(
        "home",
        lang,
        guide_part("home", guides, lang),
        _named(_CATEGORIES[lang].format(names) if names else ""),
    )


def category(view: View, cat: Category, lang: str, guides: Mapping[str, Guide]) -> Utterance:
    names = _LIST[lang].join(s.name.get(lang) for s in view.services_in(cat.id))
    return _utterance(
        "category",
        lang,
        narration_part(cat.narration, lang) or _named(cat.name.get(lang)),
        _named(_SERVICES[lang].format(names) if names else ""),
        guide_part("category", guides, lang),
    )


def price_sentence(view: View, service: Service, lang: str) -> str:
    q = view.quote(service)
    return _PRICE[lang].format(q.now_text(lang), q.explanation(lang)).strip()


def service(view: View, svc: Service, lang: str, guides: Mapping[str, Guide]) -> Utterance:
    own = narration_part(svc.narration, lang)
    name = f"{svc.name.get(lang)}{'。' if lang == 'zh-CN' else '. '}{svc.pitch.get(lang)}".strip()
    return _utterance(
        "service",
        lang,
        own or _named(name),
        _named(price_sentence(view, svc, lang)),
        guide_part("service", guides, lang),
    )


def demo(d: Demo, lang: str, guides: Mapping[str, Guide]) -> Utterance:
    return _utterance("demo", lang, _named(d.title.get(lang)), guide_part("demo", guides, lang))


def scene_narration(scene: Scene, lang: str) -> Utterance:
    """A demo scene's own narration (as the demo screen has always played it)."""
    return _utterance(f"narration:{scene.id}", lang, narration_part(scene.narration, lang))


def video(v: Video, lang: str, guides: Mapping[str, Guide]) -> Utterance:
    return _utterance("video", lang, _named(v.title.get(lang)), guide_part("video", guides, lang))


#: The subscribe flow's steps that have a guide (sending and checking pass in a moment).
SUBSCRIBE_STEPS = ("number", "review", "code", "offline", "receipt")


def subscribe(step: str, lang: str, guides: Mapping[str, Guide]) -> Utterance | None:
    if step not in SUBSCRIBE_STEPS:
        return None
    key = f"subscribe.{step}"
    return _utterance(key, lang, guide_part(key, guides, lang))


def counter(lang: str) -> Utterance:
    return _utterance("subscribe.counter", lang, Part(COUNTER[lang]))


def digit(d: str, lang: str, guides: Mapping[str, Guide]) -> Utterance | None:
    if len(d) != 1 or not d.isdigit():
        return None
    key = f"digit.{d}"
    return _utterance(key, lang, guide_part(key, guides, lang))


def idle(lang: str, guides: Mapping[str, Guide]) -> Utterance:
    return _utterance("idle", lang, guide_part("idle", guides, lang))


#: Why the customer does not hear the kiosk, in their language (kiosk.flow.voice.Silence).
_SILENCE: dict[str, dict[str, str]] = {
    "mutedByStaff": {"zh-CN": "语音已由工作人员静音", "en": "The voice is muted by staff"},
    "quietHours": {"zh-CN": "现在不播放语音（语音时段 {}）", "en": "The voice is quiet now (it speaks {})"},
    "turnedOff": {"zh-CN": "语音已关闭", "en": "The voice is turned off"},
    "noEngine": {
        "zh-CN": "本机没有语音合成：录音照常播放，其余显示为字幕",
        "en": "No text-to-speech here: recordings play, the rest shows as captions",
    },
    "noVoice": {
        "zh-CN": "语音合成没有这种语言的声音：录音照常播放，其余显示为字幕",
        "en": "No text-to-speech voice for this language: recordings play, the rest shows as captions",
    },
}


def silence_words(reason: str, lang: str, hours: HourRange | None = None) -> str:
    words = _SILENCE[reason][lang]
    if reason == "quietHours" and hours is not None:
        end = "24:00" if hours.to_midnight else hours.end.strftime("%H:%M")
        words = words.format(f"{hours.start.strftime('%H:%M')}-{end}")
    return words.replace("（语音时段 {}）", "").replace(" (it speaks {})", "")
