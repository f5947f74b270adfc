"""Two fixes to rdflib's SPARQL aggregates so that its engine can answer every named query.

rdflib 7.6 raises a Python exception, instead of skipping the unbound value as SPARQL 1.1
(section 18.5, aggregate algebra) and Oxigraph and Virtuoso do, in two cases our named queries use:

- a DISTINCT aggregate over a variable that is unbound in some row, for example
  ``GROUP_CONCAT(DISTINCT ?abbreviation)`` after an OPTIONAL: ``NotBoundError`` from
  ``Accumulator.use_row``;
- ``MIN``/``MAX`` over a group in which an expression such as ``STR(?label)`` is an error in two
  rows: ``TypeError: '<' not supported between ... 'NoneType'`` from ``Extremum.update``.

Without the fixes the benchmark could only report "rdflib raised an error" for four queries
(duties, partnerships, priorities, relationships). With them rdflib answers with the same rows as our
store (the benchmark compares row counts), so a ratio can be measured. The fixes only skip the
values SPARQL says to skip; they add no work, so they cannot make rdflib look slower than it is.
``apply()`` is idempotent and is called by ``bench/engine_worker.py`` before the first rdflib query.
"""

from __future__ import annotations

_APPLIED = False


def apply() -> None:
    global _APPLIED
    if _APPLIED:
        return
    from rdflib.plugins.sparql import aggregates
    from rdflib.plugins.sparql.sparql import NotBoundError, SPARQLError
    from rdflib.term import Node

    original_use_row = aggregates.Accumulator.use_row

    def use_row(self, row) -> bool:
        try:
            return original_use_row(self, row)
        except NotBoundError:
            return False  # an unbound value is not aggregated

    original_update = aggregates.Extremum.update

    def update(self, row, aggregator) -> None:
        try:
            value = aggregates._eval(self.expr, row)
        except (NotBoundError, SPARQLError):
            return
        if not isinstance(value, Node):  # an expression error comes back as a value, not raised
            return
        original_update(self, row, aggregator)

    aggregates.Accumulator.use_row = use_row
    aggregates.Extremum.update = update
    _APPLIED = True
