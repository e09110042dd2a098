"""The safe expression language of ``keep_if``: parsed here, never handed to Python's ``eval``.

Grammar (lowest precedence first; docs/filters.md has the user's version)::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum [("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not" "in") sum]
    sum     := product (("+" | "-") product)*
    product := unary (("*" | "/" | "%") unary)*
    unary   := "-" unary | atom
    atom    := NUMBER | STRING | "true" | "false" | "null" | "[" [expr ("," expr)*] "]"
             | "(" expr ")" | FUNCTION "(" expr ")" | path
    path    := "meta" ("." NAME | "[" STRING "]")* | "text" ["." STAT] | "id"

An expression compiles to nested closures over a :class:`Env` (the document, and its
text statistics computed on first use). Evaluation never raises: a missing meta key is
null, an ordering comparison between values of different types is false, arithmetic on
non-numbers or a division by zero is null.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs

from corpuskit._errors import did_you_mean
from corpuskit._stages.filters.textstats import TEXT_STATS, TextStats

__all__ = ["Compiled", "Env", "ExprError", "compile_expr"]

MAX_DEPTH = 64
MAX_TOKENS = 500
"""Limits that keep a hostile expression from exhausting the stack while it is parsed or run."""

Eval = Callable[["Env"], Any]

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|<|>|\+|-|\*|/|%|\(|\)|\[|\]|,|\.)
""", re.VERBOSE)
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'"}
_KEYWORDS = {"and", "or", "not", "in", "true", "false", "null"}
_ROOTS = ("meta", "text", "id")
_FUNCTIONS: dict[str, Callable[[Any], Any]] = {
    "len": lambda v: len(v) if isinstance(v, str | list | dict) else None,
    "lower": lambda v: v.lower() if isinstance(v, str) else None,
}


class ExprError(Exception):
    """A syntax or name error at character ``at`` of the expression."""

    def __init__(self, message: str, at: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.at = at
        self.hint = hint


class Env:
    """What an expression reads: a document's id, text, meta and text statistics."""

    __slots__ = ("id", "meta", "stats", "text")

    def __init__(self, doc_id: str, text: str, meta: dict[str, Any]) -> None:
        self.id = doc_id
        self.text = text
        self.meta = meta
        self.stats = TextStats(text)


@attrs.frozen
class Compiled:
    """A compiled expression; ``meta_keys`` are the top-level meta keys it reads, with their offsets."""

    source: str
    run: Eval
    meta_keys: tuple[tuple[str, int], ...]
    paths: tuple[tuple[str, Eval], ...]


@attrs.define
class _Token:
    kind: str
    text: str
    at: int


def _tokens(source: str) -> list[_Token]:
    out: list[_Token] = []
    at = 0
    while at < len(source):
        m = _TOKEN.match(source, at)
        if m is None:
            ch = source[at]
            if ch in "\"'":
                raise ExprError("unterminated string", at, hint="close it with the same quote on the same line")
            raise ExprError(f"unexpected character {ch!r}", at)
        kind = m.lastgroup or ""
        if kind != "space":
            if len(out) == MAX_TOKENS:
                raise ExprError(f"the expression has more than {MAX_TOKENS} tokens", at,
                                hint="split it into several keep_if stages")
            out.append(_Token(kind, m.group(), at))
        at = m.end()
    out.append(_Token("end", "", len(source)))
    return out


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = _tokens(source)
        self.i = 0
        self.depth = 0
        self.meta_keys: list[tuple[str, int]] = []
        self.paths: list[tuple[str, Eval]] = []

    # -- tokens -----------------------------------------------------------------
    @property
    def tok(self) -> _Token:
        return self.tokens[self.i]

    def at(self, *texts: str) -> bool:
        return self.tok.kind in ("op", "name") and self.tok.text in texts

    def take(self) -> _Token:
        tok = self.tok
        self.i += 1
        return tok

    def expect(self, text: str, what: str) -> None:
        if not self.at(text):
            raise ExprError(f"expected {what}, found {_describe(self.tok)}", self.tok.at)
        self.i += 1

    # -- grammar ----------------------------------------------------------------
    def parse(self) -> Eval:
        if self.tok.kind == "end":
            raise ExprError("the expression is empty", 0, hint='e.g. meta.language == "en" and text.words >= 50')
        node = self.or_()
        if self.tok.kind != "end":
            raise ExprError(f"expected 'and', 'or' or the end, found {_describe(self.tok)}", self.tok.at)
        return node

    def or_(self) -> Eval:
        node = self.and_()
        while self.at("or"):
            self.take()
            left, right = node, self.and_()
            node = _or(left, right)
        return node

    def and_(self) -> Eval:
        node = self.not_()
        while self.at("and"):
            self.take()
            left, right = node, self.not_()
            node = _and(left, right)
        return node

    def not_(self) -> Eval:
        if self.at("not"):
            self.take()
            inner = self.nested(self.not_)
            return lambda env: not inner(env)
        return self.compare()

    def compare(self) -> Eval:
        left = self.sum()
        if self.at("not") and self.tokens[self.i + 1].text == "in":
            self.i += 2
            right = self.sum()
            return _negate(_COMPARE["in"](left, right))
        if self.at(*_COMPARE):
            op = self.take().text
            node = _COMPARE[op](left, self.sum())
            if self.at(*_COMPARE) or self.at("not"):
                raise ExprError("comparisons cannot be chained", self.tok.at, hint="write a < b and b < c")
            return node
        return left

    def sum(self) -> Eval:
        node = self.product()
        while self.at("+", "-"):
            node = _ARITH[self.take().text](node, self.product())
        return node

    def product(self) -> Eval:
        node = self.unary()
        while self.at("*", "/", "%"):
            node = _ARITH[self.take().text](node, self.unary())
        return node

    def unary(self) -> Eval:
        if self.at("-"):
            self.take()
            inner = self.nested(self.unary)
            return lambda env: -v if _is_number(v := inner(env)) else None
        return self.atom()

    def nested(self, rule: Callable[[], Eval]) -> Eval:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(f"nested more than {MAX_DEPTH} levels deep", self.tok.at)
        try:
            return rule()
        finally:
            self.depth -= 1

    def atom(self) -> Eval:
        tok = self.tok
        if tok.kind == "number":
            self.take()
            value: Any = float(tok.text) if any(c in tok.text for c in ".eE") else int(tok.text)
            return lambda env: value
        if tok.kind == "string":
            self.take()
            text = _unquote(tok.text)
            return lambda env: text
        if self.at("("):
            self.take()
            node = self.nested(self.or_)
            self.expect(")", "')'")
            return node
        if self.at("["):
            return self.list_()
        if tok.kind == "name":
            return self.name()
        raise ExprError(f"expected a value, found {_describe(tok)}", tok.at)

    def list_(self) -> Eval:
        self.take()
        items: list[Eval] = []
        while not self.at("]"):
            items.append(self.nested(self.or_))
            if not self.at(","):
                break
            self.take()
        self.expect("]", "',' or ']'")
        return lambda env: [item(env) for item in items]

    def name(self) -> Eval:
        tok = self.take()
        word = tok.text
        if word in ("true", "false", "null"):
            constant = {"true": True, "false": False, "null": None}[word]
            return lambda env: constant
        if word in _FUNCTIONS and self.at("("):
            fn = _FUNCTIONS[word]
            self.take()
            arg = self.nested(self.or_)
            self.expect(")", "')'")
            return lambda env: fn(arg(env))
        if word == "meta":
            return self.meta_path(tok)
        if word == "text":
            return self.text_path()
        if word == "id":
            return self.record("id", lambda env: env.id)
        if word in _KEYWORDS:
            raise ExprError(f"expected a value, found '{word}'", tok.at)
        hint = f"did you mean meta.{word}?" if word not in _FUNCTIONS else f"call it: {word}(...)"
        raise ExprError(f"unknown name '{word}'", tok.at,
                        hint=f"{hint} names start with {', '.join(_ROOTS)}; functions: {', '.join(_FUNCTIONS)}")

    def meta_path(self, root: _Token) -> Eval:
        keys: list[str] = []
        while self.at(".", "["):
            if self.take().text == ".":
                if self.tok.kind != "name":
                    raise ExprError(f"expected a field name after '.', found {_describe(self.tok)}", self.tok.at)
                keys.append(self.take().text)
            else:
                if self.tok.kind != "string":
                    raise ExprError(f"expected a quoted key after '[', found {_describe(self.tok)}", self.tok.at)
                keys.append(_unquote(self.take().text))
                self.expect("]", "']'")
        if not keys:
            return self.record("meta", lambda env: env.meta)
        self.meta_keys.append((keys[0], root.at))
        path = tuple(keys)

        def read(env: Env) -> Any:
            value: Any = env.meta
            for key in path:
                if not isinstance(value, dict):
                    return None
                value = value.get(key)
            return value

        return self.record("meta." + ".".join(keys), read)

    def text_path(self) -> Eval:
        if not self.at("."):
            return self.record("text", lambda env: env.text)
        self.take()
        tok = self.tok
        if tok.kind != "name" or tok.text not in TEXT_STATS:
            name = tok.text if tok.kind == "name" else _describe(tok)
            raise ExprError(f"unknown text statistic {name!r}", tok.at, hint=did_you_mean(tok.text, TEXT_STATS))
        self.take()
        stat = tok.text
        return self.record(f"text.{stat}", lambda env: env.stats.get(stat))

    def record(self, shown: str, read: Eval) -> Eval:
        if shown not in dict(self.paths):
            self.paths.append((shown, read))
        return read


def compile_expr(source: str) -> Compiled:
    """Parse ``source``; raises :class:`ExprError` with the offset of the problem."""
    parser = _Parser(source)
    run = parser.parse()
    return Compiled(source, run, tuple(parser.meta_keys), tuple(parser.paths))


# -- semantics --------------------------------------------------------------------
def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _ordered(op: Callable[[Any, Any], bool]) -> Callable[[Eval, Eval], Eval]:
    def build(left: Eval, right: Eval) -> Eval:
        def run(env: Env) -> bool:
            a, b = left(env), right(env)
            if (_is_number(a) and _is_number(b)) or (isinstance(a, str) and isinstance(b, str)):
                return bool(op(a, b))
            return False
        return run
    return build


def _contains(left: Eval, right: Eval) -> Eval:
    def run(env: Env) -> bool:
        a, b = left(env), right(env)
        if isinstance(b, str):
            return isinstance(a, str) and a in b
        if isinstance(b, list | dict):
            try:
                return a in b
            except TypeError:
                return False
        return False
    return run


def _equal(left: Eval, right: Eval) -> Eval:
    return lambda env: bool(left(env) == right(env))


def _negate(node: Eval) -> Eval:
    return lambda env: not node(env)


_COMPARE: dict[str, Callable[[Eval, Eval], Eval]] = {
    "==": _equal,
    "!=": lambda left, right: _negate(_equal(left, right)),
    "<": _ordered(lambda a, b: a < b),
    "<=": _ordered(lambda a, b: a <= b),
    ">": _ordered(lambda a, b: a > b),
    ">=": _ordered(lambda a, b: a >= b),
    "in": _contains,
}


def _arith(op: Callable[[Any, Any], Any], strings: bool = False) -> Callable[[Eval, Eval], Eval]:
    def build(left: Eval, right: Eval) -> Eval:
        def run(env: Env) -> Any:
            a, b = left(env), right(env)
            if _is_number(a) and _is_number(b):
                try:
                    return op(a, b)
                except (ZeroDivisionError, OverflowError):
                    return None
            if strings and isinstance(a, str) and isinstance(b, str):
                return a + b
            return None
        return run
    return build


_ARITH = {
    "+": _arith(lambda a, b: a + b, strings=True),
    "-": _arith(lambda a, b: a - b),
    "*": _arith(lambda a, b: a * b),
    "/": _arith(lambda a, b: a / b),
    "%": _arith(lambda a, b: a % b),
}


def _or(left: Eval, right: Eval) -> Eval:
    return lambda env: bool(left(env)) or bool(right(env))


def _and(left: Eval, right: Eval) -> Eval:
    return lambda env: bool(left(env)) and bool(right(env))


def _unquote(token: str) -> str:
    body = token[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), body)


def _describe(tok: _Token) -> str:
    return "the end of the expression" if tok.kind == "end" else repr(tok.text)
