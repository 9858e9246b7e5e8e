-- Registers a new client of a user and returns the user's unread counts.
-- KEYS[1] the user's clients, KEYS[2] the user's unread counts
-- ARGV[1] client id, ARGV[2] client time-to-live (ms)
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return redis.call('HGETALL', KEYS[2])
