"""The figures pages in the authorization matrix (issue 15). `CLASSIFIED` tells
tests/access/test_authorization_matrix.py that these views are walked in
tests/insight/test_matrix.py: for every person of its world, and for the two figure
roles against every URL that names a plan."""

CLASSIFIED = {"indicators", "indicators-csv"}
