"""The steps that write the benchmark's dataset, put together by bench.generate."""
