-- Reports, their indicators and LSH band keys, campaigns and the explained links between
-- reports. Append-only: later changes go in new files.
CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at INTEGER NOT NULL,
    merged_into INTEGER NULL REFERENCES campaigns(id)
);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    content_hash TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    part TEXT NOT NULL,
    reporter TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    format TEXT NOT NULL,
    verdict TEXT NOT NULL,
    score REAL NOT NULL,
    messages INTEGER NOT NULL,
    first_message_at TEXT NULL,
    last_message_at TEXT NULL,
    original BLOB NOT NULL,
    conversation_json TEXT NOT NULL,
    analysis_json TEXT NOT NULL,
    linkable INTEGER NOT NULL,
    suspicious INTEGER NOT NULL,
    text_chars INTEGER NOT NULL,
    minhash BLOB NULL,
    campaign_id INTEGER NULL REFERENCES campaigns(id)
);
CREATE INDEX reports_campaign ON reports(campaign_id);

CREATE TABLE report_indicators (
    report_id INTEGER NOT NULL REFERENCES reports(id),
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (report_id, kind, value)
);
CREATE INDEX report_indicators_value ON report_indicators(kind, value);

CREATE TABLE report_bands (
    band_key INTEGER NOT NULL,
    report_id INTEGER NOT NULL REFERENCES reports(id)
);
CREATE INDEX report_bands_key ON report_bands(band_key);

CREATE TABLE links (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_a INTEGER NOT NULL REFERENCES reports(id),
    report_b INTEGER NOT NULL REFERENCES reports(id),
    reason TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX links_a ON links(report_a);
CREATE INDEX links_b ON links(report_b);
