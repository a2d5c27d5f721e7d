-- grain: one row per granted project matching the filters (an empty list or NULL means no filter)
-- params: goal_ids, owners, min_amount, max_amount, text
-- text matches literally: % and _ in it are escaped, not wildcards
-- columns: goal_id, name_sv, name_en, year, owner, project, amount_sek, basis, source_lines
SELECT p.goal_id, g.name_sv, g.name_en, p.year, p.owner, p.project, p.amount_sek, p.basis, p.source_lines
FROM project_grant p
JOIN goal g USING (goal_id)
WHERE (len($goal_ids) = 0 OR list_contains($goal_ids, p.goal_id))
  AND (len($owners) = 0 OR list_contains($owners, p.owner))
  AND ($min_amount IS NULL OR p.amount_sek >= $min_amount)
  AND ($max_amount IS NULL OR p.amount_sek <= $max_amount)
  AND ($text IS NULL OR p.project ILIKE '%' || replace(replace(replace($text, '\', '\\'), '%', '\%'), '_', '\_') || '%' ESCAPE '\')
ORDER BY p.amount_sek DESC, p.goal_id, p.owner, p.project;
