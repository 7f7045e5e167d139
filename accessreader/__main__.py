"""``python -m accessreader`` runs the command line."""

from .cli import main

main()
