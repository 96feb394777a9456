-- Reports, their indicators and LSH band keys, campaigns and the explained links between
-- reports. Append-only: later changes go in new files.
CREATE TABLE campaigns (
    id BIGSERIAL PRIMARY KEY,
    created_at BIGINT NOT NULL,
    merged_into BIGINT NULL REFERENCES campaigns(id)
);

CREATE TABLE reports (
    id BIGSERIAL PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    part TEXT NOT NULL,
    reporter TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    format TEXT NOT NULL,
    verdict TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    messages BIGINT NOT NULL,
    first_message_at TEXT NULL,
    last_message_at TEXT NULL,
    original BYTEA NOT NULL,
    conversation_json TEXT NOT NULL,
    analysis_json TEXT NOT NULL,
    linkable BIGINT NOT NULL,
    suspicious BIGINT NOT NULL,
    text_chars BIGINT NOT NULL,
    minhash BYTEA NULL,
    campaign_id BIGINT NULL REFERENCES campaigns(id)
);
CREATE INDEX reports_campaign ON reports(campaign_id);

CREATE TABLE report_indicators (
    report_id BIGINT NOT NULL REFERENCES reports(id),
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (report_id, kind, value)
);
CREATE INDEX report_indicators_value ON report_indicators(kind, value);

CREATE TABLE report_bands (
    band_key BIGINT NOT NULL,
    report_id BIGINT NOT NULL REFERENCES reports(id)
);
CREATE INDEX report_bands_key ON report_bands(band_key);

CREATE TABLE links (
    id BIGSERIAL PRIMARY KEY,
    report_a BIGINT NOT NULL REFERENCES reports(id),
    report_b BIGINT NOT NULL REFERENCES reports(id),
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX links_a ON links(report_a);
CREATE INDEX links_b ON links(report_b);
