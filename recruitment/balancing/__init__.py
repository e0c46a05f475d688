"""Choosing a balanced panel, apart from the services that record it: the exact solver for the
best panel by score within targets (`solver`, CP-SAT) and the fair lottery (`lottery`, which runs
the optional sortition library in a process of its own, `lottery_process`). Nothing here writes to
the database; recruitment.services.selection does, with permission and history."""
