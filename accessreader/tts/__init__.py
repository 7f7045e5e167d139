"""Speech: the speech script (text side) and, beside it, engines and audio outputs."""
