"""A reader's own voice, speed and read-along: chosen on the listen page (Chromium, keyboard, axe), checked hard,
remembered in the database, heard in the live audio, and the spoken sentence followed in the text."""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx
import pytest

from accessreader.errors import RateNotOffered, VoiceNotOffered
from accessreader.service import schema
from accessreader.service.listening import Choice, Listening, checked, offered
from accessreader.service.people import People
from accessreader.tts.engines import rhvoice_installed
from tests.servicekit import READER
from tests.stores import KINDS, LIGHT_HASHER, open_test_store
from tests.test_web import log_in, tab_into, violations
from tests.webkit import serve, stop, tab

needs_rhvoice = pytest.mark.skipif(not rhvoice_installed(), reason="RHVoice is not installed (scripts/setup)")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    service, server, thread = serve(tmp_path_factory.mktemp("listen"))
    yield service
    stop(server, thread, service.library)


@pytest.fixture
def page(browser, served):
    with tab(browser, served.base, timeout_ms=15_000) as page:
        yield page


@pytest.fixture(autouse=True)
def default_choice(served):
    """Each test starts with the reader's choice at the library's defaults."""
    reader = served.library.people.by_login(READER[0])
    served.library.listening.save(reader.id, Choice())
    yield


def client(served, lang="en") -> httpx.Client:
    session = httpx.Client(base_url=served.base, timeout=60, headers={"Accept-Language": lang})
    assert session.post("/api/login", json={"login": READER[0], "secret": READER[1]}).status_code == 200
    return session


def sample_rate(data: bytes, folder: Path) -> int:
    """The sample rate of MP3 ``data`` as ffprobe reads it."""
    path = folder / "probe.mp3"
    path.write_bytes(data)
    probe = ["ffprobe", "-v", "error", "-show_entries", "stream=sample_rate", "-of", "csv=p=0", str(path)]
    return int(subprocess.run(probe, capture_output=True, text=True, check=True).stdout.strip())


def test_only_voices_installed_here_and_rates_within_bounds_are_taken():
    keys = {lang: [offer.key for offer in offers] for lang, offers in offered().items()}
    assert set(keys) == {"kk", "ru", "en"} and "espeak:kk" in keys["kk"] and "espeak:ru" in keys["ru"]
    if rhvoice_installed():
        assert {"rhvoice:aleksandr", "rhvoice:anna", "rhvoice:elena", "rhvoice:irina"} <= set(keys["ru"])
        assert "rhvoice:pavel" not in keys["ru"]  # CC-BY-NC-ND: never offered
    assert checked({"ru": "rhvoice:anna" if rhvoice_installed() else "espeak:ru", "kk": ""}, "200").rate == 200
    for voices, rate, error in (
        ({"ru": "rhvoice:pavel"}, "", VoiceNotOffered),
        ({"ru": "espeak:kk"}, "", VoiceNotOffered),  # a voice of another language
        ({"ru": "<script>alert(1)</script>"}, "", VoiceNotOffered),
        ({"xx": "espeak:ru"}, "", VoiceNotOffered),
        ({}, "79", RateNotOffered),
        ({}, "451", RateNotOffered),
        ({}, "1e9", RateNotOffered),
        ({}, "-175", RateNotOffered),
    ):
        with pytest.raises(error) as refused:
            checked(voices, rate)
        assert refused.value.message("ru") != refused.value.message("en")  # said in the reader's language


@pytest.mark.parametrize("kind", KINDS)
def test_the_choice_is_remembered_per_reader_in_the_database(kind, tmp_path):
    store = open_test_store(kind, tmp_path)
    people = People(store, hasher=LIGHT_HASHER)
    first = people.register("reader", "3003", "1234", "First", print_disabled=True)
    second = people.register("reader", "3004", "1234", "Second", print_disabled=True)
    listening = Listening(store)
    assert listening.get(first.id) == Choice()  # before any choice: the defaults, read-along on
    listening.save(first.id, Choice({"ru": "espeak:ru"}, 250, read_along=False))
    again = Listening(store)  # a new process, the same database
    assert again.get(first.id) == Choice({"ru": "espeak:ru"}, 250, False)
    assert again.get(second.id) == Choice()
    with store.begin() as connection:  # a voice uninstalled since it was chosen: the default again, no failure
        table = schema.listening
        connection.execute(table.update().where(table.c.person_id == first.id).values(voices={"ru": "rhvoice:gone"}))
    assert again.get(first.id) == Choice({}, 250, False)
    with pytest.raises(RateNotOffered):
        listening.save(second.id, Choice(rate=1000))  # checked again before it is stored
    assert again.get(second.id) == Choice()


def test_hostile_values_through_the_api_get_422_in_the_readers_language(served):
    reader = client(served, "ru")
    for body in ({"voices": {"ru": "rhvoice:pavel"}}, {"voices": {"ru": "../../etc/passwd"}}, {"rate": 9999}):
        answer = reader.put("/api/me/listening", json=body)
        assert answer.status_code == 422, body
        assert answer.json()["error"] in ("voice_not_offered", "rate_not_offered")
        assert any(word in answer.json()["message"] for word in ("голос", "скорость")), answer.json()
    too_long = reader.put("/api/me/listening", json={"voices": {"ru": "x" * 1000}})
    assert too_long.status_code == 422
    assert reader.get("/api/me/listening").json()["voices"] == {}  # nothing refused was kept


@needs_rhvoice
def test_the_live_chapter_is_spoken_in_the_readers_rhvoice_voice(served, tmp_path):
    reader = client(served)
    url = f"/api/titles/{served.live_title}/audio/2.mp3"
    library_voice = reader.get(url)
    assert "ru=espeak-ng ru" in library_voice.headers["x-voices"]
    assert sample_rate(library_voice.content, tmp_path) == 22050  # espeak-ng alone

    saved = reader.put("/api/me/listening", json={"voices": {"ru": "rhvoice:anna"}})
    assert saved.status_code == 200 and saved.json()["voices"] == {"ru": "rhvoice:anna"}
    anna = reader.get(url)
    assert anna.status_code == 200 and "ru=RHVoice Anna" in anna.headers["x-voices"]
    assert "kk=espeak-ng kk" in anna.headers["x-voices"]  # the Kazakh sentence keeps its own voice
    assert sample_rate(anna.content, tmp_path) == 24000  # RHVoice speaks in the stream
    assert len(anna.content) > 2000 and anna.content != library_voice.content

    reader.put("/api/me/listening", json={"voices": {"ru": "rhvoice:aleksandr"}})
    aleksandr = reader.get(url)
    assert "ru=RHVoice Aleksandr" in aleksandr.headers["x-voices"] and aleksandr.content != anna.content

    heard = reader.get(f"/api/titles/{served.live_title}/audio/2/sentences").json()
    assert heard["live"] is True
    ids = [sentence for sentence, _, _ in heard["sentences"]]
    starts = [start for _, start, _ in heard["sentences"]]
    made_ids = [sentence for sentence, _, _ in reader.get(f"/api/titles/{served.title}/audio").json()[1]["sentences"]]
    assert ids == made_ids and starts[0] == 0 and starts == sorted(starts) and len(set(starts)) == len(ids)

    made = reader.get(f"/api/titles/{served.title}/audio/2.mp3", params={"live": 1})  # a made chapter, my voice
    assert "ru=RHVoice Aleksandr" in made.headers["x-voices"] and sample_rate(made.content, tmp_path) == 24000


def test_a_faster_rate_makes_shorter_live_audio(served):
    reader = client(served)
    url = f"/api/titles/{served.live_title}/audio/2.mp3"
    usual = len(reader.get(url).content)
    reader.put("/api/me/listening", json={"rate": 400})
    assert len(reader.get(url).content) < usual * 0.7


@needs_rhvoice
def test_a_reader_chooses_an_rhvoice_russian_voice_on_the_web_with_the_keyboard_and_hears_it(page, served):
    log_in(page, READER)
    page.goto(f"/titles/{served.live_title}/listen")
    page.wait_for_selector("#player[data-ready='true']")
    tab_into(page, "#voice_ru")
    option = page.eval_on_selector("#voice_ru", "s => Array.from(s.options).findIndex(o => o.value === 'rhvoice:anna')")
    assert option > 0 and page.inner_text("label[for='voice_ru']") == "Russian voice"
    for _ in range(option):
        page.keyboard.press("ArrowDown")
    assert page.input_value("#voice_ru") == "rhvoice:anna"
    tab_into(page, "#voice-form button[type='submit']")
    page.keyboard.press("Enter")
    page.wait_for_url("**saved=voice")
    assert page.inner_text("#voice-saved") == "Your voice and speed are saved."
    assert page.input_value("#voice_ru") == "rhvoice:anna"  # remembered: the page shows it chosen

    page.wait_for_selector("#player[data-ready='true']")
    assert violations(page) == []
    with page.expect_response(lambda r: "/audio/2.mp3" in r.url and r.request.resource_type == "media") as sent:
        page.click("a.chapter[data-number='2']")
    response = sent.value
    assert "ru=RHVoice Anna" in response.headers["x-voices"] and response.status == 200
    page.wait_for_function("() => document.getElementById('audio').currentTime > 0.5")  # heard: it plays
    assert page.eval_on_selector("#audio", "a => a.error") is None

    # The audio that came back is RHVoice's: the stream is at RHVoice's 24 kHz.
    data = page.request.get(response.url).body()
    assert sample_rate(data, Path(served.library.settings.data)) == 24000


def test_a_voice_not_offered_is_refused_at_the_form_in_the_readers_language(page, served):
    log_in(page, READER)
    page.goto(f"/titles/{served.live_title}/listen?lang=ru")
    page.eval_on_selector("#voice_ru", "s => { s.options[1].value = 'rhvoice:pavel'; s.selectedIndex = 1; }")
    page.fill("#rate", "300")
    with page.expect_navigation() as loaded:
        page.click("#voice-form button[type='submit']")
    assert loaded.value.status == 422
    assert "голос rhvoice:pavel не предлагается" in page.inner_text("#voice-error")
    assert page.get_attribute("#voice-form", "aria-describedby") == "voice-error"
    assert page.input_value("#rate") == "300"  # what the reader typed stays
    assert violations(page) == []
    reader = served.library.people.by_login(READER[0])
    assert served.library.listening.get(reader.id) == Choice()  # nothing stored

    page.fill("#rate", "5000")
    with page.expect_navigation() as loaded:
        page.evaluate("() => document.getElementById('voice-form').submit()")  # past the browser's own check
    assert loaded.value.status == 422 and "скорость речи 5000" in page.inner_text("#voice-error")


def spoken(page) -> str | None:
    return page.evaluate("() => { const e = document.querySelector('#text [aria-current]'); return e && e.id; }")


def test_read_along_highlights_and_follows_the_spoken_sentence_and_can_be_turned_off(page, served):
    log_in(page, READER)
    timings = page.request.get(f"/api/titles/{served.title}/audio").json()[1]["sentences"]
    page.goto(f"/titles/{served.title}/listen")
    page.wait_for_selector("#player[data-ready='true']")
    page.click("a.chapter[data-number='2']")
    page.wait_for_function("() => document.getElementById('text').dataset.number === '2'")
    page.wait_for_selector("#text #c1b1s0")  # chapter 2's text, read from its page
    page.eval_on_selector("#audio", "a => a.pause()")
    page.evaluate("() => scrollTo(0, 0)")
    below = "() => document.getElementById('c1b1s0').getBoundingClientRect().top > innerHeight"
    assert page.evaluate(below)  # the text starts below the fold: following it has to scroll
    focused = page.evaluate("() => document.activeElement.id")
    seen = []
    for sentence, start, end in timings[1:4]:
        page.eval_on_selector("#audio", f"a => {{ a.currentTime = {(start + end) / 2}; }}")
        page.wait_for_function(f"() => document.querySelector('#text [aria-current]')?.id === {sentence!r}")
        seen.append(spoken(page))
        assert page.eval_on_selector(f"[id='{sentence}']", "e => e.classList.contains('spoken')")
        page.wait_for_function(  # followed: scrolled into view (smoothly)
            f"() => {{ const r = document.getElementById({sentence!r}).getBoundingClientRect();"
            " return r.top >= 0 && r.bottom <= innerHeight; }"
        )
    assert seen == [s for s, _, _ in timings[1:4]] and len(set(seen)) == 3
    assert page.evaluate("() => document.activeElement.id") == focused  # the focus stays with the player
    assert violations(page) == []

    page.click("#read-along")  # off: nothing is highlighted, and it is remembered
    assert spoken(page) is None
    page.eval_on_selector("#audio", f"a => {{ a.currentTime = {timings[0][1] + 0.01}; }}")
    page.wait_for_timeout(500)
    assert spoken(page) is None
    reader = served.library.people.by_login(READER[0])
    for _ in range(50):
        if not served.library.listening.get(reader.id).read_along:
            break
        page.wait_for_timeout(100)
    assert served.library.listening.get(reader.id).read_along is False
    page.reload()
    page.wait_for_selector("#player[data-ready='true']")
    assert page.is_checked("#read-along") is False


def test_read_along_follows_a_live_chapter_as_it_is_spoken(page, served):
    log_in(page, READER)
    page.goto(f"/titles/{served.live_title}/listen")
    page.wait_for_selector("#player[data-ready='true']")
    page.click("a.chapter[data-number='2']")
    page.wait_for_function("() => document.querySelector('#text [aria-current]') !== null")
    first = spoken(page)
    assert first.startswith("c1b") and first.endswith("s0")
    page.wait_for_function(f"() => document.querySelector('#text [aria-current]')?.id !== {first!r}", timeout=20_000)
    assert spoken(page) != first  # the next sentence as the audio goes on
