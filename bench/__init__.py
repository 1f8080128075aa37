"""Benchmarks and load and fault runs of the whole site; never part of `make test`.

Each run is a module with a `main()`, started either way from the repository root:

    python -m bench.site --articles 2000        (`make bench` runs bench/site)
    bench/site --articles 2000

`bench/NAME` is a small executable file that runs `bench.NAME` in the project's
virtualenv. What the runs share (throw-away state folders and databases, servers, reader
threads, wrk, reports) is in `bench.harness`; synthetic copy in `bench.synthetic_arabic`
and a synthetic site in `bench.synthetic_site`.
"""
