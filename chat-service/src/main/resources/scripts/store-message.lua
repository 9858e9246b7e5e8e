-- Stores a message in its conversation, once.
-- KEYS[1] sequence counter, KEYS[2] history (sorted set by seq), KEYS[3] the sender's
--   remembered client message id, KEYS[4] its "delivered" marker (all share the
--   conversation's hash tag)
-- ARGV[1] the message as JSON without its opening brace, ARGV[2] history cap,
--   ARGV[3] how long a client message id is remembered (s), ARGV[4] '1' if the client gave one
-- Returns {1, json} for a new message, {0, json, delivered} for a retry of one already stored.
if ARGV[4] == '1' then
  local stored = redis.call('GET', KEYS[3])
  if stored then
    return {0, stored, redis.call('EXISTS', KEYS[4])}
  end
end
local seq = redis.call('INCR', KEYS[1])
local json = '{"seq":' .. seq .. ',' .. ARGV[1]
redis.call('ZADD', KEYS[2], seq, json)
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[2])
if excess > 0 then
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
end
if ARGV[4] == '1' then
  redis.call('SET', KEYS[3], json, 'EX', ARGV[3])
end
return {1, json}
