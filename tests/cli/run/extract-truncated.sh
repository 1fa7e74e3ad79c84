head -c 300 "$TEST_DATA/sample-report.tar.gz" >cut.tar.gz; prof-extract cut.tar.gz -C out || echo "status $?"; ls
