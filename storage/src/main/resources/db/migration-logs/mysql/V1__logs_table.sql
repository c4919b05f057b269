-- One API's logs table exactly as its GORM AutoMigrate creates it on MySQL (see db/migration/mysql/V1). It lives in
-- the main database and, when LOG_SQL_DSN is set, also in the log database; each keeps its own history table.

CREATE TABLE logs (
  id bigint NOT NULL AUTO_INCREMENT,
  user_id bigint,
  created_at bigint,
  type bigint,
  content longtext,
  username varchar(191) DEFAULT '',
  token_name varchar(191) DEFAULT '',
  model_name varchar(191) DEFAULT '',
  quota bigint DEFAULT 0,
  prompt_tokens bigint DEFAULT 0,
  completion_tokens bigint DEFAULT 0,
  channel_id bigint,
  request_id varchar(191) DEFAULT '',
  elapsed_time bigint DEFAULT 0,
  is_stream boolean DEFAULT false,
  system_prompt_reset boolean DEFAULT false,
  PRIMARY KEY (id),
  INDEX idx_logs_user_id (user_id),
  INDEX idx_created_at_type (created_at, type),
  INDEX index_username_model_name (model_name, username),
  INDEX idx_logs_token_name (token_name),
  INDEX idx_logs_model_name (model_name),
  INDEX idx_logs_channel_id (channel_id)
) DEFAULT CHARSET=utf8mb4;
