"""The benchmark of issue 13 (`make bench`, `manage.py bench`): the app as in production
under load on invented families (regie.demo.scale), every page as a ratio to a bare page
over the same data (regie.web.floor), and the queries each page costs. docs/performance.md
has how to run it and the figures of a run."""
