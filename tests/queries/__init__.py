"""Golden tests of the named queries (queries/*.rq) on the purpose-written fixture graph."""
