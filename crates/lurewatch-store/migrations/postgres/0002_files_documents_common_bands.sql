-- A file's bytes are kept once, however many conversations it holds (a mailbox or a zip of
-- exports yields many reports). Reports written from now on point at their file (the bytes of
-- older reports move to report_documents.original below).
CREATE TABLE files (
    sha256 TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    bytes BYTEA NOT NULL,
    received_at BIGINT NOT NULL
);

ALTER TABLE reports ADD COLUMN file_sha256 TEXT NULL REFERENCES files(sha256);

-- An LSH band bucket that has grown past the point of meaning anything (a generic text
-- everybody sends) is remembered here and its members are no longer kept.
CREATE TABLE common_bands (
    band_key BIGINT PRIMARY KEY
);

-- The bulky documents of a report live apart from the columns linking reads at every import:
-- in one row with them, every lookup of a report's campaign or MinHash had to walk the
-- overflow pages of its conversation first. `original` is only set for reports stored before
-- files had a table of their own.
CREATE TABLE report_documents (
    report_id BIGINT PRIMARY KEY REFERENCES reports(id),
    original BYTEA NULL,
    conversation_json TEXT NOT NULL,
    analysis_json TEXT NOT NULL
);

INSERT INTO report_documents (report_id, original, conversation_json, analysis_json)
SELECT id, original, conversation_json, analysis_json FROM reports;

ALTER TABLE reports DROP COLUMN original;

ALTER TABLE reports DROP COLUMN conversation_json;

ALTER TABLE reports DROP COLUMN analysis_json;

-- Candidate lookups read only (kind, value, report_id) and (band_key, report_id): covering
-- indexes answer them without a trip to the table for every row.
CREATE INDEX report_indicators_holders ON report_indicators(kind, value, report_id);

DROP INDEX report_indicators_value;

CREATE INDEX report_bands_members ON report_bands(band_key, report_id);

DROP INDEX report_bands_key;
