"""Code shared by the tests and the benchmarks (``pythonpath = ["tests"]``: ``import helpers``).

Benchmarks put ``tests/`` on ``sys.path`` to import it. Not part of the library.
"""
