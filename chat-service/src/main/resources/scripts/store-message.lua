-- Stores a message in its conversation, once, and says whether this caller should deliver it.
-- KEYS[1] sequence counter, KEYS[2] history (sorted set by seq), KEYS[3] the sender's
--   remembered client message id, KEYS[4] its "delivered" marker, KEYS[5] its delivery claim
--   (all share the conversation's hash tag)
-- ARGV[1] the message as JSON without its opening brace, ARGV[2] history cap,
--   ARGV[3] how long a client message id is remembered (s), ARGV[4] '1' if the client gave one,
--   ARGV[5] how long a delivery claim lasts (ms)
-- Returns {1, json, 1} for a new message. For a retry: {0, json, 0} when the message was
-- delivered; {0, json, 1} when the first attempt never finished delivering and this caller now
-- should; {0, json, 2, ms} while another attempt holds the claim to deliver it, for ms more.
if ARGV[4] == '1' then
  local stored = redis.call('GET', KEYS[3])
  if stored then
    if redis.call('EXISTS', KEYS[4]) == 1 then
      return {0, stored, 0}
    end
    -- two retries at once: only the one that takes the claim delivers
    if redis.call('SET', KEYS[5], '1', 'NX', 'PX', ARGV[5]) then
      return {0, stored, 1}
    end
    return {0, stored, 2, redis.call('PTTL', KEYS[5])}
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
  redis.call('SET', KEYS[5], '1', 'PX', ARGV[5])
end
return {1, json, 1}
