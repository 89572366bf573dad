"""The examples in the core modules' docstrings are real calls with their real output: run them."""

from __future__ import annotations

import doctest

import pytest

import unvote
from unvote import dates, files, geo, members, record, symbols
from unvote.sources import sc_voting, unxml


@pytest.mark.parametrize("module", [record, dates, symbols, files, geo, members, sc_voting, unxml],
                         ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module, extraglobs={"rec": unvote.open()}, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
