"""A small GraphQL server core: parse a document, validate it against the firmware's schema
(schema.py), execute it over a tree of plain values and callables.

What the BOS+ server (async-graphql) does that a client can notice is done here too: a
document with a field its schema lacks is refused whole before anything runs, with one
``Unknown field "f" on type "T".`` error per such field (async-graphql's FieldsOnCorrectType
message) and ``"data": null``; a field that fails at run time is null with an error naming
its ``path``, the rest of the answer intact; ``__typename`` names an object's type (the
member of a union). Fragments (inline and named), aliases, arguments and variables are
understood; directives and subscriptions are not (BOS+ clients send none).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .schema import Schema

_TOKEN = re.compile(
    r"""(?P<skip>[\s,\ufeff]+|\#[^\n]*)
      | (?P<spread>\.\.\.)
      | (?P<punct>[!$():=@\[\]{|}])
      | (?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
      | (?P<string>"(?:[^"\\\n]|\\.)*")
      | (?P<name>[_A-Za-z][_0-9A-Za-z]*)""",
    re.VERBOSE,
)


class GraphQLSyntaxError(Exception):
    pass


class FieldError(Exception):
    """Raised by a resolver: the field is null and the message goes to ``errors``."""


@dataclass(slots=True)
class Token:
    kind: str
    text: str
    line: int
    column: int


@dataclass(slots=True)
class Field:
    name: str
    alias: str | None
    arguments: dict[str, Any]
    selections: list[Selection] | None
    line: int
    column: int


@dataclass(slots=True)
class Fragment:
    type_condition: str | None
    selections: list[Selection]
    spread: str | None = None  # a named fragment, resolved on use


Selection = Field | Fragment


@dataclass(slots=True)
class Variable:
    name: str


@dataclass(slots=True)
class Operation:
    kind: str  # query | mutation
    selections: list[Selection]
    variables: dict[str, Any] = field(default_factory=dict)  # name -> default


@dataclass(slots=True)
class Document:
    operations: list[Operation]
    fragments: dict[str, Fragment]


def _tokens(source: str) -> list[Token]:
    found: list[Token] = []
    position, line, line_start = 0, 1, 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            raise GraphQLSyntaxError(
                f"unexpected character {source[position]!r} at {line}:{position - line_start + 1}"
            )
        kind = match.lastgroup or ""
        if kind != "skip":
            found.append(Token(kind, match.group(), line, position - line_start + 1))
        newlines = match.group().count("\n")
        if newlines:
            line += newlines
            line_start = match.start() + match.group().rfind("\n") + 1
        position = match.end()
    return found


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = _tokens(source)
        self.at = 0

    def peek(self, text: str | None = None) -> Token | None:
        token = self.tokens[self.at] if self.at < len(self.tokens) else None
        if token is not None and text is not None and token.text != text:
            return None
        return token

    def take(self, text: str | None = None, kind: str | None = None) -> Token:
        token = self.peek()
        if token is None:
            raise GraphQLSyntaxError(f"expected {text or kind}, found the end")
        if (text is not None and token.text != text) or (kind is not None and token.kind != kind):
            raise GraphQLSyntaxError(
                f"expected {text or kind}, found {token.text!r} at {token.line}:{token.column}"
            )
        self.at += 1
        return token

    def document(self) -> Document:
        operations: list[Operation] = []
        fragments: dict[str, Fragment] = {}
        while self.peek() is not None:
            if self.peek("{"):
                operations.append(Operation("query", self.selection_set()))
                continue
            word = self.take(kind="name").text
            if word == "fragment":
                name = self.take(kind="name").text
                self.take("on")
                condition = self.take(kind="name").text
                fragments[name] = Fragment(condition, self.selection_set())
            elif word in ("query", "mutation"):
                if self.peek() is not None and self.peek().kind == "name":  # type: ignore[union-attr]
                    self.take()
                variables = self.variable_definitions() if self.peek("(") else {}
                operations.append(Operation(word, self.selection_set(), variables))
            else:
                raise GraphQLSyntaxError(f"unexpected {word!r}")
        if not operations:
            raise GraphQLSyntaxError("the document has no operation")
        return Document(operations, fragments)

    def variable_definitions(self) -> dict[str, Any]:
        self.take("(")
        found: dict[str, Any] = {}
        while not self.peek(")"):
            self.take("$")
            name = self.take(kind="name").text
            self.take(":")
            self.type_reference()
            found[name] = self.value() if self.peek("=") and self.take("=") else None
        self.take(")")
        return found

    def type_reference(self) -> None:
        if self.peek("["):
            self.take("[")
            self.type_reference()
            self.take("]")
        else:
            self.take(kind="name")
        if self.peek("!"):
            self.take("!")

    def selection_set(self) -> list[Selection]:
        self.take("{")
        selections: list[Selection] = []
        while not self.peek("}"):
            selections.append(self.selection())
        self.take("}")
        if not selections:
            raise GraphQLSyntaxError("an empty selection set")
        return selections

    def selection(self) -> Selection:
        if self.peek("..."):
            self.take("...")
            if self.peek("on"):
                self.take("on")
                condition = self.take(kind="name").text
                return Fragment(condition, self.selection_set())
            if self.peek("{"):
                return Fragment(None, self.selection_set())
            return Fragment(None, [], spread=self.take(kind="name").text)
        first = self.take(kind="name")
        alias, name = None, first.text
        if self.peek(":"):
            self.take(":")
            alias, name = name, self.take(kind="name").text
        arguments = self.arguments() if self.peek("(") else {}
        selections = self.selection_set() if self.peek("{") else None
        return Field(name, alias, arguments, selections, first.line, first.column)

    def arguments(self) -> dict[str, Any]:
        self.take("(")
        found: dict[str, Any] = {}
        while not self.peek(")"):
            name = self.take(kind="name").text
            self.take(":")
            found[name] = self.value()
        self.take(")")
        return found

    def value(self) -> Any:
        token = self.take()
        if token.text == "$":
            return Variable(self.take(kind="name").text)
        if token.kind == "number":
            return float(token.text) if any(c in token.text for c in ".eE") else int(token.text)
        if token.kind == "string":
            return _unescape(token.text[1:-1])
        if token.text == "[":
            items = []
            while not self.peek("]"):
                items.append(self.value())
            self.take("]")
            return items
        if token.text == "{":
            members: dict[str, Any] = {}
            while not self.peek("}"):
                name = self.take(kind="name").text
                self.take(":")
                members[name] = self.value()
            self.take("}")
            return members
        if token.kind == "name":
            return {"true": True, "false": False, "null": None}.get(token.text, Enum(token.text))
        raise GraphQLSyntaxError(f"unexpected {token.text!r} at {token.line}:{token.column}")


class Enum(str):
    """An enum value written in the document (``POWER_TARGET``)."""


def _unescape(body: str) -> str:
    escapes = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
               "t": "\t"}  # fmt: skip
    out, i = [], 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            code = body[i + 1]
            if code == "u":
                out.append(chr(int(body[i + 2 : i + 6], 16)))
                i += 6
                continue
            out.append(escapes.get(code, code))
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


def parse(source: str) -> Document:
    return _Parser(source).document()


# -- validation -----------------------------------------------------------------------


def validate(document: Document, schema: Schema) -> list[dict[str, Any]]:
    """Errors for fields the schema lacks (every one, as the firmware lists them)."""
    errors: list[dict[str, Any]] = []

    def walk(selections: list[Selection], type_name: str) -> None:
        for selection in selections:
            if isinstance(selection, Fragment):
                if selection.spread is not None:
                    named = document.fragments.get(selection.spread)
                    if named is None:
                        errors.append({"message": f'Unknown fragment "{selection.spread}".'})
                        continue
                    walk(named.selections, named.type_condition or type_name)
                else:
                    walk(selection.selections, selection.type_condition or type_name)
                continue
            if selection.name == "__typename":
                continue
            field_type = schema.field_type(type_name, selection.name)
            if field_type is None:
                errors.append(
                    {
                        "message": f'Unknown field "{selection.name}" on type "{type_name}".',
                        "locations": [{"line": selection.line, "column": selection.column}],
                    }
                )
                continue
            if selection.selections is not None:
                walk(selection.selections, field_type)

    for operation in document.operations:
        walk(operation.selections, "Mutation" if operation.kind == "mutation" else "Query")
    return errors


# -- execution ------------------------------------------------------------------------

Guard = Callable[[tuple[str, ...]], str | None]  # path -> refusal message, or None


@dataclass(slots=True)
class _Run:
    document: Document
    schema: Schema
    variables: Mapping[str, Any]
    guard: Guard
    errors: list[dict[str, Any]] = field(default_factory=list)

    def argument(self, value: Any) -> Any:
        if isinstance(value, Variable):
            return self.variables.get(value.name)
        if isinstance(value, list):
            return [self.argument(v) for v in value]
        if isinstance(value, dict):
            return {k: self.argument(v) for k, v in value.items()}
        if isinstance(value, Enum):
            return str(value)
        return value

    def fields(self, selections: list[Selection], runtime: str, declared: str) -> list[Field]:
        found: list[Field] = []
        for selection in selections:
            if isinstance(selection, Field):
                found.append(selection)
                continue
            fragment = selection
            if fragment.spread is not None:
                fragment = self.document.fragments[fragment.spread]
            if fragment.type_condition in (None, runtime, declared) or (
                fragment.type_condition is not None
                and runtime in self.schema.members(fragment.type_condition)
            ):
                found.extend(self.fields(fragment.selections, runtime, declared))
        return found

    def object(
        self,
        selections: list[Selection],
        type_name: str,
        value: Mapping[str, Any],
        path: tuple[Any, ...],
    ) -> dict[str, Any]:
        runtime = str(value.get("__typename") or type_name)
        result: dict[str, Any] = {}
        for item in self.fields(selections, runtime, type_name):
            key = item.alias or item.name
            if item.name == "__typename":
                result[key] = runtime
                continue
            here = (*path, key)
            names = tuple(str(p) for p in here if not isinstance(p, int))
            refusal = self.guard(names)
            if refusal is not None:
                self._error(refusal, item, here)
                result[key] = None
                continue
            try:
                raw = value.get(item.name)
                if callable(raw):
                    raw = raw(**{k: self.argument(v) for k, v in item.arguments.items()})
            except FieldError as err:
                self._error(str(err), item, here)
                result[key] = None
                continue
            field_type = self.schema.field_type(runtime, item.name) or self.schema.field_type(
                type_name, item.name
            )
            result[key] = self.value(item, field_type or "", raw, here)
        return result

    def value(self, item: Field, type_name: str, raw: Any, path: tuple[Any, ...]) -> Any:
        if raw is None or item.selections is None:
            return raw
        if isinstance(raw, list):
            return [self.value(item, type_name, v, (*path, i)) for i, v in enumerate(raw)]
        if isinstance(raw, Mapping):
            return self.object(item.selections, type_name, raw, path)
        return raw

    def _error(self, message: str, item: Field, path: tuple[Any, ...]) -> None:
        self.errors.append(
            {
                "message": message,
                "locations": [{"line": item.line, "column": item.column}],
                "path": list(path),
            }
        )


def execute(
    source: str,
    schema: Schema,
    roots: Mapping[str, Mapping[str, Any]],
    variables: Mapping[str, Any] | None = None,
    guard: Guard = lambda path: None,
) -> dict[str, Any]:
    """The response object (``data``, and ``errors`` when there are any)."""
    try:
        document = parse(source)
    except GraphQLSyntaxError as err:
        return {"data": None, "errors": [{"message": f"syntax error: {err}"}]}
    invalid = validate(document, schema)
    if invalid:
        return {"data": None, "errors": invalid}
    operation = document.operations[0]
    given = dict(variables or {})
    merged = {name: given.get(name, default) for name, default in operation.variables.items()}
    run = _Run(document, schema, merged, guard)
    root_type = "Mutation" if operation.kind == "mutation" else "Query"
    data = run.object(operation.selections, root_type, roots[root_type], ())
    response: dict[str, Any] = {"data": data}
    if run.errors:
        response["errors"] = run.errors
    return response
