# bench-tracker baseline.json (its BenchmarkSuite layout): one run and a named baseline
cat >baseline.json <<'J'
{"name":"before-refactor","created_at":"2025-03-01T10:00:00.123456Z",
 "commit":"5f0c1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3",
 "results":{
  "e2e_simple_predicate/10":{"name":"e2e_simple_predicate","parameter":"10",
   "estimates":{"mean":{"point_estimate":1520.5,"standard_error":3.1,
     "confidence_interval":{"confidence_level":0.95,"lower_bound":1514.0,"upper_bound":1527.2}},
    "median":{"point_estimate":1518.0,"standard_error":2.0,
     "confidence_interval":{"confidence_level":0.95,"lower_bound":1515.0,"upper_bound":1522.0}},
    "median_abs_dev":{"point_estimate":9.0,"standard_error":1.0,
     "confidence_interval":{"confidence_level":0.95,"lower_bound":7.0,"upper_bound":11.0}},
    "slope":null,
    "std_dev":{"point_estimate":12.0,"standard_error":1.5,
     "confidence_interval":{"confidence_level":0.95,"lower_bound":9.5,"upper_bound":14.5}}},
   "timestamp":"2025-03-01T09:59:00Z"},
  "parse_rules":{"name":"parse_rules","parameter":null,
   "estimates":{"mean":{"point_estimate":88000.0,"standard_error":120.0,
     "confidence_interval":{"confidence_level":0.95,"lower_bound":87800.0,"upper_bound":88250.0}},
    "median":{"point_estimate":87950.0,"standard_error":100.0,
     "confidence_interval":{"confidence_level":0.95,"lower_bound":87800.0,"upper_bound":88100.0}},
    "median_abs_dev":{"point_estimate":300.0,"standard_error":20.0,
     "confidence_interval":{"confidence_level":0.95,"lower_bound":260.0,"upper_bound":340.0}},
    "slope":null,
    "std_dev":{"point_estimate":400.0,"standard_error":30.0,
     "confidence_interval":{"confidence_level":0.95,"lower_bound":340.0,"upper_bound":460.0}}},
   "timestamp":"2025-03-01T09:59:30Z"}}}
J
prof-history --db h.sqlite import baseline.json --branch main
prof-history --db h.sqlite baseline list | cut -f1-3
prof-history --db h.sqlite show 5f0c1e2 | grep -v -e source: -e machine:
