# one input only: usage error, exit 2
prof-compare a.json
