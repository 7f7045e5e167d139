"""The service: what the CLI, the server and the terminal call.

library.py     Library: the application layer over one store (catalog, people, rights, jobs…)
store.py schema.py migrations/   the database (SQLite by default, PostgreSQL) and its tables
catalog.py search.py             titles, their sources and formats; catalog search
people.py accounts.py rights.py  readers and staff, logins and tokens, who may do what, audit
positions.py                     where each reader stopped, as a locator
jobs/ audiobook.py               conversions on the task queue (state, steps, queue, worker); audio per title
"""
