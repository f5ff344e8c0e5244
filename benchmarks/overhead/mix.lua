-- wrk script: cycles through the URL mix in WRK_PATHS (space-separated paths) and, at the end,
-- prints one machine-readable RESULT line. wrk keeps every latency in a 1 µs histogram, so the
-- percentiles below are exact, not the rounded figures of `wrk --latency`.
local paths = {}
for path in string.gmatch(os.getenv("WRK_PATHS") or "/", "%S+") do
  paths[#paths + 1] = path
end

-- Requests are formatted once per thread, not once per request: the load generator's own cost
-- must stay the same, and small, whichever app it drives.
local requests = {}
local next_request = 0

function init(args)
  for i, path in ipairs(paths) do
    requests[i] = wrk.format("GET", path)
  end
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
