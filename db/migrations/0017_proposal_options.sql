CREATE TABLE `proposal_options` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`engagement_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`scope` text DEFAULT '' NOT NULL,
	`leaves_out` text DEFAULT '' NOT NULL,
	`levers_json` text DEFAULT '{}' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by_id` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `proposal_options_engagement_idx` ON `proposal_options` (`engagement_id`);--> statement-breakpoint
ALTER TABLE `partner_responses` ADD `option_key` text DEFAULT '' NOT NULL;