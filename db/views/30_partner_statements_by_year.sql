-- Partner x year: who reported what, and how much, across the reports stored.
DROP VIEW IF EXISTS partner_statements_by_year;
CREATE VIEW partner_statements_by_year AS
SELECT s.partner,
       r.period AS year,
       s.report_id,
       s.heading,
       s.author_role,
       s.n_words,
       (SELECT COUNT(*) FROM narrative_figures f
         WHERE f.report_id = s.report_id AND f.statement_no = s.statement_no) AS n_figures,
       s.page_start,
       s.page_end,
       '[read the statement](partner_statements/' || s.id || ')' AS link
FROM partner_statements s JOIN reports r ON r.id = s.report_id
ORDER BY s.partner, r.period;
