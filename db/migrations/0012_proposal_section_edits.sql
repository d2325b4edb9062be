CREATE TABLE `proposal_section_edits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`engagement_id` integer NOT NULL,
	`section_key` text NOT NULL,
	`markdown` text NOT NULL,
	`base_markdown` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`edited_by_id` integer NOT NULL,
	`edited_at` text NOT NULL,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`edited_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposal_section_edits_section` ON `proposal_section_edits` (`engagement_id`,`section_key`);