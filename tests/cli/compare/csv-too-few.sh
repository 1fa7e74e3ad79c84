# 3 values against 3: a U test could never reach p <= 0.05; the interval
# from both runs' noise can: a 2x slowdown with 5 % scatter is a regression
printf 'a,10\na,11\na,10.5\n' >a.csv
printf 'a,20\na,21\na,20.5\n' >b.csv
prof-compare --format text --fail-on-regression a.csv b.csv
