-- Forgets a user's clients that stopped polling (and closes one on request), and counts
-- the clients that polled recently enough for the user to count as online.
-- KEYS[1] the user's clients; ARGV[1] client key prefix, ARGV[2] client time-to-live (ms),
-- ARGV[3] presence window (ms), ARGV[4] a client id to close now, or ''
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local prefix = ARGV[1]
local function forget(id)
  local p = prefix .. id .. ':'
  redis.call('DEL', p .. 'inbox', p .. 'pending', p .. 'batch', p .. 'batches', p .. 'overflow', p .. 'parked')
  redis.call('ZREM', KEYS[1], id)
end
if ARGV[4] ~= '' then
  forget(ARGV[4])
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - tonumber(ARGV[2])))) do
  forget(id)
end
return redis.call('ZCOUNT', KEYS[1], now - tonumber(ARGV[3]), '+inf')
