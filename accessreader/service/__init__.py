"""The service: what the CLI, the server and the terminal call.

library.py     Library: the application layer over one store (catalog, people, rights, jobs…)
store.py schema.py migrations/   the database (SQLite by default, PostgreSQL) and its tables
catalog.py search.py             titles, their sources and formats; search of titles and the books' text
identity.py                      which work a book is: one title with several sources, not two entries
documents.py                     stored Documents, whole and per chapter
people.py accounts.py rights.py  readers and staff, logins and tokens (scoped), who may do what, audit
throttle.py                      login attempts counted atomically per card and per address
positions.py                     where each reader stopped, as a locator
listening.py                     each reader's voice per language, rate and read-along, remembered
jobs/ audiobook.py livescript.py conversions on the task queue (state, steps, queue, worker); audio per
                                 title, live chapters worded a few blocks at a time
"""
