ALTER TABLE `proposal_version_fit` ADD `lowest_fee` real;--> statement-breakpoint
ALTER TABLE `proposal_version_fit` ADD `fee_currency` text;--> statement-breakpoint
ALTER TABLE `proposal_version_fit` ADD `option_count` integer;--> statement-breakpoint
ALTER TABLE `proposal_version_fit` ADD `budget_max` real;--> statement-breakpoint
ALTER TABLE `proposal_version_fit` ADD `budget_currency` text;--> statement-breakpoint
ALTER TABLE `proposal_version_fit` ADD `time_holds` integer;--> statement-breakpoint
ALTER TABLE `proposal_version_fit` ADD `time_summary` text;
--> statement-breakpoint
-- Beside each version's fit shortfalls, the database now keeps what the portfolio judges of its offer
-- and its plan: the lowest fee it offers against the budget it froze, and whether its plan keeps the
-- partner's time. Kept as the version is written (versions never change), and filled in for those
-- already written.
DROP TRIGGER `proposal_version_fit_kept`;
--> statement-breakpoint
CREATE TRIGGER `proposal_version_fit_kept`
AFTER INSERT ON `proposal_versions`
BEGIN
  INSERT INTO `proposal_version_fit` (
    `proposal_version_id`, `shortfall_count`, `first_shortfalls_json`,
    `lowest_fee`, `fee_currency`, `option_count`, `budget_max`, `budget_currency`, `time_holds`, `time_summary`
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
    json_extract(NEW.`snapshot_json`, '$.intake.budget.currency'),
    json_extract(NEW.`snapshot_json`, '$.timeCheck.holds'),
    json_extract(NEW.`snapshot_json`, '$.timeCheck.summary')
  );
END;
--> statement-breakpoint
UPDATE `proposal_version_fit`
SET
  `lowest_fee` = coalesce(
    (SELECT min(json_extract(o.`value`, '$.price.fee')) FROM `proposal_versions` v, json_each(v.`snapshot_json`, '$.options') o WHERE v.`id` = `proposal_version_fit`.`proposal_version_id`),
    (SELECT json_extract(v.`snapshot_json`, '$.price.fee') FROM `proposal_versions` v WHERE v.`id` = `proposal_version_fit`.`proposal_version_id`)
  ),
  `fee_currency` = (SELECT json_extract(v.`snapshot_json`, '$.price.currency') FROM `proposal_versions` v WHERE v.`id` = `proposal_version_fit`.`proposal_version_id`),
  `option_count` = (SELECT json_array_length(v.`snapshot_json`, '$.options') FROM `proposal_versions` v WHERE v.`id` = `proposal_version_fit`.`proposal_version_id`),
  `budget_max` = (SELECT json_extract(v.`snapshot_json`, '$.intake.budget.budgetMax') FROM `proposal_versions` v WHERE v.`id` = `proposal_version_fit`.`proposal_version_id`),
  `budget_currency` = (SELECT json_extract(v.`snapshot_json`, '$.intake.budget.currency') FROM `proposal_versions` v WHERE v.`id` = `proposal_version_fit`.`proposal_version_id`),
  `time_holds` = (SELECT json_extract(v.`snapshot_json`, '$.timeCheck.holds') FROM `proposal_versions` v WHERE v.`id` = `proposal_version_fit`.`proposal_version_id`),
  `time_summary` = (SELECT json_extract(v.`snapshot_json`, '$.timeCheck.summary') FROM `proposal_versions` v WHERE v.`id` = `proposal_version_fit`.`proposal_version_id`);
