-- wrk script: POST an Alertmanager notification, each one different so that none is a duplicate.
-- wrk ... -s post.lua URL -- PAYLOAD_FILE [TOKEN] [INTERVAL_MS] [SALT]
-- Every "__STARTS_AT__" in the payload becomes a timestamp unique to this request and run: the run's start second
-- (SALT days earlier, so that runs at the same time differ) with the thread and request number as its fraction.
-- INTERVAL_MS > 0 paces each wrk thread: its connections take turns so that the thread starts a request every
-- INTERVAL_MS on average (a connection back from its answer waits for the next free turn), so T threads hold
-- T * 1000 / INTERVAL_MS requests/s for as long as some connection is free. (wrk tells the script nothing of which
-- connection asks, so the schedule is the thread's.)

local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]]
local clock = ffi.new("bench_timespec")

local function now_ms()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

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
  interval = tonumber(args[3] or "0")
  next_turn = now_ms()
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
  if interval == 0 then
    return 0
  end
  local now = now_ms()
  next_turn = math.max(now, next_turn + interval)
  return next_turn - now
end

function done(summary, latency, requests)
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "non2xx": %d, "socket_errors": %d, "p50_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f}\n',
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
