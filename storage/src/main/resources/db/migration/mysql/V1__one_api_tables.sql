-- One API's tables (all but logs, which db/migration-logs creates) exactly as its GORM AutoMigrate creates them on
-- MySQL (songquanpeng/one-api, model/*.go, early 2025): GORM maps Go int/int64 to bigint, a `type:` tag verbatim,
-- bool to boolean (tinyint(1)), float64 to double, and a string to varchar(191) when it is indexed, a key or has a
-- default, else longtext. Index names follow GORM (idx_<table>_<field>). Databases One API already created are
-- adopted (baselined at version 1), not re-created. Only the character set is ours: utf8mb4, so text in any
-- language fits whatever the server's default is.

CREATE TABLE channels (
  id bigint NOT NULL AUTO_INCREMENT,
  type bigint DEFAULT 0,
  `key` text,
  status bigint DEFAULT 1,
  name varchar(191),
  weight bigint unsigned DEFAULT 0,
  created_time bigint,
  test_time bigint,
  response_time bigint,
  base_url varchar(191) DEFAULT '',
  other longtext,
  balance double,
  balance_updated_time bigint,
  models longtext,
  `group` varchar(32) DEFAULT 'default',
  used_quota bigint DEFAULT 0,
  model_mapping varchar(1024) DEFAULT '',
  priority bigint DEFAULT 0,
  config longtext,
  system_prompt text,
  PRIMARY KEY (id),
  INDEX idx_channels_name (name)
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE tokens (
  id bigint NOT NULL AUTO_INCREMENT,
  user_id bigint,
  `key` char(48),
  status bigint DEFAULT 1,
  name varchar(191),
  created_time bigint,
  accessed_time bigint,
  expired_time bigint DEFAULT -1,
  remain_quota bigint DEFAULT 0,
  unlimited_quota boolean DEFAULT false,
  used_quota bigint DEFAULT 0,
  models varchar(191) DEFAULT '',
  subnet varchar(191) DEFAULT '',
  PRIMARY KEY (id),
  UNIQUE INDEX idx_tokens_key (`key`),
  INDEX idx_tokens_name (name)
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE users (
  id bigint NOT NULL AUTO_INCREMENT,
  username varchar(191) UNIQUE,
  password longtext NOT NULL,
  display_name varchar(191),
  role int DEFAULT 1,
  status int DEFAULT 1,
  email varchar(191),
  github_id varchar(191),
  wechat_id varchar(191),
  lark_id varchar(191),
  oidc_id varchar(191),
  access_token char(32),
  quota bigint DEFAULT 0,
  used_quota bigint DEFAULT 0,
  request_count int DEFAULT 0,
  `group` varchar(32) DEFAULT 'default',
  aff_code varchar(32),
  inviter_id int,
  PRIMARY KEY (id),
  INDEX idx_users_username (username),
  INDEX idx_users_display_name (display_name),
  INDEX idx_users_email (email),
  INDEX idx_users_git_hub_id (github_id),
  INDEX idx_users_we_chat_id (wechat_id),
  INDEX idx_users_lark_id (lark_id),
  INDEX idx_users_oidc_id (oidc_id),
  UNIQUE INDEX idx_users_access_token (access_token),
  UNIQUE INDEX idx_users_aff_code (aff_code),
  INDEX idx_users_inviter_id (inviter_id)
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE options (
  `key` varchar(191) NOT NULL,
  value longtext,
  PRIMARY KEY (`key`)
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE redemptions (
  id bigint NOT NULL AUTO_INCREMENT,
  user_id bigint,
  `key` char(32),
  status bigint DEFAULT 1,
  name varchar(191),
  quota bigint DEFAULT 100,
  created_time bigint,
  redeemed_time bigint,
  PRIMARY KEY (id),
  UNIQUE INDEX idx_redemptions_key (`key`),
  INDEX idx_redemptions_name (name)
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE abilities (
  `group` varchar(32) NOT NULL,
  model varchar(191) NOT NULL,
  channel_id bigint NOT NULL,
  enabled boolean,
  priority bigint DEFAULT 0,
  PRIMARY KEY (`group`, model, channel_id),
  INDEX idx_abilities_channel_id (channel_id),
  INDEX idx_abilities_priority (priority)
) DEFAULT CHARSET=utf8mb4;
