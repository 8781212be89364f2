"""Several essays in one command: one output each, failures reported, nothing lost."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import debateprep
from conftest import DATA, SEED, SEEDS


def essays_in(folder):
    folder.mkdir()
    for path in SEEDS.iterdir():
        shutil.copy(path, folder / path.name)
    return folder


def test_folder_of_essays_to_one_worksheet_each(run, tmp_path):
    essays = essays_in(tmp_path / "reader")
    (essays / "broken.md").write_bytes(b"\x00\x01\x02 not text")
    out = tmp_path / "out"
    result = run("worksheet", essays, "-o", out, "-j", "1")
    assert result.exit_code == 1  # one essay failed ...
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f"{p.stem}.worksheet.md" for p in SEEDS.iterdir())  # ... the rest are complete
    assert "broken.md: looks like a binary file" in result.output
    assert "3 written, 1 failed, 0 skipped" in result.output
    for path in out.iterdir():
        assert path.read_text(encoding="utf-8").startswith("# Seminar worksheet")


def test_existing_outputs_are_skipped_without_force(run, tmp_path):
    essays = essays_in(tmp_path / "reader")
    out = tmp_path / "out"
    assert run("drills", essays, "-o", out, "-q").exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    again = run("drills", essays, "-o", out)
    assert again.exit_code == 0
    assert "0 written, 0 failed, 3 skipped" in again.output
    # rerunning into a folder inside the reader never treats outputs as essays
    inner = essays / "out"
    assert run("drills", essays, "-o", inner, "-q").exit_code == 0
    assert run("drills", essays, "-o", inner, "-q", "--force").exit_code == 0
    assert sorted(p.name for p in inner.iterdir()) == sorted(before)


def test_two_inputs_never_write_one_output(run, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SEED, tmp_path / folder / "essay.md")
    out = tmp_path / "out"
    result = run("worksheet", tmp_path / "a" / "essay.md", tmp_path / "b" / "essay.md", "-o", out)
    assert result.exit_code == 1 and "would write" in result.output
    assert not out.exists()


def test_several_essays_need_an_output_folder(run):
    result = run("worksheet", SEED, SEEDS / "speech-library-hours.md")
    assert result.exit_code == 1 and "-o FOLDER" in result.output


def test_jsonl_streams_one_analysis_per_line_in_input_order(run):
    paths = sorted(SEEDS.iterdir())
    result = run("analyze", *paths, "--format", "jsonl", "-q")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == [str(p) for p in paths]


def test_quoted_glob_is_expanded(run, tmp_path):
    essays_in(tmp_path / "reader")
    result = run("analyze", str(tmp_path / "reader" / "*.md"), "--format", "jsonl", "-q")
    assert len(result.output.splitlines()) == 2


def test_parallel_workers_give_the_same_bytes(tmp_path):
    essays = essays_in(tmp_path / "reader")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        subprocess.run([sys.executable, "-m", "debateprep", "worksheet", str(essays), "-o", str(out),
                        "-j", jobs, "-q"], check=True)
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs[0] == outputs[1] and len(outputs[0]) == 3


def test_interrupted_batch_leaves_only_whole_files(tmp_path):
    essays = tmp_path / "reader"
    essays.mkdir()
    for number in range(200):
        shutil.copy(SEED, essays / f"essay{number:03}.md")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "debateprep", "worksheet", str(essays), "-o", str(out), "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and any(out.iterdir())):
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode in (130, 0), stderr
    files = list(out.iterdir())
    assert files and not [f for f in files if f.name.startswith(".")]  # no temporary leftovers
    def whole(path):  # the worksheet, less the one line that names its own essay
        return path.read_text(encoding="utf-8").replace(path.name.split(".")[0], "ESSAY")

    assert len({whole(f) for f in files}) == 1  # every file whole, none cut short
    if process.returncode == 130:
        assert b"interrupted" in stderr and b"Traceback" not in stderr


def test_library_api_matches_the_command_line(run):
    text = SEED.read_text(encoding="utf-8")
    analysis = debateprep.analyze(text, name=str(SEED))
    sheet = debateprep.render(debateprep.build_worksheet(analysis), format="md")
    assert sheet == run("worksheet", SEED).output
    drills = debateprep.render(debateprep.build_drills(analysis, seed=4), format="json")
    assert json.loads(drills)["schema"] == "debateprep.drills/1"
    assert json.loads(debateprep.render(analysis, format="json")) == json.loads(
        run("analyze", SEED, "--format", "json").output)


def test_library_results_travel_between_processes():
    """Cluster engines (Dask, Spark) pickle what a mapped function returns."""
    import pickle

    analysis = debateprep.analyze(SEED.read_text(encoding="utf-8"), name=str(SEED))
    sheet = debateprep.build_worksheet(analysis)
    assert pickle.loads(pickle.dumps(analysis)) == analysis
    assert debateprep.render(pickle.loads(pickle.dumps(sheet))) == debateprep.render(sheet)


def test_many_texts_at_once_give_each_its_own_analysis():
    paths = sorted(SEEDS.iterdir())
    texts = [path.read_text(encoding="utf-8") for path in paths]
    together = debateprep.analyze_many(texts, names=[str(path) for path in paths])
    assert together == [debateprep.analyze(text, name=str(path)) for text, path in zip(texts, paths)]
    assert [len(analysis.prompts) > 0 for analysis in together] == [True] * len(paths)


def test_an_essay_that_fails_among_others_analysed_together_reports_its_own_error(tmp_path):
    """Workers analyse their essays a few at a time: one failing must not take the others with it."""
    transcript = DATA / "claims/texts/debate-voting-age.txt"
    essays = tmp_path / "reader"
    essays.mkdir()
    for number in range(16):
        shutil.copy(transcript, essays / f"forum{number:02}.txt")
    shutil.copy(SEED, essays / "op-ed.md")  # no speaker CHEN here: its analysis fails
    (essays / "broken.md").write_bytes(b"\x00\x01\x02 not text")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "debateprep", "worksheet", str(essays), "-o", str(out),
                             "-j", "2", "--speaker", "CHEN"], capture_output=True, text=True)
    assert result.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == [f"forum{number:02}.worksheet.md" for number in range(16)]
    assert "op-ed.md: no speaker 'CHEN'" in result.stderr + result.stdout
    assert "broken.md: looks like a binary file" in result.stderr + result.stdout
    assert "16 written, 2 failed, 0 skipped" in result.stderr + result.stdout


def test_each_failure_in_a_batch_names_its_essay(run, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "worksheet.md.j2").write_text("{{ nosuch }}\n", encoding="utf-8")
    essays = essays_in(tmp_path / "essays")
    result = run("worksheet", essays, "-o", tmp_path / "out", "--templates", folder, "-j", "1")
    assert result.exit_code == 1
    failures = [line for line in result.output.splitlines() if "nosuch" in line]
    assert sorted(failures) == sorted(f"debateprep: {essay}: {folder / 'worksheet.md.j2'}:1: 'nosuch' is undefined"
                                      for essay in essays.iterdir())
