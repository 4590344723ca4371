"""Per-step builders: small functions that walk a plan through the guideline's steps by
calling the plan services, each taking the plan's `Table` and a piece of the family's data.

The demo families (`regie.demo.jansen`, `el_amrani`, `de_vries`) and the test cast
(`tests/personas.py`) are built from these same builders, so a new rule changes one
builder. Data names people by their short name at the table ("sanne", "parent")."""
