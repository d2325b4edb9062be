ALTER TABLE `proposal_version_fit` ADD `time_agreed` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Beside whether a version's plan keeps the partner's time, the database now keeps whether the partner
-- had agreed to it running past their time when the version was frozen (docs/decisions/0031): the
-- portfolio lists an agreed overrun as agreed, not as a risk. Kept as the version is written (versions
-- never change), and filled in for those already written.
DROP TRIGGER `proposal_version_fit_kept`;
--> statement-breakpoint
CREATE TRIGGER `proposal_version_fit_kept`
AFTER INSERT ON `proposal_versions`
BEGIN
  INSERT INTO `proposal_version_fit` (
    `proposal_version_id`, `shortfall_count`, `first_shortfalls_json`,
    `lowest_fee`, `fee_currency`, `option_count`, `budget_max`, `budget_currency`, `time_holds`, `time_summary`, `time_agreed`
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
    json_extract(NEW.`snapshot_json`, '$.timeCheck.summary'),
    json_extract(NEW.`snapshot_json`, '$.timeCheck.agreed.on') IS NOT NULL
  );
END;
--> statement-breakpoint
UPDATE `proposal_version_fit`
SET `time_agreed` = coalesce(
  (SELECT json_extract(v.`snapshot_json`, '$.timeCheck.agreed.on') IS NOT NULL FROM `proposal_versions` v WHERE v.`id` = `proposal_version_fit`.`proposal_version_id`),
  0
);
