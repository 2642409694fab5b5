-- The cross-year series: one row per (metric, category, unit, period), valued from the latest
-- report that states it. n_reports counts the reports stating it; restated = 1 when they give
-- different values (all of them are in stated_values). change and change_percent compare with
-- the previous period present in the series. corrected = 1 when the value shown is a
-- researcher's correction or addition (original_value: what the report was read as).
DROP VIEW IF EXISTS metric_series;
CREATE VIEW metric_series AS
WITH answers AS (
    SELECT a.*, r.period AS report_period
    FROM metric_answers a JOIN reports r ON r.id = a.report_id
),
stated AS (
    SELECT metric, category, unit, period,
           COUNT(DISTINCT report_id) AS n_reports,
           COUNT(DISTINCT value) > 1 AS restated,
           json_group_array(json_object('report_id', report_id, 'value', value,
                                        'page', page)) AS stated_values,
           MAX(report_period) AS latest_report_period
    FROM answers
    GROUP BY metric, category, unit, period
),
series AS (
    SELECT s.metric, s.category, s.unit, s.period, a.value,
           a.report_id AS source_report, a.page AS source_page, a.id AS metric_id,
           a.source_kind, a.corrected, a.original_value, s.n_reports, s.restated,
           s.stated_values
    FROM stated s
    JOIN answers a
      ON a.metric = s.metric AND a.category = s.category AND a.unit = s.unit
     AND a.period = s.period AND a.report_period = s.latest_report_period
)
SELECT metric, category, unit, period, value, n_reports, restated,
       LAG(period) OVER w AS previous_period,
       LAG(value) OVER w AS previous_value,
       value - LAG(value) OVER w AS change,
       ROUND(100.0 * (value - LAG(value) OVER w) / NULLIF(LAG(value) OVER w, 0), 2)
           AS change_percent,
       source_report, source_page, source_kind, metric_id, corrected, original_value,
       stated_values
FROM series
WINDOW w AS (PARTITION BY metric, category, unit ORDER BY period);
