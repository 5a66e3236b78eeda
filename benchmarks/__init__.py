"""Benchmark scripts: `python -m benchmarks.NAME` prints the figures an issue names."""
