"""`make bench`: measured ratios side by side in one run (python -m benchmarks)."""
