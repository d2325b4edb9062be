CREATE TABLE `proposal_version_fit` (
	`proposal_version_id` integer PRIMARY KEY NOT NULL,
	`shortfall_count` integer NOT NULL,
	`first_shortfalls_json` text NOT NULL,
	FOREIGN KEY (`proposal_version_id`) REFERENCES `proposal_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
