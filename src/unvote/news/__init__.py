"""unvote.news: read a news story about a UN vote and set each checkable statement against the record.

>>> from unvote.news import check
>>> check("The 11-member Security Council met on 26 May 2022.").statements[0].verdict
'contradicted'
"""

from unvote.news.check import check
from unvote.news.report import Report, StatementResult

__all__ = ["check", "Report", "StatementResult"]
