-- What a change to the roster leaves short of an engagement submitted for approval, approved or agreed
-- (docs/domain.md §8.1), so that its owners and leadership are told of it once, until it is mended.
CREATE TABLE `roster_shortfalls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`engagement_id` integer NOT NULL,
	`proposal_version_id` integer NOT NULL,
	`commitment` text NOT NULL,
	`role` text NOT NULL,
	`months_json` text NOT NULL,
	`gap` real NOT NULL,
	`change` text NOT NULL,
	`changed_by_id` integer,
	`at` text NOT NULL,
	`resolved_at` text,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposal_version_id`) REFERENCES `proposal_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `roster_shortfalls_engagement_idx` ON `roster_shortfalls` (`engagement_id`,`role`);