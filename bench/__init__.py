"""Benchmarks of the check and the site build on synthetic briefings (`python -m bench`).

`bench.generate` writes a deterministic synthetic briefing of any size in the project's real
formats; `bench.run` times the check and the build on it, each in a fresh subprocess;
`bench.report` turns the results (bench/results/results.json) into BENCHMARKS.md and a plot.
"""
