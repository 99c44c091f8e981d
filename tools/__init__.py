"""Measuring the site: the benchmark (`make bench`) and the load test (`make loadtest`). Not part of the
installed site; run from the project's folder (`python -m tools.bench`)."""
