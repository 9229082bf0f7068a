-- Deletes a topic with its tags and subscriptions.
-- KEYS[1]  meta hash of the topic
-- KEYS[2]  tags hash of the topic
-- KEYS[3]  subscriptions hash of the topic
-- Returns  1 deleted, 0 there was no such topic (DeleteTopic of a missing topic succeeds)
return redis.call('DEL', KEYS[1], KEYS[2], KEYS[3]) > 0 and 1 or 0
