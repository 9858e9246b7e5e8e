-- Pending friend requests. Runs unchanged on MySQL 8 and on H2 in MySQL mode, like V1.
-- A row lives only while its request is pending: accepting turns it into a friendships row,
-- declining or cancelling deletes it.

CREATE TABLE friend_requests (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    requester_id BIGINT      NOT NULL,
    addressee_id BIGINT      NOT NULL,
    -- the pair again, smaller id first, so that the unique key holds one pending request per pair
    -- whichever way round: A asking B at the moment B asks A cannot leave two requests behind
    user_low_id  BIGINT      NOT NULL,
    user_high_id BIGINT      NOT NULL,
    created_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_friend_requests_pair UNIQUE (user_low_id, user_high_id),
    CONSTRAINT ck_friend_requests_not_to_self CHECK (requester_id <> addressee_id),
    CONSTRAINT ck_friend_requests_pair CHECK (user_low_id = LEAST(requester_id, addressee_id)
                                              AND user_high_id = GREATEST(requester_id, addressee_id)),
    -- ON DELETE CASCADE and no ON UPDATE action: MySQL refuses a CHECK on a column that an FK
    -- action rewrites (ON UPDATE CASCADE, SET NULL), and deleting the whole row rewrites nothing
    CONSTRAINT fk_friend_requests_requester FOREIGN KEY (requester_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_friend_requests_addressee FOREIGN KEY (addressee_id) REFERENCES users (id) ON DELETE CASCADE
);
-- "requests I received" and "requests I sent", newest first; they also serve the foreign keys
CREATE INDEX ix_friend_requests_addressee ON friend_requests (addressee_id, created_at);
CREATE INDEX ix_friend_requests_requester ON friend_requests (requester_id, created_at);
