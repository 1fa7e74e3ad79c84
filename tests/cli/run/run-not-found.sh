prof-run -q --mode plain --json r.json -- ./no-such-program || echo "status $?"; ls
