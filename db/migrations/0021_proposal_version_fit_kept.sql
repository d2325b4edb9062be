-- Each new version's fit shortfalls (how many, and the first two, which the portfolio names) are kept
-- beside it as it is written, by the database itself, so no way of writing a version (the app, an
-- import, a seed) can leave them out; versions never change.
CREATE TRIGGER `proposal_version_fit_kept`
AFTER INSERT ON `proposal_versions`
BEGIN
  INSERT INTO `proposal_version_fit` (`proposal_version_id`, `shortfall_count`, `first_shortfalls_json`)
  VALUES (
    NEW.`id`,
    coalesce(json_array_length(NEW.`snapshot_json`, '$.fit.shortfalls'), 0),
    (SELECT json_group_array(`value`) FROM json_each(NEW.`snapshot_json`, '$.fit.shortfalls') WHERE `key` < 2)
  );
END;
--> statement-breakpoint
INSERT INTO `proposal_version_fit` (`proposal_version_id`, `shortfall_count`, `first_shortfalls_json`)
SELECT
  `id`,
  coalesce(json_array_length(`snapshot_json`, '$.fit.shortfalls'), 0),
  (SELECT json_group_array(`value`) FROM json_each(`proposal_versions`.`snapshot_json`, '$.fit.shortfalls') WHERE `key` < 2)
FROM `proposal_versions`;
