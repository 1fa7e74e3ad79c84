# simple CSV; a benchmark on one side only is listed, and with
# --fail-on-missing is an error
printf 'name,value,unit\nparse,12,ms\nparse,13,ms\nparse,12.5,ms\nparse,12.2,ms\nold,5,ms\n' >a.csv
printf 'parse,12.1,ms\nparse,12.9,ms\nparse,12.4,ms\nparse,12.3,ms\nnew,7,ms\n' >b.csv
prof-compare --format text --fail-on-missing a.csv b.csv
