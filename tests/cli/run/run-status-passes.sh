prof-run --mode plain --json r.json -- sh -c "exit 7" || echo "status $?"
