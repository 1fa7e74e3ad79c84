# a threshold that is not a percentage: usage error, exit 2
prof-compare --threshold five a.json b.json
