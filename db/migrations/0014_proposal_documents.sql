CREATE TABLE `proposal_documents` (
	`proposal_version_id` integer NOT NULL,
	`edition` text NOT NULL,
	`format` text NOT NULL,
	`made_for` text NOT NULL,
	`bytes` blob NOT NULL,
	`sha256` text NOT NULL,
	`made_at` text NOT NULL,
	PRIMARY KEY(`proposal_version_id`, `edition`, `format`),
	FOREIGN KEY (`proposal_version_id`) REFERENCES `proposal_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
