"""Write the bad-input corpus: files that irinsider must read or refuse cleanly.

    python tools/make_bad_corpus.py            # rewrite tests/data/bad/
    python tools/make_bad_corpus.py --large    # also the large inputs (not committed)
    python tools/make_bad_corpus.py --out DIR  # somewhere else

The small files are committed under ``tests/data/bad/``; tests/ingest/test_bad_input.py
checks that this script reproduces them byte for byte and writes the large ones
(a 10 MB single line, a sentence of 5,000 tokens) into a temporary folder.
Everything is derived from fixed text and SHA-256, so the output never changes
between runs or Python versions. Each file name says what is wrong with it;
``EXPECT`` says what reading it must give.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "bad"

GOOD = "Russia condemned Ukraine on Tuesday."
GOOD_2 = "Iran attacked Iraq on Wednesday."

# What reading each file gives: "ok" (at least one article, maybe with warnings or
# errors on some records), "error" (one-line error, nothing read).
EXPECT: dict[str, str] = {}


def noise(size: int, label: str) -> bytes:
    """`size` bytes that look random, the same every time."""
    out = bytearray()
    block = label.encode()
    while len(out) < size:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out[:size])


def gzipped(data: bytes) -> bytes:
    """gzip of `data` with a fixed time stamp and no file name, so it is reproducible."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as fh:
        fh.write(data)
    return buffer.getvalue()


def _jsonl(*records: object) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def small_files() -> dict[str, bytes]:
    """The committed corpus: name -> content."""
    files: dict[str, bytes] = {}

    def add(name: str, content: str | bytes, expect: str) -> None:
        files[name] = content.encode("utf-8") if isinstance(content, str) else content
        EXPECT[name] = expect

    # binary content under text names
    add("binary.txt", b"\x89PNG\r\n\x1a\n" + noise(600, "binary"), "error")
    add("binary-no-nul.html", bytes(b | 0x80 for b in noise(600, "high")), "error")
    add("zip-as-jsonl.jsonl", b"PK\x03\x04" + noise(300, "zip"), "error")
    add("controls.txt", ("Russia\x01\x02 condemned\x03\x04 Ukraine\x05\x06." * 4).encode(),
        "error")
    # encodings
    add("invalid-utf8.txt", f"{GOOD}\n\nThe caf\xe9 \x81 was \xc3\x28 closed.\n".encode("latin-1"),
        "ok")
    add("cp1252.txt", f"{GOOD} Caf\u00e9 \u201cDiplomacy\u201d.\n".encode("cp1252"), "ok")
    add("utf16-le-bom.txt", b"\xff\xfe" + f"{GOOD}\n{GOOD_2}\n".encode("utf-16-le"), "ok")
    add("utf16-be-bom.md", b"\xfe\xff" + f"# Two wars\n\n{GOOD}\n".encode("utf-16-be"), "ok")
    add("utf16-odd-length.txt", b"\xff\xfe" + f"{GOOD}\n".encode("utf-16-le") + b"\x00\xd8x",
        "error")
    add("utf8-bom.jsonl", "\ufeff" + _jsonl({"id": "bom", "text": GOOD}), "ok")
    # empty things
    add("empty.txt", b"", "error")
    add("blank.md", " \n\t\n\n  \n", "error")
    add("empty.jsonl", b"", "error")
    add("blank-lines.jsonl", "\n\n   \n", "error")
    add("empty.txt.gz", gzipped(b""), "error")
    add("no-paragraphs.html", "<!doctype html><html><head><title>T</title></head>"
                              "<body><script>var x = 1;</script></body></html>\n", "error")
    add("empty-body.html", "<html><body>   </body></html>\n", "error")
    add("only-front-matter.md", "---\ntitle: Nothing here\ndate: 2018-11-09\n---\n", "error")
    # HTML
    depth = 3000
    add("nested-deep.html", "<html><body>" + "<div>" * depth + f"<p>{GOOD}</p>"
        + "</div>" * depth + "</body></html>\n", "ok")
    add("nested-unclosed.html", "<html><body><p>" + "<b><i><span>" * 1000 + GOOD + "\n", "ok")
    add("unclosed.html", f"<html><head><title>Unclosed<body><p>{GOOD}<p>{GOOD_2}<div><table>"
                         "<tr><td>cell<!-- a comment that never ends\n", "ok")
    add("scripts.html", (
        "<!doctype html><html><head><style>p::before { content: 'Iraq attacked Iran.'; }</style>"
        "<script>document.write('<p>Israel attacked Syria.</p>');</script></head><body>"
        "<article><p>" + GOOD + "</p>"
        "<iframe src=\"https://example.org/ad\"><p>China condemned Japan.</p></iframe>"
        "<noscript><p>Turkey condemned Greece.</p></noscript>"
        "<script type=\"text/template\"><p>Egypt attacked Libya.</p></script>"
        "<svg><text>Cuba condemned Spain.</text></svg>"
        "<template><p>India attacked Pakistan.</p></template>"
        "<p onclick=\"alert('Peru attacked Chile.')\">" + GOOD_2 + "</p></article>"
        "<script>unterminated('</p>"
    ), "ok")
    add("not-html.html", "{\"text\": \"" + GOOD + "\"}\n", "ok")
    # JSON Lines
    add("mixed.jsonl", _jsonl({"id": "good-1", "text": GOOD}) + (
        "{not json at all\n"
        "[1, 2, 3]\n"
        "\"a string\"\n"
        "null\n"
        "{\"id\": \"no-text\"}\n"
        "{\"id\": \"number-text\", \"text\": 42}\n"
        "{\"id\": \"empty-text\", \"text\": \"   \"}\n"
        "{\"id\": \"deep\", \"text\": \"x\", \"more\": " + "[" * 5000 + "]" * 5000 + "}\n"
        "{\"id\": \"big-number\", \"text\": \"x\", \"n\": " + "7" * 5000 + "}\n"
        "{\"id\": \"bad-date\", \"text\": \"" + GOOD_2 + "\", \"date\": \"2018-02-30\"}\n"
        "{\"id\": \"object-title\", \"text\": \"" + GOOD_2 + "\", \"title\": {\"a\": 1}}\n"
        "{\"id\": \"nul\", \"text\": \"Russia\\u0000 condemned\\u0007 Ukraine.\"}\n"
        "{\"id\": \"surrogate\", \"text\": \"Russia \\ud800condemned Ukraine.\"}\n"
        "{\"id\": \"cut-off\", \"text\": \"Russia condem"
    ), "ok")
    add("one-record-no-newline.jsonl", json.dumps({"text": GOOD}), "ok")
    # gzip
    ids = noise(8 * 24, "ids").hex()  # ids that do not compress, so half the file is lines
    whole = gzipped(_jsonl(*({"id": ids[i * 16:i * 16 + 16], "text": GOOD} for i in range(24)))
                    .encode())
    add("truncated.jsonl.gz", whole[: len(whole) // 2], "ok")
    add("truncated-header.txt.gz", whole[:5], "error")
    add("not-gzip.txt.gz", f"{GOOD}\n", "error")
    add("gzip-of-binary.txt.gz", gzipped(noise(400, "gz")), "error")
    # Markdown front matter
    add("front-matter-bad-yaml.md", f"---\ntitle: [unclosed\ndate: 2018-11-09\n---\n{GOOD}\n",
        "error")
    add("front-matter-bad-date.md", f"---\ntitle: A bad date\ndate: 2018-02-30\n---\n{GOOD}\n",
        "error")
    add("front-matter-list.md", f"---\n- a\n- b\n---\n{GOOD}\n", "error")
    add("front-matter-unclosed.md", f"---\ntitle: Never closed\n\n{GOOD}\n", "ok")
    add("front-matter-deep.md", "---\ntitle: " + "[" * 3000 + "]" * 3000 + f"\n---\n{GOOD}\n",
        "error")
    # text that is hard to code
    add("emoji-rtl.txt", (
        "\U0001f30d World news \U0001f4f0\n\n"
        "Russia \U0001f1f7\U0001f1fa condemned Ukraine \U0001f1fa\U0001f1e6 "
        "on Tuesday \U0001f621.\n\n"
        "\u0631\u0648\u0633\u064a\u0627 \u062a\u062f\u064a\u0646 \u0623\u0648\u0643\u0631\u0627"
        "\u0646\u064a\u0627.\n\n"
        "\u05e8\u05d5\u05e1\u05d9\u05d4 \u05d2\u05d9\u05e0\u05ea\u05d4 \u05d0\u05ea \u05d0\u05d5"
        "\u05e7\u05e8\u05d0\u05d9\u05e0\u05d4.\u200f\n\n"
        "Iran\u202e attacked\u202c Iraq \U0001f468\u200d\U0001f469\u200d\U0001f467 "
        "on Wednesday.\n\n"
        "Zalgo: R\u0334\u0353u\u0335\u0353s\u0336\u0353sia \u0301\u0302\u0303 condemned.\n"
    ), "ok")
    add("nul-bytes.txt", f"{GOOD}\x00\n\n{GOOD_2}\x00\x00\n", "error")
    add("all-caps.txt", "RUSSIA CONDEMNED UKRAINE ON TUESDAY. IRAN ATTACKED IRAQ.\n", "ok")
    add("no-verbs.txt", "Russia. Ukraine. Iran and Iraq. The government, the army, the talks.\n",
        "ok")
    add("non-english.txt", (
        "La Russie a condamn\u00e9 l'Ukraine mardi.\n\n"
        "Der Iran hat den Irak am Mittwoch angegriffen.\n\n"
        "\u4fc4\u7f57\u65af\u8c34\u8d23\u4e4c\u514b\u5170\u3002\n\n"
        "\u0420\u043e\u0441\u0441\u0438\u044f \u043e\u0441\u0443\u0434\u0438\u043b\u0430 "
        "\u0423\u043a\u0440\u0430\u0438\u043d\u0443.\n"
    ), "ok")
    add("punctuation-only.txt", "... !!! ??? --- *** ((( ))) \u2026 \u00bf\u00a1\n", "ok")
    add("long-word.txt", "Russia condemned " + "Ukraine" * 3000 + ".\n", "ok")
    add("crlf-and-cr.txt", f"Title\r\n\r\nBy Someone\r\n\r\n{GOOD}\r{GOOD_2}\r\n", "ok")
    return files


def large_files() -> dict[str, bytes]:
    """The inputs too large to commit: 10 MB single lines and a 5,000-token sentence."""
    words = ["Russia", "condemned", "Ukraine", "and"]
    sentence = " ".join(words[i % 4] for i in range(4999)) + " ."
    size = 10 * 2**20
    line = (GOOD + " ") * (size // (len(GOOD) + 1))
    record = json.dumps({"id": "huge", "text": line})
    EXPECT.update({"long-sentence.txt": "ok", "ten-megabytes.txt": "error",
                   "ten-megabytes.jsonl": "ok"})
    return {
        "long-sentence.txt": (sentence + "\n").encode(),
        "ten-megabytes.txt": line.encode(),
        "ten-megabytes.jsonl": (record + "\n" + json.dumps({"id": "after", "text": GOOD_2})
                                + "\n").encode(),
    }


def write(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write `files` into `folder` (created if needed); return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in sorted(files.items()):
        path = folder / name
        path.write_bytes(content)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT,
                        help="folder to write (default: tests/data/bad)")
    parser.add_argument("--large", action="store_true", help="also write the large inputs")
    args = parser.parse_args(argv)
    files = small_files()
    if args.large:
        files.update(large_files())
    paths = write(args.out, files)
    print(f"wrote {len(paths)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
