prof-extract --list --json "$TEST_DATA/sample-report.tar.gz"
