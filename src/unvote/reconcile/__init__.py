"""Reconciling the raw sources into one record: the GA roll calls (:mod:`.ga`), the Security Council (:mod:`.sc`),
and the data-quality report every disagreement goes to (:mod:`.quality`)."""
