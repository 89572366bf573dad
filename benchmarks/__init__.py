"""Benchmarks: `make bench` runs every bench_*.py here, each against the baseline its issue names."""
