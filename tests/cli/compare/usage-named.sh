# --baseline without --current, and named arguments mixed with operands:
# usage errors, exit 2
prof-compare --baseline a.json || echo "exit $?"
prof-compare --baseline a.json --current b.json c.json
