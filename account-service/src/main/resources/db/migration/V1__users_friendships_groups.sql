-- Runs unchanged on MySQL 8 and on H2 in MySQL mode (the run command's default database).
-- The rules that keep the data consistent live here, not only in Java.

CREATE TABLE users (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    username      VARCHAR(32)  NOT NULL,
    -- the lower-cased username: unique whatever the database's collation, so "Alice" and "alice" clash
    username_key  VARCHAR(32)  NOT NULL,
    display_name  VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_users_username_key UNIQUE (username_key)
);

-- One row per pair, the smaller id first, so a friendship cannot exist twice or half.
CREATE TABLE friendships (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    user_low_id  BIGINT      NOT NULL,
    user_high_id BIGINT      NOT NULL,
    created_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_friendships_pair UNIQUE (user_low_id, user_high_id),
    CONSTRAINT ck_friendships_ordered CHECK (user_low_id < user_high_id),
    CONSTRAINT fk_friendships_low FOREIGN KEY (user_low_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_friendships_high FOREIGN KEY (user_high_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_friendships_high ON friendships (user_high_id);

CREATE TABLE chat_groups (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    name        VARCHAR(64)  NOT NULL,
    brief       VARCHAR(500) NOT NULL,
    -- a user who owns a group cannot be deleted until ownership moves or the group goes
    owner_id    BIGINT       NOT NULL,
    max_members INT          NOT NULL,
    version     BIGINT       NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_chat_groups_max_members CHECK (max_members BETWEEN 2 AND 2000),
    CONSTRAINT fk_chat_groups_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE RESTRICT
);

-- The owner is a member too; the owner's role comes from chat_groups.owner_id.
CREATE TABLE group_members (
    group_id  BIGINT      NOT NULL,
    user_id   BIGINT      NOT NULL,
    role      VARCHAR(16) NOT NULL,
    joined_at DATETIME(6) NOT NULL,
    PRIMARY KEY (group_id, user_id),
    CONSTRAINT ck_group_members_role CHECK (role IN ('ADMIN', 'MEMBER')),
    CONSTRAINT fk_group_members_group FOREIGN KEY (group_id) REFERENCES chat_groups (id) ON DELETE CASCADE,
    CONSTRAINT fk_group_members_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_group_members_user ON group_members (user_id);
