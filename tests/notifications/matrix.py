"""The notifications app's views in the authorization matrix (see
tests/access/test_authorization_matrix.py); test_matrix.py walks them for every role."""

CLASSIFIED = {"notifications", "health"}
