-- wrk: POST the typical applicant (applicant.json) to /v1/check; count any non-200 as an error.
local f = assert(io.open(os.getenv("APPLICANT") or "Benchmarks/serve/applicant.json", "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx/3xx responses: %d; errors: connect %d, read %d, write %d, timeout %d\n",
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
