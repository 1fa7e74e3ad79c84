# 3 values against 3 can never reach p <= 0.05: "too few samples"
printf 'a,10\na,11\na,10.5\n' >a.csv
printf 'a,20\na,21\na,20.5\n' >b.csv
prof-compare --format text --fail-on-regression a.csv b.csv
