"""Knowledge packs: discovery in dependency order, selection with --pack, schema validation with
the file and the JSON pointer named, and `marsad packs`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.cli.main import main
from marsad.errors import KnowledgeFileError, KnowledgeSchemaError, UnknownPackError
from marsad.knowledge import Knowledge, bundled_packs, load_json, read_object, schemas_root, select
from marsad.pipeline import Options
from marsad.services.actors import ActorLexicon


def write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def pack(root: Path, name: str, extends: list[str], countries: list[str] = (), **files: object) -> Path:
    folder = root / name
    write(
        folder / "pack.json",
        {"name": name, "version": "1.0.0", "extends": extends, "countries": list(countries)},
    )
    for filename, data in files.items():
        write(folder / f"{filename}.json", data)
    return folder


def test_bundled_packs_come_after_the_packs_they_extend() -> None:
    names = [p.name for p in bundled_packs()]
    position = {n: i for i, n in enumerate(names)}
    assert {"core-en", "acled", "syria-iraq"} <= set(names)
    for p in bundled_packs():
        for parent in p.extends:
            assert position[parent] < position[p.name], (parent, p.name)


def test_every_bundled_file_has_a_schema_and_validates() -> None:
    checked = Knowledge.of(()).validate_all()
    assert checked >= 10
    schemas = {p.name.removesuffix(".schema.json") for p in schemas_root().glob("*.schema.json")}
    for p in bundled_packs():
        for path in p.path.glob("*.json"):
            assert path.stem in schemas, f"{path} has no schema in {schemas_root()}"


def test_a_broken_file_is_named_with_its_json_pointer(tmp_path: Path) -> None:
    bad = {
        "entries": [{"key": "X", "name": "X group", "inter": 2}, {"key": "Y", "name": "Y", "inter": "two"}]
    }
    path = write(tmp_path / "actors.json", bad)
    with pytest.raises(KnowledgeSchemaError) as caught:
        read_object(path)
    message = str(caught.value)
    assert caught.value.code == "E031"
    assert str(path) in message and "/entries/1/inter" in message and "integer" in message


def test_a_misspelt_field_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path / "places.json",
        {"entries": [{"name": "A", "lat": 1, "lon": 2, "country": "KE", "alises": []}]},
    )
    with pytest.raises(KnowledgeSchemaError, match="/entries/0"):
        read_object(path)


def test_a_pack_manifest_is_validated(tmp_path: Path) -> None:
    write(tmp_path / "p" / "pack.json", {"name": "Bad Name!", "version": "1"})
    with pytest.raises(KnowledgeSchemaError, match=r"pack\.json"):
        select([tmp_path / "p"])


def test_selecting_a_pack_brings_the_packs_it_extends(tmp_path: Path) -> None:
    dirs = select(["syria-iraq"])
    assert [d.name for d in dirs] == ["core-en", "acled", "syria-iraq"]
    mine = pack(tmp_path, "my-theatre", ["acled"], ["KE"])
    dirs = select([mine], [tmp_path / "plain"])
    assert [d.name for d in dirs] == ["core-en", "acled", "my-theatre", "plain"]


def test_unknown_packs_and_cycles_are_errors(tmp_path: Path) -> None:
    with pytest.raises(UnknownPackError, match="no such pack"):
        select(["atlantis"])
    with pytest.raises(UnknownPackError, match=r"pack\.json"):
        select([tmp_path])  # a folder without a manifest
    with pytest.raises(UnknownPackError, match="not installed"):
        select([pack(tmp_path, "orphan", ["nowhere"])])
    a = pack(tmp_path, "a", ["b"])
    pack(tmp_path, "b", ["a"])
    with pytest.raises(KnowledgeFileError, match="cycle"):
        select([a, tmp_path / "b"])


def test_a_users_pack_extends_the_bundled_knowledge(tmp_path: Path) -> None:
    actor = {"key": "ZZ", "name": "Zuzu Liberation Front", "inter": 2, "aliases": ["Zuzu Front"]}
    mine = pack(tmp_path, "zuzu", ["acled"], ["KE"], actors={"entries": [actor]})
    entries = load_json("actors.json", select([mine]))
    keys = [e["key"] for e in entries]
    assert "ZZ" in keys and "GOV" in keys  # the user's actor, and acled's generic ones
    assert "SDF" not in keys  # syria-iraq was not chosen
    lexicon = ActorLexicon.load(select([mine]))
    assert [m.key for m in lexicon.find("the Zuzu Front attacked")] == ["ZZ"]


def test_plain_folders_extend_every_bundled_pack(tmp_path: Path) -> None:
    write(tmp_path / "actors.json", {"entries": [{"key": "QQ", "name": "Qq Group", "inter": 2}]})
    options = Options(knowledge_dirs=(tmp_path,))
    names = [d.name for d in options.knowledge_dirs]
    assert names[-1] == tmp_path.name and "syria-iraq" in names and names[0] == "core-en"
    assert "QQ" in [e["key"] for e in options.knowledge.entries("actors.json")]
    assert set(options.knowledge.countries) >= {"SY", "IQ"}


def test_packs_command_lists_the_installed_packs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["packs", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {"name", "version", "countries", "actors", "places", "triggers"} <= set(listed[0])
    by_name = {p["name"]: p for p in listed}
    assert by_name["core-en"]["triggers"] > 100
    assert by_name["syria-iraq"]["places"] > 50 and "SY" in by_name["syria-iraq"]["countries"]


def test_packs_command_names_a_broken_users_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "triggers.json", {"entries": [{"lemmas": [], "class": "Attack"}]})
    assert main(["packs", "--knowledge", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "E031" in err and "triggers.json" in err and "/entries/0/lemmas" in err


@pytest.mark.parametrize(
    "command", [["extract", "x.txt"], ["ingest", "x.txt"], ["geocode", "Raqqa"], ["actor", "SDF"]]
)
def test_every_command_takes_pack(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, "--pack", "no-such-pack"]) == 2
    assert "E032" in capsys.readouterr().err
