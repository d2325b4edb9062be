ALTER TABLE `engagements` ADD `exchange_rate` real;--> statement-breakpoint
ALTER TABLE `engagements` ADD `exchange_rate_from` text;--> statement-breakpoint
ALTER TABLE `engagements` ADD `exchange_rate_to` text;--> statement-breakpoint
ALTER TABLE `engagements` ADD `exchange_rate_on` text;--> statement-breakpoint
ALTER TABLE `engagements` ADD `exchange_rate_source` text;--> statement-breakpoint
ALTER TABLE `proposal_version_fit` ADD `exchange_rate` real;--> statement-breakpoint
ALTER TABLE `proposal_version_fit` ADD `exchange_rate_from` text;--> statement-breakpoint
ALTER TABLE `proposal_version_fit` ADD `exchange_rate_to` text;--> statement-breakpoint
ALTER TABLE `proposal_version_fit` ADD `exchange_rate_on` text;--> statement-breakpoint
-- A manager may record the exchange rate she uses to set the fee against a budget the partner states in
-- its own currency (docs/domain.md §8.7, decision 33). Each version freezes the rate it used in its
-- snapshot, and the database now keeps it beside the version as it is written, so that the portfolio
-- compares the version's fee with the budget through it (§8.13) without reading the snapshot. Versions
-- written before froze no rate: they stay not compared. SQLite cannot alter a trigger, so 0032's is
-- written again with the new columns.
DROP TRIGGER `proposal_version_fit_kept`;
--> statement-breakpoint
CREATE TRIGGER `proposal_version_fit_kept`
AFTER INSERT ON `proposal_versions`
BEGIN
  INSERT INTO `proposal_version_fit` (
    `proposal_version_id`, `shortfall_count`, `first_shortfalls_json`,
    `lowest_fee`, `fee_currency`, `option_count`, `budget_max`, `budget_min`, `budget_currency`, `time_holds`, `time_summary`, `time_agreed`,
    `exchange_rate`, `exchange_rate_from`, `exchange_rate_to`, `exchange_rate_on`
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
    json_extract(NEW.`snapshot_json`, '$.timeCheck.agreed.on') IS NOT NULL,
    json_extract(NEW.`snapshot_json`, '$.exchangeRate.rate'),
    json_extract(NEW.`snapshot_json`, '$.exchangeRate.from'),
    json_extract(NEW.`snapshot_json`, '$.exchangeRate.to'),
    json_extract(NEW.`snapshot_json`, '$.exchangeRate.on')
  );
END;
