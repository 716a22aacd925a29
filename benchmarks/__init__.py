"""The benchmark (`make bench`): benchmarks/bench.py runs it, benchmarks/report.py renders and judges it."""
