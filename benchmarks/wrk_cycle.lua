-- wrk script for benchmarks/load_bench.py, which writes REQUESTS (a list of {method, path,
-- headers, body}) above this text. Each thread cycles through REQUESTS from its own starting
-- point; done() prints one "WRK-SUMMARY <json>" line that load_bench parses.

local threads = {}

function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

function init(args)
  formatted = {}
  for i, r in ipairs(REQUESTS) do
    formatted[i] = wrk.format(r.method, r.path, r.headers, r.body)
  end
  position = offset % #formatted
  non_2xx = 0
end

function request()
  position = position % #formatted + 1
  return formatted[position]
end

-- wrk's own status count starts at 400; a benchmark must also see a 1xx or 3xx answer.
function response(status, headers, body)
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
  end
end

function done(summary, latency, requests)
  local non_2xx_total = 0
  for _, thread in ipairs(threads) do
    non_2xx_total = non_2xx_total + thread:get("non_2xx")
  end
  local errors = summary.errors
  io.write(string.format(
    'WRK-SUMMARY {"duration_us": %d, "requests": %d, "bytes": %d, "non_2xx": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_us": {"min": %d, "mean": %.1f, "stdev": %.1f, "max": %d, "p50": %d, "p90": %d, "p99": %d}}\n',
    summary.duration, summary.requests, summary.bytes, non_2xx_total,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end
