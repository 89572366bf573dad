"""The examples in the core modules' docstrings are real calls with their real output: run them."""

from __future__ import annotations

import doctest

import pytest

import unvote
from unvote import dates, geo, record, symbols


@pytest.mark.parametrize("module", [record, dates, symbols, geo], ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module, extraglobs={"rec": unvote.open()}, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
