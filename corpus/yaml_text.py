"""Read the material's YAML with dates left as text, so a bad date is a field error, not a crash.

PyYAML's safe loader turns anything shaped like a date into ``datetime.date``
while it parses, and ``date: 2026-13-45`` makes it raise a bare ``ValueError``
from deep inside the parser: no file, no record, no field. Here timestamps
stay strings, and the schemas (pydantic) validate them like any other value,
so the error names the field (``date: Input should be a valid date...``).

The parser is libyaml's (``CSafeLoader``) when PyYAML was built with it: the
pure-Python parser took 18 of the 20 s of loading a 10,000-passage corpus
(cProfile, ``bot.devtools.scale``), libyaml about a tenth of that. Both
resolve tags in Python, so the same resolvers apply.
"""

from __future__ import annotations

import yaml

# libyaml's parser where PyYAML has it (the wheels do); the pure-Python one otherwise.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _DatesAsTextLoader(SAFE_LOADER):  # type: ignore[misc,valid-type]  # chosen at import
    """``SafeLoader`` without the implicit timestamp resolver."""


_DatesAsTextLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlTextError(ValueError):
    """The text is not YAML the material can use; the message says where."""


def safe_load(text: str) -> object:
    """``yaml.safe_load`` with the fastest safe loader available."""
    return yaml.load(text, Loader=SAFE_LOADER)


def load_yaml_text(text: str) -> object:
    """Parse ``text`` as safe YAML, dates kept as strings.

    Raises:
        YamlTextError: malformed YAML, or YAML nested too deeply to read.
    """
    try:
        return yaml.load(text, Loader=_DatesAsTextLoader)
    except yaml.YAMLError as exc:
        raise YamlTextError(str(exc)) from exc
    except RecursionError:
        raise YamlTextError("nested too deeply") from None
