"""Benchmarks at partnership scale (issue 7): a generated dataset, load on the pages people wait
on with their floor views, and the chasing sweep. Run with `make bench`; never installed in the
product's own settings or URLs."""
