"""Bad input: one line on standard error naming the file, exit code 1, no traceback."""

import subprocess
import sys

import pytest

from conftest import SEED


def debateprep(*args, input=None):
    return subprocess.run(
        [sys.executable, "-m", "debateprep", *map(str, args)],
        input=input, capture_output=True,
    )


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.md", b"", "is empty"),
        ("blank.md", b"  \n\n \t \n", "is empty"),
        ("image.md", bytes(range(256)) * 4, "binary"),
        ("latin1.txt", "Caf\u00e9 culture is good.".encode("cp1252"), "not valid UTF-8"),
    ],
)
def test_bad_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    for command in ("analyze", "worksheet"):
        result = debateprep(command, path)
        assert result.returncode == 1
        err = result.stderr.decode()
        assert err.count("\n") == 1 and "Traceback" not in err
        assert str(path) in err and message in err


def test_missing_file():
    result = debateprep("worksheet", "no/such/essay.md")
    assert result.returncode == 1
    assert result.stderr.decode().strip() == "debateprep: no/such/essay.md: no such file"


def test_output_over_the_input_is_refused(tmp_path):
    essay = tmp_path / "essay.md"
    essay.write_bytes(SEED.read_bytes())
    result = debateprep("worksheet", essay, "-o", essay, "--force")
    assert result.returncode == 1 and b"input" in result.stderr
    assert essay.read_bytes() == SEED.read_bytes()
