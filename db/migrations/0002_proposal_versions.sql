CREATE TABLE `proposal_pictures` (
	`proposal_version_id` integer NOT NULL,
	`picture` text NOT NULL,
	`svg` text NOT NULL,
	`png` blob NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	FOREIGN KEY (`proposal_version_id`) REFERENCES `proposal_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposal_pictures_unique` ON `proposal_pictures` (`proposal_version_id`,`picture`);--> statement-breakpoint
ALTER TABLE `proposal_versions` ADD `content_json` text DEFAULT '{}' NOT NULL;