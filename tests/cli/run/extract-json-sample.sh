cp "$TEST_DATA/sample-report.tar.gz" . && prof-extract --json sample-report.tar.gz
