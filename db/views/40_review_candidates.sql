-- Figures of the prose that stood near a metric's terms but were not promoted, with the
-- reason: what a researcher reviews to extend extractors/metrics.toml for a new year.
DROP VIEW IF EXISTS review_candidates;
CREATE VIEW review_candidates AS
SELECT f.report_id,
       r.period AS report_period,
       f.page,
       f.text AS figure,
       f.value,
       f.unit,
       f.metric AS nearest_metric,
       f.category,
       f.period,
       f.reason,
       f.partner,
       f.sentence,
       f.snippet_id,
       f.id AS figure_id
FROM narrative_figures f JOIN reports r ON r.id = f.report_id
WHERE f.metric IS NOT NULL AND f.promoted = 0
ORDER BY f.report_id, f.page, f.figure_no;
