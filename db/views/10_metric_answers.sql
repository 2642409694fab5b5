-- One answer per question within each report: when a table and the prose state the same
-- (metric, category, period, unit), the table's value is the answer (the disagreement, if any,
-- is in quality_issues).
DROP VIEW IF EXISTS metric_answers;
CREATE VIEW metric_answers AS
SELECT m.*
FROM metrics m
WHERE m.source_kind = 'table'
   OR NOT EXISTS (
        SELECT 1 FROM metrics t
        WHERE t.report_id = m.report_id AND t.metric = m.metric AND t.category = m.category
          AND t.period = m.period AND t.unit = m.unit AND t.source_kind = 'table');
