-- Analysts' decisions about campaigns. A split is remembered as a separation so that the next
-- import, finding reports of both parts, does not join them again; every merge and split is
-- kept with who made it, when and why.
CREATE TABLE campaign_separations (
    campaign_a INTEGER NOT NULL REFERENCES campaigns(id),
    campaign_b INTEGER NOT NULL REFERENCES campaigns(id),
    PRIMARY KEY (campaign_a, campaign_b)
);

CREATE TABLE campaign_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    other_id INTEGER NULL REFERENCES campaigns(id),
    report_ids TEXT NOT NULL,
    analyst TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
