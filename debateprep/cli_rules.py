"""`debateprep rules …`: list, show, check, test and scaffold rule packs.

Every command sees the same rules an analysis would: the built-in packs,
then the config file's `rules` folders, then each `--rules DIR`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .cli import _friendly, current_config, rules_option
from .errors import DebateprepError


def _all_rules(rules_dirs: tuple[str, ...]):
    from .rules import load_rules

    return load_rules(current_config().rules + tuple(rules_dirs))


def _packs_at(path: str):
    """The rules of the pack file or folder at `path`, with every file's first error."""
    from .rules import load_pack, pack_files

    rules, errors = [], []
    for file in pack_files(Path(path)):
        try:
            rules.extend(load_pack(file))
        except DebateprepError as err:
            errors.append(str(err))
    return rules, errors


@click.group()
def rules():
    """List, show, check, test and scaffold rule packs."""


@rules.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@rules_option
@_friendly
def list_rules(fmt, rules_dirs):
    """Every rule in use: id, scheme, pack and what it detects."""
    found = _all_rules(rules_dirs)
    if fmt == "json":
        rows = [{"id": r.id, "scheme": r.scheme, "pack": r.pack, "source": r.source, "explain": r.explain}
                for r in found]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(r.id) for r in found), default=0)
    scheme_width = max((len(r.scheme) for r in found), default=0)
    for rule in found:
        click.echo(f"{rule.id:{width}}  {rule.scheme:{scheme_width}}  {rule.pack:12}  {rule.explain}")


@rules.command("show")
@click.argument("rule_id", metavar="ID")
@rules_option
@_friendly
def show_rule(rule_id, rules_dirs):
    """A rule's patterns, prompts and tests, with the prompts it asks about its first test."""
    from .ruletest import example_match, example_prompts, match_case

    found = {rule.id: rule for rule in _all_rules(rules_dirs)}
    if rule_id not in found:
        raise DebateprepError(f"no rule {rule_id!r} (see `debateprep rules list`)")
    rule = found[rule_id]
    lines = [f"{rule.id}  [{rule.scheme}]  {rule.source}", f"  {rule.explain}", "match:"]
    lines += [f"  - {written}" for written in rule.written]
    if rule.unless:
        lines.append(f"unless: {rule.unless}")
    if rule.silent_on or rule.silent_where:
        where = [*sorted(rule.silent_on), *([f"sentences matching {rule.silent_where}"] if rule.silent_where else [])]
        lines.append(f"silent on: {'; '.join(where)} (names its scheme there, asks nothing)")
    if rule.asks_only_where:
        lines.append(f"asks only on: sentences matching {rule.asks_only_where} (elsewhere names its scheme, asks nothing)")
    for name, limit in sorted(rule.slot_limits.items()):
        words = f"{limit.min_words}-{limit.max_words} words"
        lines.append(f"slot {{{name}}}: {words}" + (f", unless {limit.unless}" if limit.unless else "")
                     + (f", silent on {limit.silent}" if limit.silent else ""))
    for key, prompts in (("prompts", rule.prompts), ("fallback", rule.fallback)):
        for side, questions in prompts.items():
            lines.append(f"{key} ({side}):")
            for alternatives in questions:
                lines += [f"  - {alternatives[0]}", *(f"    or else: {source}" for source in alternatives[1:])]
    lines.append("tests:")
    lines += [f"  - {'matches' if case.match else 'no match'}: {case.text}" for case in rule.tests]
    examples = [(case, match_case(rule, case.text)) for case in rule.tests if case.match]
    matched = [(case, slots) for case, slots in examples if slots is not None]
    # The first test the rule asks about, not one where it only names its scheme (`silent_on`).
    example = next(((case, slots) for case, slots in matched
                    if rule.asks_on(example_match(rule, case.text, slots))), None)
    if example:
        case, slots = example
        lines.append(f"example, on “{case.text}”:")
        for side, texts in example_prompts(rule, case.text, slots, case).items():
            lines += [f"  {side}: {text}" for text in texts]
    elif matched:
        lines.append("example: none (on every one of its tests the rule names its scheme but asks nothing)")
    click.echo("\n".join(lines))


@rules.command("check")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_friendly
def check_rules(paths):
    """Validate pack files or folders; print every file's first error as file:line."""
    errors, count = [], 0
    for path in paths:
        loaded, problems = _packs_at(path)
        count += len(loaded)
        errors += problems
    for error in errors:
        click.echo(error, err=True)
    if errors:
        sys.exit(1)
    click.echo(f"{count} rule{'' if count == 1 else 's'} OK")


@rules.command("test")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@rules_option
@_friendly
def test_rules(paths, rules_dirs):
    """Run the tests written in the packs (all rules in use, or only those at PATH)."""
    from .ruletest import run_rule_tests

    errors = []
    if paths:
        found = []
        for path in paths:
            loaded, problems = _packs_at(path)
            found += [rule for rule in loaded if rule.patterns]
            errors += problems
    else:
        found = list(_all_rules(rules_dirs))
    results = run_rule_tests(tuple(found))
    for error in errors:
        click.echo(error)
    for result in results:
        if not result.passed:
            click.echo(f"{result.where}: {result.rule.id}: {result.problem}")
    passed = sum(r.passed for r in results)
    failed = len(results) - passed + len(errors)
    click.echo(f"{passed} passed, {failed} failed")
    if failed:
        sys.exit(1)


SCAFFOLD = """\
# yaml-language-server: $schema={schema}
# A rule pack: see docs/rules.md. Check it with `debateprep rules check {path}`
# and run its tests with `debateprep rules test {path}`.
- id: {rule_id}
  scheme: {scheme}
  explain: The author says one thing happens because of another.
  when: {{role: [thesis, claim, premise, rebuttal]}}
  match:
    - "{{effect}} (because|since) {{cause}}"
  unless: ["whether"]
  slots:
    cause: {{max_words: 20}}
  prompts:
    con:
      - "Could something other than {{{{ cause|trim|clause }}}} explain why {{{{ effect|trim|clause }}}}?"
    pro:
      - "What evidence links {{{{ cause|trim|clause }}}} to the claim that {{{{ effect|trim|clause }}}}?"
  tests:
    - text: "Prices rose because the harvest failed."
      slots: {{effect: "Prices rose", cause: "the harvest failed"}}
    - text: "I wonder whether prices rose because of the harvest."
      match: false
"""


@rules.command("new")
@click.argument("rule_id", metavar="ID")
@click.argument("target", default=".", metavar="[FILE.yaml|DIR]")
@_friendly
def new_rule(rule_id, target):
    """Write a starting rule with tests to FILE.yaml, or to DIR/ID.yaml; never overwrites."""
    from .output import write_output
    from .rules import RULE_ID, schema_path

    if not RULE_ID.match(rule_id):
        raise DebateprepError(f"{rule_id!r}: an id is letters, digits, '.', '_' and '-', like 'my-scheme.because'")
    path = Path(target)
    if path.suffix not in (".yaml", ".yml"):
        path = path / f"{rule_id}.yaml"
    if path.exists():
        raise DebateprepError(f"{path}: already exists; choose another file")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = SCAFFOLD.format(schema=schema_path().as_uri(), path=path, rule_id=rule_id,
                           scheme=rule_id.split(".", 1)[0])
    write_output(text, str(path), force=False, inputs=())
    click.echo(f"wrote {path}")
