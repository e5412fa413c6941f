"""``${NAME}`` substitution, so secrets stay in the environment instead of the file.

Only string values are substituted, after parsing, so a variable's value can never
change the YAML's structure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import TaggedScalar

from tracker.config.issues import Loc

_ENV_REF = re.compile(r"\$\$\{|\$\{([^}]*)(\})?")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _substitute(text: str, env: Mapping[str, str]) -> tuple[str, list[str]]:
    """``${NAME}`` and ``${NAME:-default}`` (default when unset or empty); ``$${`` is a literal ``${``."""
    problems: list[str] = []

    def replace(match: re.Match[str]) -> str:
        if match.group(0) == "$${":
            return "${"
        body, closed = match.group(1), match.group(2)
        name, has_default, default = body.partition(":-")
        if not closed or not _ENV_NAME.fullmatch(name):
            problems.append(f"bad environment reference {match.group(0)!r}: write ${{NAME}} or ${{NAME:-default}}")
            return match.group(0)
        value = env.get(name)
        if value:
            return value
        if has_default:
            return default
        if value is None:
            problems.append(f"environment variable {name} is not set")
            return match.group(0)
        return value

    return _ENV_REF.sub(replace, text), problems


def _to_plain(node: Any, loc: Loc, env: Mapping[str, str] | None, problems: list[tuple[Loc, str]]) -> Any:
    """ruamel's tree as plain dicts, lists and scalars, with env substituted in strings only."""
    if isinstance(node, dict):
        return {k: _to_plain(v, (*loc, k), env, problems) for k, v in node.items()}
    if isinstance(node, list):
        return [_to_plain(v, (*loc, i), env, problems) for i, v in enumerate(node)]
    if isinstance(node, TaggedScalar):
        problems.append((loc, f"unsupported YAML tag {getattr(node.tag, 'value', node.tag)}"))
        return None
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)  # ruamel's ScalarInt and friends
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        if env is None:
            return str(node)
        text, failed = _substitute(str(node), env)
        problems.extend((loc, message) for message in failed)
        return text
    return node
