wrk.method = "POST"
wrk.body = '{"title":"Benchmark task","priority":"high","tags":["bench"]}'
wrk.headers["Content-Type"] = "application/json"
