umask 022; prof-extract "$TEST_DATA/sample-report.tar.gz" -C report && ls -l report | awk 'NR > 1 { print $1, $5, $9 }'
