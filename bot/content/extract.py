"""Babel extractor for our content YAML (mapped in ``babel.cfg``).

Every string under a key named in the ``keys`` option (default: title, text,
label) becomes a msgid, with its place in the file as a comment for
translators. Keywords, ids and citations are data, not prose, and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import yaml

from bot.content.schema import clean

DEFAULT_KEYS = ("title", "text", "label")


def _strings(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _strings(item)


def _walk(
    node: yaml.Node, path: str, keys: set[str]
) -> Iterator[tuple[str, yaml.ScalarNode]]:
    if isinstance(node, yaml.MappingNode):
        name = ""
        for key_node, value in node.value:
            if key_node.value in ("key", "topic", "id") and isinstance(
                value, yaml.ScalarNode
            ):
                name = value.value
        for key_node, value in node.value:
            key = str(key_node.value)
            where = f"{path}/{name}" if name else path
            if key in keys:
                for scalar in _strings(value):
                    yield f"{where}.{key}".lstrip("/"), scalar
            else:
                yield from _walk(value, f"{where}/{key}", keys)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, path, keys)


def extract_yaml(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, str]
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Yield ``(lineno, funcname, message, comments)`` as Babel expects."""
    encoding = options.get("encoding", "utf-8")
    keys = set(options.get("keys", " ".join(DEFAULT_KEYS)).replace(",", " ").split())
    root = yaml.compose(fileobj.read().decode(encoding))
    if root is None:
        return
    for where, scalar in _walk(root, "", keys):
        text = clean(scalar.value)
        if text:
            yield scalar.start_mark.line + 1, None, text, [where]
