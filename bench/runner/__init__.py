"""The pieces of the benchmark runner behind `python -m bench.run` and `make bench`."""
