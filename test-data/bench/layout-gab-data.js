window.BENCHMARK_DATA = {
  "lastUpdate": 1764806400000,
  "repoUrl": "https://example.org/profkit",
  "entries": {
    "Benchmark": [
      {
        "commit": {
          "author": {
            "email": "dev@example.org",
            "name": "A Developer",
            "username": "dev"
          },
          "committer": {
            "email": "dev@example.org",
            "name": "A Developer",
            "username": "dev"
          },
          "distinct": true,
          "id": "1111111111111111111111111111111111111111",
          "message": "A/A run 1",
          "timestamp": "2025-12-01T00:00:00Z",
          "tree_id": "1111111111111111111111111111111111111111",
          "url": "https://example.org/profkit/commit/1111111111111111111111111111111111111111"
        },
        "date": 1764547200000,
        "tool": "googlecpp",
        "benches": [
          {
            "name": "BM_sum/1024",
            "value": 1491.0159558950008,
            "unit": "ns/iter",
            "extra": "iterations: 469607\ncpu: 305.50362750129347 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 1136.801719309994,
            "unit": "ns/iter",
            "extra": "iterations: 469607\ncpu: 317.15841118211586 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 850.9980579508091,
            "unit": "ns/iter",
            "extra": "iterations: 469607\ncpu: 340.51488159248044 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 2619.8690500782172,
            "unit": "ns/iter",
            "extra": "iterations: 469607\ncpu: 325.6207041206793 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 1456.1222532884303,
            "unit": "ns/iter",
            "extra": "iterations: 469607\ncpu: 329.98057950584274 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 1019.2372941630684,
            "unit": "ns/iter",
            "extra": "iterations: 469607\ncpu: 309.288226112472 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 1488.448700722462,
            "unit": "ns/iter",
            "extra": "iterations: 469607\ncpu: 316.928731897097 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 1372.4288266571314,
            "unit": "ns/iter",
            "extra": "iterations: 469607\ncpu: 320.552033934758 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 1679.9925384420803,
            "unit": "ns/iter",
            "extra": "iterations: 469607\ncpu: 373.3045078118515 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 1492.2240064563466,
            "unit": "ns/iter",
            "extra": "iterations: 469607\ncpu: 443.83384191462227 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 108.99814730319117,
            "unit": "ns/iter",
            "extra": "iterations: 1304045\ncpu: 98.8050558071232 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 191.44146789403646,
            "unit": "ns/iter",
            "extra": "iterations: 1304045\ncpu: 103.9079456613844 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 299.4580685482047,
            "unit": "ns/iter",
            "extra": "iterations: 1304045\ncpu: 104.58801958521379 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 239.0674754323151,
            "unit": "ns/iter",
            "extra": "iterations: 1304045\ncpu: 106.07616224900201 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 355.5759571179467,
            "unit": "ns/iter",
            "extra": "iterations: 1304045\ncpu: 105.84523770268648 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 304.48025566605577,
            "unit": "ns/iter",
            "extra": "iterations: 1304045\ncpu: 105.36767136103421 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 423.58588468962665,
            "unit": "ns/iter",
            "extra": "iterations: 1304045\ncpu: 102.7257402927045 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 408.57361364067367,
            "unit": "ns/iter",
            "extra": "iterations: 1304045\ncpu: 107.38965219758514 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 280.4670436986917,
            "unit": "ns/iter",
            "extra": "iterations: 1304045\ncpu: 55.90795563036572 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 818.6344366949451,
            "unit": "ns/iter",
            "extra": "iterations: 1304045\ncpu: 147.4523969648281 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 24526.23845541601,
            "unit": "ns/iter",
            "extra": "iterations: 7536\ncpu: 23086.283704883226 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 49298.40976644764,
            "unit": "ns/iter",
            "extra": "iterations: 7536\ncpu: 18364.485536093413 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 88906.13243099205,
            "unit": "ns/iter",
            "extra": "iterations: 7536\ncpu: 19054.671045647556 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 32449.895966007305,
            "unit": "ns/iter",
            "extra": "iterations: 7536\ncpu: 19683.970408704907 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 30273.985668805697,
            "unit": "ns/iter",
            "extra": "iterations: 7536\ncpu: 19404.07537154991 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 40333.29219746235,
            "unit": "ns/iter",
            "extra": "iterations: 7536\ncpu: 18831.582404458637 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 57503.90074310505,
            "unit": "ns/iter",
            "extra": "iterations: 7536\ncpu: 26042.645037155005 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 91445.64609874914,
            "unit": "ns/iter",
            "extra": "iterations: 7536\ncpu: 19605.55506900212 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 69151.22770699505,
            "unit": "ns/iter",
            "extra": "iterations: 7536\ncpu: 19081.794320594377 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 38582.906449044065,
            "unit": "ns/iter",
            "extra": "iterations: 7536\ncpu: 19398.00796178342 ns\nthreads: 1"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "dev@example.org",
            "name": "A Developer",
            "username": "dev"
          },
          "committer": {
            "email": "dev@example.org",
            "name": "A Developer",
            "username": "dev"
          },
          "distinct": true,
          "id": "2222222222222222222222222222222222222222",
          "message": "A/A run 2",
          "timestamp": "2025-12-02T00:00:00Z",
          "tree_id": "2222222222222222222222222222222222222222",
          "url": "https://example.org/profkit/commit/2222222222222222222222222222222222222222"
        },
        "date": 1764633600000,
        "tool": "googlecpp",
        "benches": [
          {
            "name": "BM_memcpy/4096",
            "value": 490.214838260395,
            "unit": "ns/iter",
            "extra": "iterations: 1105790\ncpu: 125.10838766854467 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 340.7683212907468,
            "unit": "ns/iter",
            "extra": "iterations: 1105790\ncpu: 99.68560757467512 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 333.9983523092438,
            "unit": "ns/iter",
            "extra": "iterations: 1105790\ncpu: 99.52629161052276 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 199.82369346801286,
            "unit": "ns/iter",
            "extra": "iterations: 1105790\ncpu: 107.91362374411042 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 161.09061395018347,
            "unit": "ns/iter",
            "extra": "iterations: 1105790\ncpu: 109.5533826495085 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 391.08010653020307,
            "unit": "ns/iter",
            "extra": "iterations: 1105790\ncpu: 105.76747031534015 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 792.4016684903465,
            "unit": "ns/iter",
            "extra": "iterations: 1105790\ncpu: 102.80023512601845 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 550.4318279239083,
            "unit": "ns/iter",
            "extra": "iterations: 1105790\ncpu: 105.95425713743145 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 492.8624847392871,
            "unit": "ns/iter",
            "extra": "iterations: 1105790\ncpu: 103.42026695846425 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 437.23192468717934,
            "unit": "ns/iter",
            "extra": "iterations: 1105790\ncpu: 107.29949719205266 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 32607.973991264356,
            "unit": "ns/iter",
            "extra": "iterations: 7113\ncpu: 19771.60537044848 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 31500.476310970746,
            "unit": "ns/iter",
            "extra": "iterations: 7113\ncpu: 19537.504428511173 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 115491.933783192,
            "unit": "ns/iter",
            "extra": "iterations: 7113\ncpu: 23718.56769295655 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 105162.43427529026,
            "unit": "ns/iter",
            "extra": "iterations: 7113\ncpu: 19619.71699704766 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 28410.583157625195,
            "unit": "ns/iter",
            "extra": "iterations: 7113\ncpu: 19982.815127231846 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 55629.68592718391,
            "unit": "ns/iter",
            "extra": "iterations: 7113\ncpu: 19168.54196541545 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 28714.195698005977,
            "unit": "ns/iter",
            "extra": "iterations: 7113\ncpu: 20072.775481512712 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 77530.55883594062,
            "unit": "ns/iter",
            "extra": "iterations: 7113\ncpu: 19864.86362997324 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 147148.0918037175,
            "unit": "ns/iter",
            "extra": "iterations: 7113\ncpu: 27300.625615071036 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 84178.44116407017,
            "unit": "ns/iter",
            "extra": "iterations: 7113\ncpu: 25480.276395332512 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 575.2820760862227,
            "unit": "ns/iter",
            "extra": "iterations: 468285\ncpu: 312.3868776492948 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 1131.6382758360394,
            "unit": "ns/iter",
            "extra": "iterations: 468285\ncpu: 305.8375924917518 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 939.1489627042296,
            "unit": "ns/iter",
            "extra": "iterations: 468285\ncpu: 349.0126525513312 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 846.0939577393532,
            "unit": "ns/iter",
            "extra": "iterations: 468285\ncpu: 405.1961967605191 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 1827.1213128758673,
            "unit": "ns/iter",
            "extra": "iterations: 468285\ncpu: 340.0032715120068 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 509.45822095494526,
            "unit": "ns/iter",
            "extra": "iterations: 468285\ncpu: 329.5742934324183 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 591.2728851020737,
            "unit": "ns/iter",
            "extra": "iterations: 468285\ncpu: 327.8932039249608 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 593.2609500625367,
            "unit": "ns/iter",
            "extra": "iterations: 468285\ncpu: 311.49287292994643 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 2976.644430208034,
            "unit": "ns/iter",
            "extra": "iterations: 468285\ncpu: 528.8996188218727 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 2162.16334710713,
            "unit": "ns/iter",
            "extra": "iterations: 468285\ncpu: 319.23856412227514 ns\nthreads: 1"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "dev@example.org",
            "name": "A Developer",
            "username": "dev"
          },
          "committer": {
            "email": "dev@example.org",
            "name": "A Developer",
            "username": "dev"
          },
          "distinct": true,
          "id": "3333333333333333333333333333333333333333",
          "message": "baseline",
          "timestamp": "2025-12-03T00:00:00Z",
          "tree_id": "3333333333333333333333333333333333333333",
          "url": "https://example.org/profkit/commit/3333333333333333333333333333333333333333"
        },
        "date": 1764720000000,
        "tool": "googlecpp",
        "benches": [
          {
            "name": "BM_sum/1024",
            "value": 474.83181108381757,
            "unit": "ns/iter",
            "extra": "iterations: 457218\ncpu: 312.4353984313829 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 402.4062460362458,
            "unit": "ns/iter",
            "extra": "iterations: 457218\ncpu: 303.68058781587774 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 855.9581250083816,
            "unit": "ns/iter",
            "extra": "iterations: 457218\ncpu: 527.2046769812213 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 580.9465572220047,
            "unit": "ns/iter",
            "extra": "iterations: 457218\ncpu: 306.91774383335746 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 1141.5394756987064,
            "unit": "ns/iter",
            "extra": "iterations: 457218\ncpu: 319.2310757669205 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 632.3603816997631,
            "unit": "ns/iter",
            "extra": "iterations: 457218\ncpu: 304.75235226959524 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 1249.3912750589307,
            "unit": "ns/iter",
            "extra": "iterations: 457218\ncpu: 321.39641265217034 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 498.6224951771807,
            "unit": "ns/iter",
            "extra": "iterations: 457218\ncpu: 309.4445428657661 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 628.0229562263016,
            "unit": "ns/iter",
            "extra": "iterations: 457218\ncpu: 331.5706490120689 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 436.2159385674142,
            "unit": "ns/iter",
            "extra": "iterations: 457218\ncpu: 298.3440503217284 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 145.73507399995833,
            "unit": "ns/iter",
            "extra": "iterations: 1000000\ncpu: 100.796117 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 126.44157300019288,
            "unit": "ns/iter",
            "extra": "iterations: 1000000\ncpu: 98.99206999999988 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 398.4840110001642,
            "unit": "ns/iter",
            "extra": "iterations: 1000000\ncpu: 104.78331499999993 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 211.81377700008852,
            "unit": "ns/iter",
            "extra": "iterations: 1000000\ncpu: 103.66639700000002 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 114.40124299997478,
            "unit": "ns/iter",
            "extra": "iterations: 1000000\ncpu: 99.0106100000001 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 152.64254099997743,
            "unit": "ns/iter",
            "extra": "iterations: 1000000\ncpu: 102.09646799999962 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 118.54316100016149,
            "unit": "ns/iter",
            "extra": "iterations: 1000000\ncpu: 102.39949599999987 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 212.7356299999974,
            "unit": "ns/iter",
            "extra": "iterations: 1000000\ncpu: 101.554798 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 148.17162299982556,
            "unit": "ns/iter",
            "extra": "iterations: 1000000\ncpu: 104.46461499999992 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 60.54479099998389,
            "unit": "ns/iter",
            "extra": "iterations: 1000000\ncpu: 48.1455839999998 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 26099.77802848632,
            "unit": "ns/iter",
            "extra": "iterations: 7091\ncpu: 19426.497673106755 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 40035.161331261595,
            "unit": "ns/iter",
            "extra": "iterations: 7091\ncpu: 19881.393456494126 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 66504.40939218341,
            "unit": "ns/iter",
            "extra": "iterations: 7091\ncpu: 19528.290368072216 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 39209.481173307526,
            "unit": "ns/iter",
            "extra": "iterations: 7091\ncpu: 19832.51473699053 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 21257.974615720403,
            "unit": "ns/iter",
            "extra": "iterations: 7091\ncpu: 19268.62501762797 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 53304.346072483386,
            "unit": "ns/iter",
            "extra": "iterations: 7091\ncpu: 19325.11479340007 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 31059.79734874648,
            "unit": "ns/iter",
            "extra": "iterations: 7091\ncpu: 19086.22422789452 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 39631.63855591073,
            "unit": "ns/iter",
            "extra": "iterations: 7091\ncpu: 19008.742490480858 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 53099.779015660715,
            "unit": "ns/iter",
            "extra": "iterations: 7091\ncpu: 19536.38457199266 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 27571.723170196732,
            "unit": "ns/iter",
            "extra": "iterations: 7091\ncpu: 18727.847130164955 ns\nthreads: 1"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "dev@example.org",
            "name": "A Developer",
            "username": "dev"
          },
          "committer": {
            "email": "dev@example.org",
            "name": "A Developer",
            "username": "dev"
          },
          "distinct": true,
          "id": "4444444444444444444444444444444444444444",
          "message": "BM_sum slower",
          "timestamp": "2025-12-04T00:00:00Z",
          "tree_id": "4444444444444444444444444444444444444444",
          "url": "https://example.org/profkit/commit/4444444444444444444444444444444444444444"
        },
        "date": 1764806400000,
        "tool": "googlecpp",
        "benches": [
          {
            "name": "BM_memcpy/4096",
            "value": 216.054784913487,
            "unit": "ns/iter",
            "extra": "iterations: 1401645\ncpu: 115.2485251258343 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 165.0564094332427,
            "unit": "ns/iter",
            "extra": "iterations: 1401645\ncpu: 101.95989783433038 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 154.07144605082607,
            "unit": "ns/iter",
            "extra": "iterations: 1401645\ncpu: 101.70397211847508 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 243.97100407014466,
            "unit": "ns/iter",
            "extra": "iterations: 1401645\ncpu: 113.5099329716153 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 298.5715819625575,
            "unit": "ns/iter",
            "extra": "iterations: 1401645\ncpu: 106.18313838382755 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 126.42683418407066,
            "unit": "ns/iter",
            "extra": "iterations: 1401645\ncpu: 110.41506301524281 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 113.16220012921033,
            "unit": "ns/iter",
            "extra": "iterations: 1401645\ncpu: 49.199457779965904 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 199.7273838952106,
            "unit": "ns/iter",
            "extra": "iterations: 1401645\ncpu: 48.86361453863146 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 132.06421454795185,
            "unit": "ns/iter",
            "extra": "iterations: 1401645\ncpu: 48.03717275058958 ns\nthreads: 1"
          },
          {
            "name": "BM_memcpy/4096",
            "value": 189.79707486566878,
            "unit": "ns/iter",
            "extra": "iterations: 1401645\ncpu: 101.0075518408728 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 1129.020155057237,
            "unit": "ns/iter",
            "extra": "iterations: 343487\ncpu: 542.1309685664961 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 405.6318434176981,
            "unit": "ns/iter",
            "extra": "iterations: 343487\ncpu: 383.20202220171365 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 368.0755283316513,
            "unit": "ns/iter",
            "extra": "iterations: 343487\ncpu: 299.6856416691172 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 876.690462812012,
            "unit": "ns/iter",
            "extra": "iterations: 343487\ncpu: 310.84971774768724 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 519.8033550036506,
            "unit": "ns/iter",
            "extra": "iterations: 343487\ncpu: 295.6947308049498 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 627.6233918605762,
            "unit": "ns/iter",
            "extra": "iterations: 343487\ncpu: 306.4363775048261 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 1385.7558481110862,
            "unit": "ns/iter",
            "extra": "iterations: 343487\ncpu: 318.5396215868433 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 590.5936178081068,
            "unit": "ns/iter",
            "extra": "iterations: 343487\ncpu: 311.2209807066937 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 1103.178073697566,
            "unit": "ns/iter",
            "extra": "iterations: 343487\ncpu: 312.7358182405737 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/1024",
            "value": 720.2302998365703,
            "unit": "ns/iter",
            "extra": "iterations: 343487\ncpu: 321.7147082713467 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 141306.86886256226,
            "unit": "ns/iter",
            "extra": "iterations: 1609\ncpu: 76605.39900559359 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 182550.58110625422,
            "unit": "ns/iter",
            "extra": "iterations: 1609\ncpu: 111799.59167184589 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 173654.93225604182,
            "unit": "ns/iter",
            "extra": "iterations: 1609\ncpu: 85873.32753262899 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 165355.52827844938,
            "unit": "ns/iter",
            "extra": "iterations: 1609\ncpu: 77171.52268489738 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 167874.6991921172,
            "unit": "ns/iter",
            "extra": "iterations: 1609\ncpu: 80410.85518955853 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 144615.43816036105,
            "unit": "ns/iter",
            "extra": "iterations: 1609\ncpu: 75118.11187072725 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 110734.48042260256,
            "unit": "ns/iter",
            "extra": "iterations: 1609\ncpu: 81424.86886264752 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 276851.5581106809,
            "unit": "ns/iter",
            "extra": "iterations: 1609\ncpu: 101093.93163455586 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 130347.92666249633,
            "unit": "ns/iter",
            "extra": "iterations: 1609\ncpu: 79307.4307022996 ns\nthreads: 1"
          },
          {
            "name": "BM_sum/65536",
            "value": 111599.35736476768,
            "unit": "ns/iter",
            "extra": "iterations: 1609\ncpu: 88247.82224984479 ns\nthreads: 1"
          }
        ]
      }
    ]
  }
}
