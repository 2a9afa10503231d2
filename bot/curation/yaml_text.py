"""Read and write corpus YAML without losing its comments, quoting or layout.

ruamel.yaml's round-trip mode, chosen over PyYAML here because the corpus files
are edited by people and carry long explanatory comments: PyYAML would drop
every comment and reflow every list on the first edit from the press desk,
while ruamel.yaml re-emits an unchanged file byte for byte (a test checks) and
an edited one with only the added lines different. The indentation matches the
shipped files (mappings by two, list dashes two in).
"""

from __future__ import annotations

import io

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from bot.curation.records import ChangeRefusedError

LINE_WIDTH = 4096  # never wrap a question over two lines


def _yaml() -> YAML:
    yaml = YAML()  # round-trip ("rt") mode
    yaml.preserve_quotes = True
    yaml.width = LINE_WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_yaml(text: str, where: str) -> object:
    """Parse ``text`` keeping its comments; a malformed file is refused with its name."""
    try:
        return _yaml().load(text)
    except YAMLError as exc:
        raise ChangeRefusedError(f"{where}: not valid YAML: {exc}") from exc


def dump_yaml(data: object) -> str:
    """Serialise what ``load_yaml`` returned (edited or not) back to text."""
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()
