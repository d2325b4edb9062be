CREATE TABLE `proposal_pricing` (
	`engagement_id` integer PRIMARY KEY NOT NULL,
	`levers_json` text DEFAULT '{}' NOT NULL,
	`fee_override` integer,
	`fee_override_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by_id` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
