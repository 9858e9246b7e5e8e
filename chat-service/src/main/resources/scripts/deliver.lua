-- Appends one event to the inbox of every live client of one user.
-- KEYS[1] the user's clients (sorted set: client id -> last poll, epoch ms), KEYS[2] the user's
--   unread counts (hash); client keys are KEYS[1]'s hash tag + "client:<id>:<part>"
-- ARGV[1] event JSON, ARGV[2] client key prefix, ARGV[3] client time-to-live (ms),
--   ARGV[4] inbox cap, ARGV[5] unread field to increment, or '' for none, ARGV[6] a client of this
--   user that already has the event (the one that sent it, from its send's answer), or ''
-- Returns the number of clients the event went to, followed by the parked value ("<wake list>
-- <poll id>", see poll.lua) of each client whose poll waits; the caller pushes the poll id onto
-- the wake list.
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local ttl = tonumber(ARGV[3])
local prefix = ARGV[2]

-- clients that stopped polling are forgotten, with everything they held
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - ttl))
for _, id in ipairs(dead) do
  local p = prefix .. id .. ':'
  redis.call('DEL', p .. 'inbox', p .. 'pending', p .. 'batch', p .. 'batches', p .. 'overflow', p .. 'parked')
end
if #dead > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - ttl))
end

if ARGV[5] ~= '' then
  redis.call('HINCRBY', KEYS[2], ARGV[5], 1)
end

local clients = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
local result = {0}
for i = 1, #clients, 2 do
  if clients[i] ~= ARGV[6] then
    local p = prefix .. clients[i] .. ':'
    local inbox = p .. 'inbox'
    local expires = tonumber(clients[i + 1]) + ttl
    if redis.call('RPUSH', inbox, ARGV[1]) > tonumber(ARGV[4]) then
      -- a client this far behind cannot catch up from its inbox: it is told to resync from history
      redis.call('DEL', inbox)
      redis.call('SET', p .. 'overflow', '1', 'PXAT', expires)
    else
      redis.call('PEXPIREAT', inbox, expires)
    end
    result[1] = result[1] + 1
    local parked = redis.call('GETDEL', p .. 'parked')
    if parked then
      result[#result + 1] = parked
    end
  end
end
return result
