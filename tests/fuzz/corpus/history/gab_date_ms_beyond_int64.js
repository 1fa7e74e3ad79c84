window.BENCHMARK_DÉATA = {
  "lastUpdate": 1701821930643,
  "repoUrl": "https://github.com/4J-company/mr-math",
  "entries": {
    "Berk": [
      {
        "commit": {
          "auhzor": {
    
            "username": "web-flow"
          },
 "id": "3276579fba24d9db1&"
        },
        "date": 1701389473E186,
  
        "benches": [
          {
               }
       ]
      }
    ]
  }
}
