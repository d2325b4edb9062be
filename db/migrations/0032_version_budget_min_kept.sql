ALTER TABLE `proposal_version_fit` ADD `budget_min` real;--> statement-breakpoint
-- Beside the partner's budget's maximum, the database now keeps its minimum as each version froze it:
-- a budget given only as a minimum, in another currency than the fee, is one the portfolio names as
-- not checked (docs/domain.md §8.13), as the Proposal page does. Kept as the version is written
-- (versions never change), and filled in for those already written. SQLite cannot alter a trigger, so
-- 0031's is written again with the new column.
DROP TRIGGER `proposal_version_fit_kept`;
--> statement-breakpoint
CREATE TRIGGER `proposal_version_fit_kept`
AFTER INSERT ON `proposal_versions`
BEGIN
  INSERT INTO `proposal_version_fit` (
    `proposal_version_id`, `shortfall_count`, `first_shortfalls_json`,
    `lowest_fee`, `fee_currency`, `option_count`, `budget_max`, `budget_min`, `budget_currency`, `time_holds`, `time_summary`, `time_agreed`
  )
  VALUES (
    NEW.`id`,
    coalesce(json_array_length(NEW.`snapshot_json`, '$.fit.shortfalls'), 0),
    (SELECT json_group_array(`value`) FROM json_each(NEW.`snapshot_json`, '$.fit.shortfalls') WHERE `key` < 2),
    coalesce(
      (SELECT min(json_extract(`value`, '$.price.fee')) FROM json_each(NEW.`snapshot_json`, '$.options')),
      json_extract(NEW.`snapshot_json`, '$.price.fee')
    ),
    json_extract(NEW.`snapshot_json`, '$.price.currency'),
    json_array_length(NEW.`snapshot_json`, '$.options'),
    json_extract(NEW.`snapshot_json`, '$.intake.budget.budgetMax'),
    json_extract(NEW.`snapshot_json`, '$.intake.budget.budgetMin'),
    json_extract(NEW.`snapshot_json`, '$.intake.budget.currency'),
    json_extract(NEW.`snapshot_json`, '$.timeCheck.holds'),
    json_extract(NEW.`snapshot_json`, '$.timeCheck.summary'),
    json_extract(NEW.`snapshot_json`, '$.timeCheck.agreed.on') IS NOT NULL
  );
END;
--> statement-breakpoint
UPDATE `proposal_version_fit`
SET `budget_min` = (SELECT json_extract(v.`snapshot_json`, '$.intake.budget.budgetMin') FROM `proposal_versions` v WHERE v.`id` = `proposal_version_fit`.`proposal_version_id`);
