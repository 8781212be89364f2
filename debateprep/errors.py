"""The one exception type the command line turns into a one-line message and exit code 1."""


class DebateprepError(Exception):
    """A problem with the user's input, rules, templates or output path.

    The message is complete on its own: it names the file (and line, where
    there is one) and says what is wrong, so the CLI prints it as is.
    """


def located(path: str, line: int | None, message: str) -> DebateprepError:
    """`file:line: message`, the shape editors and CI logs link to."""
    where = f"{path}:{line}" if line else path
    return DebateprepError(f"{where}: {message}")


def one_line(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` characters: a message quoted from elsewhere (a YAML
    parser's, Typst's `#panic`) may run over many lines or megabytes."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
