ALTER TABLE `timelines` DROP COLUMN `start_month`;--> statement-breakpoint
ALTER TABLE `timelines` DROP COLUMN `teams`;