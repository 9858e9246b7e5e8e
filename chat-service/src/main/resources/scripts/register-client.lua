-- Registers a new client of a user and returns the user's unread counts.
-- KEYS[1] the user's clients, KEYS[2] the user's unread counts
-- ARGV[1] client id, ARGV[2] client time-to-live (ms), ARGV[3] client key prefix,
-- ARGV[4] most clients per user: past it the least recently polling one is forgotten, so a
--   script registering clients in a loop cannot make every delivery to the user grow
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[4]) + 1
if excess > 0 then
  for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, excess - 1)) do
    local p = ARGV[3] .. id .. ':'
    redis.call('DEL', p .. 'inbox', p .. 'pending', p .. 'batch', p .. 'batches', p .. 'overflow', p .. 'parked')
    redis.call('ZREM', KEYS[1], id)
  end
end
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return redis.call('HGETALL', KEYS[2])
