-- One API's tables (all but logs, which db/migration-logs creates) exactly as its GORM AutoMigrate creates them on SQLite
-- (songquanpeng/one-api, model/*.go, early 2025): Go ints map to integer ("integer PRIMARY KEY AUTOINCREMENT" for
-- the id), a `type:` tag verbatim, bool to numeric, float64 to real and strings to text. Index names follow GORM
-- (idx_<table>_<field>). Databases One API already created are adopted (baselined at version 1), not re-created.

CREATE TABLE channels (
  id integer PRIMARY KEY AUTOINCREMENT,
  type integer DEFAULT 0,
  "key" text,
  status integer DEFAULT 1,
  name text,
  weight integer DEFAULT 0,
  created_time integer,
  test_time integer,
  response_time integer,
  base_url text DEFAULT '',
  other text,
  balance real,
  balance_updated_time integer,
  models text,
  "group" varchar(32) DEFAULT 'default',
  used_quota integer DEFAULT 0,
  model_mapping varchar(1024) DEFAULT '',
  priority integer DEFAULT 0,
  config text,
  system_prompt text
);
CREATE INDEX idx_channels_name ON channels (name);

CREATE TABLE tokens (
  id integer PRIMARY KEY AUTOINCREMENT,
  user_id integer,
  "key" char(48),
  status integer DEFAULT 1,
  name text,
  created_time integer,
  accessed_time integer,
  expired_time integer DEFAULT -1,
  remain_quota integer DEFAULT 0,
  unlimited_quota numeric DEFAULT false,
  used_quota integer DEFAULT 0,
  models text DEFAULT '',
  subnet text DEFAULT ''
);
CREATE UNIQUE INDEX idx_tokens_key ON tokens ("key");
CREATE INDEX idx_tokens_name ON tokens (name);

CREATE TABLE users (
  id integer PRIMARY KEY AUTOINCREMENT,
  username text UNIQUE,
  password text NOT NULL,
  display_name text,
  role int DEFAULT 1,
  status int DEFAULT 1,
  email text,
  github_id text,
  wechat_id text,
  lark_id text,
  oidc_id text,
  access_token char(32),
  quota integer DEFAULT 0,
  used_quota integer DEFAULT 0,
  request_count int DEFAULT 0,
  "group" varchar(32) DEFAULT 'default',
  aff_code varchar(32),
  inviter_id int
);
CREATE INDEX idx_users_username ON users (username);
CREATE INDEX idx_users_display_name ON users (display_name);
CREATE INDEX idx_users_email ON users (email);
CREATE INDEX idx_users_git_hub_id ON users (github_id);
CREATE INDEX idx_users_we_chat_id ON users (wechat_id);
CREATE INDEX idx_users_lark_id ON users (lark_id);
CREATE INDEX idx_users_oidc_id ON users (oidc_id);
CREATE UNIQUE INDEX idx_users_access_token ON users (access_token);
CREATE UNIQUE INDEX idx_users_aff_code ON users (aff_code);
CREATE INDEX idx_users_inviter_id ON users (inviter_id);

CREATE TABLE options (
  "key" text,
  value text,
  PRIMARY KEY ("key")
);

CREATE TABLE redemptions (
  id integer PRIMARY KEY AUTOINCREMENT,
  user_id integer,
  "key" char(32),
  status integer DEFAULT 1,
  name text,
  quota integer DEFAULT 100,
  created_time integer,
  redeemed_time integer
);
CREATE UNIQUE INDEX idx_redemptions_key ON redemptions ("key");
CREATE INDEX idx_redemptions_name ON redemptions (name);

CREATE TABLE abilities (
  "group" varchar(32),
  model text,
  channel_id integer,
  enabled numeric,
  priority integer DEFAULT 0,
  PRIMARY KEY ("group", model, channel_id)
);
CREATE INDEX idx_abilities_channel_id ON abilities (channel_id);
CREATE INDEX idx_abilities_priority ON abilities (priority);
