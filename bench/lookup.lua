-- wrk script for bench/lookup: each request looks up another patient as another user.
-- Environment: LOOKUP_PATH (/fhir/CareTeam, /fhir/Flag, or a plain path such as /q/health/live),
-- LOOKUP_TOKENS (one bearer token per line), LOOKUP_NHS (one NHS number per line), LOOKUP_OUT
-- (file the summary is appended to, as one JSON line), LOOKUP_LABEL (its name there),
-- LOOKUP_SECONDS (the run's duration) and LOOKUP_IDLE_NHS (a valid NHS number without plans).
--
-- In its last 1-2 seconds a run looks up LOOKUP_IDLE_NHS instead: wrk stops by closing its
-- connections, and a view committed but never answered would make the count of answered views
-- uncertain. So every request that can record a view is answered before the run ends. On
-- /fhir/CareTeam the script counts the 200 answers that show a plan ("plan_answers"): they are
-- the views that must each have stored one access event.
local path = os.getenv("LOOKUP_PATH")
local threads = {}

local function lines(file)
  local out = {}
  for line in io.lines(file) do
    if line ~= "" then out[#out + 1] = line end
  end
  return out
end

function setup(thread)
  thread:set("index", #threads)
  threads[#threads + 1] = thread
end

local tokens, nhs, n, step, deadline, idle

-- Only where it is needed: wrk hands a response body to Lua only when this function exists.
if path == "/fhir/CareTeam" then
  function response(status, headers, body)
    if status == 200 and not body:find('"total":0', 1, true) then
      answered = answered + 1
    end
  end
end

function init(args)
  local plain = path:sub(1, 6) ~= "/fhir/"
  if plain then
    tokens, nhs = nil, nil
  else
    tokens = lines(os.getenv("LOOKUP_TOKENS"))
    nhs = lines(os.getenv("LOOKUP_NHS"))
  end
  -- Threads start far apart, so no two threads ask for the same patient at the same time.
  n = index * 1000003
  step = 1
  answered = 0
  deadline = os.time() + tonumber(os.getenv("LOOKUP_SECONDS") or "0") - 2
  idle = os.getenv("LOOKUP_IDLE_NHS")
end

function request()
  if not tokens then
    return wrk.format("GET", path)
  end
  n = n + step
  local token = tokens[(n % #tokens) + 1]
  local patient = nhs[(n % #nhs) + 1]
  if os.time() >= deadline then
    patient = idle
  end
  return wrk.format("GET", path .. "?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C" .. patient,
    { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/fhir+json" })
end

function done(summary, latency, requests)
  local planAnswers = 0
  for _, thread in ipairs(threads) do
    planAnswers = planAnswers + (thread:get("answered") or 0)
  end
  local e = summary.errors
  local line = string.format(
    '{"label":"%s","path":"%s","requests":%d,"duration_us":%d,"non2xx":%d,"connect":%d,"read":%d,' ..
    '"write":%d,"timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f,' ..
    '"plan_answers":%d}',
    os.getenv("LOOKUP_LABEL") or path, path, summary.requests, summary.duration, e.status, e.connect, e.read,
    e.write, e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, planAnswers)
  local f = assert(io.open(os.getenv("LOOKUP_OUT"), "a"))
  f:write(line .. "\n")
  f:close()
end
