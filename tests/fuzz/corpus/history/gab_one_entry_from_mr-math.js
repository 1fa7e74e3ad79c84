window.BENCHMARK_DATA = {
  "lastUpdate": 1701821930643,
  "repoUrl": "https://github.com/4J-company/mr-math",
  "entries": {
    "Benchmark": [
      {
        "commit": {
          "author": {
            "email": "73912760+cone-forest@users.noreply.github.com",
            "name": "Michael Tsukanov",
            "username": "cone-forest"
          },
          "committer": {
            "email": "noreply@github.com",
            "name": "GitHub",
            "username": "web-flow"
          },
          "distinct": true,
          "id": "3429e13f8966ee72643172c4276579fba24d9db1",
          "message": "Manual triggering enabled",
          "timestamp": "2023-12-01T03:10:20+03:00",
          "tree_id": "42e209790dede8cf38d769880913d87498368a19",
          "url": "https://github.com/4J-company/mr-math/commit/3429e13f8966ee72643172c4276579fba24d9db1"
        },
        "date": 1701389473186,
        "tool": "googlecpp",
        "benches": [
          {
            "name": "BM_normalized",
            "value": 1.9847604207686693,
            "unit": "ns/iter",
            "extra": "iterations: 359329081\ncpu: 1.9847344334482073 ns\nthreads: 1"
          },
          {
            "name": "BM_normalized",
            "value": 1.976331023461957,
            "unit": "ns/iter",
            "extra": "iterations: 359797095\ncpu: 1.9755590300138475 ns\nthreads: 1"
          }
        ]
      }
    ]
  }
}
