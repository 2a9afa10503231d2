""" "Which mission?" questions over the mission records: places and lookup."""
