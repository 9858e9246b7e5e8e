-- One look into a client's inbox for its long poll: hands out a batch, or parks the poll to wait.
-- KEYS[1] the user's clients, KEYS[2] inbox, KEYS[3] pending (the events of the batch handed
--   out and not yet acknowledged),
--   KEYS[4] the pending batch ("<id>:<size>", or "<id>:0:resync" for a resync not yet
--   acknowledged), KEYS[5] batch id counter,
--   KEYS[6] overflow flag, KEYS[7] parked (where this client's waiting poll is: its instance's
--   wake list and its own id, read by deliver.lua)
-- ARGV[1] client id, ARGV[2] the batch id the client acknowledges ('' for none),
--   ARGV[3] most events per batch, ARGV[4] client time-to-live (ms), ARGV[5] for a new poll that
--   will wait if there is nothing to hand out, "<wake list> <poll id>"; '' for a poll's last
--   look after its wait, which must leave alone whatever a newer poll of the client parked
-- Returns {'unknown'}, {'resync', id}, {'empty'} or {'batch', id, event...}.
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local ttl = tonumber(ARGV[4])
local seen = redis.call('ZSCORE', KEYS[1], ARGV[1])
if (not seen) or tonumber(seen) < now - ttl then
  return {'unknown'}
end
redis.call('ZADD', KEYS[1], now, ARGV[1])
-- every accepted poll keeps all of the client's keys alive; they expire together once the client
-- stops polling
for i = 1, 5 do
  redis.call('PEXPIRE', KEYS[i], ttl)
end
if ARGV[5] ~= '' then
  -- a new poll supersedes whatever poll of this client waited before
  redis.call('DEL', KEYS[7])
end

if redis.call('EXISTS', KEYS[6]) == 1 then
  -- the inbox overflowed: what it held is dropped, and the client is told to resync, as a batch
  -- of its own that is answered again until acknowledged, so a lost answer cannot hide it
  redis.call('DEL', KEYS[2], KEYS[3], KEYS[6])
  local resyncId = tostring(redis.call('INCR', KEYS[5]))
  redis.call('SET', KEYS[4], resyncId .. ':0:resync', 'PX', ttl)
  redis.call('PEXPIRE', KEYS[5], ttl)
  return {'resync', resyncId}
end

local batchId, batchSize
local batch = redis.call('GET', KEYS[4])
if batch then
  local colon = string.find(batch, ':', 1, true)
  batchId = string.sub(batch, 1, colon - 1)
  local rest = string.sub(batch, colon + 1)
  local resync = string.find(rest, ':resync', 1, true)
  batchSize = tonumber(resync and string.sub(rest, 1, resync - 1) or rest)
  if batchId ~= ARGV[2] and resync then
    return {'resync', batchId}
  end
  if batchId == ARGV[2] then
    -- the client has what it was given: the pending list held exactly that batch
    redis.call('DEL', KEYS[3], KEYS[4])
    batchId = nil
  end
end

if not batchId then
  local moved = redis.call('LPOP', KEYS[2], tonumber(ARGV[3]))
  if not moved then
    if ARGV[5] ~= '' then
      -- checked and parked in one step: an event delivered from now on wakes this poll
      redis.call('SET', KEYS[7], ARGV[5], 'PX', ttl)
    end
    return {'empty'}
  end
  for _, event in ipairs(moved) do
    redis.call('RPUSH', KEYS[3], event)
  end
  batchSize = #moved
  batchId = tostring(redis.call('INCR', KEYS[5]))
  redis.call('SET', KEYS[4], batchId .. ':' .. batchSize, 'PX', ttl)
  redis.call('PEXPIRE', KEYS[3], ttl)
  redis.call('PEXPIRE', KEYS[5], ttl)
end

-- an unacknowledged batch (its answer was lost, or the client re-polls after an error) is
-- answered again, the same id with the same events
local result = {'batch', batchId}
for _, event in ipairs(redis.call('LRANGE', KEYS[3], 0, batchSize - 1)) do
  result[#result + 1] = event
end
return result
