"""AccessReader's tests: one package, so each file imports its helpers as ``tests.<module>`` and runs alone."""
