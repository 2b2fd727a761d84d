"""Name-search evaluation built from the list files themselves (issue 13, item 5).

`python -m bench.name_eval derive` writes the frozen query files; `python -m bench.name_eval run`
evaluates today's search on them. See bench/name_eval/README.md.
"""
