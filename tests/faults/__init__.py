"""Hostile-input and fault-injection tests (issue 7).

`server` is a raw-socket HTTP server that misbehaves on purpose, `scenarios` declares what
claimcheck must report for each misbehaviour, and the tests check it through `Fetcher` and the CLI.
"""
