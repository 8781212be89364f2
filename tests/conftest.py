import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from debateprep.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "khodorkovsky-no-time-for-peace-talks.md"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def run():
    """Run the CLI in-process; returns the click Result."""

    def invoke(*args, input=None):
        return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def seed_json():
    result = CliRunner().invoke(main, ["analyze", str(SEED), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(autouse=True, scope="session")
def _private_pack_cache(tmp_path_factory):
    """Tests never read or write the user's own pack cache."""
    import os

    os.environ["DEBATEPREP_CACHE_DIR"] = str(tmp_path_factory.mktemp("pack-cache"))
