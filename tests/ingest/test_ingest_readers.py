"""read_inputs: every kind of input, bad inputs as InputError, de-duplication, overrides."""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path
from typing import BinaryIO, TextIO

import pytest

import marsad.ingest.webpage as webpage
from marsad.errors import InputError
from marsad.ingest import InputResult, read_inputs
from marsad.model import Document

REPORT = (
    "Shelling Hits Market in Tal Hamra\n\nNorthern Courier Editor | 7 August, 2018\n\n"
    "Government artillery shelled the market in Tal Hamra on Monday, killing four people.\r\n"
    "Residents said the town had been quiet for weeks.\n"
)

PAGE = """<!DOCTYPE html><html><head><title>Clashes near Tal Hamra</title>
<meta property="og:site_name" content="Frontline Daily">
<meta property="article:published_time" content="2019-03-04T09:00:00Z">
<link rel="canonical" href="https://frontline.example/clashes"></head><body>
<nav><a href="/">Home</a> <a href="/contact">Contact</a></nav><div>Contact | About Us</div>
<article><h1>Clashes erupt near Tal Hamra as militias advance</h1>
<p>Share | Tweet</p>
<p>Fighting broke out on Sunday between government forces and a local militia near Tal Hamra,
residents said. At least four fighters were killed in the exchange of fire.</p>
<p>The militia had moved into the area two days earlier after a wave of arrests in the district.<br>
Local officials said the road to the provincial capital was closed.</p>
<p>Read also:</p>
<p>Drone strike hits convoy on the highway</p>
<p>Aid agencies warn of shortages in the north</p>
<p>All rights reserved © 2019 Frontline Daily</p></article>
<footer><p>Subscribe to our newsletter</p></footer></body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Steppe Monitor</title>
<link>https://steppe.example/</link><description>News</description>
<item><title>Checkpoint attacked</title><link>https://steppe.example/1</link><guid>steppe-1</guid>
<pubDate>Tue, 09 Apr 2019 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Gunmen attacked a checkpoint near the crossing.&lt;/p&gt;
&lt;p&gt;Two guards were wounded.&lt;/p&gt;</description></item>
<item><title>Convoy hit</title><link>https://steppe.example/2</link>
<description>A convoy was hit by a roadside bomb on the highway.</description></item>
<item><title>Talks resume</title>
<description>Talks between the parties resumed in the capital.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Levant Wire</title><id>urn:levant</id><updated>2020-01-15T00:00:00Z</updated>
<entry><title>Airstrike reported</title><id>urn:levant:7</id><link href="https://levant.example/7"/>
<published>2020-01-15T08:00:00Z</published><updated>2020-01-15T08:00:00Z</updated>
<content type="html">&lt;p&gt;An airstrike hit a depot east of the river, activists said.&lt;/p&gt;
</content></entry>
</feed>"""


def run(
    paths: list[str],
    *,
    published: date | None = None,
    source: str | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> tuple[list[Document], list[InputError]]:
    """Read inputs and split the results into documents and errors."""
    results: list[InputResult] = list(read_inputs(paths, published=published, source=source, stdin=stdin))
    return [r for r in results if isinstance(r, Document)], [r for r in results if isinstance(r, InputError)]


def write(path: Path, content: str | bytes) -> str:
    """Write a fixture file and return its path as a string."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return str(path)


def test_text_file_is_read_unchanged_with_metadata_from_byline(tmp_path: Path) -> None:
    docs, errors = run([write(tmp_path / "r1.txt", REPORT)])
    assert errors == []
    (doc,) = docs
    assert doc.text == REPORT
    assert doc.id == "r1.txt"
    assert (doc.title, doc.source, doc.published) == (
        "Shelling Hits Market in Tal Hamra",
        "Northern Courier",
        date(2018, 8, 7),
    )
    assert doc.provenance == {"title": "text", "source": "text", "published": "text"}


def test_bom_is_dropped(tmp_path: Path) -> None:
    docs, _ = run([write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + REPORT.encode())])
    assert docs[0].text == REPORT


def test_html_main_text_with_boilerplate_trimmed(tmp_path: Path) -> None:
    docs, errors = run([write(tmp_path / "page.html", PAGE)])
    assert errors == []
    (doc,) = docs
    assert "four fighters were killed" in doc.text
    furniture = ("Contact", "Share", "Tweet", "Read also", "Drone strike", "rights reserved", "Subscribe")
    for line in furniture:
        assert line not in doc.text
    assert "\n\nThe militia had moved" in doc.text
    assert "district.\nLocal officials" in doc.text
    assert (doc.id, doc.source, doc.published, doc.url) == (
        "page.html",
        "Frontline Daily",
        date(2019, 3, 4),
        "https://frontline.example/clashes",
    )
    assert doc.provenance["source"] == "metadata"


def test_html_fallback_when_trafilatura_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(html: str) -> None:
        raise RuntimeError("extractor failed")

    monkeypatch.setattr(webpage, "_trafilatura_page", broken)
    docs, errors = run([write(tmp_path / "page.html", PAGE)])
    assert errors == []
    assert docs[0].title == "Clashes near Tal Hamra"
    assert "four fighters were killed" in docs[0].text
    assert "Read also" not in docs[0].text and "Home" not in docs[0].text


def test_html_without_article_text(tmp_path: Path) -> None:
    page = "<html><body><nav><a href='/'>Home</a></nav><p>Contact | About Us</p></body></html>"
    docs, errors = run([write(tmp_path / "empty.html", page)])
    assert docs == []
    assert [(e.name, e.reason) for e in errors] == [(str(tmp_path / "empty.html"), "no article text found")]


def test_html_in_declared_charset(tmp_path: Path) -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1256">')
    page = page.replace("Tal Hamra,", "Tal Hamra (حمرا),")
    docs, errors = run([write(tmp_path / "cp.htm", page.encode("cp1256"))])
    assert errors == []
    assert "(حمرا)" in docs[0].text


def test_rss_items_are_documents(tmp_path: Path) -> None:
    docs, errors = run([write(tmp_path / "news.rss", RSS)])
    assert errors == []
    assert [d.id for d in docs] == ["steppe-1", "https://steppe.example/2", "news.rss#3"]
    first = docs[0]
    assert first.text == "Gunmen attacked a checkpoint near the crossing.\n\nTwo guards were wounded."
    assert (first.title, first.source, first.published, first.url) == (
        "Checkpoint attacked",
        "Steppe Monitor",
        date(2019, 4, 9),
        "https://steppe.example/1",
    )
    assert docs[2].url is None


def test_atom_feed_in_xml_file(tmp_path: Path) -> None:
    docs, errors = run([write(tmp_path / "wire.xml", ATOM)])
    assert errors == []
    (doc,) = docs
    assert (doc.id, doc.source, doc.published) == ("urn:levant:7", "Levant Wire", date(2020, 1, 15))
    assert doc.text == "An airstrike hit a depot east of the river, activists said."


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.rss", "<rss><channel><title>X</title></channel></rss>", "feed has no items"),
        ("other.xml", '<?xml version="1.0"?><catalog><book/></catalog>', "not an RSS or Atom feed"),
    ],
)
def test_feed_errors(tmp_path: Path, name: str, content: str, reason: str) -> None:
    docs, errors = run([write(tmp_path / name, content)])
    assert docs == []
    assert errors[0].reason.startswith(reason)


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": "Gunmen hit a bus.", "source": "Wire", "published": "2019-05-02"}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"id": "a4"}),
        json.dumps({"text": 5}),
        "",
        json.dumps({"text": "A second report.", "published": "2019-05-03T10:00:00+02:00", "url": "u"}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    docs, errors = run([path])
    assert [(d.id, d.source, d.published) for d in docs] == [
        ("a1", "Wire", date(2019, 5, 2)),
        ("batch.jsonl:7", None, date(2019, 5, 3)),
    ]
    assert docs[0].provenance["published"] == "metadata"
    assert [(e.name, e.reason.split(" (")[0]) for e in errors] == [
        (f"{path}:2", "not valid JSON"),
        (f"{path}:3", "not a JSON object"),
        (f"{path}:4", 'record has no "text" field'),
        (f"{path}:5", '"text" is not a string'),
    ]


def test_json_list_of_records(tmp_path: Path) -> None:
    records = [{"id": 7, "text": "First."}, {"text": "Second."}, "bad"]
    path = write(tmp_path / "set.json", json.dumps(records))
    docs, errors = run([path])
    assert [d.id for d in docs] == ["7", "set.json[1]"]
    assert [(e.name, e.reason) for e in errors] == [(f"{path}[2]", "not a JSON object")]


def test_bad_inputs_each_give_one_error_and_good_ones_still_come(tmp_path: Path) -> None:
    paths = [
        str(tmp_path / "missing.txt"),
        write(tmp_path / "empty.txt", ""),
        write(tmp_path / "blank.txt", " \n\t\n"),
        write(tmp_path / "noise.bin", os.urandom(4096) + b"\x00"),
        write(tmp_path / "latin.txt", "Caf\u00e9 bombed in the old town.".encode("latin-1")),
        write(tmp_path / "good.txt", REPORT),
    ]
    docs, errors = run(paths)
    assert [d.id for d in docs] == ["good.txt"]
    assert [(e.name, e.reason) for e in errors] == [
        (paths[0], "no such file or directory"),
        (paths[1], "empty file"),
        (paths[2], "empty file"),
        (paths[3], "binary file, not text"),
        (paths[4], "not valid UTF-8 text (byte 0xe9 at offset 3)"),
    ]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(tmp_path / "locked.txt", REPORT)
    real = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    docs, errors = run([locked, write(tmp_path / "open.txt", "Another report.")])
    assert [d.id for d in docs] == ["open.txt"]
    assert [(e.name, e.reason) for e in errors] == [(locked, "cannot read: permission denied")]


def test_directory_is_walked_sorted_skipping_hidden(tmp_path: Path) -> None:
    write(tmp_path / "b" / "two.txt", "Second report.")
    write(tmp_path / "a" / "one.txt", "First report.")
    write(tmp_path / "a" / ".draft.txt", "Hidden report.")
    write(tmp_path / ".git" / "notes.txt", "Hidden directory.")
    write(tmp_path / "a" / "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    write(tmp_path / "c" / "empty.txt", "")
    docs, errors = run([str(tmp_path)])
    assert [d.id for d in docs] == ["one.txt", "two.txt"]
    assert [e.reason for e in errors] == ["empty file"]


def test_empty_directory_yields_nothing(tmp_path: Path) -> None:
    assert list(read_inputs([str(tmp_path)])) == []


def test_a_single_path_string_is_one_path(tmp_path: Path) -> None:
    docs, _ = run(write(tmp_path / "one.txt", REPORT))  # type: ignore[arg-type]
    assert [d.id for d in docs] == ["one.txt"]


def test_same_content_twice_is_one_document(tmp_path: Path) -> None:
    first = write(tmp_path / "x.txt", REPORT)
    second = write(tmp_path / "copy" / "y.txt", REPORT)
    docs, _ = run([first, second, first])
    assert [d.id for d in docs] == ["x.txt"]


def test_the_same_text_dated_or_named_apart_is_two_reports(tmp_path: Path) -> None:
    lines = [
        {"id": "n1", "text": "Protesters gathered in Nairobi.", "published": "2016-05-02"},
        {"id": "n2", "text": "Protesters gathered in Nairobi.", "published": "2016-06-06"},
        {"id": "n3", "text": "Protesters gathered in Nairobi.", "published": "2016-06-06"},
        {"id": "n3", "text": "Protesters gathered in Nairobi.", "published": "2016-06-06"},
        {"text": "Protesters gathered in Nairobi.", "published": "2016-06-06"},
    ]
    path = write(tmp_path / "notes.jsonl", "".join(json.dumps(x) + "\n" for x in lines))
    docs, _ = run([path])
    # records named apart are each a report; a record read again, or with no name, is not
    assert [d.id for d in docs] == ["n1", "n2", "n3"]


def test_given_metadata_overrides_everything(tmp_path: Path) -> None:
    docs, _ = run([write(tmp_path / "page.html", PAGE)], published=date(2021, 1, 2), source="Desk")
    assert (docs[0].published, docs[0].source) == (date(2021, 1, 2), "Desk")
    assert docs[0].provenance["published"] == docs[0].provenance["source"] == "given"


@pytest.mark.parametrize(
    ("stdin", "ids"),
    [
        (io.StringIO(REPORT), ["stdin"]),
        (io.BytesIO(REPORT.encode()), ["stdin"]),
        (io.StringIO('{"id": "s1", "text": "One."}\n\n{"text": "Two."}\n'), ["s1", "stdin:3"]),
        (io.StringIO('{"id": "s1", "text": "One."}\nplain words\n'), ["stdin"]),
    ],
)
def test_stdin(stdin: io.StringIO | io.BytesIO, ids: list[str]) -> None:
    docs, errors = run(["-"], stdin=stdin)
    assert errors == []
    assert [d.id for d in docs] == ids


def test_stdin_text_is_unchanged_and_empty_stdin_is_an_error() -> None:
    docs, _ = run(["-"], stdin=io.StringIO(REPORT))
    assert docs[0].text == REPORT
    _, errors = run(["-"], stdin=io.StringIO("  \n"))
    assert [(e.name, e.reason) for e in errors] == [("stdin", "empty input")]
