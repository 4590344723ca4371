"""Invented demo data: three families, their plans and the professionals around them, built
only through the same service functions the web views use (STYLE habit 1).

Each family module (`jansen`, `el_amrani`, `de_vries`) is its data plus a short list of
calls to the per-step builders in `regie.demo.steps`, which the test cast
(`tests/personas.py`) uses too. Entry point: `regie.demo.loader.load_demo`, run by
`manage.py load_demo`."""
