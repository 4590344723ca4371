"""The REST API for organisations' systems, under /api/v1/ (issue 6).

- Authentication: `Authorization: Bearer <token>`. An ApiClient belongs to one
  organisation and acts for one professional of it (`manage.py create_api_client`); the
  token is printed once and stored as its SHA-256. The policy then applies exactly as for
  that professional: plans they take part in now, the sections they may see; a client of
  another organisation gets 404 for the plan and an empty plan list. OAuth2 client
  credentials is not offered (yet); the bearer token is the one way in.
- Reads: plans, a plan, its goals (one goal with an ETag), actions and evaluations, in
  pages, filtered by `changed_since` (created since, or edited since: a Revision was
  kept; for plans: opened or moved a step since). Each read writes one access-log row
  (`api.read`, or `api.search` for a list), with the endpoint in `part`.
- Writes go through the plan services, which check the policy and write the log row:
  entries (`entries.write_entry`), actions (`goals.add_action`), goal edits
  (`goals.edit_goal`) with If-Match: missing 428, stale 412.
- Errors are RFC 9457 problem details (`application/problem+json`), titles in Dutch or,
  with `Accept-Language: en`, English; domain messages stay Dutch (no .po yet). A rule
  that refuses a change is 422 with its `rule` id; a role that may not is 403; anyone
  outside the plan gets the 404 of a plan that does not exist.
"""
