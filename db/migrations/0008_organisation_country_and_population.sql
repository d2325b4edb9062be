-- An organisation's country and population may be unknown (NULL). SQLite cannot drop a NOT NULL in
-- place, and rebuilding the table would trip the foreign keys that point at it inside the migration's
-- transaction, so each column is replaced: added anew, filled, the old one dropped, the new one renamed.
ALTER TABLE `organisations` ADD `country_new` text;--> statement-breakpoint
UPDATE `organisations` SET `country_new` = `country`;--> statement-breakpoint
ALTER TABLE `organisations` DROP COLUMN `country`;--> statement-breakpoint
ALTER TABLE `organisations` RENAME COLUMN `country_new` TO `country`;--> statement-breakpoint
ALTER TABLE `organisations` ADD `population_new` integer;--> statement-breakpoint
UPDATE `organisations` SET `population_new` = `population`;--> statement-breakpoint
ALTER TABLE `organisations` DROP COLUMN `population`;--> statement-breakpoint
ALTER TABLE `organisations` RENAME COLUMN `population_new` TO `population`;
