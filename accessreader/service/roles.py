"""The roles a person has in the catalog (``people.py``), apart from the database code, for the command line."""

READER = "reader"
STAFF = "staff"
ADMIN = "admin"
ROLES = (READER, STAFF, ADMIN)
