-- One row per mini program user: (appid, openid) is WeChat's identity of a user within one app.
-- Written in the SQL that H2, PostgreSQL and MariaDB/MySQL all accept; ids are made by the service.
CREATE TABLE wx_user (
    id                     BIGINT       NOT NULL,
    appid                  VARCHAR(32)  NOT NULL,
    openid                 VARCHAR(64)  NOT NULL,
    unionid                VARCHAR(64),
    nickname               VARCHAR(100),
    avatar_url             VARCHAR(1024),
    gender                 SMALLINT,
    country                VARCHAR(100),
    province               VARCHAR(100),
    city                   VARCHAR(100),
    language               VARCHAR(20),
    session_key            VARCHAR(64),
    session_key_updated_at TIMESTAMP(6),
    disabled               BOOLEAN      DEFAULT FALSE NOT NULL,
    created_at             TIMESTAMP(6) NOT NULL,
    last_login_at          TIMESTAMP(6) NOT NULL,
    login_count            BIGINT       DEFAULT 0 NOT NULL,
    CONSTRAINT pk_wx_user PRIMARY KEY (id),
    CONSTRAINT uq_wx_user_app_openid UNIQUE (appid, openid)
);

CREATE INDEX ix_wx_user_unionid ON wx_user (unionid);
