"""Peak memory of MP3 production as the book grows: flat in the workers, small in the main process.

    python -m benchmarks.speech_memory [--sizes 25000,50000,100000] [--script-only 5000000]

Each size runs in a fresh process (``write_all`` to MP3, 2 workers) and reports the
peak resident memory of that main process and of the largest child (a synthesis
worker or an encoder).  Synthesising a whole 5 MB book takes hours of CPU here, so
for 5 MB only the part that grows with the whole book is measured: the Document and
its speech script held by the main process (workers only ever hold one chapter).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

RUN = """
import json, resource, sys, tempfile, time
from pathlib import Path
from benchmarks.speech_book import sample_book
from accessreader.tts.outputs import speech_options, write_all
from accessreader.tts.script import speech_script
if __name__ == "__main__":
    chars, script_only = int(sys.argv[1]), sys.argv[2] == "1"
    start = time.perf_counter()
    document = sample_book(chars, chapters=max(8, chars // 40000))
    if script_only:
        count = len(speech_script(document))
    else:
        with tempfile.TemporaryDirectory() as folder:
            write_all(document, {"mp3": Path(folder) / "book" / "mp3"}, speech_options(workers=2))
        count = 0
    print(json.dumps({
        "main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "child": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "seconds": time.perf_counter() - start, "utterances": count,
    }))
"""


def measure(chars: int, script_only: bool) -> dict:
    result = subprocess.run([sys.executable, "-c", RUN, str(chars), "1" if script_only else "0"],
                            capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="25000,50000,100000")
    parser.add_argument("--script-only", type=int, default=5_000_000)
    args = parser.parse_args()
    print("whole MP3 conversion, peak resident memory:")
    for chars in map(int, args.sizes.split(",")):
        m = measure(chars, False)
        print(f"  {chars / 1e6:5.3f} MB text: main {m['main']:6.1f} MB, largest child {m['child']:6.1f} MB, "
              f"{m['seconds']:.1f} s")  # fmt: skip
    if args.script_only:
        m = measure(args.script_only, True)
        print(f"  {args.script_only / 1e6:5.3f} MB text, Document + speech script only ({m['utterances']} utterances): "
              f"main {m['main']:6.1f} MB, {m['seconds']:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
