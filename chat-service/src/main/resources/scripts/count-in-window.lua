-- Counts one event in a window that opens with the first event; the counter and its expiry are
-- set in one step, so a crash between them cannot leave a counter that never expires.
-- KEYS[1] the counter; ARGV[1] the window's length (ms).
-- Returns { count, milliseconds until the window closes }.
local count = redis.call('INCR', KEYS[1])
local millisLeft = redis.call('PTTL', KEYS[1])
-- a counter without an expiry (the first send, or one left so by hand) would never reset
if count == 1 or millisLeft < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  millisLeft = tonumber(ARGV[1])
end
return { count, millisLeft }
