-- Our own table (not One API's): what provider plugins the proxies loaded, so the admin server can list
-- channel types and default models without loading plugin code. One row per plugin id, last writer wins.
CREATE TABLE oneapi_plugin_catalog (
    plugin_id varchar(64) NOT NULL PRIMARY KEY,
    plugin_version varchar(64) NOT NULL DEFAULT '',
    descriptor longtext NOT NULL,
    published_at bigint NOT NULL DEFAULT 0
);
