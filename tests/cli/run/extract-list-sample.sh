cp "$TEST_DATA/sample-report.tar.gz" . && prof-extract --list sample-report.tar.gz
