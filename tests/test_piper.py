"""The Piper engine's plumbing on a tiny ONNX model this test builds itself.

This tests the PLUMBING, not a voice: the folder is scanned, each voice is found per
language with its licence, the real piper-tts runtime (its espeak-ng phonemes, ONNX
Runtime) runs the model, and the sound reaches a chapter at the chapter's rate.  The
model is a few arithmetic nodes that turn phoneme ids into a tone 256 samples per id:
it says nothing a listener would understand.  A real voice (kk_KZ-issai-high, say)
goes through the same code when a library copies it into the folder.
"""

from __future__ import annotations

import json

import pytest

onnx = pytest.importorskip("onnx")
pytest.importorskip("piper")

from onnx import TensorProto, helper  # noqa: E402

from accessreader.errors import UnknownVoice  # noqa: E402
from accessreader.tts.engines import PiperEngine, Voice, parse_voices, piper_voices, voices_for  # noqa: E402
from accessreader.tts.synthesis import speak  # noqa: E402

HOP = 256


def tiny_model(path) -> None:
    """input int64[1,N], input_lengths int64[1], scales float[3] → output float[1,1,N*HOP]."""
    nodes = [
        helper.make_node("Cast", ["input"], ["ids"], to=TensorProto.FLOAT),
        helper.make_node("Mul", ["ids", "step"], ["phase"]),
        helper.make_node("Sin", ["phase"], ["wave"]),
        helper.make_node("Unsqueeze", ["wave", "axis"], ["wave3"]),
        helper.make_node("Tile", ["wave3", "repeats"], ["output"]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny",
        [
            helper.make_tensor_value_info("input", TensorProto.INT64, [1, "n"]),
            helper.make_tensor_value_info("input_lengths", TensorProto.INT64, [1]),
            helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3]),
        ],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, None])],
        [
            helper.make_tensor("step", TensorProto.FLOAT, [], [0.7]),
            helper.make_tensor("axis", TensorProto.INT64, [1], [1]),
            helper.make_tensor("repeats", TensorProto.INT64, [3], [1, 1, HOP]),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, str(path))


def config(lang: str, espeak_voice: str, rate: int, licence: str | None) -> dict:
    symbols = ["_", "^", "$", " "] + [chr(c) for c in range(0x21, 0x2FF) if chr(c).isprintable()]
    result = {
        "audio": {"sample_rate": rate},
        "espeak": {"voice": espeak_voice},
        "language": {"code": lang},
        "inference": {"noise_scale": 0.667, "length_scale": 1, "noise_w": 0.8},
        "phoneme_type": "espeak",
        "phoneme_id_map": {symbol: [index] for index, symbol in enumerate(symbols)},
        "num_symbols": len(symbols),
        "num_speakers": 1,
    }
    if licence:
        result["license"] = licence
    return result


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("voices")
    for name, lang, espeak_voice, rate, licence in [
        ("kk_KZ-tiny-low", "kk_KZ", "kk", 16000, "CC-BY-4.0"),
        ("ru_RU-tiny-medium", "ru_RU", "ru", 22050, None),
    ]:
        tiny_model(folder / f"{name}.onnx")
        (folder / f"{name}.onnx.json").write_text(json.dumps(config(lang, espeak_voice, rate, licence)))
    (folder / "MODEL_CARD").write_text("# Model card\n* License: CC0-1.0\n")
    (folder / "broken.onnx").write_bytes(b"no config beside it")
    return folder


def test_the_folder_lists_each_voice_per_language_with_its_licence(folder):
    found = piper_voices(str(folder))
    assert sorted(found) == ["kk_kz-tiny-low", "ru_ru-tiny-medium"]  # broken.onnx has no .onnx.json
    kk, ru = found["kk_kz-tiny-low"], found["ru_ru-tiny-medium"]
    assert (kk.lang, kk.sample_rate, kk.licence) == ("kk", 16000, "CC-BY-4.0")
    assert (ru.lang, ru.sample_rate, ru.licence) == ("ru", 22050, "CC0-1.0")  # from the MODEL_CARD


def test_the_runtime_runs_the_model_through_its_phonemes(folder):
    tts = PiperEngine(str(folder))
    assert tts.sample_rate == 22050  # the highest among the folder's voices
    short = tts.synthesize("Сәлем.", Voice("kk", "kk_KZ-tiny-low", engine="piper"))
    longer = tts.synthesize("Сәлеметсіз бе, құрметті оқырман.", Voice("kk", "kk_KZ-tiny-low", engine="piper"))
    assert short.sample_rate == 16000
    samples = len(short.pcm) // 2
    assert samples > 0 and samples % HOP == 0  # HOP samples per phoneme id: the model's output, whole
    assert len(longer.pcm) > 2 * len(short.pcm)  # more phonemes, more sound


def test_a_piper_voice_joins_a_chapter_at_the_chapters_rate(folder, monkeypatch):
    monkeypatch.setenv("ACCESSREADER_PIPER_VOICES", str(folder))
    voices = voices_for(parse_voices("kk=piper:kk_KZ-tiny-low"))
    assert (voices["kk"].engine, voices["kk"].name) == ("piper", "kk_KZ-tiny-low")
    got = bytearray()

    class Collect:
        def write(self, pcm):
            got.extend(pcm)

    samples, timings = speak([("s1", "kk", "Сәлем.", True), ("s2", "ru", "Привет.", True)], voices, [Collect()])
    assert len(got) == samples * 2
    # the Piper piece (16 kHz) was resampled to espeak-ng's 22,050 Hz: same length in time
    assert timings[0].end == pytest.approx(
        PiperEngine(str(folder)).synthesize("Сәлем.", voices["kk"]).seconds, abs=0.01
    )


def test_a_voice_not_in_the_folder_is_a_clear_error(folder):
    with pytest.raises(UnknownVoice) as caught:
        PiperEngine(str(folder)).synthesize("Сәлем.", Voice("kk", "kk_KZ-issai-high", engine="piper"))
    assert "kk_KZ-tiny-low" in caught.value.message("en")


def test_the_voices_command_shows_each_piper_voice_with_its_licence(folder):
    from click.testing import CliRunner

    from accessreader.cli import main

    result = CliRunner().invoke(main, ["voices"], env={"ACCESSREADER_PIPER_VOICES": str(folder)})
    assert result.exit_code == 0, result.output
    assert "kk\tpiper:kk_KZ-tiny-low\tCC-BY-4.0" in result.stdout
    assert "kk\tespeak:kk\t" in result.stdout
