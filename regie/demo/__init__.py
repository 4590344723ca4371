"""Invented demo data: three families, their plans and the professionals around them, built
only through the same service functions the web views use (STYLE habit 1).

Entry point: `regie.demo.loader.load_demo`, run by `manage.py load_demo`."""
