"""unvote.news: read a news story about a UN vote and set each checkable statement against the record.

>>> from unvote.news import check
>>> check("The 11-member Security Council met on 26 May 2022.").statements[0].verdict
'contradicted'
"""

__all__ = ["check", "Report", "StatementResult"]


def __getattr__(name: str):
    # Imported on first use: the checker pulls in the forecaster, and every `unvote` command would pay for it at
    # start-up because the CLI registers `unvote check` from this package.
    if name == "check":
        from unvote.news.check import check

        return check
    if name in ("Report", "StatementResult"):
        from unvote.news import report

        return getattr(report, name)
    raise AttributeError(f"module 'unvote.news' has no attribute {name!r}")
