prof-compare --format pdf a.json b.json
