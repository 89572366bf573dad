"""unvote: how the United Nations decides, on the real record of its votes.

>>> import unvote
>>> rec = unvote.open()
>>> rec.decision("S/2022/431").vetoed_by
['CHN', 'RUS']
"""

from unvote.record import Decision, Member, Record, open

__all__ = ["Decision", "Member", "Record", "open", "__version__"]
__version__ = "0.1.0"
