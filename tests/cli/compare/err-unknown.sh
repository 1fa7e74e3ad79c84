# not a benchmark result: exit 1, file named
echo 'hello, world' >notes.txt
printf 'x,1\n' >ok.csv
prof-compare notes.txt ok.csv
