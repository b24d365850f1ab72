-- wrk script: POST an Alertmanager notification, each one different so that none is a duplicate.
-- wrk ... -s post.lua URL -- PAYLOAD_FILE [TOKEN] [DELAY_MS] [SALT]
-- Every "__STARTS_AT__" in the payload becomes a timestamp unique to this request and run: the run's start second
-- (SALT days earlier, so that runs at the same time differ) with the thread and request number as its fraction.
-- DELAY_MS > 0 paces each connection: it waits that long after each answer before the next request.

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "rb"))
  local payload = file:read("*a")
  file:close()
  parts = {}
  for part in (payload .. "__STARTS_AT__"):gmatch("(.-)__STARTS_AT__") do
    table.insert(parts, part)
  end
  headers = {["Content-Type"] = "application/json"}
  if args[2] and args[2] ~= "" then
    headers["Authorization"] = "Bearer " .. args[2]
  end
  pause = tonumber(args[3] or "0")
  run_second = os.date("!%Y-%m-%dT%H:%M:%S", os.time() - 86400 * tonumber(args[4] or "0"))
  sent = 0
end

function request()
  sent = sent + 1
  local starts_at = string.format("%s.%d%08dZ", run_second, id, sent)
  local body = table.concat(parts, starts_at)
  return wrk.format("POST", nil, headers, body)
end

function delay()
  return pause
end

function done(summary, latency, requests)
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "non2xx": %d, "socket_errors": %d, "p50_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f}\n',
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
