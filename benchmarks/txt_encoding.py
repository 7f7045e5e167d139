"""How well the TXT reader decides an 8-bit Cyrillic encoding, against charset-normalizer.

Run from the project root: python -m benchmarks.txt_encoding
Cuts Russian prose (and its upper-case form, as in headings) into snippets of
several lengths and encodes each in CP1251, KOI8-R and CP866; cuts Kazakh prose
the same way and encodes it in KZ-1048.  Asks both deciders; an answer is right
when the bytes read back in it give the snippet (Russian reads the same in
CP1251 and KZ-1048).  Prints, per length, how many each got right, wrong or left
undecided, and the time each took for the whole run (charset-normalizer is the
baseline).
"""

from __future__ import annotations

import time

from charset_normalizer import from_bytes

from accessreader.content.txt import guess_cyrillic

PROSE = (
    "Осенью в городе стало тихо. Библиотека на углу открывалась в девять часов, и первыми "
    "приходили студенты, которые занимали места у окон. Старый библиотекарь знал каждого "
    "читателя по имени и помнил, кто какие книги брал в прошлом году. Он говорил, что книга "
    "должна находить своего читателя сама, а дело библиотеки - не мешать этой встрече. "
    "Зимой в читальном зале топили печь, и запах дров смешивался с запахом старой бумаги. "
    "Дети приходили после школы, садились за длинный стол и читали сказки вслух, шёпотом, "
    "чтобы не мешать взрослым. Весной библиотеку решили перестроить: провели свет, поставили "
    "новые полки, а в подвале устроили комнату для тех, кто читает пальцами. Там стояли машины "
    "для печати шрифтом Брайля, и каждую неделю выходило несколько новых книг. Летом окна "
    "держали открытыми, и с улицы доносились голоса, звон трамвая и шум дождя по крыше. "
    "Так проходил год за годом, а библиотека оставалась местом, где время текло медленнее."
)
KAZAKH_PROSE = (
    "Күз келгенде қала тынышталып қалды. Бұрыштағы кітапхана сағат тоғызда ашылатын, алғашқы "
    "болып терезе жанындағы орындарды алатын студенттер келетін. Қарт кітапханашы әр оқырманды "
    "атымен білетін және өткен жылы кім қандай кітап алғанын есінде сақтайтын. Ол кітап өз "
    "оқырманын өзі табуы керек, ал кітапхананың ісі бұл кездесуге кедергі жасамау деп айтатын. "
    "Қыста оқу залында пеш жағылып, отынның иісі ескі қағаздың иісімен араласатын. Балалар "
    "мектептен кейін келіп, ұзын үстелге отырып, ертегілерді сыбырлап оқитын. Көктемде "
    "кітапхананы қайта жөндеп, жарық жүргізді, жаңа сөрелер қойды, ал жертөледе саусақпен "
    "оқитындарға арналған бөлме ашылды. Онда Брайль қарпімен басатын машиналар тұрды."
)
LENGTHS = (12, 25, 50, 100, 400)
ENCODINGS = ((PROSE, ("cp1251", "koi8_r", "cp866")), (KAZAKH_PROSE, ("kz1048",)))
CANDIDATES = ["cp1251", "kz1048", "koi8_r", "cp866"]


def snippets(prose: str, length: int) -> list[str]:
    step = max(length // 2, 7)
    cuts = [prose[i : i + length] for i in range(0, len(prose) - length, step)]
    return cuts + [c.upper() for c in cuts]


def ours(data: bytes) -> str | None:
    return guess_cyrillic(data)


def baseline(data: bytes) -> str | None:
    best = from_bytes(data, cp_isolation=CANDIDATES).best()
    return best.encoding if best else None


def main() -> None:
    totals = {"ours": 0.0, "charset-normalizer": 0.0}
    print(f"{'letters':>7} {'decider':<19} {'right':>5} {'wrong':>5} {'undecided':>9}")
    for length in LENGTHS:
        cases = [
            (s.encode(enc), s) for prose, encodings in ENCODINGS for s in snippets(prose, length) for enc in encodings
        ]
        for label, decide in (("ours", ours), ("charset-normalizer", baseline)):
            right = wrong = undecided = 0
            start = time.perf_counter()
            for data, expected in cases:
                got = decide(data)
                if got is None:
                    undecided += 1
                elif data.decode(got, errors="replace") == expected:
                    right += 1
                else:
                    wrong += 1
            totals[label] += time.perf_counter() - start
            print(f"{length:>7} {label:<19} {right:>5} {wrong:>5} {undecided:>9}")
    ratio = totals["charset-normalizer"] / max(totals["ours"], 1e-9)
    print(
        f"time: ours {totals['ours']:.3f} s, charset-normalizer {totals['charset-normalizer']:.3f} s "
        f"(ours is {ratio:.0f}x faster)"
    )


if __name__ == "__main__":
    main()
