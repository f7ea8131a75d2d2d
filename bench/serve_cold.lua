-- wrk script for bench/serve_cold.sh: every request asks another question
-- (random filters over many distinct values), so the answer cache rarely
-- holds the answer and the store computes most of them. COLD_MODE picks
-- the endpoint: pages, stats, geojson, grid, box.
local countries = {"SY", "IQ", "YE", "AF", "ML", "BF", "NE", "NG", "SO", "CD", "SD", "SS", "LY", "EG", "UA",
                   "PS", "IL", "LB", "MM", "PK", "IN", "PH", "CO", "MX", "FR", "ET", "MZ", "CM", "CF", "TR"}
-- (lat, lon) centres of the generator's countries, same order
local centres = {{35.0, 38.5}, {33.3, 43.7}, {15.5, 45.5}, {34.0, 66.0}, {15.0, -2.0}, {12.5, -1.5},
                 {15.0, 6.0}, {10.0, 8.0}, {4.0, 45.5}, {-1.5, 28.5}, {13.5, 28.0}, {7.5, 30.5},
                 {29.0, 17.0}, {28.5, 31.0}, {48.5, 35.0}, {31.5, 34.8}, {31.5, 34.9}, {33.8, 35.8},
                 {20.0, 96.0}, {31.0, 70.0}, {23.0, 80.0}, {9.0, 124.0}, {4.0, -74.0}, {22.0, -101.0},
                 {47.0, 2.5}, {9.0, 39.0}, {-13.0, 39.5}, {6.0, 11.5}, {6.5, 20.5}, {38.5, 35.0}}
local types = {"Battles", "Explosions%2FRemote%20violence", "Violence%20against%20civilians", "Protests",
               "Riots", "Strategic%20developments"}
local actors = {"ISIL", "HTS", "JNIM", "AQAP", "AL_SHABAAB", "TALIBAN", "BOKO_HARAM", "ISWAP", "SDF", "HOUTHI"}
local mode = os.getenv("COLD_MODE") or "pages"
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
end

local function pick(t) return t[math.random(#t)] end
local function day()
  return string.format("%04d-%02d-%02d", math.random(2016, 2025), math.random(12), math.random(28))
end
local function box(size)
  local c = centres[math.random(#centres)]
  local lon = c[2] + (math.random() * 4 - 2) - size / 2
  local lat = c[1] + (math.random() * 4 - 2) - size / 2
  return string.format("%.3f,%.3f,%.3f,%.3f", lon, lat, lon + size, lat + size)
end

function request()
  local path
  if mode == "stats" then
    local r = math.random(3)
    if r == 1 then
      path = "/api/stats?country=" .. pick(countries) .. "&from=" .. day()
    elseif r == 2 then
      path = "/api/stats?type=" .. pick(types) .. "&from=" .. day()
    else
      path = "/api/stats?country=" .. pick(countries) .. "&type=" .. pick(types) .. "&to=" .. day()
    end
  elseif mode == "geojson" then
    path = "/api/events.geojson?bbox=" .. box(0.05 + math.random() * 0.3) .. "&limit=1000"
  elseif mode == "grid" then
    local level = math.random(0, 3)
    path = "/api/events/grid?level=" .. level .. "&bbox=" .. box(2 + math.random() * 8 / (level + 1))
    if math.random(2) == 1 then path = path .. "&type=" .. pick(types) end
  elseif mode == "box" then
    path = "/api/events?bbox=" .. box(0.2 + math.random() * 1.5) .. "&limit=50"
  else
    local q = {"limit=50", "country=" .. pick(countries)}
    if math.random(2) == 1 then q[#q + 1] = "type=" .. pick(types) end
    if math.random(2) == 1 then q[#q + 1] = "from=" .. day() end
    if math.random(3) == 1 then q[#q + 1] = "sort=-date" end
    if math.random(4) == 1 then q = {"limit=50", "actor=" .. pick(actors), "from=" .. day()} end
    path = "/api/events?" .. table.concat(q, "&")
  end
  return wrk.format("GET", path)
end
