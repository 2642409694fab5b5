-- One answer per question within each report: when a table and the prose state the same
-- (metric, category, period, unit), the table's value is the answer (the disagreement, if any,
-- is in quality_issues). A researcher's latest correction of the question, for this report
-- file, replaces the value (corrected = 1, original_value what the report was read as); an
-- addition answers a question the extractor found nothing for (source_kind 'researcher').
-- A correction whose question nothing answers any more is not applied: `wstextract ingest`
-- and `wstextract corrections list` name it.
DROP VIEW IF EXISTS metric_answers;
CREATE VIEW metric_answers AS
WITH extracted AS (
    -- a table's row, else the prose's; of two rows of one kind, the first stored
    SELECT m.*, r.sha256 AS report_sha256
    FROM metrics m JOIN reports r ON r.id = m.report_id
    WHERE m.id = (
        SELECT t.id FROM metrics t
        WHERE t.report_id = m.report_id AND t.metric = m.metric AND t.category = m.category
          AND t.period = m.period AND t.unit = m.unit
        ORDER BY t.source_kind <> 'table', t.id
        LIMIT 1)
),
latest AS (
    -- the newest correction of each question, by when it was made (imports keep their dates)
    SELECT c.* FROM corrections c
    WHERE c.id = (
        SELECT d.id FROM corrections d
        WHERE d.report_sha256 = c.report_sha256 AND d.metric = c.metric
          AND d.category = c.category AND d.period = c.period AND d.unit = c.unit
        ORDER BY d.made_at DESC, d.id DESC
        LIMIT 1)
)
SELECT e.id, e.report_id, e.metric, e.category, e.period,
       COALESCE(l.value, e.value) AS value, e.unit, e.page, e.bbox, e.source_kind,
       e.source_text, e.table_no, e.snippet_id,
       COALESCE(l.value <> e.value, 0) AS corrected,
       CASE WHEN l.value <> e.value THEN e.value END AS original_value,
       l.id AS correction_id
FROM extracted e
LEFT JOIN latest l
  ON l.report_sha256 = e.report_sha256 AND l.metric = e.metric AND l.category = e.category
 AND l.period = e.period AND l.unit = e.unit
UNION ALL
SELECT NULL, r.id, l.metric, l.category, l.period, l.value, l.unit, l.page, NULL, 'researcher',
       l.reason, NULL, NULL, 1, NULL, l.id
FROM latest l JOIN reports r ON r.sha256 = l.report_sha256
WHERE l.kind = 'addition'
  AND NOT EXISTS (
        SELECT 1 FROM extracted e
        WHERE e.report_sha256 = l.report_sha256 AND e.metric = l.metric
          AND e.category = l.category AND e.period = l.period AND e.unit = l.unit);
